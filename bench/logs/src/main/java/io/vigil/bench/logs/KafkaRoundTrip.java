package io.vigil.bench.logs;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringSerializer;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

/**
 * The second baseline, the floor for anything going through Kafka: the harness produces each line itself, as one
 * {@code io.vigil.log.lines} record of one line (same headers, key and payload shape as the service's), to a
 * scratch topic with the partitions of {@code vigil.logs}, with the service's producer settings (acks=all,
 * linger.ms=0), and reads it back with an {@link EventReader}. No file, no database, no transaction. The scratch
 * topic is deleted on close.
 */
final class KafkaRoundTrip implements LineSink, AutoCloseable {

    private static final int PARTITIONS = 3; // as the local stack creates vigil.logs

    private final Admin admin;
    private final KafkaProducer<String, String> producer;
    private final String topic;
    private final String taskId = UUID.randomUUID() + "/roundtrip/1";
    private final AtomicLong failed = new AtomicLong();
    private final StringBuilder text = new StringBuilder(256);

    private KafkaRoundTrip(String bootstrap, String topic) throws ExecutionException, InterruptedException,
            TimeoutException {
        this.topic = topic;
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
        admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1))).all().get(30, TimeUnit.SECONDS);
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        this.producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }

    /** A new scratch topic ({@code vigil-bench.roundtrip.<random>}) and a producer for it. */
    static KafkaRoundTrip create(String bootstrap) throws ExecutionException, InterruptedException, TimeoutException {
        return new KafkaRoundTrip(bootstrap, "vigil-bench.roundtrip." + UUID.randomUUID().toString().substring(0, 8));
    }

    String topic() {
        return topic;
    }

    @Override
    public String taskId() {
        return taskId;
    }

    @Override
    public void append(long first, int count, long micros) {
        String time = Instant.ofEpochSecond(micros / 1_000_000, (micros % 1_000_000) * 1000).toString();
        for (long n = first; n < first + count; n++) {
            text.setLength(0);
            text.append(BuildOutput.line(n));
            Stamp.append(text, micros);
            String line = new String(JsonStringEncoder.getInstance().quoteAsString(text.toString()));
            String payload = "{\"task_id\":\"" + taskId + "\",\"lines\":[{\"offset\":" + n + ",\"time\":\"" + time
                    + "\",\"level\":\"INFO\",\"text\":\"" + line + "\"}]}";
            RecordHeaders headers = new RecordHeaders();
            headers.add("ce_specversion", bytes("1.0"));
            headers.add("ce_id", bytes(UUID.randomUUID().toString()));
            headers.add("ce_source", bytes("/vigil/logs"));
            headers.add("ce_type", bytes(EventReader.LINES));
            headers.add("ce_subject", bytes(taskId));
            headers.add("ce_time", bytes(time));
            headers.add("content-type", bytes("application/json"));
            headers.add("ce_seq", bytes(Long.toString(n)));
            producer.send(new ProducerRecord<>(topic, null, taskId, payload, headers), (meta, e) -> {
                if (e != null) {
                    failed.incrementAndGet();
                }
            });
        }
    }

    long failed() {
        return failed.get();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws ExecutionException, InterruptedException, TimeoutException {
        producer.close(Duration.ofSeconds(10));
        try {
            admin.deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
        } finally {
            admin.close(Duration.ofSeconds(5));
        }
    }
}
