package io.vigil.pipeline.process;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.vigil.pipeline.process.ProcessOutcome.Ending;

/**
 * One running step process, from {@link StepLauncher#start}. Two daemon threads of its own see it through: a
 * reader copying its output into the log as it comes, and a supervisor that waits for exit, timeout or
 * {@link #cancel()}, then stops whatever of the step still runs (background children included: a step's
 * processes never outlive it), lets the reader drain, and completes the {@link #outcome()}.
 */
public final class StepProcess {

    private final Process process;
    private final CompletableFuture<ProcessOutcome> outcome = new CompletableFuture<>();
    private final CompletableFuture<Void> cancelRequest = new CompletableFuture<>();

    private StepProcess(Process process) {
        this.process = process;
    }

    /** A step that never ran. */
    static StepProcess failed(ProcessOutcome outcome) {
        StepProcess step = new StepProcess(null);
        step.outcome.complete(outcome);
        return step;
    }

    /** Sees a started process through; {@code output} writes masked bytes into {@code log}. */
    static StepProcess running(Process process, ProcessTree tree, SecretMask.Masking output, CappedLog log,
            Duration timeout, Duration grace, Clock clock, Instant startedAt) {
        StepProcess step = new StepProcess(process);
        Thread reader = daemon("vigil-step-" + process.pid() + "-output", () -> step.copy(output));
        daemon("vigil-step-" + process.pid(), () -> step.supervise(tree, reader, log, timeout, grace, clock, startedAt));
        return step;
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
        cancelRequest.complete(null);
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

    private void supervise(ProcessTree tree, Thread reader, CappedLog log, Duration timeout, Duration grace,
            Clock clock, Instant startedAt) {
        Ending ending = awaitEnd(timeout);
        Integer exitCode = ending == Ending.EXITED ? process.exitValue() : null;
        String reason = switch (ending) {
            case TIMED_OUT -> "timed out after " + timeout.toString().substring(2).toLowerCase(Locale.ROOT);
            case CANCELLED -> "cancelled";
            default -> null;
        };
        try {
            tree.terminate(grace);
            if (!drained(reader, grace)) {
                log.note("output is still open, held by a process that left the step; the rest is not kept");
            }
        } finally {
            if (reason != null) {
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

    private Ending awaitEnd(Duration timeout) {
        CompletableFuture<Object> ended = CompletableFuture.anyOf(process.onExit(), cancelRequest);
        try {
            if (timeout == null) {
                ended.get();
            } else {
                ended.get(timeout.toMillis(), TimeUnit.MILLISECONDS); // nanoseconds overflow past 292 years
            }
        } catch (TimeoutException e) {
            return Ending.TIMED_OUT;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Ending.CANCELLED; // the service is going down: the step must not outlive it
        } catch (ExecutionException e) {
            throw new IllegalStateException(e); // neither future completes exceptionally
        }
        return cancelRequest.isDone() ? Ending.CANCELLED : Ending.EXITED;
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
