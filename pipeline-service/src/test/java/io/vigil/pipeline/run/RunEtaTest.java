package io.vigil.pipeline.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.vigil.pipeline.dag.StepState;
import io.vigil.pipeline.definition.DefinitionFormat;
import io.vigil.pipeline.definition.DefinitionParser;
import io.vigil.pipeline.definition.PipelineDefinition;

/** The remaining time of a run is its longest remaining path, each step at its usual time. */
class RunEtaTest {

    static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    // a → b → d, a → c → d; c is the slow branch
    static final PipelineDefinition DIAMOND = DefinitionParser.parse("""
            name: diamond
            steps:
              - {name: a, run: x}
              - {name: b, run: x, needs: [a]}
              - {name: c, run: x, needs: [a]}
              - {name: d, run: x, needs: [b, c]}
            """, DefinitionFormat.YAML);
    static final Map<String, Duration> USUAL = Map.of("a", Duration.ofSeconds(10), "b", Duration.ofSeconds(5),
            "c", Duration.ofSeconds(30), "d", Duration.ofSeconds(2));

    static RunStep step(String name, StepState state, Instant startedAt) {
        RunStep step = new RunStep();
        step.key = new RunStep.Key(UUID.randomUUID(), name);
        step.state = state;
        step.startedAt = startedAt;
        return step;
    }

    static Map<String, RunStep> states(RunStep... steps) {
        Map<String, RunStep> byName = new HashMap<>();
        for (RunStep s : steps) {
            byName.put(s.name(), s);
        }
        return byName;
    }

    @Test
    void beforeAnythingRanItIsTheCriticalPath() {
        Map<String, RunStep> steps = states(step("a", StepState.PENDING, null), step("b", StepState.PENDING, null),
                step("c", StepState.PENDING, null), step("d", StepState.PENDING, null));

        assertThat(RunEta.remaining(DIAMOND, steps, USUAL, NOW)).isEqualTo(Duration.ofSeconds(42));
    }

    @Test
    void aRunningStepCountsWhatIsLeftOfItAndEndedStepsNothing() {
        Map<String, RunStep> steps = states(step("a", StepState.SUCCESS, null),
                step("b", StepState.SUCCESS, null), step("c", StepState.RUNNING, NOW.minusSeconds(20)),
                step("d", StepState.PENDING, null));

        assertThat(RunEta.remaining(DIAMOND, steps, USUAL, NOW)).isEqualTo(Duration.ofSeconds(12));
    }

    @Test
    void aStepOverItsUsualTimeIsDueNowAndAStepWithoutHistoryCountsZero() {
        Map<String, RunStep> steps = states(step("a", StepState.SUCCESS, null), step("b", StepState.SUCCESS, null),
                step("c", StepState.RUNNING, NOW.minusSeconds(300)), step("d", StepState.PENDING, null));

        assertThat(RunEta.remaining(DIAMOND, steps, USUAL, NOW)).isEqualTo(Duration.ofSeconds(2));
        assertThat(RunEta.remaining(DIAMOND, steps, Map.of("a", Duration.ofSeconds(10)), NOW)).isZero();
    }
}
