package io.vigil.bench.ingest;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The harness's command line; every target must be on 127.0.0.1. */
record Options(URI ingest, String bootstrap, List<Integer> rates, int warmupSeconds, int durationSeconds,
        int concurrency, String sender, String secret, String project, Path out, Map<String, Long> pids,
        int quietSeconds, int settleSeconds, List<String> kinds, String commit, int projects, int prewarmSeconds) {

    static final String USAGE = """
            usage: IngestBench --ingest http://127.0.0.1:PORT --bootstrap 127.0.0.1:PORT [--rates 200,1000,3000,5000]
                   [--warmup 3] [--duration 10] [--concurrency 256] [--sender bench] [--project bench]
                   [--out DIR] [--pids name=pid,...] [--quiet 20] [--settle 20] [--cases health,webhook,kafka,kafka-max] [--commit SHA]
                   [--projects 1] [--prewarm 20]
            The sender's secret is read from VIGIL_INGEST_WEBHOOK_SENDERS_<SENDER>_SECRET, the variable that also
            configures ingest-service, so it never appears on a command line. --projects N spreads the webhooks over
            N projects (<project>-0 … <project>-N-1) instead of sending all of them for one. --prewarm S sends
            webhooks at 100/s for S seconds before the first case (not measured).""";

    static Options parse(String[] args) {
        Map<String, String> given = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --name value, got " + args[i]);
            }
            given.put(args[i].substring(2), args[++i]);
        }
        URI ingest = URI.create(required(given, "ingest"));
        String bootstrap = required(given, "bootstrap");
        if (!"127.0.0.1".equals(ingest.getHost()) || !bootstrap.startsWith("127.0.0.1:")) {
            throw new IllegalArgumentException("this harness only loads 127.0.0.1; got " + ingest + " and " + bootstrap);
        }
        List<Integer> rates = new ArrayList<>();
        for (String rate : given.getOrDefault("rates", "200,1000,3000,5000").split("[, ]+")) {
            int r = Integer.parseInt(rate.trim());
            if (r < 1 || r > 99_999) {
                throw new IllegalArgumentException("a rate must be 1..99999 req/s, got " + r);
            }
            rates.add(r);
        }
        String sender = given.getOrDefault("sender", "bench");
        String variable = "VIGIL_INGEST_WEBHOOK_SENDERS_" + sender.toUpperCase(Locale.ROOT).replace('-', '_') + "_SECRET";
        String secret = System.getenv(variable);
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException(variable + " is not set: the harness signs with the secret ingest-service knows");
        }
        Map<String, Long> pids = new LinkedHashMap<>();
        String pidList = given.getOrDefault("pids", "");
        for (String entry : pidList.isBlank() ? new String[0] : pidList.split(",")) {
            String[] kv = entry.split("=", 2);
            pids.put(kv[0].trim(), Long.parseLong(kv[1].trim()));
        }
        int warmup = Integer.parseInt(given.getOrDefault("warmup", "3"));
        int duration = Integer.parseInt(given.getOrDefault("duration", "10"));
        int concurrency = Integer.parseInt(given.getOrDefault("concurrency", "256"));
        if (warmup < 0 || duration < 1 || duration > 120 || concurrency < 1 || concurrency > 4096) {
            throw new IllegalArgumentException("warmup >= 0, duration 1..120 s, concurrency 1..4096");
        }
        return new Options(ingest, bootstrap, List.copyOf(rates), warmup, duration, concurrency, sender, secret,
                given.getOrDefault("project", "bench"), Path.of(given.getOrDefault("out", "bench/ingest/results")),
                pids, Integer.parseInt(given.getOrDefault("quiet", "20")),
                Integer.parseInt(given.getOrDefault("settle", "20")),
                List.of(given.getOrDefault("cases", "health,webhook,kafka,kafka-max").split(",")),
                given.getOrDefault("commit", ""), Integer.parseInt(given.getOrDefault("projects", "1")),
                Integer.parseInt(given.getOrDefault("prewarm", "20")));
    }

    boolean runs(String kind) {
        return kinds.contains(kind);
    }

    private static String required(Map<String, String> given, String name) {
        String value = given.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return value;
    }
}
