package io.vigil.bench.ingest;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads back what ingest-service published: every {@code io.vigil.deployment.updated} record on the topic from
 * given offsets whose payload {@code message} is one of a case's ids ({@code <prefix><index>}). Keeps, per id,
 * how many records carried it and the first one's timestamp (CreateTime: set by the service's producer when
 * it handed the record over).
 */
final class KafkaTrace {

    static final String DEPLOYMENT_UPDATED = "io.vigil.deployment.updated";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What was seen of one case's ids. */
    static final class Seen {
        final String prefix;
        final int[] count;
        final long[] timestamp;
        int distinct;
        int records;
        boolean logAppendTime;

        Seen(String prefix, int ids) {
            this.prefix = prefix;
            this.count = new int[ids];
            this.timestamp = new long[ids];
        }
    }

    /** A record as ingest-service produced it, to produce copies of the same size in the bare-Kafka baseline. */
    record Template(String id, byte[] key, byte[] value, List<Header> headers) {
        int size() {
            int size = (key == null ? 0 : key.length) + value.length;
            for (Header h : headers) {
                size += h.key().getBytes(StandardCharsets.UTF_8).length + (h.value() == null ? 0 : h.value().length);
            }
            return size;
        }
    }

    private final String bootstrap;
    private final String topic;

    KafkaTrace(String bootstrap, String topic) {
        this.bootstrap = bootstrap;
        this.topic = topic;
    }

    /** The topic's end offsets now: where the next case's records will start. */
    Map<TopicPartition, Long> endOffsets() {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            return consumer.endOffsets(partitions(consumer));
        }
    }

    /**
     * Reads from {@code from} until every case has {@code expected} distinct ids and the end offsets taken at the
     * start are reached, or nothing new matched for {@code quiet}, or {@code limit} passed.
     */
    Template collect(Map<TopicPartition, Long> from, List<Seen> cases, Map<String, Integer> expected, Duration quiet,
            Duration limit) {
        Template template = null;
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = new ArrayList<>(from.keySet());
            consumer.assign(partitions);
            from.forEach(consumer::seek);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long started = System.nanoTime();
            long lastProgress = started;
            while (true) {
                boolean progress = false;
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    Header type = record.headers().lastHeader("ce_type");
                    if (type == null || !DEPLOYMENT_UPDATED.equals(new String(type.value(), StandardCharsets.UTF_8))) {
                        continue;
                    }
                    String message = message(record.value());
                    if (message == null) {
                        continue;
                    }
                    for (Seen seen : cases) {
                        if (!message.startsWith(seen.prefix)) {
                            continue;
                        }
                        int index;
                        try {
                            index = Integer.parseInt(message.substring(seen.prefix.length()));
                        } catch (NumberFormatException e) {
                            continue;
                        }
                        if (index < 0 || index >= seen.count.length) {
                            continue;
                        }
                        seen.records++;
                        if (seen.count[index]++ == 0) {
                            seen.distinct++;
                            seen.timestamp[index] = record.timestamp();
                            seen.logAppendTime |= record.timestampType().name.equals("LogAppendTime");
                            progress = true;
                        }
                        if (template == null) {
                            template = new Template(message, record.key(), record.value(),
                                    List.of(record.headers().toArray()));
                        }
                    }
                }
                long now = System.nanoTime();
                if (progress) {
                    lastProgress = now;
                }
                boolean complete = cases.stream().allMatch(s -> s.distinct >= expected.getOrDefault(s.prefix, 0));
                boolean atEnd = end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
                if ((complete && atEnd) || now - lastProgress > quiet.toNanos() || now - started > limit.toNanos()) {
                    return template;
                }
            }
        }
    }

    private static String message(byte[] value) {
        try {
            JsonNode node = JSON.readTree(value);
            JsonNode message = node == null ? null : node.get("message");
            return message == null ? null : message.asText();
        } catch (java.io.IOException e) {
            return null;
        }
    }

    private List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> consumer) {
        List<TopicPartition> out = new ArrayList<>();
        for (PartitionInfo p : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
            out.add(new TopicPartition(topic, p.partition()));
        }
        return out;
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "vigil-bench-trace");
        return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    static Map<String, Integer> expect(String prefix, int n) {
        Map<String, Integer> m = new HashMap<>();
        m.put(prefix, n);
        return m;
    }
}
