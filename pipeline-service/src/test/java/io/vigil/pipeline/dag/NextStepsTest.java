package io.vigil.pipeline.dag;

import static io.vigil.pipeline.dag.StepState.CANCELLED;
import static io.vigil.pipeline.dag.StepState.FAILED;
import static io.vigil.pipeline.dag.StepState.INTERRUPTED;
import static io.vigil.pipeline.dag.StepState.PENDING;
import static io.vigil.pipeline.dag.StepState.RUNNING;
import static io.vigil.pipeline.dag.StepState.SKIPPED;
import static io.vigil.pipeline.dag.StepState.SUCCESS;
import static io.vigil.pipeline.dag.StepState.TIMED_OUT;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.vigil.pipeline.definition.DefinitionFormat;
import io.vigil.pipeline.definition.DefinitionParser;
import io.vigil.pipeline.definition.PipelineDefinition;
import io.vigil.pipeline.definition.StepDefinition;

class NextStepsTest {

    private static final PipelineDefinition DIAMOND = pipeline("""
            - {name: a, run: x}
            - {name: b, run: x, needs: [a]}
            - {name: c, run: x, needs: [a]}
            - {name: d, run: x, needs: [b, c]}
            """);

    @Test
    void aNewRunStartsItsStepsWithoutNeeds() {
        assertThat(NextSteps.of(DIAMOND, Map.of())).isEqualTo(new NextSteps(List.of("a"), List.of()));
        assertThat(NextSteps.of(DIAMOND, Map.of("a", PENDING, "b", PENDING, "c", PENDING, "d", PENDING)))
                .isEqualTo(new NextSteps(List.of("a"), List.of()));
    }

    @Test
    void theDiamondFansOutThenJoinsOnlyWhenBothBranchesSucceeded() {
        assertThat(NextSteps.of(DIAMOND, Map.of("a", RUNNING))).isEqualTo(new NextSteps(List.of(), List.of()));
        assertThat(NextSteps.of(DIAMOND, Map.of("a", SUCCESS))).isEqualTo(new NextSteps(List.of("b", "c"), List.of()));
        assertThat(NextSteps.of(DIAMOND, Map.of("a", SUCCESS, "b", SUCCESS, "c", RUNNING)))
                .isEqualTo(new NextSteps(List.of(), List.of()));
        assertThat(NextSteps.of(DIAMOND, Map.of("a", SUCCESS, "b", SUCCESS, "c", SUCCESS)))
                .isEqualTo(new NextSteps(List.of("d"), List.of()));
        assertThat(NextSteps.of(DIAMOND, Map.of("a", SUCCESS, "b", SUCCESS, "c", SUCCESS, "d", RUNNING)))
                .isEqualTo(new NextSteps(List.of(), List.of()));
    }

    @Test
    void aFailureSkipsEverythingAfterItTransitively() {
        assertThat(NextSteps.of(DIAMOND, Map.of("a", FAILED))).isEqualTo(new NextSteps(List.of(), List.of("b", "c", "d")));
    }

    @Test
    void aFailedBranchSkipsTheJoinWhileTheOtherBranchStillRuns() {
        assertThat(NextSteps.of(DIAMOND, Map.of("a", SUCCESS, "b", FAILED, "c", RUNNING)))
                .isEqualTo(new NextSteps(List.of(), List.of("d")));
    }

    @ParameterizedTest
    @EnumSource(names = {"FAILED", "TIMED_OUT", "INTERRUPTED", "CANCELLED", "SKIPPED"})
    void anOnSuccessStepIsSkippedAfterANeedThatDidNotSucceed(StepState need) {
        assertThat(NextSteps.of(DIAMOND, Map.of("a", SUCCESS, "b", SUCCESS, "c", need)))
                .isEqualTo(new NextSteps(List.of(), List.of("d")));
    }

    @Test
    void fanOutStartsEveryBranchAtOnceAndFanInWaitsForAll() {
        PipelineDefinition fan = pipeline("""
                - {name: checkout, run: x}
                - {name: lint, run: x, needs: [checkout]}
                - {name: unit, run: x, needs: [checkout]}
                - {name: e2e, run: x, needs: [checkout]}
                - {name: docs, run: x, needs: [checkout]}
                - {name: publish, run: x, needs: [lint, unit, e2e, docs]}
                """);

        assertThat(NextSteps.of(fan, Map.of("checkout", SUCCESS)))
                .isEqualTo(new NextSteps(List.of("lint", "unit", "e2e", "docs"), List.of()));
        assertThat(NextSteps.of(fan, Map.of("checkout", SUCCESS, "lint", SUCCESS, "unit", SUCCESS, "e2e", SUCCESS,
                "docs", RUNNING))).isEqualTo(new NextSteps(List.of(), List.of()));
        assertThat(NextSteps.of(fan, Map.of("checkout", SUCCESS, "lint", SUCCESS, "unit", SUCCESS, "e2e", SUCCESS,
                "docs", SUCCESS))).isEqualTo(new NextSteps(List.of("publish"), List.of()));
    }

    @ParameterizedTest
    @EnumSource(names = {"FAILED", "TIMED_OUT", "INTERRUPTED"})
    void anOnFailureStepRunsAfterAFailure(StepState build) {
        PipelineDefinition definition = pipeline("""
                - {name: build, run: x}
                - {name: rollback, run: x, needs: [build], when: on_failure}
                """);

        assertThat(NextSteps.of(definition, Map.of("build", build))).isEqualTo(new NextSteps(List.of("rollback"), List.of()));
    }

    @ParameterizedTest
    @EnumSource(names = {"SUCCESS", "CANCELLED", "SKIPPED"})
    void anOnFailureStepIsSkippedWhenNoNeedFailed(StepState build) {
        PipelineDefinition definition = pipeline("""
                - {name: build, run: x}
                - {name: rollback, run: x, needs: [build], when: on_failure}
                """);

        assertThat(NextSteps.of(definition, Map.of("build", build))).isEqualTo(new NextSteps(List.of(), List.of("rollback")));
    }

    @Test
    void anOnFailureStepWaitsForAllItsNeedsEvenAfterOneFailed() {
        PipelineDefinition definition = pipeline("""
                - {name: a, run: x}
                - {name: b, run: x}
                - {name: report, run: x, needs: [a, b], when: on_failure}
                """);

        assertThat(NextSteps.of(definition, Map.of("a", FAILED, "b", RUNNING))).isEqualTo(new NextSteps(List.of(), List.of()));
        assertThat(NextSteps.of(definition, Map.of("a", FAILED, "b", SUCCESS)))
                .isEqualTo(new NextSteps(List.of("report"), List.of()));
    }

    @Test
    void anOnFailureStepWithoutNeedsIsSkippedAtOnce() {
        PipelineDefinition definition = pipeline("""
                - {name: build, run: x}
                - {name: alarm, run: x, when: on_failure}
                """);

        assertThat(NextSteps.of(definition, Map.of())).isEqualTo(new NextSteps(List.of("build"), List.of("alarm")));
    }

    @ParameterizedTest
    @EnumSource(names = {"SUCCESS", "FAILED", "TIMED_OUT", "INTERRUPTED", "CANCELLED", "SKIPPED"})
    void anAlwaysStepRunsOnceItsNeedsEndedHoweverTheyEnded(StepState deploy) {
        PipelineDefinition definition = pipeline("""
                - {name: deploy, run: x}
                - {name: cleanup, run: x, needs: [deploy], when: always}
                """);

        assertThat(NextSteps.of(definition, Map.of("deploy", deploy))).isEqualTo(new NextSteps(List.of("cleanup"), List.of()));
    }

    @Test
    void anAlwaysStepWaitsWhileANeedIsOpen() {
        PipelineDefinition definition = pipeline("""
                - {name: deploy, run: x}
                - {name: cleanup, run: x, needs: [deploy], when: always}
                """);

        assertThat(NextSteps.of(definition, Map.of())).isEqualTo(new NextSteps(List.of("deploy"), List.of()));
        assertThat(NextSteps.of(definition, Map.of("deploy", RUNNING))).isEqualTo(new NextSteps(List.of(), List.of()));
    }

    @Test
    void skipsCascadeAndAnAlwaysStepAfterThemIsReadyInTheSameDecision() {
        PipelineDefinition definition = pipeline("""
                - {name: test, run: x}
                - {name: deploy, run: x, needs: [test]}
                - {name: verify, run: x, needs: [deploy]}
                - {name: cleanup, run: x, needs: [verify], when: always}
                - {name: after, run: x, needs: [cleanup]}
                """);

        assertThat(NextSteps.of(definition, Map.of("test", FAILED)))
                .isEqualTo(new NextSteps(List.of("cleanup"), List.of("deploy", "verify")));
        assertThat(NextSteps.of(definition, Map.of("test", FAILED, "deploy", SKIPPED, "verify", SKIPPED, "cleanup", SUCCESS)))
                .isEqualTo(new NextSteps(List.of("after"), List.of()));
    }

    @Test
    void anOnFailureStepAfterASkippedStepIsSkippedToo() {
        PipelineDefinition definition = pipeline("""
                - {name: test, run: x}
                - {name: deploy, run: x, needs: [test]}
                - {name: rollback, run: x, needs: [deploy], when: on_failure}
                """);

        assertThat(NextSteps.of(definition, Map.of("test", FAILED)))
                .isEqualTo(new NextSteps(List.of(), List.of("deploy", "rollback")));
    }

    @ParameterizedTest
    @EnumSource(names = {"FAILED", "TIMED_OUT", "INTERRUPTED"})
    void anAllowedFailureCountsAsSuccessForItsDependents(StepState lint) {
        PipelineDefinition definition = pipeline("""
                - {name: lint, run: x, allow_failure: true}
                - {name: package, run: x, needs: [lint]}
                - {name: complain, run: x, needs: [lint], when: on_failure}
                """);

        assertThat(NextSteps.of(definition, Map.of("lint", lint)))
                .isEqualTo(new NextSteps(List.of("package"), List.of("complain")));
    }

    @Test
    void allowFailureDoesNotCoverACancellation() {
        PipelineDefinition definition = pipeline("""
                - {name: lint, run: x, allow_failure: true}
                - {name: package, run: x, needs: [lint]}
                """);

        assertThat(NextSteps.of(definition, Map.of("lint", CANCELLED))).isEqualTo(new NextSteps(List.of(), List.of("package")));
    }

    @Test
    void stepsThatLeftPendingAreNeverDecidedAgain() {
        PipelineDefinition definition = pipeline("""
                - {name: a, run: x}
                - {name: b, run: x, needs: [a]}
                - {name: c, run: x, needs: [a], when: on_failure}
                """);

        assertThat(NextSteps.of(definition, Map.of("a", FAILED, "b", RUNNING, "c", CANCELLED)))
                .isEqualTo(new NextSteps(List.of(), List.of()));
    }

    @Test
    void readyStepsComeInStepOrderNotDeclarationOrder() {
        PipelineDefinition definition = pipeline("""
                - {name: z, run: x, needs: [m]}
                - {name: m, run: x}
                - {name: a, run: x}
                """);

        assertThat(NextSteps.of(definition, Map.of())).isEqualTo(new NextSteps(List.of("m", "a"), List.of()));
    }

    /** Over every combination of states of a DAG mixing all conditions, decisions stay consistent. */
    @Test
    void decisionsAreConsistentForEveryCombinationOfStates() {
        PipelineDefinition definition = pipeline("""
                - {name: a, run: x}
                - {name: b, run: x, needs: [a], allow_failure: true}
                - {name: c, run: x, needs: [a], when: on_failure}
                - {name: d, run: x, needs: [b, c], when: always}
                - {name: e, run: x, needs: [d]}
                """);
        List<StepDefinition> steps = definition.steps();
        StepState[] all = StepState.values();
        int combinations = (int) Math.pow(all.length, steps.size());
        for (int combination = 0; combination < combinations; combination++) {
            Map<String, StepState> states = new HashMap<>();
            for (int i = 0, rest = combination; i < steps.size(); i++, rest /= all.length) {
                states.put(steps.get(i).name(), all[rest % all.length]);
            }

            NextSteps next = NextSteps.of(definition, states);

            Map<String, StepState> settled = new HashMap<>(states);
            next.skip().forEach(step -> settled.put(step, SKIPPED));
            assertThat(next.ready()).doesNotHaveDuplicates().noneMatch(next.skip()::contains);
            assertThat(next.skip()).doesNotHaveDuplicates();
            assertThat(next.ready()).allSatisfy(step -> {
                assertThat(states.get(step)).isEqualTo(PENDING);
                assertThat(definition.step(step).orElseThrow().needs()).allSatisfy(
                        need -> assertThat(settled.get(need).isTerminal()).as("%s needs %s in %s", step, need, states).isTrue());
            });
            assertThat(next.skip()).allSatisfy(step -> assertThat(states.get(step)).isEqualTo(PENDING));
        }
    }

    static PipelineDefinition pipeline(String steps) {
        return DefinitionParser.parse("name: p\nsteps:\n" + steps, DefinitionFormat.YAML);
    }
}
