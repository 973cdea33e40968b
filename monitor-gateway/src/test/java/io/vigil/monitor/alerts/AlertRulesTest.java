package io.vigil.monitor.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import io.vigil.events.Status;
import io.vigil.events.VigilEvent;
import io.vigil.events.payload.DeploymentUpdated;
import io.vigil.events.payload.LogLines;
import io.vigil.events.payload.ProjectHealth;
import io.vigil.events.payload.RunStepUpdated;
import io.vigil.events.payload.RunUpdated;
import io.vigil.monitor.alerts.rules.ConsumerLagRule;
import io.vigil.monitor.alerts.rules.DeploymentFailedRule;
import io.vigil.monitor.alerts.rules.FailureRateRule;
import io.vigil.monitor.alerts.rules.LogErrorsRule;
import io.vigil.monitor.alerts.rules.ProjectDownRule;
import io.vigil.monitor.alerts.rules.RunFailedRule;
import io.vigil.monitor.alerts.rules.StepOverdueRule;
import io.vigil.monitor.alerts.rules.StuckRunRule;

/** Each rule alone, without Quarkus: when it fires, when it clears, and when it stays quiet. */
class AlertRulesTest {

    static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

    static Instant at(long seconds) {
        return T0.plusSeconds(seconds);
    }

    static <T extends Record> VigilEvent<T> event(long second, T data) {
        return VigilEvent.of("subject", 1, at(second), data);
    }

    static DeploymentUpdated deployment(String id, String project, Status status) {
        return new DeploymentUpdated(id, project, "acme/" + project, "main", "abc", status, "ci", "push", "backend",
                status == Status.FAILED ? "nginx did not start" : "ok", T0, List.of());
    }

    static RunUpdated run(String id, Status status) {
        return new RunUpdated(id, "build", "demo", status, T0, null);
    }

    static RunStepUpdated step(String run, String step, Status status, long startedSecond, Long finishedSecond) {
        return new RunStepUpdated(run, step, status, null, null, at(startedSecond),
                finishedSecond == null ? null : at(finishedSecond));
    }

    static LogLines errors(String task, int errors, int infos) {
        List<LogLines.Line> lines = new java.util.ArrayList<>();
        for (int i = 0; i < errors + infos; i++) {
            lines.add(new LogLines.Line(i + 1, T0, i < errors ? "ERROR" : "INFO", "line " + i, null, null, null));
        }
        return new LogLines(task, lines);
    }

    static Verdict only(List<Verdict> verdicts) {
        assertThat(verdicts).hasSize(1);
        return verdicts.get(0);
    }

    @Test
    void aFailedDeploymentFiresForItsProjectAndTheNextSuccessClearsIt() {
        DeploymentFailedRule rule = new DeploymentFailedRule(Severity.CRITICAL);
        Verdict fired = only(rule.observe(event(5, deployment("d-1", "demo", Status.FAILED))));
        assertThat(fired).isInstanceOfSatisfying(Verdict.Fire.class, fire -> {
            assertThat(fire.key()).isEqualTo(AlertKey.of("deployment-failed", "project", "demo"));
            assertThat(fire.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(fire.summary()).isEqualTo("deployment d-1 of demo failed: nginx did not start");
            assertThat(fire.labels()).isEqualTo(Map.of("project", "demo", "deployment", "d-1"));
            assertThat(fire.at()).isEqualTo(at(5));
        });
        assertThat(rule.observe(event(6, deployment("d-2", "demo", Status.RUNNING)))).isEmpty();
        assertThat(only(rule.observe(event(7, deployment("d-2", "demo", Status.SUCCESS)))))
                .isEqualTo(new Verdict.Clear(AlertKey.of("deployment-failed", "project", "demo"), at(7)));
    }

    @Test
    void theFailureRateFiresOverItsThresholdOnceTheWindowHoldsEnoughAndClearsAsTheWindowEmpties() {
        FailureRateRule rule = new FailureRateRule(Severity.WARNING, 0.5, Duration.ofMinutes(10), 3);
        assertThat(only(rule.observe(event(0, deployment("d-1", "demo", Status.FAILED))))).isInstanceOf(Verdict.Clear.class);
        assertThat(only(rule.observe(event(1, deployment("d-2", "demo", Status.FAILED))))).isInstanceOf(Verdict.Clear.class);
        Verdict fired = only(rule.observe(event(2, deployment("d-3", "demo", Status.SUCCESS))));
        assertThat(fired).isInstanceOfSatisfying(Verdict.Fire.class, fire -> assertThat(fire.summary())
                .isEqualTo("2 of 3 deployments and runs of demo failed in the last 10m (threshold 50%)"));
        // the same deployment reported again counts once
        assertThat(only(rule.observe(event(3, deployment("d-3", "demo", Status.SUCCESS))))).isInstanceOf(Verdict.Fire.class);
        // a run of the project counts too: 2 of 4 is not over 50%
        assertThat(only(rule.observe(event(4, run("r-1", Status.SUCCESS))))).isInstanceOf(Verdict.Clear.class);
        assertThat(only(rule.evaluate(at(3)))).isInstanceOf(Verdict.Clear.class);
        assertThat(only(rule.evaluate(at(700)))).isInstanceOf(Verdict.Clear.class);
        assertThat(rule.evaluate(at(701))).as("an empty window is forgotten").isEmpty();
    }

    @Test
    void aStepFiresWhenItRunsFarLongerThanTheMedianOfItsSuccessesAndClearsWhenItEnds() {
        StepOverdueRule rule = new StepOverdueRule(Severity.WARNING, 3, Duration.ofSeconds(60), 20, 3);
        rule.observe(event(0, run("r-0", Status.RUNNING)));
        long[] durations = {100, 30, 40};
        for (int i = 0; i < durations.length; i++) {
            rule.observe(event(0, step("r-0", "compile", Status.RUNNING, 0, null)));
            rule.observe(event(durations[i], step("r-0", "compile", Status.SUCCESS, 0, durations[i])));
        }
        rule.observe(event(1000, run("r-1", Status.RUNNING)));
        rule.observe(event(1000, step("r-1", "compile", Status.RUNNING, 1000, null)));
        // median 40 s × 3 = 120 s
        assertThat(rule.evaluate(at(1120))).isEmpty();
        Verdict fired = only(rule.evaluate(at(1121)));
        assertThat(fired).isInstanceOfSatisfying(Verdict.Fire.class, fire -> {
            assertThat(fire.key()).isEqualTo(new AlertKey("step-overdue", Map.of("run", "r-1", "step", "compile")));
            assertThat(fire.labels()).containsEntry("pipeline", "build");
            assertThat(fire.summary()).isEqualTo("step compile of run r-1 has run 121s, its median is 40s (limit 120s)");
        });
        assertThat(only(rule.observe(event(1200, step("r-1", "compile", Status.FAILED, 1000, 1200L)))))
                .isInstanceOf(Verdict.Clear.class);
        assertThat(rule.evaluate(at(5000))).isEmpty();
    }

    @Test
    void aStepWithoutEnoughHistoryOrUnderTheMinimumIsNeverOverdue() {
        StepOverdueRule rule = new StepOverdueRule(Severity.WARNING, 3, Duration.ofSeconds(60), 20, 3);
        rule.observe(event(0, step("r-0", "test", Status.RUNNING, 0, null)));
        rule.observe(event(1, step("r-0", "test", Status.SUCCESS, 0, 1L)));
        rule.observe(event(10, step("r-1", "test", Status.RUNNING, 10, null)));
        assertThat(rule.evaluate(at(100_000))).as("one sample is no usual time").isEmpty();
        rule.observe(event(11, step("r-2", "test", Status.RUNNING, 11, null)));
        rule.observe(event(12, step("r-2", "test", Status.SUCCESS, 11, 12L)));
        rule.observe(event(13, step("r-3", "test", Status.RUNNING, 13, null)));
        rule.observe(event(14, step("r-3", "test", Status.SUCCESS, 13, 14L)));
        assertThat(rule.evaluate(at(70))).as("3 × 1 s is under the 60 s minimum").isEmpty();
        assertThat(only(rule.evaluate(at(71)))).isInstanceOf(Verdict.Fire.class);
    }

    @Test
    void aFailedRunFiresForItsPipelineAndTheNextSuccessfulRunClearsIt() {
        RunFailedRule rule = new RunFailedRule(Severity.WARNING);
        AlertKey key = new AlertKey("run-failed", Map.of("pipeline", "build", "project", "demo"));
        assertThat(only(rule.observe(event(1, run("r-1", Status.FAILED))))).isEqualTo(new Verdict.Fire(key,
                Severity.WARNING, "run r-1 of pipeline build failed", Map.of("run", "r-1"), at(1)));
        assertThat(rule.observe(event(2, run("r-2", Status.RUNNING)))).isEmpty();
        assertThat(only(rule.observe(event(3, run("r-2", Status.SUCCESS))))).isEqualTo(new Verdict.Clear(key, at(3)));
    }

    @Test
    void errorLinesOverThePerMinuteThresholdFireAndAQuietMinuteClears() {
        LogErrorsRule rule = new LogErrorsRule(Severity.WARNING, 5);
        assertThat(rule.observe(event(0, errors("t-1", 0, 50)))).as("no error, nothing to say").isEmpty();
        assertThat(only(rule.observe(event(0, errors("t-1", 3, 10))))).isInstanceOf(Verdict.Clear.class);
        assertThat(only(rule.observe(event(30, errors("t-1", 3, 0))))).isInstanceOfSatisfying(Verdict.Fire.class,
                fire -> assertThat(fire.summary()).isEqualTo("task t-1 logged 6 error lines in the last minute (threshold 5)"));
        assertThat(only(rule.evaluate(at(59)))).isInstanceOf(Verdict.Fire.class);
        assertThat(only(rule.evaluate(at(61)))).as("the first batch left the minute").isInstanceOf(Verdict.Clear.class);
        assertThat(only(rule.evaluate(at(91)))).isInstanceOf(Verdict.Clear.class);
        assertThat(rule.evaluate(at(92))).as("a quiet task is forgotten").isEmpty();
    }

    @Test
    void aProjectIsDownAfterFailedProbesInARowAndUpAgainWithTheNextHealthyOne() {
        ProjectDownRule rule = new ProjectDownRule(Severity.CRITICAL, 2);
        ProjectHealth down = new ProjectHealth("demo", "https://demo.test/health", false, 503, 12, null, T0);
        ProjectHealth up = new ProjectHealth("demo", "https://demo.test/health", true, 200, 12, null, T0);
        assertThat(rule.observe(event(0, down))).as("one failed probe is a blip").isEmpty();
        assertThat(only(rule.observe(event(1, down)))).isInstanceOfSatisfying(Verdict.Fire.class, fire -> assertThat(
                fire.summary()).isEqualTo("demo is down: https://demo.test/health answered 503 (2 failed probes in a row)"));
        assertThat(only(rule.observe(event(2, up)))).isEqualTo(new Verdict.Clear(AlertKey.of("project-down", "project",
                "demo"), at(2)));
        assertThat(rule.observe(event(3, down))).as("the count starts again").isEmpty();
    }

    @Test
    void consumerLagFiresOverItsThresholdAndClearsUnderIt() {
        AtomicLong lag = new AtomicLong(10_001);
        ConsumerLagRule rule = new ConsumerLagRule(Severity.WARNING, 10_000, lag::get, "vigil-gateway-1");
        assertThat(only(rule.evaluate(at(0)))).isInstanceOfSatisfying(Verdict.Fire.class, fire -> {
            assertThat(fire.key()).isEqualTo(AlertKey.of("consumer-lag", "instance", "vigil-gateway-1"));
            assertThat(fire.summary()).isEqualTo("the gateway's consumer is 10001 records behind (threshold 10000)");
        });
        lag.set(10_000);
        assertThat(only(rule.evaluate(at(1)))).isInstanceOf(Verdict.Clear.class);
    }

    @Test
    void aRunningRunWithoutEventsIsStuckUntilItsNextEventOrItsEnd() {
        StuckRunRule rule = new StuckRunRule(Severity.WARNING, Duration.ofMinutes(15));
        rule.observe(event(0, run("r-1", Status.RUNNING)));
        assertThat(rule.evaluate(at(900))).isEmpty();
        assertThat(only(rule.evaluate(at(901)))).isInstanceOfSatisfying(Verdict.Fire.class, fire -> {
            assertThat(fire.key()).isEqualTo(AlertKey.of("run-stuck", "run", "r-1"));
            assertThat(fire.summary()).isEqualTo("run r-1 of pipeline build has had no event for 901s (limit 900s)");
        });
        assertThat(only(rule.observe(event(950, errors("r-1/compile/1", 0, 1))))).as("a log line of its step is life")
                .isEqualTo(new Verdict.Clear(AlertKey.of("run-stuck", "run", "r-1"), at(950)));
        assertThat(rule.evaluate(at(1800))).isEmpty();
        assertThat(only(rule.evaluate(at(1851)))).isInstanceOf(Verdict.Fire.class);
        assertThat(only(rule.observe(event(1900, run("r-1", Status.CANCELLED))))).isInstanceOf(Verdict.Clear.class);
        assertThat(rule.evaluate(at(100_000))).isEmpty();
        assertThat(rule.observe(event(1, errors("other/compile/1", 0, 1)))).isEmpty();
    }
}
