package io.vigil.monitor.messaging;

import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.Consumer;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;

/**
 * How far the gateway's consumer reads behind the log end: records not yet read, summed over its partitions, from
 * the lag the Kafka client knows from its last fetches ({@code currentLag}, no request to the broker). Read on the
 * consumer's polling thread, which the client requires, every {@code vigil.alerts.evaluation-interval}; exposed as
 * the gauge {@code vigil_gateway_consumer_lag_records} and as the consumer-lag rule's input.
 */
@ApplicationScoped
public class ConsumerLag {

    private static final Logger LOG = Logger.getLogger(ConsumerLag.class);

    private final KafkaClientService kafka;
    private final AtomicLong records = new AtomicLong();

    ConsumerLag(KafkaClientService kafka, MeterRegistry registry) {
        this.kafka = kafka;
        Gauge.builder("vigil.gateway.consumer.lag.records", records, AtomicLong::get)
                .description("records the gateway has not read yet, summed over its partitions").register(registry);
    }

    /** The lag as last measured. */
    public long records() {
        return records.get();
    }

    @Scheduled(every = "${vigil.alerts.evaluation-interval:10s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void measure() {
        KafkaConsumer<Object, Object> consumer = kafka.getConsumer(EventFeed.CHANNEL);
        if (consumer == null) {
            return; // the channel is not connected yet
        }
        consumer.runOnPollingThread(ConsumerLag::sum).subscribe().with(records::set,
                failure -> LOG.debugf("consumer lag not measured: %s", failure.getMessage()));
    }

    /** The lag summed over the assigned partitions; a partition whose lag is not known yet counts 0. */
    static long sum(Consumer<?, ?> consumer) {
        return consumer.assignment().stream().mapToLong(partition -> consumer.currentLag(partition).orElse(0)).sum();
    }
}
