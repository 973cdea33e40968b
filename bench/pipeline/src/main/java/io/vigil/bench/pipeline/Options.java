package io.vigil.bench.pipeline;

import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The harness's command line; the service and the broker must be on 127.0.0.1. */
record Options(URI pipeline, String bootstrap, Path workDir, Path scratch, Path out, int steps, int repeats, int runs,
        Map<String, Long> pids, String commit, List<String> cases, int workers, int workersPerRun, String note) {

    static final String USAGE = """
            usage: PipelineBench --pipeline http://127.0.0.1:PORT --bootstrap 127.0.0.1:PORT --work-dir DIR --scratch DIR
                   [--out DIR] [--steps 100] [--repeats 5] [--runs 100] [--pids name=pid,...] [--commit LABEL]
                   [--cases overhead,concurrent] [--workers N --workers-per-run N] [--note TEXT]
                   PipelineBench --render DIR/run.json    (writes DIR/summary.md again from a run's results)
            --work-dir is the service's vigil.pipeline.run-work-dir (runs' directories, where the steps' stamps are
            read); --scratch an empty directory for the baselines; --workers/--workers-per-run the pool sizes the
            service was started with (for the record, and checked against the shapes and --runs).""";

    static Options parse(String[] args) {
        Map<String, String> given = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --name value, got " + args[i]);
            }
            given.put(args[i].substring(2), args[++i]);
        }
        URI pipeline = URI.create(required(given, "pipeline"));
        String bootstrap = required(given, "bootstrap");
        if (!"127.0.0.1".equals(pipeline.getHost()) || !bootstrap.startsWith("127.0.0.1:")) {
            throw new IllegalArgumentException("this harness only talks to 127.0.0.1; got " + pipeline + " and " + bootstrap);
        }
        int steps = Integer.parseInt(given.getOrDefault("steps", "100"));
        int repeats = Integer.parseInt(given.getOrDefault("repeats", "5"));
        int runs = Integer.parseInt(given.getOrDefault("runs", "100"));
        int workers = Integer.parseInt(given.getOrDefault("workers", "8"));
        int perRun = Integer.parseInt(given.getOrDefault("workers-per-run", "4"));
        if (steps < 3 || steps > 500 || repeats < 1 || repeats > 50 || runs < 1 || runs > 400) {
            throw new IllegalArgumentException("steps 3..500, repeats 1..50, runs 1..400");
        }
        Map<String, Long> pids = new LinkedHashMap<>();
        for (String entry : given.getOrDefault("pids", "").split(",")) {
            if (!entry.isBlank()) {
                String[] kv = entry.split("=", 2);
                pids.put(kv[0].trim(), Long.parseLong(kv[1].trim()));
            }
        }
        return new Options(pipeline, bootstrap, Path.of(required(given, "work-dir")), Path.of(required(given, "scratch")),
                Path.of(given.getOrDefault("out", "bench/pipeline/results")), steps, repeats, runs, pids,
                given.getOrDefault("commit", ""), List.of(given.getOrDefault("cases", "overhead,concurrent").split(",")),
                workers, perRun, given.getOrDefault("note", ""));
    }

    private static String required(Map<String, String> given, String name) {
        String value = given.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return value;
    }
}
