package io.vigil.bench.pipeline;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads {@code vigil.runs} back: every partition assigned (no group), from offsets taken before a case. Records
 * are binary CloudEvents: {@code ce_type} header, key = run id, JSON payload with {@code step} and {@code status}.
 */
final class RunsTopic {

    static final String TOPIC = "vigil.runs";
    static final String RUN_UPDATED = "io.vigil.run.updated";
    static final String STEP_UPDATED = "io.vigil.run.step.updated";
    private static final Set<String> TERMINAL = Set.of("success", "failed", "skipped", "cancelled");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One record of a run; {@code step} is null for io.vigil.run.updated. */
    record Event(String runId, String type, String step, String status, long timestampMs, String timestampType) {
        boolean terminal() {
            return TERMINAL.contains(status);
        }
    }

    private final String bootstrap;

    RunsTopic(String bootstrap) {
        this.bootstrap = bootstrap;
    }

    Map<TopicPartition, Long> endOffsets() {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = new ArrayList<>();
            consumer.partitionsFor(TOPIC, Duration.ofSeconds(30)).forEach(p -> partitions.add(new TopicPartition(TOPIC, p.partition())));
            return consumer.endOffsets(partitions);
        }
    }

    /**
     * The records of {@code runs} from {@code from}, until each run's terminal io.vigil.run.updated was read (a
     * run's records share a partition and come in order, so its steps' are in by then), or nothing new came for
     * {@code quiet}, or {@code limit} passed.
     */
    List<Event> read(Map<TopicPartition, Long> from, Set<String> runs, Duration quiet, Duration limit) {
        List<Event> out = new ArrayList<>();
        Set<String> open = new HashSet<>(runs);
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            consumer.assign(from.keySet());
            from.forEach(consumer::seek);
            long started = System.nanoTime();
            long lastNews = started;
            while (!open.isEmpty()) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    String run = r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8);
                    Header type = r.headers().lastHeader("ce_type");
                    if (run == null || type == null || !runs.contains(run)) {
                        continue;
                    }
                    JsonNode data = payload(r.value());
                    Event e = new Event(run, new String(type.value(), StandardCharsets.UTF_8),
                            data.hasNonNull("step") ? data.get("step").asText() : null, data.path("status").asText(),
                            r.timestamp(), r.timestampType().name);
                    out.add(e);
                    lastNews = System.nanoTime();
                    if (e.type().equals(RUN_UPDATED) && e.terminal()) {
                        open.remove(run);
                    }
                }
                long now = System.nanoTime();
                if (now - lastNews > quiet.toNanos() || now - started > limit.toNanos()) {
                    break;
                }
            }
        }
        return out;
    }

    private static JsonNode payload(byte[] value) {
        try {
            return value == null ? JSON.createObjectNode() : JSON.readTree(value);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "vigil-bench-pipeline");
        return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }
}
