package io.vigil.bench.logs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Throughput cases: lines appended as fast as one thread writes them, timed from the first append to the moment the
 * last line was read back. One file (with {@code tail -F} following it), many files written round-robin, and the
 * bare Kafka round trip with the same lines.
 */
final class Throughput {

    /** Lines per write(2) on one file: about 50 KiB. */
    private static final int CHUNK = 500;

    private final StackUnderTest stack;

    Throughput(StackUnderTest stack) {
        this.stack = stack;
    }

    /** {@code lines} into one step log, read back from vigil.logs and from tail's output. */
    Map<String, Object> oneFile(long lines, boolean withTail) throws Exception {
        StepLog log = StepLog.create(stack.logRoot(), "build");
        Delivery delivery = new Delivery(List.of(log.taskId()), lines);
        Map<String, Object> out = new LinkedHashMap<>();
        try (log; EventReader reader = new EventReader(stack.bootstrap(), StackUnderTest.LOGS_TOPIC, delivery);
                TailFollower tail = withTail ? TailFollower.start(log.path(), lines) : null) {
            StackUnderTest.settle();
            CpuUse before = stack.cpu();
            long start = Stamp.nowMicros();
            out.put("write_s", Pacer.burst(List.of(log), lines, CHUNK));
            out.put("bytes", log.size());
            long deadline = stack.deadline();
            if (tail != null) {
                tail.await(deadline);
            }
            reader.await(deadline);
            out.put("cpu", before.until(stack.cpu()));
            out.put("vigil", vigil(delivery, start, out));
            if (tail != null) {
                tail.close();
                Map<String, Object> t = tail.result();
                t.put("lines_per_s", perSecond((long) t.get("lines_received"), tail.lastMicros() - start));
                out.put("tail", t);
            }
            out.put("malformed_events", reader.malformed());
        }
        return out;
    }

    /** {@code lines} spread over {@code files} step logs of as many runs, written round-robin in chunks. */
    Map<String, Object> manyFiles(long lines, int files) throws Exception {
        long each = lines / files;
        List<StepLog> logs = new ArrayList<>();
        Map<String, Object> out = new LinkedHashMap<>();
        try {
            for (int i = 0; i < files; i++) {
                logs.add(StepLog.create(stack.logRoot(), "step-" + i));
            }
            Delivery delivery = new Delivery(logs.stream().map(StepLog::taskId).toList(), each);
            try (EventReader reader = new EventReader(stack.bootstrap(), StackUnderTest.LOGS_TOPIC, delivery)) {
                StackUnderTest.settle();
                CpuUse before = stack.cpu();
                long start = Stamp.nowMicros();
                out.put("write_s", Pacer.burst(logs, each, (int) Math.min(CHUNK, Math.max(1, each / 10))));
                reader.await(stack.deadline());
                out.put("cpu", before.until(stack.cpu()));
                out.put("vigil", vigil(delivery, start, out));
                out.put("malformed_events", reader.malformed());
            }
        } finally {
            for (StepLog log : logs) {
                log.close();
            }
        }
        return out;
    }

    /** The same {@code lines}, one record each, produced by the harness itself and read back. */
    Map<String, Object> kafka(long lines) throws Exception {
        Map<String, Object> out = new LinkedHashMap<>();
        try (KafkaRoundTrip trip = KafkaRoundTrip.create(stack.bootstrap())) {
            Delivery delivery = new Delivery(List.of(trip.taskId()), lines);
            try (EventReader reader = new EventReader(stack.bootstrap(), trip.topic(), delivery)) {
                CpuUse before = stack.cpu();
                long start = Stamp.nowMicros();
                out.put("produce_s", Pacer.burst(List.of(trip), lines, CHUNK));
                reader.await(stack.deadline());
                out.put("cpu", before.until(stack.cpu()));
                Map<String, Object> k = new LinkedHashMap<>(delivery.counts());
                k.put("lines_per_s", perSecond(delivery.received(), delivery.lastMicros() - start));
                k.put("latency_ms", delivery.latency().summary());
                k.put("send_failures", trip.failed());
                out.put("kafka", k);
            }
        }
        return out;
    }

    private static Map<String, Object> vigil(Delivery delivery, long start, Map<String, Object> caseOut) {
        Map<String, Object> v = new LinkedHashMap<>(delivery.counts());
        v.put("complete", delivery.complete());
        v.put("lines_per_s", perSecond(delivery.received(), delivery.lastMicros() - start));
        v.put("first_line_after_ms", delivery.firstMicros() < 0 ? null : Samples.ms(delivery.firstMicros() - start));
        v.put("last_line_after_ms", delivery.lastMicros() < 0 ? null : Samples.ms(delivery.lastMicros() - start));
        v.put("latency_ms", delivery.latency().summary());
        Map<?, ?> cpu = (Map<?, ?>) caseOut.get("cpu");
        Object service = cpu == null ? null : cpu.get(StackUnderTest.SERVICE);
        if (service instanceof Map<?, ?> s && delivery.received() > 0) {
            // CPU µs per line equals CPU % of one core per 10,000 lines/s
            v.put("service_cpu_us_per_line", Samples.round((double) s.get("cpu_s") * 1e6 / delivery.received()));
        }
        return v;
    }

    static Double perSecond(long lines, long micros) {
        return micros <= 0 || lines == 0 ? null : Samples.round(lines * 1e6 / micros);
    }
}
