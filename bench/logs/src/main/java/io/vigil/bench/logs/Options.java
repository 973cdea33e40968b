package io.vigil.bench.logs;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The harness's command line; the broker must be on 127.0.0.1, and every count and duration is bounded. */
record Options(String bootstrap, Path logRoot, Path out, long lines, int files, int rate, int seconds, int batchMs,
        long warmup, int timeoutSeconds, List<String> cases, Map<String, Long> pids, String database, String commit,
        String note) {

    static final String USAGE = """
            usage: LogTailBench --bootstrap 127.0.0.1:PORT --log-root DIR [--out DIR] [--lines 500000] [--files 100]
                   [--rate 5000] [--seconds 30] [--batch-ms 1] [--warmup 50000] [--timeout 300]
                   [--cases throughput,latency | one-file,many-files,kafka,latency] [--pids name=pid,...]
                   [--database NAME] [--commit LABEL] [--note TEXT]
                   LogTailBench --render DIR/run.json    (writes DIR/summary.md again from a run's results)
            --log-root is log-stream-service's vigil.logs.log-root (step logs are written under it); --database the
            service's PostgreSQL database, whose backends' CPU is counted apart; --timeout bounds each case.""";

    /** Whether case {@code name} (one-file, many-files, kafka, latency) is to run; throughput means the first three. */
    boolean runs(String name) {
        return cases.contains(name) || !name.equals("latency") && cases.contains("throughput");
    }

    static Options parse(String[] args) {
        Map<String, String> given = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --name value, got " + args[i]);
            }
            given.put(args[i].substring(2), args[++i]);
        }
        String bootstrap = required(given, "bootstrap");
        if (!bootstrap.startsWith("127.0.0.1:")) {
            throw new IllegalArgumentException("this harness only talks to a broker on 127.0.0.1; got " + bootstrap);
        }
        long lines = Long.parseLong(given.getOrDefault("lines", "500000"));
        int files = Integer.parseInt(given.getOrDefault("files", "100"));
        int rate = Integer.parseInt(given.getOrDefault("rate", "5000"));
        int seconds = Integer.parseInt(given.getOrDefault("seconds", "30"));
        int batchMs = Integer.parseInt(given.getOrDefault("batch-ms", "1"));
        long warmup = Long.parseLong(given.getOrDefault("warmup", "50000"));
        int timeout = Integer.parseInt(given.getOrDefault("timeout", "300"));
        if (lines < 1000 || lines > 10_000_000 || files < 1 || files > 1000 || lines / files < 10 || rate < 1
                || rate > 200_000 || seconds < 1 || seconds > 600 || batchMs < 1 || batchMs > 1000 || warmup < 0
                || warmup > 1_000_000 || timeout < 10 || timeout > 3600) {
            throw new IllegalArgumentException("lines 1000..10M (at least 10 a file), files 1..1000, rate 1..200000, "
                    + "seconds 1..600, batch-ms 1..1000, warmup 0..1M, timeout 10..3600");
        }
        Map<String, Long> pids = new LinkedHashMap<>();
        for (String entry : given.getOrDefault("pids", "").split(",")) {
            if (!entry.isBlank()) {
                String[] kv = entry.split("=", 2);
                pids.put(kv[0].trim(), Long.parseLong(kv[1].trim()));
            }
        }
        return new Options(bootstrap, Path.of(required(given, "log-root")),
                Path.of(given.getOrDefault("out", "bench/logs/results")), lines, files, rate, seconds, batchMs, warmup,
                timeout, List.of(given.getOrDefault("cases", "throughput,latency").split(",")), pids,
                given.getOrDefault("database", ""), given.getOrDefault("commit", ""), given.getOrDefault("note", ""));
    }

    private static String required(Map<String, String> given, String name) {
        String value = given.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return value;
    }
}
