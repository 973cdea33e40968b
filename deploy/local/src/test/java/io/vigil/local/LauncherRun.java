package io.vigil.local;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The launcher run as the script runs it, in its own JVM from target/classes and target/classpath.txt,
 * its output kept in a file; closing it stops whatever is still running.
 */
final class LauncherRun implements AutoCloseable {

    private final Process process;
    private final Path log;

    private LauncherRun(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static LauncherRun start(Path root, Path logDir, Map<String, String> env, String... args) {
        try {
            String classpath = Path.of("target/classes").toAbsolutePath() + File.pathSeparator
                    + Files.readString(Path.of("target/classpath.txt")).trim();
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx64m", "-Dvigil.root=" + root, "-cp", classpath, Stack.class.getName()));
            command.addAll(List.of(args));
            Files.createDirectories(logDir);
            Path log = Files.createTempFile(logDir, "launcher", ".log");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            builder.environment().remove("KAFKA_BOOTSTRAP_SERVERS");
            builder.environment().putAll(env);
            return new LauncherRun(builder.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs the launcher to its end and returns its exit code. */
    static int run(Path root, Path logDir, Map<String, String> env, StringBuilder output, String... args) {
        try (LauncherRun run = start(root, logDir, env, args)) {
            int code = run.awaitExit(Duration.ofSeconds(90));
            output.append(run.output());
            return code;
        }
    }

    Process process() {
        return process;
    }

    String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("the launcher did not end within " + timeout + "; its output:\n" + output());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
