package io.vigil.local;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** {@code deploy/local/vigil} run as a user would, for tests that start the real stack. */
final class StackScript {

    static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();
    static final Path SCRIPT = ROOT.resolve("deploy/local/vigil");

    record Result(int code, String output) {
    }

    private StackScript() {
    }

    /** Runs the script with {@code env} added, without an external broker in the environment. */
    static Result run(Path work, Map<String, String> env, String... args) throws IOException, InterruptedException {
        Path output = Files.createTempFile(work, "vigil", ".out");
        ProcessBuilder builder = new ProcessBuilder(Stream.concat(Stream.of(SCRIPT.toString()), Arrays.stream(args)).toList())
                .redirectErrorStream(true).redirectOutput(output.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().remove("KAFKA_BOOTSTRAP_SERVERS");
        builder.environment().putAll(env);
        Process process = builder.start();
        if (!process.waitFor(180, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("vigil " + String.join(" ", args) + " did not end within 180 s:\n" + Files.readString(output));
        }
        return new Result(process.exitValue(), Files.readString(output));
    }

    /** Whatever a failed assertion left running: stopped as {@code down} would, then killed. */
    static void stopWhateverIsLeft(Path work, Path dataDir) throws IOException, InterruptedException {
        Optional<StackState> state = new StackFile(dataDir).read();
        if (state.isEmpty()) {
            return;
        }
        run(work, Map.of(), "down", "--data-dir", dataDir.toString());
        state.get().pids().values().forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        ProcessHandle.of(state.get().pid()).ifPresent(ProcessHandle::destroyForcibly);
    }

    static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** The stack's log, to explain a failed start. */
    static String log(Path dataDir) throws IOException {
        Path log = dataDir.resolve("stack.log");
        return Files.exists(log) ? "\nstack.log:\n" + Files.readString(log) : "";
    }
}
