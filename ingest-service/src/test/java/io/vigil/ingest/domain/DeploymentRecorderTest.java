package io.vigil.ingest.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vigil.events.Status;
import io.vigil.events.Topics;
import io.vigil.ingest.domain.DeploymentRecorder.Outcome;
import io.vigil.ingest.domain.DeploymentRecorder.Receipt;
import io.vigil.ingest.domain.DeploymentRecorder.Submission;
import io.vigil.ingest.domain.DeploymentReport.StepReport;
import io.vigil.testing.KafkaTestResource;
import io.vigil.testing.PostgresTestResource;
import io.vigil.testing.TopicReader;

/** A batch stored in one transaction behaves as if its reports had come one after another. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "prefix", value = "ingest"))
class DeploymentRecorderTest {

    @Inject
    DeploymentRecorder recorder;

    static String project() {
        return "batch-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static Submission report(String project, String key, String commit, Status status, List<StepReport> steps) {
        return new Submission(new DeploymentReport(project, null, null, commit, status, "ci", null, null, null, null,
                key, Instant.now(), steps), key);
    }

    static Submission rollback(String project, String key, UUID undone) {
        return new Submission(new DeploymentReport(project, null, null, "r-" + key, Status.SUCCESS, "ci", null, null,
                null, null, key, Instant.now(), List.of(), null, undone, "broke checkout", null), key);
    }

    static String uniqueKey() {
        return "test:" + UUID.randomUUID();
    }

    /** The project's events on Kafka, once {@code count} have arrived, in partition order. */
    static List<ConsumerRecord<String, String>> eventsOf(String project, int count) {
        return Awaitility.await().atMost(Duration.ofSeconds(20)).until(
                () -> TopicReader.readAll(Topics.DEPLOYMENTS).stream().filter(r -> project.equals(r.key())).toList(),
                records -> records.size() >= count);
    }

    @Test
    void laterReportsInABatchContinueTheDeploymentsEarlierOnesCreated() {
        String project = project();
        String one = uniqueKey(), two = uniqueKey(), three = uniqueKey();
        List<Outcome> outcomes = recorder.record(List.of(
                report(project, one, "c1", Status.RUNNING, List.of(new StepReport("build", Status.RUNNING))),
                report(project, two, "c1", Status.RUNNING, List.of(new StepReport("build", Status.SUCCESS),
                        new StepReport("deploy", Status.RUNNING))),
                report(project, three, "c1", Status.SUCCESS, List.of(new StepReport("deploy", Status.SUCCESS)))));

        UUID id = outcomes.get(0).receiptOrThrow().deploymentId();
        assertThat(outcomes).extracting(o -> o.receiptOrThrow().deploymentId()).containsOnly(id);
        assertThat(outcomes).extracting(o -> o.receiptOrThrow().status())
                .containsExactly(Status.RUNNING, Status.RUNNING, Status.SUCCESS);
        QuarkusTransaction.requiringNew().run(() -> {
            Deployment stored = Deployment.findById(id);
            assertThat(stored.status).isEqualTo(Status.SUCCESS);
            assertThat(stored.steps).extracting(s -> s.name).containsExactly("build", "deploy");
            assertThat(stored.steps).extracting(s -> s.status).containsOnly(Status.SUCCESS);
        });

        // step build running, deployment; build success, deploy running, deployment; deploy success, deployment
        List<ConsumerRecord<String, String>> events = eventsOf(project, 7);
        assertThat(events).extracting(r -> TopicReader.header(r, "ce_seq"))
                .containsExactly("1", "2", "3", "4", "5", "6", "7");
        assertThat(events).extracting(r -> TopicReader.header(r, "ce_type")).containsExactly(
                "io.vigil.step.updated", "io.vigil.deployment.updated",
                "io.vigil.step.updated", "io.vigil.step.updated", "io.vigil.deployment.updated",
                "io.vigil.step.updated", "io.vigil.deployment.updated");
    }

    @Test
    void aKeyTwiceInOneBatchOrAlreadyStoredIsARedeliveryThatChangesNothing() {
        String project = project();
        String key = uniqueKey();
        List<Outcome> first = recorder.record(List.of(
                report(project, key, "c1", Status.RUNNING, List.of()),
                report(project, key, "c1", Status.FAILED, List.of())));
        assertThat(first.get(0).receiptOrThrow().redelivery()).isFalse();
        assertThat(first.get(1).receiptOrThrow()).isEqualTo(first.get(0).receiptOrThrow().asRedelivery());

        Outcome again = recorder.record(List.of(report(project, key, "c1", Status.FAILED, List.of()))).get(0);
        assertThat(again.receiptOrThrow()).isEqualTo(first.get(0).receiptOrThrow().asRedelivery());
        assertThat(again.receiptOrThrow().status()).isEqualTo(Status.RUNNING);
        assertThat(QuarkusTransaction.requiringNew().call(() -> Deployment.countByProject(project))).isOne();
        assertThat(eventsOf(project, 1)).hasSize(1);
    }

    @Test
    void aRefusedReportLeavesTheRestOfItsBatchStoredAndItsKeyFreeForACorrectedRedelivery() {
        String project = project();
        UUID before = recorder.record(List.of(report(project, uniqueKey(), "c0", Status.FAILED, List.of())))
                .get(0).receiptOrThrow().deploymentId();
        String badKey = uniqueKey(), goodKey = uniqueKey();

        List<Outcome> outcomes = recorder.record(List.of(
                rollback(project, badKey, UUID.randomUUID()),
                report(project, goodKey, "c2", Status.SUCCESS, List.of())));

        assertThat(outcomes.get(0).refusal()).isNotNull();
        assertThat(outcomes.get(0).refusal().field()).isEqualTo("rollback_of");
        assertThat(outcomes.get(1).receiptOrThrow().status()).isEqualTo(Status.SUCCESS);
        assertThat(QuarkusTransaction.requiringNew().call(() -> Deployment.countByProject(project))).isEqualTo(2);

        Outcome corrected = recorder.record(List.of(rollback(project, badKey, before))).get(0);
        assertThat(corrected.receiptOrThrow().redelivery()).isFalse();
        UUID rollbackId = corrected.receiptOrThrow().deploymentId();
        assertThat(QuarkusTransaction.requiringNew().call(() -> Deployment.<Deployment>findById(rollbackId).rollbackOf))
                .isEqualTo(before);
        // c0, c2, the rollback: one deployment event each, numbered without a gap
        assertThat(eventsOf(project, 3)).extracting(r -> TopicReader.header(r, "ce_seq")).containsExactly("1", "2", "3");
    }

    @Test
    void aDeliveryAnotherWriterStoresMeanwhileRollsTheBatchBackSoItIsHandledAgainAsARedelivery() throws Exception {
        String project = project();
        String key = uniqueKey();
        UUID theirs = UUID.randomUUID();
        CountDownLatch inserted = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        CompletableFuture<Void> other = CompletableFuture.runAsync(() -> QuarkusTransaction.requiringNew().run(() -> {
            Deployment.getEntityManager().createNativeQuery("INSERT INTO webhook_delivery (id, received_at, deployment_id,"
                    + " project, status) VALUES (?1, now(), ?2, ?3, 'RUNNING')").setParameter(1, key)
                    .setParameter(2, theirs).setParameter(3, project).executeUpdate();
            inserted.countDown();
            try {
                commit.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }));
        assertThat(inserted.await(10, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<List<Outcome>> ours = CompletableFuture.supplyAsync(
                () -> recorder.record(List.of(report(project, key, "c1", Status.SUCCESS, List.of()))));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(DeploymentRecorderTest::aSessionWaitsOnALock);
        assertThat(ours).as("waits for the other writer's transaction").isNotDone();
        commit.countDown();
        other.get(10, TimeUnit.SECONDS);

        assertThatThrownBy(() -> ours.get(10, TimeUnit.SECONDS)).cause().isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("stored meanwhile");
        assertThat(QuarkusTransaction.requiringNew().call(() -> Deployment.countByProject(project))).isZero();
        Outcome again = recorder.record(List.of(report(project, key, "c1", Status.SUCCESS, List.of()))).get(0);
        assertThat(again.receiptOrThrow()).isEqualTo(new Receipt(theirs, project, Status.RUNNING, true));
    }

    /** A backend of this database is blocked on a lock another transaction holds. */
    static boolean aSessionWaitsOnALock() {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) Deployment.getEntityManager().createNativeQuery(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'")
                .getSingleResult()).longValue() > 0);
    }

    @Test
    void aBatchOverManyProjectsNumbersEachProjectsEventsFromOne() {
        String a = project(), b = project();
        recorder.record(List.of(report(a, uniqueKey(), "x", Status.RUNNING, List.of()),
                report(b, uniqueKey(), "y", Status.RUNNING, List.of()),
                report(a, uniqueKey(), "z", Status.RUNNING, List.of()),
                report(b, uniqueKey(), "y", Status.SUCCESS, List.of())));

        assertThat(eventsOf(a, 2)).extracting(r -> TopicReader.header(r, "ce_seq")).containsExactly("1", "2");
        assertThat(eventsOf(b, 2)).extracting(r -> TopicReader.header(r, "ce_seq")).containsExactly("1", "2");
        assertThat(QuarkusTransaction.requiringNew().call(() -> Project.<Project>findById(b).lastStatus))
                .isEqualTo(Status.SUCCESS);
    }
}
