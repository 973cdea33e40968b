package io.vigil.testing;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import io.vigil.events.EventCodec;
import io.vigil.events.KafkaCloudEvents;
import io.vigil.events.VigilEvent;

/** Publishes an event to the test broker as its owner would: a binary-mode CloudEvent keyed by its subject. */
public final class EventPublisher {

    private EventPublisher() {
    }

    /** Sends {@code data} as the next event of {@code subject} and waits until the broker has it. */
    public static VigilEvent<?> publish(String subject, long seq, Record data) {
        VigilEvent<?> event = VigilEvent.of(subject, seq, Instant.now(), data);
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestResource.bootstrapServers());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(),
                new StringSerializer())) {
            ProducerRecord<String, String> record = new ProducerRecord<>(event.type().topic(), subject,
                    EventCodec.encode(data));
            Map.of("ce_specversion", "1.0", "ce_id", event.id().toString(), "ce_source", event.type().source().uri().toString(),
                    "ce_type", event.type().ceType(), "ce_subject", subject, "ce_time", event.time().toString(),
                    "ce_" + KafkaCloudEvents.SEQ, String.valueOf(seq), "content-type", "application/json")
                    .forEach((name, value) -> record.headers().add(name, value.getBytes(UTF_8)));
            producer.send(record).get(30, TimeUnit.SECONDS);
            return event;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not publish " + event.type().ceType() + ": " + e.getMessage(), e);
        }
    }
}
