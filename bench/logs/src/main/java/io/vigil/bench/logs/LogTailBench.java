package io.vigil.bench.logs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The log tailing benchmark (issue 6) against a running stack (bench/log-tail.sh starts one), in this order: a
 * warm-up file (not reported); throughput on one file (with {@code tail -F} on it) and the bare Kafka round trip
 * with the same lines; latency at a fixed rate (with {@code tail -F}) twice, the bare Kafka round trip at the same
 * rate between the two; last, throughput on many files. Writes run.json and summary.md to the output directory.
 */
public final class LogTailBench {

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** Between cases: the outbox marks what was sent (once a second) and the box quietens. */
    private static final long PAUSE_MS = 3000;

    private LogTailBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("--render")) { // summary.md again from a run.json, measuring nothing
            Path runJson = Path.of(args[1]);
            @SuppressWarnings("unchecked")
            Map<String, Object> all = JSON.readValue(runJson.toFile(), Map.class);
            Files.writeString(runJson.resolveSibling("summary.md"), Summary.markdown(all));
            return;
        }
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(Options.USAGE);
            System.exit(2);
            return;
        }
        Files.createDirectories(o.out());
        StackUnderTest stack = new StackUnderTest(o.bootstrap(), o.logRoot(), o.pids(), o.database(), o.timeoutSeconds());
        Map<String, Object> all = header(o);
        if (o.warmup() > 0) {
            Map<String, Object> warmup = new Throughput(stack).oneFile(o.warmup(), false);
            all.put("warmup", Map.of("lines", o.warmup(), "vigil", warmup.get("vigil")));
            progress("warm-up", warmup);
        }
        Throughput throughput = new Throughput(stack);
        if (o.runs("one-file")) {
            all.put("one_file", measured("one file", () -> throughput.oneFile(o.lines(), true)));
        }
        if (o.runs("kafka")) {
            all.put("kafka_burst", measured("bare Kafka, as fast as possible", () -> throughput.kafka(o.lines())));
        }
        if (o.runs("latency")) {
            Latency latency = new Latency(stack);
            all.put("latency_1", measured("latency #1", () -> latency.vigil(o.rate(), o.seconds(), o.batchMs())));
            all.put("kafka_paced", measured("bare Kafka at the rate", () -> latency.kafka(o.rate(), o.seconds(), o.batchMs())));
            all.put("latency_2", measured("latency #2", () -> latency.vigil(o.rate(), o.seconds(), o.batchMs())));
        }
        // last: it is the case that can exhaust the service (every open file's backlog in one transaction)
        if (o.runs("many-files")) {
            all.put("many_files", measured(o.files() + " files", () -> throughput.manyFiles(o.lines(), o.files())));
        }
        all.put("load_after", CpuUse.loadavg());
        all.put("finished", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        JSON.writeValue(o.out().resolve("run.json").toFile(), all);
        Files.writeString(o.out().resolve("summary.md"), Summary.markdown(all));
        System.out.println("results: " + o.out().resolve("run.json") + ", " + o.out().resolve("summary.md"));
    }

    private interface Case {
        Map<String, Object> run() throws Exception;
    }

    private static Map<String, Object> measured(String name, Case c) throws Exception {
        Thread.sleep(PAUSE_MS);
        Map<String, Object> result = c.run();
        progress(name, result);
        return result;
    }

    private static void progress(String name, Map<String, Object> result) {
        for (String who : new String[] {"vigil", "tail", "kafka"}) {
            if (result.get(who) instanceof Map<?, ?> r) {
                System.out.printf("%-32s %-6s received %s, lines/s %s, latency %s%n", name, who, r.get("lines_received"),
                        r.get("lines_per_s"), r.get("latency_ms"));
            }
        }
    }

    private static Map<String, Object> header(Options o) {
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("started", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        all.put("commit", o.commit());
        all.put("cores", Runtime.getRuntime().availableProcessors());
        all.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version"));
        all.put("note", o.note());
        all.put("lines", o.lines());
        all.put("files", o.files());
        all.put("rate", o.rate());
        all.put("seconds", o.seconds());
        all.put("batch_ms", o.batchMs());
        all.put("warmup_lines", o.warmup());
        all.put("secret_percent", BuildOutput.SECRET_PERCENT);
        all.put("pids", o.pids());
        all.put("load_before", CpuUse.loadavg());
        return all;
    }
}
