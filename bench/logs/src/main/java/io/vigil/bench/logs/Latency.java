package io.vigil.bench.logs;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Latency at a fixed rate: lines appended open loop ({@link Pacer}) to one step log for a fixed time, each read back
 * from vigil.logs and from {@code tail -F}'s output on the same file; and the same schedule through the bare Kafka
 * round trip. Latency = arrival − the line's stamp (its append time). CPU is read over the case.
 */
final class Latency {

    /** How long lines may still come in after the last append before the case gives up on them. */
    private static final long DRAIN_NANOS = 30_000_000_000L;

    private final StackUnderTest stack;

    Latency(StackUnderTest stack) {
        this.stack = stack;
    }

    Map<String, Object> vigil(int rate, int seconds, int batchMs) throws Exception {
        long lines = (long) rate * seconds;
        StepLog log = StepLog.create(stack.logRoot(), "test");
        Delivery delivery = new Delivery(List.of(log.taskId()), lines);
        Map<String, Object> out = new LinkedHashMap<>();
        try (log; EventReader reader = new EventReader(stack.bootstrap(), StackUnderTest.LOGS_TOPIC, delivery);
                TailFollower tail = TailFollower.start(log.path(), lines)) {
            StackUnderTest.settle();
            CpuUse before = stack.cpu();
            out.put("schedule", Pacer.run(log, rate, seconds, batchMs));
            long deadline = Math.min(stack.deadline(), System.nanoTime() + DRAIN_NANOS);
            tail.await(deadline);
            reader.await(deadline);
            Map<String, Object> cpu = before.until(stack.cpu());
            out.put("cpu", cpu);
            Map<String, Object> v = new LinkedHashMap<>(delivery.counts());
            v.put("latency_ms", delivery.latency().summary());
            v.put("service_cpu_pct_per_10k_lines_per_s", per10k(cpu, StackUnderTest.SERVICE, rate));
            v.put("broker_cpu_pct_per_10k_lines_per_s", per10k(cpu, "kafka", rate));
            v.put("postgres_db_cpu_pct_per_10k_lines_per_s", per10k(cpu, "postgres_service_db", rate));
            v.put("postgres_all_cpu_pct_per_10k_lines_per_s", per10k(cpu, "postgres_all", rate));
            out.put("vigil", v);
            tail.close();
            out.put("tail", tail.result());
            out.put("malformed_events", reader.malformed());
        }
        return out;
    }

    Map<String, Object> kafka(int rate, int seconds, int batchMs) throws Exception {
        long lines = (long) rate * seconds;
        Map<String, Object> out = new LinkedHashMap<>();
        try (KafkaRoundTrip trip = KafkaRoundTrip.create(stack.bootstrap())) {
            Delivery delivery = new Delivery(List.of(trip.taskId()), lines);
            try (EventReader reader = new EventReader(stack.bootstrap(), trip.topic(), delivery)) {
                CpuUse before = stack.cpu();
                out.put("schedule", Pacer.run(trip, rate, seconds, batchMs));
                reader.await(Math.min(stack.deadline(), System.nanoTime() + DRAIN_NANOS));
                Map<String, Object> cpu = before.until(stack.cpu());
                out.put("cpu", cpu);
                Map<String, Object> k = new LinkedHashMap<>(delivery.counts());
                k.put("latency_ms", delivery.latency().summary());
                k.put("send_failures", trip.failed());
                k.put("broker_cpu_pct_per_10k_lines_per_s", per10k(cpu, "kafka", rate));
                k.put("harness_cpu_pct_per_10k_lines_per_s", per10k(cpu, "harness", rate));
                out.put("kafka", k);
            }
        }
        return out;
    }

    /** Percent of one core a process used over the case, per 10,000 lines/s of the offered rate. */
    private static Double per10k(Map<String, Object> cpu, String process, int rate) {
        Object p = cpu.get(process);
        if (!(p instanceof Map<?, ?> m) || !(m.get("pct_of_one_core") instanceof Double pct)) {
            return null;
        }
        return Samples.round(pct * 10_000 / rate);
    }
}
