package io.vigil.monitor.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.vigil.events.Status;
import io.vigil.monitor.alerts.rules.DeploymentFailedRule;
import io.vigil.monitor.alerts.rules.ProjectDownRule;

/** Fingerprints, matchers, silences and the rule book, without Quarkus. */
class AlertModelTest {

    static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

    @Test
    void theFingerprintDependsOnRuleAndLabelsNotOnTheirOrder() {
        AlertKey key = new AlertKey("run-failed", Map.of("pipeline", "build", "project", "demo"));
        assertThat(key.fingerprint()).matches("[0-9a-f]{16}")
                .isEqualTo(new AlertKey("run-failed", new java.util.TreeMap<>(Map.of("project", "demo", "pipeline",
                        "build"))).fingerprint())
                .isNotEqualTo(new AlertKey("run-stuck", key.labels()).fingerprint())
                .isNotEqualTo(new AlertKey("run-failed", Map.of("pipeline", "build", "project", "demo2")).fingerprint());
        // a label value cannot pass for another label: "a=b" + "c" is not "a" + "b=c"
        assertThat(new AlertKey("r", Map.of("a", "b\0c=d")).fingerprint())
                .isNotEqualTo(new AlertKey("r", Map.of("a", "b", "c", "d")).fingerprint());
    }

    @Test
    void matchersCompareWholeValuesOrMatchAnchoredPatterns() {
        Map<String, String> labels = Map.of("project", "demo-app", "run", "r-1");
        assertThat(new Matcher("project", "demo-app", false).matches(labels)).isTrue();
        assertThat(new Matcher("project", "demo", false).matches(labels)).isFalse();
        assertThat(new Matcher("project", "demo-.*", true).matches(labels)).isTrue();
        assertThat(new Matcher("project", "demo", true).matches(labels)).as("anchored").isFalse();
        assertThat(new Matcher("task", "", false).matches(labels)).as("a missing label reads as empty").isTrue();
    }

    @Test
    void aBadMatcherNamesItsWrongPart() {
        assertThatThrownBy(() -> new Matcher("bad name", "x", false)).isInstanceOfSatisfying(Matcher.InvalidPart.class,
                e -> assertThat(e.part()).isEqualTo("name"));
        assertThatThrownBy(() -> new Matcher("project", "(", true)).isInstanceOfSatisfying(Matcher.InvalidPart.class,
                e -> assertThat(e.part()).isEqualTo("value"));
        assertThatThrownBy(() -> new Matcher("project", null, false)).isInstanceOf(Matcher.InvalidPart.class);
    }

    @Test
    void aSilenceMutesMatchingAlertsOnlyWhileActive() {
        Silence timed = new Silence(UUID.randomUUID(), List.of(new Matcher("project", "demo", false)), null, T0,
                T0.plusSeconds(60), null, "ops", T0);
        assertThat(timed.silences(Map.of("project", "demo"), T0)).isTrue();
        assertThat(timed.silences(Map.of("project", "other"), T0)).isFalse();
        assertThat(timed.silences(Map.of("project", "demo"), T0.minusSeconds(1))).isFalse();
        assertThat(timed.silences(Map.of("project", "demo"), T0.plusSeconds(60))).isFalse();
        assertThat(timed.state(T0.minusSeconds(1))).isEqualTo("pending");
        assertThat(timed.state(T0)).isEqualTo("active");
        assertThat(timed.state(T0.plusSeconds(60))).isEqualTo("expired");

        Silence scoped = new Silence(UUID.randomUUID(), List.of(new Matcher("project", "demo", false)),
                new Silence.Scope("run", "r-1"), null, null, null, null, T0);
        assertThat(scoped.state(T0.plusSeconds(9999))).isEqualTo("pending");
        assertThat(scoped.silences(Map.of("project", "demo"), T0)).as("not started yet").isFalse();
    }

    @Test
    void theRuleBookAsksEveryRule() {
        RuleBook book = new RuleBook(List.of(new DeploymentFailedRule(Severity.CRITICAL),
                new ProjectDownRule(Severity.CRITICAL, 1)));
        assertThat(book.names()).containsExactly("deployment-failed", "project-down");
        assertThat(book.observe(AlertRulesTest.event(1, AlertRulesTest.deployment("d", "demo", Status.FAILED))))
                .hasSize(1);
        assertThat(book.evaluate(T0)).isEmpty();
    }

    @Test
    void openFingerprintsLetThroughOnlyChanges() {
        OpenFingerprints open = new OpenFingerprints();
        AlertKey key = AlertKey.of("r", "project", "demo");
        Verdict fire = new Verdict.Fire(key, Severity.INFO, "s", Map.of(), T0);
        Verdict clear = new Verdict.Clear(key, T0);
        assertThat(open.changes(fire)).isTrue();
        assertThat(open.changes(clear)).isFalse();
        open.opened(key.fingerprint());
        assertThat(open.changes(fire)).isFalse();
        assertThat(open.changes(clear)).isTrue();
        open.reload(java.util.Set.of());
        assertThat(open.isOpen(key.fingerprint())).isFalse();
    }

    @Test
    void severitiesHaveTheirWireNamesAndTheOldAlertTypes() {
        assertThat(Severity.CRITICAL.wire()).isEqualTo("critical");
        assertThat(Severity.CRITICAL.legacyType()).isEqualTo("error");
        assertThat(Severity.fromLegacyType("warning")).isEqualTo(Severity.WARNING);
        assertThatThrownBy(() -> Severity.fromWire("loud")).isInstanceOf(IllegalArgumentException.class);
    }
}
