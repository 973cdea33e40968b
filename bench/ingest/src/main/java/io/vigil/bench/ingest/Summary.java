package io.vigil.bench.ingest;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The markdown table: one row per case, the same columns for all (– where a figure does not apply). */
final class Summary {

    private Summary() {
    }

    static final String HEADER = """
            | case | rate/s | sent (achieved/s) | ok | errors | lat p50 ms | p90 | p99 | max | →Kafka p50 ms | p90 | p99 | max | lost | dup | ingest CPU % | kafka CPU % | pg CPU % | harness CPU % | box busy % |
            |---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|
            """;

    static String table(List<Map<String, Object>> cases) {
        return HEADER + cases.stream().map(Summary::row).collect(Collectors.joining("\n")) + "\n";
    }

    @SuppressWarnings("unchecked")
    static String row(Map<String, Object> c) {
        String kind = (String) c.get("case");
        boolean max = kind.endsWith("-max");
        Map<String, Object> latency = (Map<String, Object>) (c.containsKey("http_latency_ms") ? c.get("http_latency_ms")
                : c.get("send_ack_latency_ms"));
        Map<String, Object> kafka = (Map<String, Object>) c.get("webhook_to_kafka");
        Map<String, Object> toKafka = kafka == null ? Map.of() : (Map<String, Object>) kafka.get("latency_ms");
        Map<String, Object> cpu = (Map<String, Object>) c.getOrDefault("cpu", Map.of());
        Map<String, Object> perProcess = (Map<String, Object>) cpu.getOrDefault("pct_of_one_core", Map.of());
        String sent = max ? c.get("sent_in_window") + " (" + c.get("acks_per_s") + " acked/s)"
                : c.get("sent") + (c.get("planned") instanceof Integer p && c.get("sent") instanceof Integer n && n < p ? " of " + p : "")
                        + " (" + c.get("achieved_rate") + ")";
        Object ok = c.containsKey("ok_2xx") ? c.get("ok_2xx") : c.containsKey("acked") ? c.get("acked") : c.get("acked_in_window");
        return "| " + String.join(" | ", kind, max ? "max" : String.valueOf(c.get("rate")), sent, String.valueOf(ok),
                errors(c.get("errors")), f(latency, "p50"), f(latency, "p90"), f(latency, "p99"), f(latency, "max"),
                f(toKafka, "p50"), f(toKafka, "p90"), f(toKafka, "p99"), f(toKafka, "max"),
                kafka == null ? "–" : String.valueOf(kafka.get("lost")), kafka == null ? "–" : String.valueOf(kafka.get("duplicates")),
                f(perProcess, "ingest"), f(perProcess, "kafka"), f(perProcess, "postgres"), f(perProcess, "harness"),
                f(cpu, "box_busy_pct")) + " |";
    }

    private static String errors(Object errors) {
        if (errors instanceof Map<?, ?> m) {
            return m.isEmpty() ? "0" : m.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
                    .collect(Collectors.joining(", "));
        }
        return String.valueOf(errors);
    }

    private static String f(Map<String, Object> m, String key) {
        Object v = m == null ? null : m.get(key);
        return v == null ? "–" : String.valueOf(v);
    }
}
