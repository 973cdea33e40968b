package io.vigil.bench.logs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads line events back from a topic into a {@link Delivery}, on a thread of its own: a plain consumer with every
 * partition assigned (no group) and positioned at the end before anything is written, so only the case's records
 * are read. A line's arrival time is when the poll that returned its record returned. Binary CloudEvents:
 * {@code ce_type} says lines or status; the record key is the task id.
 */
final class EventReader implements AutoCloseable {

    static final String LINES = "io.vigil.log.lines";
    static final String STATUS = "io.vigil.log.status";
    /** Nothing new for this long, the case gives up: the service stopped delivering (each case's timeout bounds it too). */
    static final long QUIET_NANOS = 60_000_000_000L;

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Delivery delivery;
    private final Thread thread;
    private volatile boolean stopped;
    private volatile long malformed;
    private volatile long lastRecordNanos = System.nanoTime();

    EventReader(String bootstrap, String topic, Delivery delivery) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "100");
        this.consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.delivery = delivery;
        List<TopicPartition> partitions = new ArrayList<>();
        consumer.partitionsFor(topic, Duration.ofSeconds(30))
                .forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(tp -> consumer.position(tp, Duration.ofSeconds(30))); // resolved now, not at the first poll
        this.thread = new Thread(this::run, "reader-" + topic);
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        while (!stopped && !delivery.complete()) {
            ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(100));
            long now = Stamp.nowMicros();
            for (ConsumerRecord<byte[], byte[]> r : records) {
                accept(r, now);
            }
            if (!records.isEmpty()) {
                lastRecordNanos = System.nanoTime();
            }
        }
    }

    private void accept(ConsumerRecord<byte[], byte[]> r, long now) {
        Header type = r.headers().lastHeader("ce_type");
        String kind = type == null ? "" : new String(type.value(), StandardCharsets.UTF_8);
        if (kind.equals(STATUS)) {
            delivery.statusEvent();
        } else if (kind.equals(LINES) && r.key() != null && r.value() != null) {
            delivery.lineEvent();
            String task = new String(r.key(), StandardCharsets.UTF_8);
            try {
                LineEvents.read(r.value(), (offset, text) -> delivery.line(task, offset, text, now));
            } catch (IOException | RuntimeException e) {
                malformed++;
            }
        }
    }

    /**
     * Waits until every expected line arrived, or {@code deadlineNanos} (System.nanoTime) passed, or no record came
     * for {@code QUIET_NANOS}; true when complete.
     */
    boolean await(long deadlineNanos) throws InterruptedException {
        while (!delivery.complete() && System.nanoTime() < deadlineNanos && thread.isAlive()
                && System.nanoTime() - lastRecordNanos < QUIET_NANOS) {
            Thread.sleep(1);
        }
        return delivery.complete();
    }

    long malformed() {
        return malformed;
    }

    /** Stops reading (after the current poll) and closes the consumer; the delivery may be read from then on. */
    @Override
    public void close() throws InterruptedException {
        stopped = true;
        thread.join(10_000);
        consumer.close(Duration.ofSeconds(5));
    }
}
