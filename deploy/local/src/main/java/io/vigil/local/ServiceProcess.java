package io.vigil.local;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * One service as a child JVM: started behind {@code OrphanGuard} so it never outlives the stack,
 * its output tagged on the stack's console, polled until ready, stopped with SIGTERM.
 */
public final class ServiceProcess {

    static final List<String> JVM_OPTIONS = List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
    private static final String ORPHAN_GUARD = "io.vigil.testing.kafka.OrphanGuard";
    private static final String QUARKUS_MAIN = "io.quarkus.bootstrap.runner.QuarkusEntryPoint";

    private final Service service;
    private final int port;
    private final Process process;
    private final CompletableFuture<Process> ended;
    private volatile boolean stopping;

    private ServiceProcess(Service service, int port, Process process, ChildLog log, StackConsole console) {
        this.service = service;
        this.port = port;
        this.process = process;
        this.ended = process.onExit().thenApply(p -> {
            log.close();
            if (!stopping) {
                console.line(service.tag(), "exited with code " + p.exitValue());
            }
            return p;
        });
    }

    /**
     * Starts {@code service} from its fast-jar with {@code env} added to this JVM's environment.
     *
     * @param guardJar the jar holding {@code OrphanGuard}
     * @param workDir  the child's working directory, created if missing; its output goes to {@code output.log} there
     */
    public static ServiceProcess start(Service service, Path runJar, Path guardJar, int port, Map<String, String> env,
            Path workDir, StackConsole console) {
        try {
            Files.createDirectories(workDir);
            Path output = workDir.resolve("output.log");
            ProcessBuilder builder = new ProcessBuilder(command(runJar, guardJar))
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(output.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            builder.environment().putAll(env);
            Files.deleteIfExists(output);
            ChildLog log = ChildLog.follow(output, console.tagged(service.tag()), service.tag() + "-output");
            try {
                return new ServiceProcess(service, port, builder.start(), log, console);
            } catch (IOException e) {
                log.close();
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + service.directory() + ": " + e.getMessage(), e);
        }
    }

    /**
     * {@code java <opts> $VIGIL_JAVA_OPTS -cp <guard>:<quarkus-run.jar> OrphanGuard QuarkusEntryPoint}; the jar's
     * manifest class path applies. Options in {@code VIGIL_JAVA_OPTS} come after the defaults, so they win.
     */
    static List<String> command(Path runJar, Path guardJar) {
        return command(runJar, guardJar, System.getenv().getOrDefault("VIGIL_JAVA_OPTS", ""));
    }

    static List<String> command(Path runJar, Path guardJar, String extraOptions) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_OPTIONS);
        Arrays.stream(extraOptions.trim().split("\\s+")).filter(o -> !o.isEmpty()).forEach(command::add);
        command.addAll(List.of("-cp", guardJar + File.pathSeparator + runJar, ORPHAN_GUARD, QUARKUS_MAIN));
        return command;
    }

    public Service service() {
        return service;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Completes once the process has ended and all its output has been passed on. */
    public CompletableFuture<Process> ended() {
        return ended;
    }

    /** True when {@code /q/health/ready} answers 200. */
    public boolean isReady(HttpClient http) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                .timeout(Duration.ofSeconds(2)).GET().build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Asks the service to stop (SIGTERM: Quarkus shuts down gracefully); completes when it has. */
    public CompletableFuture<Process> stop() {
        stopping = true;
        process.destroy();
        return ended;
    }

    /** Ends the service at once (SIGKILL), for one that ignored {@link #stop()}. */
    public void kill() {
        stopping = true;
        process.destroyForcibly();
    }
}
