package io.vigil.pipeline.process;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.vigil.pipeline.process.ProcessOutcome.Ending;

/**
 * One step process, from {@link StepLauncher#prepare}, held at its gate until {@link #open()}. Two daemon
 * threads of its own see it through: a reader copying its output into the log as it comes, and a supervisor
 * that waits for the gate to open, then for exit, timeout or {@link #cancel()}, then stops whatever of the step
 * still runs (background children included: a step's processes never outlive it), lets the reader drain, and
 * completes the {@link #outcome()}.
 */
public final class StepProcess {

    private final Process process;
    private final CompletableFuture<ProcessOutcome> outcome = new CompletableFuture<>();
    private final CompletableFuture<Void> cancelRequest = new CompletableFuture<>();
    private final CompletableFuture<Instant> opened = new CompletableFuture<>();
    private final Clock clock;
    /** The supervisor while it waits for the exit, to be interrupted by cancel(); guarded by cancelRequest. */
    private Thread waiter;

    private StepProcess(Process process, Clock clock) {
        this.process = process;
        this.clock = clock;
    }

    /** A step that never ran. */
    static StepProcess failed(ProcessOutcome outcome) {
        StepProcess step = new StepProcess(null, Clock.systemUTC());
        step.outcome.complete(outcome);
        return step;
    }

    /** Sees a process waiting at its gate through; {@code output} writes masked bytes into {@code log}. */
    static StepProcess gated(Process process, ProcessTree tree, SecretMask.Masking output, CappedLog log,
            Duration timeout, Duration grace, Clock clock) {
        StepProcess step = new StepProcess(process, clock);
        Thread reader = daemon("vigil-step-" + process.pid() + "-output", () -> step.copy(output));
        daemon("vigil-step-" + process.pid(), () -> step.supervise(tree, reader, log, timeout, grace));
        return step;
    }

    /**
     * Lets the step's command run (its timeout counts from now); nothing when it was cancelled, ended or never
     * started. Returns this step.
     */
    public StepProcess open() {
        if (process != null) {
            synchronized (opened) { // against the supervisor closing the gate: the shell gets the line or EOF, never both
                if (!cancelRequest.isDone() && opened.complete(clock.instant())) {
                    try (OutputStream gate = process.getOutputStream()) {
                        gate.write('\n');
                    } catch (IOException e) {
                        // the shell is gone already: the supervisor reports how it ended
                    }
                }
            }
        }
        return this;
    }

    /** The OS pid, once started; empty when the step failed to start. */
    public OptionalLong pid() {
        return process == null ? OptionalLong.empty() : OptionalLong.of(process.pid());
    }

    /** Completes when the step has ended and none of its processes is left; it never completes exceptionally. */
    public CompletableFuture<ProcessOutcome> outcome() {
        return outcome.copy();
    }

    /** Stops the step and all it started; the outcome is {@code CANCELLED} unless it had ended already. */
    public CompletableFuture<ProcessOutcome> cancel() {
        synchronized (cancelRequest) {
            if (cancelRequest.complete(null) && waiter != null) {
                waiter.interrupt();
            }
        }
        return outcome();
    }

    private void copy(SecretMask.Masking output) {
        try (InputStream in = process.getInputStream(); output) {
            byte[] chunk = new byte[64 * 1024];
            for (int read; (read = in.read(chunk)) >= 0; ) {
                output.write(chunk, 0, read);
                output.flush(); // so the log is tailed live
            }
        } catch (IOException e) {
            // the pipe broke: there is nothing more to read
        }
    }

    private void supervise(ProcessTree tree, Thread reader, CappedLog log, Duration timeout, Duration grace) {
        Instant preparedAt = clock.instant();
        boolean ran = awaitOpen();
        Instant startedAt = ran ? opened.join() : preparedAt;
        Ending ending = ran ? awaitEnd(timeout) : Ending.CANCELLED;
        Integer exitCode = ending == Ending.EXITED ? process.exitValue() : null;
        String reason = switch (ending) {
            case TIMED_OUT -> "timed out after " + timeout.toString().substring(2).toLowerCase(Locale.ROOT);
            case CANCELLED -> ran ? "cancelled" : "cancelled before it started";
            default -> null;
        };
        try {
            tree.terminate(grace);
            if (!drained(reader, grace)) {
                log.note("output is still open, held by a process that left the step; the rest is not kept");
            }
        } finally {
            if (!ran) {
                log.discard(); // never ran: no log, as for a step never prepared
            } else if (reason != null) {
                log.note(reason + "; the step's processes were stopped");
            }
            log.close();
            if (log.failure() != null) {
                reason = (reason == null ? "" : reason + "; ") + "log file could not be written: "
                        + log.failure().getMessage();
            }
            outcome.complete(new ProcessOutcome(ending, exitCode, reason, startedAt, clock.instant(), log.written(),
                    log.truncated()));
        }
    }

    /**
     * Waits at the gate: true once opened; false when cancelled first, and then the gate is closed, so the shell
     * exits without running the command. (A shell killed at its gate is seen once opened: its pipe is broken.)
     */
    private boolean awaitOpen() {
        CompletableFuture.anyOf(opened, cancelRequest).join();
        synchronized (opened) {
            if (opened.isDone()) {
                return true;
            }
            try {
                process.getOutputStream().close();
            } catch (IOException e) {
                // already closed: the shell exits all the same
            }
            return false;
        }
    }

    /**
     * Waits in {@link Process#waitFor}, woken by the reaper's own notification: {@code Process.onExit()} would hand
     * every exit to a new thread on a two-core machine (CompletableFuture's async default). cancel() interrupts.
     */
    private Ending awaitEnd(Duration timeout) {
        synchronized (cancelRequest) {
            if (cancelRequest.isDone()) {
                return Ending.CANCELLED;
            }
            waiter = Thread.currentThread();
        }
        try {
            if (timeout == null) {
                process.waitFor();
                return Ending.EXITED;
            }
            // in milliseconds: nanoseconds overflow past 292 years
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? Ending.EXITED : Ending.TIMED_OUT;
        } catch (InterruptedException e) {
            return Ending.CANCELLED; // only cancel() interrupts this thread, the service going down included
        } finally {
            synchronized (cancelRequest) {
                waiter = null;
                Thread.interrupted(); // a cancel that came with the exit: the stopping below keeps its grace
            }
        }
    }

    private static boolean drained(Thread reader, Duration grace) {
        try {
            reader.join(Math.max(1, grace.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !reader.isAlive();
    }

    private static Thread daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
