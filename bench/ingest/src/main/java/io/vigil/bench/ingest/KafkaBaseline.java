package io.vigil.bench.ingest;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The bare Kafka hop: a plain {@link KafkaProducer} (acks=all, linger.ms=0, otherwise defaults) producing copies of
 * a record ingest-service produced (same key, same headers, a value of the same length with a fresh id) to a
 * scratch topic on the same broker. Send → ack latency from the send call to the callback, at a fixed rate
 * (same schedule as the HTTP cases) and at the most one thread can push.
 */
final class KafkaBaseline {

    private final String bootstrap;
    private final String topic;
    private final KafkaTrace.Template template;

    KafkaBaseline(String bootstrap, String topic, int partitions, KafkaTrace.Template template) throws Exception {
        this.bootstrap = bootstrap;
        this.topic = topic;
        this.template = template;
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(props)) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
    }

    void deleteTopic() {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(props)) {
            admin.deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            System.err.println("could not delete " + topic + ": " + e.getMessage());
        }
    }

    /** The template's record with {@code id} (same length as the template's id) in place of its id. */
    private ProducerRecord<byte[], byte[]> record(String id) {
        String value = new String(template.value(), StandardCharsets.UTF_8).replace(template.id(), id);
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, null, template.key(),
                value.getBytes(StandardCharsets.UTF_8));
        template.headers().forEach(h -> record.headers().add(new RecordHeader(h.key(), h.value())));
        return record;
    }

    private KafkaProducer<byte[], byte[]> producer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "vigil-bench-baseline");
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** Open loop at {@code rate}: the measured window's send → ack latency and error counts. */
    Map<String, Object> atRate(String idPrefix, int rate, int warmupSeconds, int durationSeconds) {
        int total = rate * (warmupSeconds + durationSeconds);
        int first = rate * warmupSeconds;
        long[] sent = new long[total];
        long[] acked = new long[total];
        ProducerRecord<byte[], byte[]>[] records = prebuilt(idPrefix, total);
        Map<String, AtomicInteger> errors = new ConcurrentHashMap<>();
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            producer.partitionsFor(topic); // metadata before the clock starts
            long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
            for (int i = 0; i < total; i++) {
                long due = start + (long) i * 1_000_000_000L / rate;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                final int index = i;
                sent[i] = System.nanoTime();
                producer.send(records[i], (metadata, failure) -> {
                    acked[index] = System.nanoTime();
                    if (failure != null) {
                        errors.computeIfAbsent(failure.getClass().getSimpleName(), k -> new AtomicInteger()).incrementAndGet();
                    }
                });
                records[i] = null;
            }
            producer.flush(); // callbacks have run once flush returns
        }
        int measured = total - first;
        long[] latency = new long[measured];
        int n = 0;
        for (int i = first; i < total; i++) {
            if (acked[i] != 0) {
                latency[n++] = acked[i] - sent[i];
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("target_rate", rate);
        out.put("sent", measured);
        out.put("acked", n);
        Map<String, Integer> errorCounts = new TreeMap<>();
        errors.forEach((k, v) -> errorCounts.put(k, v.get()));
        out.put("errors", errorCounts);
        double span = (sent[total - 1] - sent[first]) / 1e9;
        out.put("achieved_rate", span > 0 ? Stats.round((measured - 1) / span) : null);
        out.put("record_bytes", template.size());
        out.put("send_ack_latency_ms", Stats.of(latency, n, 1e6));
        return out;
    }

    /** As fast as one thread can send (the producer's buffer pushes back): acks per second in the measured window. */
    Map<String, Object> max(String idPrefix, int warmupSeconds, int durationSeconds) {
        AtomicLong ackedInWindow = new AtomicLong();
        AtomicInteger failed = new AtomicInteger();
        int sampleSize = 2_000_000;
        long[] samples = new long[sampleSize];
        AtomicInteger sampled = new AtomicInteger();
        long sentInWindow = 0;
        long start = System.nanoTime();
        long windowStart = start + TimeUnit.SECONDS.toNanos(warmupSeconds);
        long windowEnd = windowStart + TimeUnit.SECONDS.toNanos(durationSeconds);
        ProducerRecord<byte[], byte[]>[] pool = prebuilt(idPrefix, 1000); // building records is not what is measured
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            producer.partitionsFor(topic);
            for (int i = 0;; i++) {
                long now = System.nanoTime();
                if (now >= windowEnd) {
                    break;
                }
                boolean inWindow = now >= windowStart;
                if (inWindow) {
                    sentInWindow++;
                }
                long sentAt = now;
                producer.send(pool[i % pool.length], (metadata, failure) -> {
                    long ackAt = System.nanoTime();
                    if (failure != null) {
                        failed.incrementAndGet();
                    } else if (ackAt >= windowStart && ackAt < windowEnd) {
                        ackedInWindow.incrementAndGet();
                        int s = sampled.getAndIncrement();
                        if (s < sampleSize) {
                            samples[s] = ackAt - sentAt;
                        }
                    }
                });
            }
            producer.flush();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("sent_in_window", sentInWindow);
        out.put("acked_in_window", ackedInWindow.get());
        out.put("errors", failed.get());
        out.put("acks_per_s", Stats.round(ackedInWindow.get() / (double) durationSeconds));
        out.put("record_bytes", template.size());
        out.put("send_ack_latency_ms", Stats.of(samples, Math.min(sampled.get(), sampleSize), 1e6));
        return out;
    }

    @SuppressWarnings("unchecked")
    private ProducerRecord<byte[], byte[]>[] prebuilt(String idPrefix, int total) {
        ProducerRecord<byte[], byte[]>[] records = new ProducerRecord[total];
        for (int i = 0; i < total; i++) {
            records[i] = record(idPrefix + String.format("%07d", i));
        }
        return records;
    }
}
