package io.vigil.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.PrintStream;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.vigil.testing.kafka.OrphanGuard;

/**
 * A throwaway stack for crash tests: started as {@code vigil up --detach} starts it, on free ports and databases
 * of its own; a service killed with SIGKILL (no shutdown hook runs), then started again as the stack starts it.
 * Closing stops everything and drops the databases.
 */
final class CrashTestStack implements AutoCloseable {

    private final Path work;
    private final Path dataDir;
    private final Map<String, String> env;
    private final StackDatabases databases;
    private final StackOptions options;
    private final int base;
    private final List<ServiceProcess> restarted = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private StackState state;

    private CrashTestStack(Path work, String kind, Map<String, String> env) {
        this.work = work;
        this.dataDir = work.resolve("data");
        this.env = env;
        this.databases = StackDatabases.fresh(kind);
        this.base = FreePorts.base();
        this.options = StackOptions.parse(List.of("up", "--data-dir", dataDir.toString(), "--ports-from",
                String.valueOf(base), "--db-prefix", databases.prefix()), StackScript.ROOT);
    }

    /** Starts the stack with {@code env} added to every service's environment. */
    static CrashTestStack up(Path work, String kind, Map<String, String> env) throws Exception {
        CrashTestStack stack = new CrashTestStack(work, kind, env);
        try {
            StackScript.Result up = StackScript.run(work, env, "up", "--no-build", "--detach", "--data-dir",
                    stack.dataDir.toString(), "--ports-from", String.valueOf(stack.base),
                    "--db-prefix", stack.databases.prefix());
            assertThat(up.code()).as(up.output() + StackScript.log(stack.dataDir)).isZero();
            stack.state = new StackFile(stack.dataDir).read().orElseThrow();
            return stack;
        } catch (Exception | AssertionError e) {
            try {
                stack.close();
            } catch (Exception cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    StackState state() {
        return state;
    }

    StackOptions options() {
        return options;
    }

    StackDatabases databases() {
        return databases;
    }

    /** Kills the service with SIGKILL and waits until it is gone. */
    void kill(Service service) {
        long pid = state.pids().get(service.tag());
        ProcessHandle.of(pid).orElseThrow().destroyForcibly();
        await().atMost(Duration.ofSeconds(10)).until(() -> !StackScript.alive(pid));
    }

    /** Starts the service again, on its port, as the stack does, and waits until it is ready. */
    ServiceProcess restart(Service service) throws URISyntaxException {
        return start(service, port(service), "restarted-" + service.tag());
    }

    /** Starts one more replica of the service on {@code port}, as the stack starts the first, and waits until it is ready. */
    ServiceProcess startReplica(Service service, int port) throws URISyntaxException {
        return start(service, port, "replica-" + service.tag() + "-" + port);
    }

    private ServiceProcess start(Service service, int port, String logDir) throws URISyntaxException {
        Map<String, String> serviceEnv = new HashMap<>(ServiceEnvironment.of(service, options,
                Postgres.fromEnvironment(System.getenv()), state.bootstrapServers()));
        serviceEnv.putAll(env);
        serviceEnv.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        ServiceProcess process = ServiceProcess.start(service, service.runJar(StackScript.ROOT), guardJar(),
                port, serviceEnv, work.resolve(logDir),
                new StackConsole(new PrintStream(PrintStream.nullOutputStream()), false));
        restarted.add(process);
        await().atMost(Duration.ofSeconds(60)).until(() -> process.isReady(http));
        return process;
    }

    /** The base port of the stack: its services listen on base to base + 3, its broker on base + 9. */
    int basePort() {
        return base;
    }

    int port(Service service) {
        return state.ports().of(service);
    }

    @Override
    public void close() throws Exception {
        try {
            for (ServiceProcess process : restarted) {
                process.stop().completeOnTimeout(null, 30, TimeUnit.SECONDS).join();
                process.kill();
            }
            StackScript.stopWhateverIsLeft(work, dataDir);
        } finally {
            databases.dropAll();
        }
    }

    private static Path guardJar() throws URISyntaxException {
        return Path.of(OrphanGuard.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }
}
