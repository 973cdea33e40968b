package io.vigil.monitor.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.vigil.events.EventCodec;
import io.vigil.events.payload.AlertFired;
import io.vigil.events.payload.AlertResolved;
import io.vigil.monitor.GatewayTestResources;
import io.vigil.testing.TopicReader;

/** The alert store and its events against the real database and broker. */
@QuarkusTest
@GatewayTestResources
class AlertLedgerTest {

    @Inject
    AlertLedger ledger;
    @Inject
    AlertStore alerts;
    @Inject
    SilenceStore silences;

    static Verdict.Fire fire(String project) {
        return new Verdict.Fire(AlertKey.of("deployment-failed", "project", project), Severity.CRITICAL,
                "deployment of " + project + " failed", Map.of("deployment", "d-1"),
                Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }

    @Test
    void twoReplicasFiringTheSameAlertAtOnceMakeOneAlertAndOneEvent() throws Exception {
        Verdict.Fire fire = fire("race-" + UUID.randomUUID());
        int replicas = 8;
        CyclicBarrier start = new CyclicBarrier(replicas);
        ExecutorService threads = Executors.newFixedThreadPool(replicas);
        List<Future<Optional<Alert>>> results = new ArrayList<>();
        try {
            for (int i = 0; i < replicas; i++) {
                Callable<Optional<Alert>> firing = () -> {
                    start.await();
                    return ledger.fire(fire);
                };
                results.add(threads.submit(firing));
            }
            List<Alert> created = new ArrayList<>();
            for (Future<Optional<Alert>> result : results) {
                result.get().ifPresent(created::add);
            }
            assertThat(created).hasSize(1);
            assertThat(created.get(0).id()).isEqualTo(fire.key().fingerprint() + "-1");
        } finally {
            threads.shutdown();
        }
        assertThat(alerts.page(AlertStore.State.ALL, null, 0, 200).alerts())
                .filteredOn(a -> a.fingerprint().equals(fire.key().fingerprint())).hasSize(1);
        String id = fire.key().fingerprint() + "-1";
        TopicReader.awaitRecord("vigil.alerts", r -> id.equals(r.key()), Duration.ofSeconds(10));
        assertThat(TopicReader.readAll("vigil.alerts")).filteredOn(r -> id.equals(r.key())).hasSize(1);
    }

    @Test
    void aFiringIsRecordedWithItsEventAndResolvingItPublishesTheResolution() {
        Verdict.Fire fire = fire("cycle-" + UUID.randomUUID());
        Alert alert = ledger.fire(fire).orElseThrow();
        assertThat(alert).isEqualTo(new Alert(fire.key().fingerprint() + "-1", "deployment-failed",
                fire.key().fingerprint(), Severity.CRITICAL, fire.summary(), fire.labels(), false, fire.at(), null, null));
        assertThat(ledger.fire(fire)).as("open already").isEmpty();

        var firedRecord = TopicReader.awaitRecord("vigil.alerts", r -> alert.id().equals(r.key())
                && "io.vigil.alert.fired".equals(TopicReader.header(r, "ce_type")), Duration.ofSeconds(10));
        assertThat(EventCodec.decode(AlertFired.class, firedRecord.value())).isEqualTo(new AlertFired(alert.id(),
                "deployment-failed", "critical", fire.key().fingerprint(), fire.summary(), fire.labels(), fire.at()));

        Instant later = fire.at().plusSeconds(5);
        Alert resolved = ledger.resolve(fire.key().fingerprint(), Alert.AUTO, later).orElseThrow();
        assertThat(resolved.resolvedAt()).isEqualTo(later);
        assertThat(resolved.resolvedBy()).isEqualTo("auto");
        assertThat(ledger.resolve(fire.key().fingerprint(), Alert.AUTO, later)).as("resolved already").isEmpty();
        var resolvedRecord = TopicReader.awaitRecord("vigil.alerts", r -> alert.id().equals(r.key())
                && "io.vigil.alert.resolved".equals(TopicReader.header(r, "ce_type")), Duration.ofSeconds(10));
        assertThat(EventCodec.decode(AlertResolved.class, resolvedRecord.value())).isEqualTo(new AlertResolved(
                alert.id(), "deployment-failed", fire.key().fingerprint(), "auto", later));
        assertThat(TopicReader.header(resolvedRecord, "ce_seq")).isEqualTo("2");

        Alert again = ledger.fire(fire).orElseThrow();
        assertThat(again.id()).as("the second firing of the fingerprint").isEqualTo(fire.key().fingerprint() + "-2");
        assertThat(alerts.find(alert.id())).contains(resolved);
    }

    @Test
    void aSilencedAlertIsRecordedWithoutAnEventAndFiresWhenItsSilenceEnds() {
        String project = "hush-" + UUID.randomUUID();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Silence silence = silences.create(new Silence(UUID.randomUUID(), List.of(new Matcher("project", "hush-.*", true),
                new Matcher("project", project, false)), null, now.minusSeconds(1), now.plusSeconds(3600), "maintenance",
                "ops", now));
        Alert alert = ledger.fire(fire(project)).orElseThrow();
        assertThat(alert.silenced()).isTrue();
        assertThat(ledger.liftSilence(alert, Instant.now())).as("still silenced").isEmpty();

        silences.expire(silence.id(), Instant.now());
        Alert lifted = ledger.liftSilence(alert, Instant.now()).orElseThrow();
        assertThat(lifted.silenced()).isFalse();
        var record = TopicReader.awaitRecord("vigil.alerts", r -> alert.id().equals(r.key()), Duration.ofSeconds(10));
        assertThat(TopicReader.header(record, "ce_type")).isEqualTo("io.vigil.alert.fired");
        assertThat(TopicReader.header(record, "ce_seq")).as("the first event of the alert").isEqualTo("1");
    }
}
