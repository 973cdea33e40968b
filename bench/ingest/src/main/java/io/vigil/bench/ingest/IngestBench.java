package io.vigil.bench.ingest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.apache.kafka.common.TopicPartition;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.vigil.events.Topics;

/**
 * The ingest benchmark against a running stack (bench/ingest-webhooks.sh starts one): for each rate, the trivial
 * endpoint of the same service ({@code GET /q/health/live}), the signed deployment webhook with its webhook → Kafka
 * latency, loss and duplicates read back from {@code vigil.deployments}, and a bare KafkaProducer at the same rate;
 * then the bare producer's maximum. Prints a markdown row per case and writes JSON to the output directory.
 */
public final class IngestBench {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final int PRIMING = 50;
    private static final long REQUEST_TIMEOUT_MS = 30_000;

    private final Options options;
    private final String runTag;
    private final Http http;
    private final KafkaTrace trace;
    private final Mac mac;
    private final List<Map<String, Object>> cases = new ArrayList<>();
    private final List<WebhookCase> webhookCases = new ArrayList<>();

    /** A webhook case, kept for the final recount of late records and duplicates. */
    private record WebhookCase(KafkaTrace.Seen seen, OpenLoop.Outcome outcome, Map<String, Object> result,
            Map<TopicPartition, Long> from) {
    }

    private IngestBench(Options options) throws Exception {
        this.options = options;
        byte[] tag = new byte[3];
        new SecureRandom().nextBytes(tag);
        this.runTag = HexFormat.of().formatHex(tag);
        this.trace = new KafkaTrace(options.bootstrap(), Topics.DEPLOYMENTS);
        this.mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(options.secret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        this.http = new Http(options.concurrency()); // last: once it runs, main must close it
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("IngestBench: " + e.getMessage());
            System.err.println(Options.USAGE);
            System.exit(2);
            return;
        }
        IngestBench bench = new IngestBench(options);
        int status;
        try {
            status = bench.run();
        } finally {
            bench.http.close(); // its event loop is not a daemon thread: a failed run would otherwise never exit
        }
        System.exit(status);
    }

    /** {@code <run>-<kind><rate>-}: every id of a case has this prefix and a 7-digit index, so all ids are equally long. */
    private String prefix(char kind, int rate) {
        return String.format(Locale.ROOT, "%s-%c%05d-", runTag, kind, rate);
    }

    private static String id(String prefix, int index) {
        return prefix + String.format(Locale.ROOT, "%07d", index);
    }

    private Http.Request webhook(String id, int index) {
        String project = options.projects() <= 1 ? options.project() : options.project() + "-" + index % options.projects();
        byte[] body = ("{\"project\":\"" + project + "\",\"commit_hash\":\"" + id
                + "\",\"status\":\"success\",\"message\":\"" + id + "\",\"triggered_by\":\"bench\"}")
                .getBytes(StandardCharsets.UTF_8);
        String signature = "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        return Http.postJson(options.ingest().resolve("/api/webhook/deployment"), REQUEST_TIMEOUT_MS, body)
                .header("X-Vigil-Sender", options.sender())
                .header("X-Vigil-Signature", signature)
                .header("X-Vigil-Delivery", id);
    }

    private Http.Request health() {
        return Http.get(options.ingest().resolve("/q/health/live"), REQUEST_TIMEOUT_MS);
    }

    private int run() throws Exception {
        Files.createDirectories(options.out());
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("started", Instant.now().toString());
        meta.put("cores", Runtime.getRuntime().availableProcessors());
        meta.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        meta.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        meta.put("commit", options.commit());
        meta.put("run_tag", runTag);
        meta.put("rates", options.rates());
        meta.put("warmup_s", options.warmupSeconds());
        meta.put("duration_s", options.durationSeconds());
        meta.put("concurrency", options.concurrency());
        meta.put("projects", options.projects());
        meta.put("prewarm_s_at_100_per_s", options.prewarmSeconds());
        System.out.printf("run %s: %d cores, %s; ingest %s, broker %s%n", runTag, meta.get("cores"), meta.get("java"),
                options.ingest(), options.bootstrap());

        KafkaTrace.Template template = prime();
        meta.put("record_bytes", template.size());
        meta.put("record_value_bytes", template.value().length);
        System.out.printf("primed: %d webhooks stored and on %s; a record is %d bytes (value %d, key and %d headers)%n",
                PRIMING, Topics.DEPLOYMENTS, template.size(), template.value().length, template.headers().size());

        if (options.prewarmSeconds() > 0) {
            prewarm();
        }
        int partitions = trace.endOffsets().size();
        KafkaBaseline kafka = options.runs("kafka") || options.runs("kafka-max")
                ? new KafkaBaseline(options.bootstrap(), "vigil.bench.scratch-" + runTag, partitions, template) : null;
        try {
            for (int rate : options.rates()) {
                if (options.runs("health")) {
                    healthCase(rate);
                    pause();
                }
                if (options.runs("webhook")) {
                    webhookCase(rate);
                    pause();
                }
                if (kafka != null && options.runs("kafka")) {
                    Cpu cpu = Cpu.start(options.pids());
                    Map<String, Object> result = kafka.atRate(prefix('k', rate), rate, options.warmupSeconds(),
                            options.durationSeconds());
                    result.put("cpu", cpu.stop());
                    record("kafka-produce", rate, result);
                    pause();
                }
            }
            if (kafka != null && options.runs("kafka-max")) {
                Cpu cpu = Cpu.start(options.pids());
                Map<String, Object> result = kafka.max(prefix('m', 0), options.warmupSeconds(), options.durationSeconds());
                result.put("cpu", cpu.stop());
                record("kafka-produce-max", 0, result);
            }
        } finally {
            if (kafka != null) {
                kafka.deleteTopic();
            }
        }
        recount();
        meta.put("outbox_backlog_at_end", outboxBacklog());
        meta.put("finished", Instant.now().toString());
        Map<String, Object> all = new LinkedHashMap<>(meta);
        all.put("cases", cases);
        JSON.writeValue(options.out().resolve("run.json").toFile(), all);
        String table = Summary.table(cases);
        Files.writeString(options.out().resolve("summary.md"), "Run " + runTag + " at " + meta.get("started")
                + (options.commit().isBlank() ? "" : ", commit " + options.commit()) + "\n\n" + table);
        System.out.println();
        System.out.print(table);
        System.out.printf("outbox backlog at the end: %s; results in %s%n", meta.get("outbox_backlog_at_end"), options.out());
        return 0;
    }

    /** A few webhooks one by one: proves the secret and the topic, creates the project row, yields the record template. */
    private KafkaTrace.Template prime() throws Exception {
        Map<TopicPartition, Long> from = trace.endOffsets();
        String prefix = prefix('p', 0);
        for (int i = 0; i < PRIMING; i++) {
            Http.Answer response = http.call(webhook(id(prefix, i), 0));
            if (response.status() != 200) {
                throw new IllegalStateException("priming webhook answered " + response.status() + ": " + response.text());
            }
        }
        KafkaTrace.Seen seen = new KafkaTrace.Seen(prefix, PRIMING);
        KafkaTrace.Template template = trace.collect(from, List.of(seen), KafkaTrace.expect(prefix, PRIMING),
                Duration.ofSeconds(options.quietSeconds()), Duration.ofSeconds(60));
        if (template == null || seen.distinct < PRIMING) {
            throw new IllegalStateException("only " + seen.distinct + " of " + PRIMING + " priming webhooks reached "
                    + Topics.DEPLOYMENTS);
        }
        if (seen.logAppendTime) {
            throw new IllegalStateException(Topics.DEPLOYMENTS + " uses LogAppendTime; this harness measures CreateTime");
        }
        return template;
    }

    /**
     * Webhooks at a low rate before any case: a fresh service compiles its hot paths and its pool opens its
     * database connections meanwhile, and a backlog built then would otherwise spill into the first case.
     */
    private void prewarm() throws InterruptedException {
        String prefix = prefix('x', 0);
        int rate = 100;
        OpenLoop.Outcome outcome = OpenLoop.run(http, i -> webhook(id(prefix, i), i), rate, 0, options.prewarmSeconds(),
                options.concurrency(), new OpenLoop.Window() {
                    @Override
                    public void start() {
                    }

                    @Override
                    public void end() {
                    }
                });
        Map<String, Object> s = outcome.summary();
        Map<?, ?> latency = (Map<?, ?>) s.get("http_latency_ms");
        System.out.printf("prewarmed: %s webhooks at %d/s for %d s, %s 2xx, HTTP p50 %s ms p99 %s ms; outbox backlog after: %s%n",
                s.get("sent"), rate, options.prewarmSeconds(), s.get("ok_2xx"), latency.get("p50"), latency.get("p99"),
                awaitOutboxDrained(Duration.ofSeconds(60)));
    }

    private void healthCase(int rate) throws InterruptedException {
        Http.Request request = health();
        Cpu[] cpu = new Cpu[1];
        Map<String, Object> cpuResult = new LinkedHashMap<>();
        OpenLoop.Outcome outcome = OpenLoop.run(http, i -> request, rate, options.warmupSeconds(),
                options.durationSeconds(), options.concurrency(), window(cpu, cpuResult));
        Map<String, Object> result = outcome.summary();
        result.put("unfinished", outcome.unfinished);
        result.put("cpu", cpuResult);
        result.remove("per_second");
        record("health-live", rate, result);
    }

    private void webhookCase(int rate) throws InterruptedException {
        Map<TopicPartition, Long> from = trace.endOffsets();
        String prefix = prefix('w', rate);
        Cpu[] cpu = new Cpu[1];
        Map<String, Object> cpuResult = new LinkedHashMap<>();
        OpenLoop.Outcome outcome = OpenLoop.run(http, i -> webhook(id(prefix, i), i), rate, options.warmupSeconds(),
                options.durationSeconds(), options.concurrency(), window(cpu, cpuResult));
        Map<String, Object> result = outcome.summary();
        result.put("unfinished", outcome.unfinished);
        result.put("cpu", cpuResult);
        int accepted = 0;
        for (int i = 0; i < outcome.total; i++) {
            accepted += outcome.ok(i) ? 1 : 0;
        }
        KafkaTrace.Seen seen = new KafkaTrace.Seen(prefix, outcome.total);
        long collectStart = System.nanoTime();
        trace.collect(from, List.of(seen), KafkaTrace.expect(prefix, accepted), Duration.ofSeconds(options.quietSeconds()),
                Duration.ofSeconds(120));
        result.put("kafka_read_s", Stats.round((System.nanoTime() - collectStart) / 1e9));
        WebhookCase c = new WebhookCase(seen, outcome, result, from);
        kafkaFigures(c);
        webhookCases.add(c);
        result.put("projects", options.projects());
        result.put("outbox_backlog_after", awaitOutboxDrained(Duration.ofSeconds(60)));
        record(options.projects() <= 1 ? "webhook" : "webhook-" + options.projects() + "-projects", rate, result);
    }

    /** Loss, duplicates and webhook → Kafka latency of a case from what its trace has seen so far. */
    private static void kafkaFigures(WebhookCase c) {
        OpenLoop.Outcome o = c.outcome();
        KafkaTrace.Seen seen = c.seen();
        int accepted = 0;
        int lost = 0;
        int duplicates = 0;
        int notAcceptedButPublished = 0;
        long[] latency = new long[o.total];
        int n = 0;
        long negative = 0;
        for (int i = 0; i < o.total; i++) {
            duplicates += Math.max(0, seen.count[i] - 1);
            if (!o.ok(i)) {
                notAcceptedButPublished += seen.count[i] > 0 ? 1 : 0;
                continue;
            }
            accepted++;
            if (seen.count[i] == 0) {
                lost++;
            } else if (o.measured(i)) {
                long ms = seen.timestamp[i] - o.sentMillis[i];
                negative += ms < 0 ? 1 : 0;
                latency[n++] = ms;
            }
        }
        Map<String, Object> k = new LinkedHashMap<>();
        k.put("accepted_incl_warmup", accepted);
        k.put("records", seen.records);
        k.put("lost", lost);
        k.put("duplicates", duplicates);
        k.put("published_though_not_2xx", notAcceptedButPublished);
        k.put("latency_ms", Stats.of(latency, n, 1));
        k.put("negative_latencies", negative);
        c.result().put("webhook_to_kafka", k);
    }

    /** After a settle period (longer than the outbox sweep's), rereads every webhook case for late records and duplicates. */
    private void recount() throws InterruptedException {
        if (webhookCases.isEmpty()) {
            return;
        }
        System.out.printf("settling %d s (longer than the outbox sweep) before recounting every case...%n",
                options.settleSeconds());
        TimeUnit.SECONDS.sleep(options.settleSeconds());
        List<KafkaTrace.Seen> fresh = new ArrayList<>();
        Map<String, Integer> expected = new LinkedHashMap<>();
        for (WebhookCase c : webhookCases) {
            fresh.add(new KafkaTrace.Seen(c.seen().prefix, c.outcome().total));
            expected.put(c.seen().prefix, 0);
        }
        trace.collect(webhookCases.get(0).from(), fresh, expected, Duration.ofSeconds(5), Duration.ofSeconds(300));
        for (int i = 0; i < webhookCases.size(); i++) {
            WebhookCase c = webhookCases.get(i);
            @SuppressWarnings("unchecked")
            Map<String, Object> before = (Map<String, Object>) c.result().get("webhook_to_kafka");
            WebhookCase again = new WebhookCase(fresh.get(i), c.outcome(), c.result(), c.from());
            kafkaFigures(again);
            @SuppressWarnings("unchecked")
            Map<String, Object> after = (Map<String, Object>) c.result().get("webhook_to_kafka");
            after.put("latency_ms", before.get("latency_ms")); // latency as first read; the recount only counts
            after.put("recounted_after_settle_s", options.settleSeconds());
            after.put("lost_at_first_read", before.get("lost"));
            after.put("duplicates_at_first_read", before.get("duplicates"));
            System.out.printf("recount %s: lost %s (first read %s), duplicates %s (first read %s)%n", c.seen().prefix,
                    after.get("lost"), before.get("lost"), after.get("duplicates"), before.get("duplicates"));
        }
        for (Map<String, Object> result : cases) {
            if (((String) result.get("case")).startsWith("webhook")) {
                write(result);
            }
        }
    }

    private OpenLoop.Window window(Cpu[] cpu, Map<String, Object> result) {
        return new OpenLoop.Window() {
            @Override
            public void start() {
                cpu[0] = Cpu.start(options.pids());
            }

            @Override
            public void end() {
                if (cpu[0] != null) {
                    result.putAll(cpu[0].stop());
                }
            }
        };
    }

    private void record(String kind, int rate, Map<String, Object> figures) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("case", kind);
        result.put("rate", rate);
        result.put("at", Instant.now().toString());
        result.putAll(figures);
        cases.add(result);
        write(result);
        System.out.println(Summary.row(result));
    }

    private void write(Map<String, Object> result) {
        String name = result.get("case") + ((int) result.get("rate") > 0 ? "-r" + result.get("rate") : "") + ".json";
        try {
            JSON.writeValue(options.out().resolve(name).toFile(), result);
        } catch (IOException e) {
            System.err.println("cannot write " + name + ": " + e.getMessage());
        }
    }

    private void pause() throws InterruptedException {
        TimeUnit.SECONDS.sleep(3);
    }

    /** Polls the service's outbox backlog gauge until it is 0 or {@code limit} passed; returns the last value. */
    private Double awaitOutboxDrained(Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        Double backlog;
        do {
            backlog = outboxBacklog();
            if (backlog == null || backlog == 0) {
                return backlog;
            }
            TimeUnit.MILLISECONDS.sleep(500);
        } while (System.nanoTime() < deadline);
        return backlog;
    }

    private Double outboxBacklog() {
        try {
            Http.Answer metrics = http.call(Http.get(options.ingest().resolve("/q/metrics"), 10_000));
            for (String line : metrics.text().split("\n")) {
                if (line.startsWith("vigil_outbox_backlog")) {
                    return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            return null;
        }
        return null;
    }
}
