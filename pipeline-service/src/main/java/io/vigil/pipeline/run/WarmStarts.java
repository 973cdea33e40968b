package io.vigil.pipeline.run;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import io.vigil.pipeline.process.StepProcess;

/**
 * Shells spawned ahead, held at their gates, for the steps a run starts next if the steps running now succeed:
 * when they do, the next step's process is there already and its fork is off the path from one step to the
 * next. A warm shell that is not wanted after all (a need failed, the run was cancelled, another instance
 * started the step) is closed unopened: it never runs anything and leaves no log.
 *
 * <p>Warm shells are spawned one at a time on a thread of their own, with the capacity the starts leave idle:
 * under load they never hold a start back, and a step whose warm shell is not spawned yet when it starts is
 * spawned by its start instead.
 */
final class WarmStarts {

    /** A shell kept for one attempt of a step; {@code begun} once the warmer took it up (or it was dropped). */
    private record Warm(int attempt, AtomicBoolean begun, CompletableFuture<StepProcess> process) {
    }

    private final Map<RunStep.Key, Warm> warm = new ConcurrentHashMap<>();
    private final int limit;
    private final ExecutorService warmer = Executors.newSingleThreadExecutor(r -> new Thread(r, "vigil-step-warmer"));

    /** At most {@code limit} shells wait at once, over all runs. */
    WarmStarts(int limit) {
        this.limit = limit;
    }

    /**
     * The shell kept for this attempt of the step, now the caller's, spawned or being spawned; empty when there
     * is none, or the warmer has not begun it (then it never will).
     */
    Optional<CompletableFuture<StepProcess>> take(RunStep.Key key, int attempt) {
        Warm kept = warm.remove(key);
        if (kept == null) {
            return Optional.empty();
        }
        boolean begun = !kept.begun().compareAndSet(false, true); // if not, the warmer never will
        if (begun && kept.attempt() == attempt) {
            return Optional.of(kept.process());
        }
        close(kept);
        return Optional.empty();
    }

    /**
     * Keeps shells for exactly the {@code wanted} steps of the run (each for the attempt given), spawning the
     * missing ones with {@code prepare} as room allows and closing the run's others.
     */
    void keep(UUID runId, Map<RunStep.Key, Integer> wanted, Function<RunStep.Key, StepProcess> prepare) {
        warm.forEach((key, kept) -> {
            if (key.runId().equals(runId) && !Integer.valueOf(kept.attempt()).equals(wanted.get(key))
                    && warm.remove(key, kept)) {
                close(kept);
            }
        });
        wanted.forEach((key, attempt) -> {
            if (!warm.containsKey(key) && warm.size() < limit) {
                AtomicBoolean begun = new AtomicBoolean();
                warm.put(key, new Warm(attempt, begun, CompletableFuture.supplyAsync(
                        () -> begun.compareAndSet(false, true) ? prepare.apply(key) : null, warmer)));
            }
        });
    }

    /** Closes every shell still waiting: the service is going down. */
    void closeAll() {
        warm.keySet().forEach(key -> Optional.ofNullable(warm.remove(key)).ifPresent(WarmStarts::close));
        warmer.shutdown();
    }

    /** Drops a kept shell: never spawned if not begun yet, else closed unopened. */
    private static void close(Warm kept) {
        kept.begun().set(true);
        kept.process().thenAccept(process -> {
            if (process != null) {
                process.cancel();
            }
        });
    }
}
