package io.vigil.pipeline.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.vigil.pipeline.process.ProcessOutcome;
import io.vigil.pipeline.process.ProcessOutcome.Ending;
import io.vigil.pipeline.process.ProcessSpec;
import io.vigil.pipeline.process.StepLauncher;
import io.vigil.pipeline.process.StepProcess;

/** Real gated shells under a temporary directory, none left running after each test. */
class WarmStartsTest {

    @TempDir
    Path base;

    private final StepLauncher launcher = new StepLauncher();
    private final Map<RunStep.Key, StepProcess> spawned = new ConcurrentHashMap<>();
    private final WarmStarts warm = new WarmStarts(3);
    private final UUID run = UUID.randomUUID();
    private final UUID otherRun = UUID.randomUUID();

    @AfterEach
    void closeAll() throws Exception {
        warm.closeAll();
        for (StepProcess process : spawned.values()) {
            process.cancel().get(20, TimeUnit.SECONDS);
        }
    }

    @Test
    void aKeptShellIsTakenForItsAttemptOnly() throws Exception {
        RunStep.Key b = key(run, "b");
        RunStep.Key c = key(run, "c");
        warm.keep(run, Map.of(b, 1, c, 2), this::spawn);
        await().atMost(Duration.ofSeconds(20)).until(() -> spawned.size() == 2);

        StepProcess taken = warm.take(b, 1).orElseThrow().get(20, TimeUnit.SECONDS);
        assertThat(warm.take(b, 1)).isEmpty(); // taken once
        assertThat(warm.take(c, 1)).isEmpty(); // kept for attempt 2: closed

        assertThat(outcomeOf(spawned.get(c)).reason()).isEqualTo("cancelled before it started");
        assertThat(taken.open().outcome().get(20, TimeUnit.SECONDS).ending()).isEqualTo(Ending.EXITED);
    }

    @Test
    void shellsNoLongerWantedAreClosedAndOtherRunsKeepTheirs() throws Exception {
        warm.keep(otherRun, Map.of(key(otherRun, "x"), 1), this::spawn);
        warm.keep(run, Map.of(key(run, "b"), 1, key(run, "c"), 1), this::spawn);
        await().atMost(Duration.ofSeconds(20)).until(() -> spawned.size() == 3);

        warm.keep(run, Map.of(key(run, "c"), 1), this::spawn);

        assertThat(outcomeOf(spawned.get(key(run, "b"))).ending()).isEqualTo(Ending.CANCELLED);
        assertThat(warm.take(key(run, "c"), 1)).isPresent();
        assertThat(warm.take(key(otherRun, "x"), 1)).isPresent();
    }

    @Test
    void noMoreShellsWaitThanTheLimit() {
        warm.keep(run, Map.of(key(run, "a"), 1, key(run, "b"), 1, key(run, "c"), 1, key(run, "d"), 1,
                key(run, "e"), 1), this::spawn);

        await().atMost(Duration.ofSeconds(20)).until(() -> spawned.size() == 3);
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> spawned.size() == 3);
    }

    @Test
    void aShellTheWarmerHasNotBegunIsNeverSpawnedOnceTaken() throws Exception {
        CompletableFuture<Void> holdTheWarmer = new CompletableFuture<>();
        warm.keep(otherRun, Map.of(key(otherRun, "x"), 1), key -> {
            holdTheWarmer.join();
            return spawn(key);
        });
        warm.keep(run, Map.of(key(run, "b"), 1), this::spawn);

        assertThat(warm.take(key(run, "b"), 1)).isEmpty(); // the start spawns it itself
        holdTheWarmer.complete(null);

        await().atMost(Duration.ofSeconds(20)).until(() -> spawned.containsKey(key(otherRun, "x")));
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> spawned.size() == 1);
    }

    private StepProcess spawn(RunStep.Key key) {
        StepProcess process = launcher.prepare(new ProcessSpec("echo " + key.name(), base, Path.of("work"),
                base.resolve("logs").resolve(key.runId() + "-" + key.name() + ".log")));
        spawned.put(key, process);
        return process;
    }

    private static ProcessOutcome outcomeOf(StepProcess process) throws Exception {
        return process.outcome().get(20, TimeUnit.SECONDS);
    }

    private static RunStep.Key key(UUID runId, String name) {
        return new RunStep.Key(runId, name);
    }
}
