package io.vigil.ingest.domain;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.vigil.events.Status;
import io.vigil.events.payload.DeploymentUpdated;
import io.vigil.events.payload.StepUpdated;
import io.vigil.ingest.config.IngestConfig;
import io.vigil.ingest.messaging.EventOutbox;

/**
 * Stores a deployment report and, in the same transaction, the events it causes: one step event per step
 * whose status changed, then the deployment's new state. A report continues an earlier deployment when
 * the sender names it by its own id, or else when project, commit and trigger match one received within
 * the configured window. A delivery seen before gets its first receipt and changes nothing.
 */
@ApplicationScoped
public class DeploymentRecorder {

    private final EventOutbox outbox;
    private final EntityManager entityManager;
    private final IngestConfig config;
    private final Clock clock;

    DeploymentRecorder(EventOutbox outbox, EntityManager entityManager, IngestConfig config, Clock clock) {
        this.outbox = outbox;
        this.entityManager = entityManager;
        this.config = config;
        this.clock = clock;
    }

    /** What the sender is told: the deployment its report went to, and whether the delivery was a repeat. */
    public record Receipt(UUID deploymentId, String project, Status status, boolean redelivery) {
    }

    @Transactional
    public Receipt record(DeploymentReport report, String deliveryKey) {
        Instant now = clock.instant();
        if (!claim(deliveryKey, now)) {
            WebhookDelivery first = WebhookDelivery.findById(deliveryKey);
            return new Receipt(first.deploymentId, first.project, first.status, true);
        }
        Deployment deployment = continued(report, now);
        copy(report, deployment, now);
        if (report.rollbackOf() != null) {
            rollBack(deployment, report.rollbackOf(), report.rollbackReason());
        }
        List<DeploymentStep> changed = applySteps(report, deployment);
        deployment.persist();
        Project.sawDeployment(deployment);

        for (DeploymentStep step : changed) {
            outbox.publish(deployment.project, now, new StepUpdated(deployment.id.toString(), deployment.project,
                    step.name, step.stepType.wire(), step.status, report.reportedAt(), step.startedAt, step.finishedAt,
                    step.error));
        }
        outbox.publish(deployment.project, now, updated(deployment));

        WebhookDelivery delivery = WebhookDelivery.findById(deliveryKey);
        delivery.deploymentId = deployment.id;
        delivery.project = deployment.project;
        delivery.status = deployment.status;
        return new Receipt(deployment.id, deployment.project, deployment.status, false);
    }

    /** Marks {@code deploymentId} as the rollback of {@code undoneId}, and publishes its new state; null if no such deployment. */
    @Transactional
    public Deployment markRollback(UUID deploymentId, UUID undoneId, String reason) {
        Deployment deployment = Deployment.findById(deploymentId);
        if (deployment == null) {
            return null;
        }
        rollBack(deployment, undoneId, reason);
        deployment.updatedAt = clock.instant();
        outbox.publish(deployment.project, deployment.updatedAt, updated(deployment));
        return deployment;
    }

    private static void rollBack(Deployment deployment, UUID undoneId, String reason) {
        Deployment undone = Deployment.findById(undoneId);
        if (undone == null || !undone.project.equals(deployment.project)) {
            throw new ReportRejected("rollback_of", "no deployment " + undoneId + " of project " + deployment.project);
        }
        if (undone.id.equals(deployment.id)) {
            throw new ReportRejected("rollback_of", "a deployment cannot roll itself back");
        }
        deployment.rollbackOf = undone.id;
        deployment.rollbackReason = reason;
    }

    /** Takes the delivery key for this transaction; false when an earlier delivery already holds it. */
    private boolean claim(String deliveryKey, Instant now) {
        return entityManager.createNativeQuery(
                "INSERT INTO webhook_delivery (id, received_at) VALUES (?1, ?2) ON CONFLICT (id) DO NOTHING")
                .setParameter(1, deliveryKey).setParameter(2, now).executeUpdate() == 1;
    }

    private Deployment continued(DeploymentReport report, Instant now) {
        if (report.senderDeploymentId() != null) {
            return Deployment.bySenderId(report.project(), report.senderDeploymentId()).orElseGet(() -> fresh(now));
        }
        if (report.commitHash() != null) {
            return Deployment.recent(report.project(), report.commitHash(), report.triggeredBy(),
                    now.minus(config.webhook().sameDeploymentWindow())).orElseGet(() -> fresh(now));
        }
        return fresh(now);
    }

    private static Deployment fresh(Instant now) {
        Deployment deployment = new Deployment();
        deployment.id = UUID.randomUUID();
        deployment.receivedAt = now;
        return deployment;
    }

    /** Starts with its first report; finishes when a report says so, and is open again if a later one says running. */
    private static void track(Deployment d, DeploymentReport report) {
        if (d.startedAt == null) {
            d.startedAt = report.reportedAt();
        }
        if (!d.status.isTerminal()) {
            d.finishedAt = null;
        } else if (d.finishedAt == null) {
            d.finishedAt = report.reportedAt().isBefore(d.startedAt) ? d.startedAt : report.reportedAt();
        }
    }

    /** Takes what the report says; a field it leaves out keeps what an earlier report of the deployment said. */
    private static void copy(DeploymentReport report, Deployment d, Instant now) {
        d.project = report.project();
        d.status = report.status() != null ? report.status() : d.status != null ? d.status : Status.RUNNING;
        d.reportedAt = report.reportedAt();
        d.updatedAt = now;
        d.repository = keep(report.repository(), d.repository);
        d.branch = keep(report.branch(), d.branch);
        d.commitHash = keep(report.commitHash(), d.commitHash);
        d.triggeredBy = keep(report.triggeredBy(), d.triggeredBy);
        d.triggerType = keep(report.triggerType(), d.triggerType);
        d.deployType = keep(report.deployType(), d.deployType);
        d.deployPath = keep(report.deployPath(), d.deployPath);
        d.testUrl = keep(report.testUrl(), d.testUrl);
        d.message = keep(report.message(), d.message);
        d.senderDeploymentId = keep(report.senderDeploymentId(), d.senderDeploymentId);
        d.commitTime = report.commitTime() != null ? report.commitTime() : d.commitTime;
        track(d, report);
    }

    private static String keep(String reported, String known) {
        return reported != null ? reported : known;
    }

    private static List<DeploymentStep> applySteps(DeploymentReport report, Deployment deployment) {
        List<DeploymentStep> changed = new ArrayList<>();
        for (DeploymentReport.StepReport reported : report.steps()) {
            DeploymentStep step = deployment.steps.stream().filter(s -> s.name.equals(reported.name()))
                    .findFirst().orElse(null);
            if (step == null) {
                step = new DeploymentStep();
                step.id = UUID.randomUUID();
                step.deployment = deployment;
                step.name = reported.name();
                step.stepType = StepType.ofStep(reported.name());
                step.position = deployment.steps.size();
                deployment.steps.add(step);
            }
            if (step.apply(reported, report.reportedAt())) {
                changed.add(step);
            }
        }
        return changed;
    }

    private static DeploymentUpdated updated(Deployment d) {
        return new DeploymentUpdated(d.id.toString(), d.project, d.repository, d.branch, d.commitHash, d.status,
                d.triggeredBy, d.triggerType, d.deployType, d.message, d.reportedAt,
                d.steps.stream().map(s -> new DeploymentUpdated.StepState(s.name, s.stepType.wire(), s.status,
                        s.startedAt, s.finishedAt, s.error)).toList(),
                d.rollbackOf == null ? null : d.rollbackOf.toString());
    }
}
