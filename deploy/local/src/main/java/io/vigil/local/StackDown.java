package io.vigil.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** {@code vigil down}: asks the launcher recorded in stack.json to stop, the same way Ctrl-C does, and waits. */
public final class StackDown {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String LAUNCHER_CLASS = Stack.class.getName();

    private final Path dataDir;
    private final StackFile stackFile;
    private final StackConsole console;

    public StackDown(Path dataDir, StackConsole console) {
        this.dataDir = dataDir;
        this.stackFile = new StackFile(dataDir);
        this.console = console;
    }

    /** 0 once nothing of the stack runs any more; 1 when the launcher had to be killed. */
    public int run() {
        Optional<StackState> state = stackFile.read();
        if (state.isEmpty()) {
            console.line("vigil", "no stack is running from " + dataDir);
            return 0;
        }
        Optional<ProcessHandle> launcher = ProcessHandle.of(state.get().pid()).filter(StackDown::isLauncher);
        if (launcher.isEmpty()) {
            killLeftovers(state.get());
            stackFile.delete();
            console.line("vigil", "stopped (the launcher had already ended)");
            return 0;
        }
        console.line("vigil", "stopping the stack (pid " + launcher.get().pid() + ")");
        launcher.get().destroy();
        try {
            launcher.get().onExit().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            launcher.get().descendants().forEach(ProcessHandle::destroyForcibly);
            launcher.get().destroyForcibly();
            killLeftovers(state.get());
            stackFile.delete();
            console.line("vigil", "the launcher did not stop within " + WAIT.toSeconds() + " s; killed it and its children");
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
        console.line("vigil", "stopped");
        return 0;
    }

    /** Children the record names that still run (they should have followed their launcher out). */
    private static void killLeftovers(StackState state) {
        state.pids().values().forEach(pid -> ProcessHandle.of(pid)
                .filter(p -> p.info().command().map(c -> c.endsWith("java")).orElse(false))
                .ifPresent(ProcessHandle::destroyForcibly));
    }

    /** Guards against a stale record whose pid now belongs to another program. */
    private static boolean isLauncher(ProcessHandle process) {
        return process.isAlive() && process.info().commandLine().map(c -> c.contains(LAUNCHER_CLASS)).orElse(true);
    }
}
