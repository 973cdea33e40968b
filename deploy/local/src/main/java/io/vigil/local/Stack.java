package io.vigil.local;

import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.vigil.events.Topics;
import io.vigil.testing.kafka.OrphanGuard;

/**
 * The one-machine stack: broker, databases and the four services started as child processes, watched until
 * ready, and all stopped again, services before the broker, when the launcher is asked to end.
 */
public final class Stack {

    private static final Duration READY_DEADLINE = Duration.ofSeconds(120);
    private static final Duration SERVICE_STOP_GRACE = Duration.ofSeconds(20);
    private static final int PARTITIONS = 3;
    private static final String TAG = "vigil";

    private final StackOptions options;
    private final Path root;
    private final StackConsole console;
    private final StackFile stackFile;
    private final long startedAt;
    private final List<ServiceProcess> services = new ArrayList<>();
    private Broker broker;
    private DemoTraffic demo;
    private boolean stopped;

    Stack(StackOptions options, Path root, StackConsole console, long startedAt) {
        this.options = options;
        this.root = root;
        this.console = console;
        this.stackFile = new StackFile(options.dataDir());
        this.startedAt = startedAt;
    }

    public static void main(String[] args) throws InterruptedException {
        long startedAt = System.nanoTime();
        Path root = Path.of(System.getProperty("vigil.root", ".")).toAbsolutePath().normalize();
        StackConsole console = StackConsole.system();
        StackOptions options;
        try {
            options = StackOptions.parse(List.of(args), root);
        } catch (IllegalArgumentException e) {
            System.err.println("vigil: " + e.getMessage());
            System.err.println(StackOptions.USAGE);
            System.exit(2);
            return;
        }
        int code = switch (options.command()) {
            case UP -> new Stack(options, root, console, startedAt).up();
            case DOWN -> new StackDown(options.dataDir(), console).run();
        };
        System.exit(code);
    }

    /** Starts everything and, once all is ready, runs until the JVM is asked to stop; returns 1 on failure. */
    int up() throws InterruptedException {
        var problem = new Preflight(options, root, stackFile).problem();
        if (problem.isPresent()) {
            return fail(problem.get());
        }
        Postgres postgres = Postgres.fromEnvironment(System.getenv());
        try {
            List<String> created = new Databases(postgres).createMissing(
                    List.of(Service.values()).stream().map(options::database).toList());
            if (!created.isEmpty()) {
                console.line(TAG, "created databases " + String.join(", ", created) + " on " + postgres.address());
            }
        } catch (RuntimeException e) {
            return fail(e.getMessage());
        }
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "vigil-stop"));
        exitWithScript();
        try {
            startBroker();
            startServices(postgres);
        } catch (RuntimeException e) {
            return fail(e.getMessage());
        }
        if (!awaitReady()) {
            return 1;
        }
        announce();
        if (options.demo()) {
            startDemo();
        }
        new CountDownLatch(1).await();
        return 0;
    }

    private void startBroker() {
        String external = System.getenv("KAFKA_BOOTSTRAP_SERVERS");
        synchronized (this) {
            broker = external == null || external.isBlank()
                    ? Broker.embedded(options.dataDir().resolve("kafka"), options.ports().kafka(), console)
                    : Broker.external(external.trim());
        }
        writeState(false);
        broker.start();
        broker.createTopics(Topics.ALL, PARTITIONS);
        console.line(TAG, (broker.isEmbedded() ? "broker" : "external broker") + " ready at " + broker.bootstrapServers()
                + " in " + seconds(System.nanoTime() - startedAt) + ", topics " + String.join(", ", Topics.ALL));
    }

    private void startServices(Postgres postgres) {
        Path guardJar = guardJar();
        for (Service service : Service.values()) {
            synchronized (this) {
                if (stopped) {
                    return;
                }
                services.add(ServiceProcess.start(service, service.runJar(root), guardJar, options.ports().of(service),
                        ServiceEnvironment.of(service, options, postgres, broker.bootstrapServers()),
                        options.dataDir().resolve(service.tag()), console));
            }
        }
        writeState(false);
    }

    /** Polls every service until all answer ready; false, with the reason printed, when one exits or time runs out. */
    private boolean awaitReady() throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + READY_DEADLINE.toNanos();
        Set<ServiceProcess> waiting = new LinkedHashSet<>(services);
        while (!waiting.isEmpty()) {
            for (ServiceProcess service : List.copyOf(waiting)) {
                if (!service.isAlive()) {
                    int code = service.ended().join().exitValue();
                    fail(service.service().directory() + " exited with code " + code
                            + " before it was ready; its output above (tagged '" + service.service().tag() + "') says why");
                    return false;
                }
                if (service.isReady(http)) {
                    waiting.remove(service);
                    console.line(service.service().tag(), "ready after " + seconds(System.nanoTime() - startedAt));
                }
            }
            if (broker.isEmbedded() && broker.pid().isEmpty()) {
                fail("the Kafka broker exited; its output above (tagged 'kafka') says why");
                return false;
            }
            if (!waiting.isEmpty() && System.nanoTime() > deadline) {
                fail("not ready after " + READY_DEADLINE.toSeconds() + " s: "
                        + String.join(", ", waiting.stream().map(s -> s.service().directory()).toList()));
                return false;
            }
            TimeUnit.MILLISECONDS.sleep(waiting.isEmpty() ? 0 : 200);
        }
        return true;
    }

    private void announce() {
        Ports ports = options.ports();
        List<String> lines = new ArrayList<>();
        lines.add("all ready in " + seconds(System.nanoTime() - startedAt));
        lines.add("  websocket    ws://127.0.0.1:" + ports.gateway() + "/ws/monitor");
        lines.add("  webhook      " + ports.url(Service.INGEST) + "/api/webhook/deployment");
        for (Service service : Service.values()) {
            lines.add(String.format(Locale.ROOT, "  %-12s %s/q/swagger-ui", service.tag(), ports.url(service)));
        }
        lines.add("  kafka        " + broker.bootstrapServers());
        lines.add("  data         " + options.dataDir());
        lines.add("  stop with    Ctrl-C or deploy/local/vigil down"
                + (options.dataDir().equals(root.resolve(".vigil")) ? "" : " --data-dir " + options.dataDir()));
        console.block(TAG, lines);
        writeState(true);
    }

    private synchronized void startDemo() {
        if (!stopped) {
            console.line("demo", "sending a deployment every few seconds to " + options.ports().url(Service.INGEST));
            demo = DemoTraffic.forStack(options.ports(), console);
            demo.start();
        }
    }

    /** Stops the demo, then the services (SIGTERM, then SIGKILL after the grace), then the broker. Runs once. */
    synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        if (demo != null) {
            demo.stop();
        }
        List<CompletableFuture<Process>> exits = services.stream().map(ServiceProcess::stop).toList();
        if (!services.isEmpty()) {
            console.line(TAG, "stopping the services");
        }
        try {
            CompletableFuture.allOf(exits.toArray(CompletableFuture[]::new))
                    .get(SERVICE_STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            killStragglers();
        } catch (InterruptedException e) {
            killStragglers();
            Thread.currentThread().interrupt();
        }
        if (broker != null && broker.isEmbedded()) {
            console.line(TAG, "stopping the broker");
            broker.stop();
        }
        if (stackFile.read().map(state -> state.pid() == ProcessHandle.current().pid()).orElse(false)) {
            stackFile.delete();
        }
        console.line(TAG, "stopped");
    }

    private void killStragglers() {
        for (ServiceProcess service : services) {
            if (service.isAlive()) {
                console.line(service.service().tag(), "did not stop within " + SERVICE_STOP_GRACE.toSeconds() + " s; killing it");
                service.kill();
                service.ended().completeOnTimeout(null, 5, TimeUnit.SECONDS).join();
            }
        }
    }

    private synchronized void writeState(boolean ready) {
        Map<String, Long> pids = new LinkedHashMap<>();
        if (broker != null) {
            broker.pid().ifPresent(pid -> pids.put("kafka", pid));
        }
        services.forEach(s -> pids.put(s.service().tag(), s.pid()));
        stackFile.write(new StackState(ProcessHandle.current().pid(), ready,
                broker == null ? null : broker.bootstrapServers(), options.ports(), pids));
    }

    /** When the script runs the launcher in the foreground, the launcher must not outlive it. */
    private void exitWithScript() {
        Long scriptPid = Long.getLong("vigil.script-pid");
        if (scriptPid != null) {
            ProcessHandle.of(scriptPid).ifPresent(script -> script.onExit().thenRun(() -> System.exit(143)));
        }
    }

    /** Prints why the start failed; one line, as any longer story is in the child's output above. */
    private int fail(String reason) {
        console.line(TAG, "cannot start: " + (reason == null ? "unknown error" : reason.lines().findFirst().orElse("")));
        return 1;
    }

    private static Path guardJar() {
        try {
            return Path.of(OrphanGuard.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the jar of OrphanGuard", e);
        }
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
    }
}
