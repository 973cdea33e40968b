package io.vigil.bench.pipeline;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.kafka.common.TopicPartition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The pipeline benchmark against a running stack (bench/pipeline-runs.sh starts one):
 * <ol>
 * <li>overhead: 100-step DAGs of {@code true} (a chain, a fan-out/fan-in) run one at a time by pipeline-service,
 * by a plain shell script and by a bare JVM driver, interleaved, each step stamping its own start and end; per
 * dependency edge, overhead = a step's start − the end of the last of its needs;</li>
 * <li>step end → Kafka for those service runs, read back from {@code vigil.runs};</li>
 * <li>concurrent: N runs of the example pipeline started at once, beside a shell script running the same N × 6
 * commands with the same DAG concurrency.</li>
 * </ol>
 * Writes JSON and a ready-to-paste markdown section to the output directory.
 */
public final class PipelineBench {

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final List<String> EXECUTORS = List.of("service", "shell", "jvm");
    private static final Set<String> TERMINAL = Set.of("success", "failed", "cancelled");
    /** Between two executions, so the outbox's marks and the 1 s tick of one do not fall into the next's first steps. */
    private static final long PAUSE_MS = 500;
    /** Bounds every wait: one run of a shape, or the whole concurrent case. */
    private static final Duration LIMIT = Duration.ofSeconds(300);

    /** One run of a DAG by one executor: when it was launched, each step's stamps and (service) the service's books. */
    record Execution(String executor, String shape, Dag dag, String runId, long launchedNs, Map<String, long[]> stamps,
            Map<String, long[]> books) {
    }

    private final Options o;
    private final Service service;
    private final RunsTopic topic;
    private final String tag;

    private PipelineBench(Options o) {
        this.o = o;
        this.service = new Service(o.pipeline());
        this.topic = new RunsTopic(o.bootstrap());
        byte[] t = new byte[3];
        new SecureRandom().nextBytes(t);
        this.tag = HexFormat.of().formatHex(t);
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("--render")) { // summary.md again from a run.json, measuring nothing
            Path runJson = Path.of(args[1]);
            @SuppressWarnings("unchecked")
            Map<String, Object> all = JSON.readValue(runJson.toFile(), Map.class);
            Files.writeString(runJson.resolveSibling("summary.md"), Summary.markdown(all));
            return;
        }
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("PipelineBench: " + e.getMessage());
            System.err.println(Options.USAGE);
            System.exit(2);
            return;
        }
        System.exit(new PipelineBench(options).run());
    }

    private int run() throws Exception {
        Files.createDirectories(o.out());
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("started", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        all.put("commit", o.commit());
        all.put("cores", Runtime.getRuntime().availableProcessors());
        all.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        all.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        all.put("note", o.note());
        all.put("run_tag", tag);
        all.put("steps", o.steps());
        all.put("repeats", o.repeats());
        all.put("runs", o.runs());
        all.put("workers", o.workers());
        all.put("workers_per_run", o.workersPerRun());
        all.put("load_before", Cpu.loadavg());
        if (o.workersPerRun() < o.steps() - 2 || o.workers() < o.steps() - 2) {
            System.out.printf("warning: pools of %d / %d per run hold back the fan's %d leaves%n", o.workers(),
                    o.workersPerRun(), o.steps() - 2);
        }
        System.out.printf("run %s: %s cores, load %s; pipeline-service %s, broker %s%n", tag, all.get("cores"),
                all.get("load_before"), o.pipeline(), o.bootstrap());
        if (o.cases().contains("overhead")) {
            all.put("overhead", overhead());
        }
        if (o.cases().contains("concurrent")) {
            all.put("concurrent", concurrent());
        }
        all.put("load_after", Cpu.loadavg());
        all.put("finished", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        JSON.writeValue(o.out().resolve("run.json").toFile(), all);
        String md = Summary.markdown(all);
        Files.writeString(o.out().resolve("summary.md"), md);
        System.out.println();
        System.out.print(md);
        return 0;
    }

    // ---- 1 and 3: scheduling overhead per edge, and step end → Kafka ----

    private Map<String, Object> overhead() throws Exception {
        Map<String, Dag> shapes = new LinkedHashMap<>();
        shapes.put("chain", Dag.chain("bench-chain-" + tag, o.steps()));
        shapes.put("fan", Dag.fan("bench-fan-" + tag, o.steps()));
        Map<String, String> ids = new HashMap<>();
        for (Map.Entry<String, Dag> s : shapes.entrySet()) {
            ids.put(s.getKey(), service.define(s.getValue()));
        }
        Map<TopicPartition, Long> from = topic.endOffsets();
        List<Execution> measured = new ArrayList<>();
        Cpu cpu = null;
        for (int rep = 0; rep <= o.repeats(); rep++) { // round 0 warms every executor up (JIT, caches) and is dropped
            if (rep == 1) {
                cpu = Cpu.sample(o.pids());
            }
            for (Map.Entry<String, Dag> s : shapes.entrySet()) {
                for (String executor : EXECUTORS) { // interleaved, so drifting machine load touches all alike
                    Execution e = switch (executor) {
                        case "service" -> viaService(s.getKey(), s.getValue(), ids.get(s.getKey()));
                        case "shell" -> viaShell(s.getKey(), s.getValue(), rep);
                        default -> viaJvm(s.getKey(), s.getValue(), rep);
                    };
                    if (rep > 0) {
                        measured.add(e);
                    }
                    Thread.sleep(PAUSE_MS);
                }
            }
            System.out.printf("overhead: round %d of %d done%s%n", rep, o.repeats(), rep == 0 ? " (warm-up, dropped)" : "");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("shapes", Map.of("chain", o.steps() + " steps s000 → s001 → … (" + (o.steps() - 1) + " edges)",
                "fan", "root → " + (o.steps() - 2) + " leaves in parallel → join (" + (o.steps() - 1) + " edges)"));
        out.put("command", Dag.STAMPED);
        out.put("measured_rounds", o.repeats());
        out.put("cpu", Cpu.since(cpu, o.pids()));
        out.put("by_shape", analyse(measured));
        List<Execution> viaService = measured.stream().filter(e -> e.executor().equals("service")).toList();
        List<RunsTopic.Event> events = topic.read(from, viaService.stream().map(Execution::runId).collect(Collectors.toSet()),
                Duration.ofSeconds(20), LIMIT);
        out.put("step_end_to_kafka", endToKafka(viaService, events));
        JSON.writeValue(o.out().resolve("overhead-samples.json").toFile(), samples(measured));
        return out;
    }

    private Execution viaService(String shape, Dag dag, String pipelineId) throws Exception {
        long t0 = nowNs();
        String runId = Service.runId(service.startRun(pipelineId).get(30, TimeUnit.SECONDS));
        Path dir = o.workDir().resolve(runId);
        List<String> sinks = dag.steps().stream().map(Dag.Step::name)
                .filter(n -> dag.steps().stream().noneMatch(s -> s.needs().contains(n))).toList();
        long deadline = System.nanoTime() + LIMIT.toNanos();
        long nextLook = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        // the sinks' end stamps say the processes are done without asking the service (no load on it meanwhile);
        // once a second it is asked anyway, in case the run failed and the sinks never ran
        while (!sinks.stream().allMatch(n -> stamped(dir.resolve(n + ".e")))) {
            if (System.nanoTime() > nextLook) {
                if (TERMINAL.contains(service.get("/api/runs/" + runId).path("status").asText())) {
                    break;
                }
                nextLook += TimeUnit.SECONDS.toNanos(1);
            }
            check(deadline, "run " + runId);
            Thread.sleep(5);
        }
        JsonNode run;
        while (!TERMINAL.contains((run = service.get("/api/runs/" + runId)).path("status").asText())) {
            check(deadline, "run " + runId);
            Thread.sleep(20);
        }
        if (!"success".equals(run.path("status").asText())) {
            throw new IllegalStateException("run " + runId + " of " + dag.name() + " ended " + run.path("status").asText());
        }
        Map<String, long[]> books = new HashMap<>();
        for (JsonNode s : run.path("steps")) {
            books.put(s.path("name").asText(), new long[] {nanos(s.path("started_at")), nanos(s.path("finished_at"))});
        }
        return new Execution("service", shape, dag, runId, t0, stamps(dir, dag), books);
    }

    private Execution viaShell(String shape, Dag dag, int rep) throws Exception {
        Path dir = o.scratch().resolve("shell-" + shape + "-" + rep);
        long t0 = nowNs();
        ShellBaseline.run(dag, 1, dir, LIMIT.toSeconds());
        return new Execution("shell", shape, dag, null, t0, stamps(dir.resolve("r1"), dag), null);
    }

    private Execution viaJvm(String shape, Dag dag, int rep) throws Exception {
        Path dir = o.scratch().resolve("jvm-" + shape + "-" + rep);
        long t0 = nowNs();
        JvmBaseline.run(dag, dir, LIMIT.toSeconds());
        return new Execution("jvm", shape, dag, null, t0, stamps(dir, dag), null);
    }

    /**
     * Per shape (and all shapes together) and executor, in ms: edge = a step's start − the end of the last of its
     * needs; fan_in = the same for steps with several needs; first_step = the first step's start − the launch
     * (POST sent, script or driver started); makespan = the last end − the launch. For the service, each edge
     * split by its own books: to_decision = started_at (read in the transaction that decides the step) − the
     * need's end; decision_to_start = the step's start − started_at (commit, then the process start).
     */
    private static Map<String, Object> analyse(List<Execution> executions) {
        Map<String, Map<String, Map<String, List<Long>>>> m = new LinkedHashMap<>();
        for (Execution e : executions) {
            for (String shape : List.of(e.shape(), "all")) {
                Map<String, List<Long>> x = m.computeIfAbsent(shape, k -> new LinkedHashMap<>())
                        .computeIfAbsent(e.executor(), k -> new LinkedHashMap<>());
                long lastEnd = 0;
                for (Dag.Step s : e.dag().steps()) {
                    long start = e.stamps().get(s.name())[0];
                    lastEnd = Math.max(lastEnd, e.stamps().get(s.name())[1]);
                    if (s.needs().isEmpty()) {
                        put(x, "first_step", start - e.launchedNs());
                        continue;
                    }
                    long ready = s.needs().stream().mapToLong(n -> e.stamps().get(n)[1]).max().orElseThrow();
                    put(x, "edge", start - ready);
                    if (s.needs().size() > 1) {
                        put(x, "fan_in", start - ready);
                    }
                    if (e.books() != null) {
                        put(x, "to_decision", e.books().get(s.name())[0] - ready);
                        put(x, "decision_to_start", start - e.books().get(s.name())[0]);
                    }
                }
                put(x, "makespan", lastEnd - e.launchedNs());
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((shape, executors) -> {
            Map<String, Object> byExecutor = new LinkedHashMap<>();
            executors.forEach((executor, metrics) -> {
                Map<String, Object> stats = new LinkedHashMap<>();
                metrics.forEach((metric, samples) -> stats.put(metric + "_ms", Stats.ms(samples)));
                byExecutor.put(executor, stats);
            });
            out.put(shape, byExecutor);
        });
        return out;
    }

    private static void put(Map<String, List<Long>> metrics, String metric, long nanos) {
        metrics.computeIfAbsent(metric, k -> new ArrayList<>()).add(nanos);
    }

    /** Every edge's overhead in µs, per execution, for whoever wants to look again. */
    private static List<Map<String, Object>> samples(List<Execution> executions) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Execution e : executions) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("executor", e.executor());
            x.put("shape", e.shape());
            x.put("run_id", e.runId());
            Map<String, Long> edges = new LinkedHashMap<>();
            for (Dag.Step s : e.dag().steps()) {
                long ready = s.needs().stream().mapToLong(n -> e.stamps().get(n)[1]).max().orElse(e.launchedNs());
                edges.put(s.name(), (e.stamps().get(s.name())[0] - ready) / 1000);
            }
            x.put("overhead_us", edges);
            out.add(x);
        }
        return out;
    }

    /**
     * Each step's first terminal io.vigil.run.step.updated record: its timestamp (CreateTime, ms, set by the
     * service's producer) − the step's end stamp; and − the service's finished_at, which splits it in two.
     */
    private static Map<String, Object> endToKafka(List<Execution> runs, List<RunsTopic.Event> events) {
        Map<String, Long> first = new HashMap<>();
        int duplicates = 0;
        Set<String> timestampTypes = new TreeSet<>();
        for (RunsTopic.Event ev : events) {
            timestampTypes.add(ev.timestampType());
            if (ev.type().equals(RunsTopic.STEP_UPDATED) && ev.terminal()
                    && first.putIfAbsent(ev.runId() + "/" + ev.step(), ev.timestampMs()) != null) {
                duplicates++;
            }
        }
        Map<String, Map<String, List<Long>>> m = new LinkedHashMap<>(); // shape (and "all") → measure → samples
        int missing = 0;
        for (Execution e : runs) {
            for (Dag.Step s : e.dag().steps()) {
                Long ts = first.get(e.runId() + "/" + s.name());
                if (ts == null) {
                    missing++;
                    continue;
                }
                for (String shape : List.of("all", e.shape())) {
                    Map<String, List<Long>> x = m.computeIfAbsent(shape, k -> new LinkedHashMap<>());
                    put(x, "step_end_to_kafka", ts * 1_000_000 - e.stamps().get(s.name())[1]);
                    put(x, "finished_at_to_kafka", ts * 1_000_000 - e.books().get(s.name())[1]);
                }
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("records_read", events.size());
        out.put("timestamp_types", timestampTypes);
        out.put("missing", missing);
        out.put("duplicates", duplicates);
        m.forEach((shape, measures) -> {
            Map<String, Object> stats = new LinkedHashMap<>();
            measures.forEach((measure, samples) -> stats.put(measure + "_ms", Stats.ms(samples)));
            out.put(shape, stats);
        });
        return out;
    }

    // ---- 2: concurrent runs of the example ----

    private Map<String, Object> concurrent() throws Exception {
        String id = service.pipelineId("example");
        Dag example = Dag.fromDefinition(service.get("/api/pipelines/" + id).path("definition"));
        example.layers(); // the shell baseline's order must be the DAG's own: refused otherwise
        startAndWait(id, 1); // warm-up, not measured: the example's own code paths (params, output)
        Thread.sleep(2000);

        Map<TopicPartition, Long> from = topic.endOffsets();
        Cpu cpu = Cpu.sample(o.pids());
        long t0 = nowNs();
        Started started = startAndWait(id, o.runs());
        Map<String, Object> serviceCpu = Cpu.since(cpu, o.pids());
        List<Long> durations = new ArrayList<>();
        List<Long> fromPost = new ArrayList<>();
        List<Long> firstStep = new ArrayList<>();
        Map<String, Long> stepFinished = new HashMap<>();
        Map<String, Long> runFinished = new HashMap<>();
        Map<String, Integer> statuses = new TreeMap<>();
        long lastFinish = 0;
        for (int i = 0; i < started.ids().size(); i++) {
            JsonNode run = service.get("/api/runs/" + started.ids().get(i));
            statuses.merge(run.path("status").asText(), 1, Integer::sum);
            long created = nanos(run.path("created_at"));
            long finished = nanos(run.path("finished_at"));
            lastFinish = Math.max(lastFinish, finished);
            durations.add(finished - created);
            fromPost.add(finished - started.sentNs().get(i));
            runFinished.put(started.ids().get(i), finished);
            for (JsonNode s : run.path("steps")) {
                if (example.step(s.path("name").asText()).needs().isEmpty()) {
                    firstStep.add(nanos(s.path("started_at")) - created);
                }
                stepFinished.put(started.ids().get(i) + "/" + s.path("name").asText(), nanos(s.path("finished_at")));
            }
        }
        List<RunsTopic.Event> events = topic.read(from, Set.copyOf(started.ids()), Duration.ofSeconds(20), LIMIT);
        List<Long> stepToKafka = new ArrayList<>();
        List<Long> runToKafka = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (RunsTopic.Event ev : events) {
            if (!ev.terminal() || !seen.add(ev.runId() + "/" + ev.step())) {
                continue;
            }
            Long finished = ev.step() == null ? runFinished.get(ev.runId()) : stepFinished.get(ev.runId() + "/" + ev.step());
            (ev.step() == null ? runToKafka : stepToKafka).add(ev.timestampMs() * 1_000_000 - finished);
        }
        Map<String, Object> viaService = new LinkedHashMap<>();
        viaService.put("runs_started", started.ids().size());
        viaService.put("start_refused", started.refused());
        viaService.put("statuses", statuses);
        viaService.put("failures", started.refused() + started.ids().size() - statuses.getOrDefault("success", 0));
        viaService.put("wall_ms", Stats.ms(lastFinish - t0));
        viaService.put("post_ms", Stats.ms(started.postNs()));
        viaService.put("run_duration_ms", Stats.ms(durations));
        viaService.put("post_to_run_end_ms", Stats.ms(fromPost));
        viaService.put("created_to_first_step_started_ms", Stats.ms(firstStep));
        viaService.put("step_finished_at_to_kafka_ms", Stats.ms(stepToKafka));
        viaService.put("run_finished_at_to_kafka_ms", Stats.ms(runToKafka));
        viaService.put("cpu", serviceCpu);

        Thread.sleep(2000);
        Path dir = o.scratch().resolve("shell-concurrent");
        cpu = Cpu.sample(o.pids());
        long s0 = System.nanoTime();
        ShellBaseline.run(example, o.runs(), dir, LIMIT.toSeconds());
        long wall = System.nanoTime() - s0;
        Map<String, Object> shellCpu = Cpu.since(cpu, o.pids());
        List<Long> shellDurations = new ArrayList<>();
        for (int r = 1; r <= o.runs(); r++) {
            Path run = dir.resolve("r" + r);
            shellDurations.add(read(run.resolve("run.e")) - read(run.resolve("run.s")));
        }
        long failed;
        try (Stream<Path> files = Files.walk(dir)) {
            failed = files.filter(p -> p.getFileName().toString().endsWith(".failed")).count();
        }
        Map<String, Object> viaShell = new LinkedHashMap<>();
        viaShell.put("runs", o.runs());
        viaShell.put("failed_steps", failed);
        viaShell.put("wall_ms", Stats.ms(wall));
        viaShell.put("run_duration_ms", Stats.ms(shellDurations));
        viaShell.put("cpu", shellCpu);

        Map<String, Object> out = new LinkedHashMap<>();
        out.put("pipeline", example.name());
        out.put("layers", example.layers().stream().map(l -> l.stream().map(Dag.Step::name).toList()).toList());
        out.put("service", viaService);
        out.put("shell", viaShell);
        return out;
    }

    record Started(List<String> ids, List<Long> sentNs, List<Long> postNs, int refused) {
    }

    /** Starts {@code n} runs at once (all requests in flight together) and waits until every one has ended. */
    private Started startAndWait(String pipelineId, int n) throws Exception {
        List<CompletableFuture<HttpResponse<String>>> posts = new ArrayList<>();
        List<Long> sent = new ArrayList<>();
        List<Long> took = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            sent.add(nowNs());
            long t = System.nanoTime();
            posts.add(service.startRun(pipelineId).whenComplete((r, x) -> {
                synchronized (took) {
                    took.add(System.nanoTime() - t);
                }
            }));
        }
        List<String> ids = new ArrayList<>();
        List<Long> sentOk = new ArrayList<>();
        int refused = 0;
        for (int i = 0; i < n; i++) {
            try {
                ids.add(Service.runId(posts.get(i).get(60, TimeUnit.SECONDS)));
                sentOk.add(sent.get(i));
            } catch (Exception e) {
                refused++;
                System.out.println("a run did not start: " + e.getMessage());
            }
        }
        // one list request every 200 ms, whatever the number of runs: the wait itself must not load the service
        long deadline = System.nanoTime() + LIMIT.toNanos();
        Set<String> open = new HashSet<>(ids);
        while (!open.isEmpty()) {
            check(deadline, open.size() + " runs of " + n);
            Thread.sleep(200);
            for (JsonNode r : service.get("/api/runs?pipeline_id=" + pipelineId + "&limit=500").path("items")) {
                if (TERMINAL.contains(r.path("status").asText())) {
                    open.remove(r.path("id").asText());
                }
            }
        }
        return new Started(ids, sentOk, took, refused);
    }

    // ---- helpers ----

    private static Map<String, long[]> stamps(Path dir, Dag dag) throws IOException {
        Map<String, long[]> out = new HashMap<>();
        for (Dag.Step s : dag.steps()) {
            out.put(s.name(), new long[] {read(dir.resolve(s.name() + ".s")), read(dir.resolve(s.name() + ".e"))});
        }
        return out;
    }

    private static long read(Path stamp) throws IOException {
        return Long.parseLong(Files.readString(stamp).trim());
    }

    private static boolean stamped(Path stamp) {
        try {
            return Files.size(stamp) > 0;
        } catch (IOException e) {
            return false;
        }
    }

    private static long nowNs() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    private static long nanos(JsonNode instant) {
        Instant i = Instant.parse(instant.asText());
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }

    private static void check(long deadline, String what) {
        if (System.nanoTime() > deadline) {
            throw new IllegalStateException(what + ": not ended within " + LIMIT.toSeconds() + " s");
        }
    }
}
