package io.vigil.ingest.domain;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.vigil.events.payload.DeploymentUpdated;
import io.vigil.events.payload.StepUpdated;
import io.vigil.ingest.messaging.EventOutbox;

/**
 * Stores a deployment report and, in the same transaction, the events it causes: the deployment's new
 * state, and one step event per step whose status changed. A live report (same project and commit,
 * not finished) continues the deployment it belongs to.
 */
@ApplicationScoped
public class DeploymentRecorder {

    private final EventOutbox outbox;
    private final Clock clock;

    DeploymentRecorder(EventOutbox outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    @Transactional
    public Deployment record(DeploymentReport report) {
        Instant now = clock.instant();
        Deployment deployment = report.commitHash() == null ? null
                : Deployment.unfinished(report.project(), report.commitHash()).orElse(null);
        if (deployment == null) {
            deployment = new Deployment();
            deployment.id = UUID.randomUUID();
            deployment.receivedAt = now;
        }
        copy(report, deployment, now);
        List<DeploymentStep> changed = applySteps(report, deployment);
        deployment.persist();

        for (DeploymentStep step : changed) {
            outbox.publish(deployment.project, now, new StepUpdated(deployment.id.toString(), deployment.project,
                    step.name, step.stepType.wire(), step.status, report.reportedAt()));
        }
        outbox.publish(deployment.project, now, updated(deployment));
        return deployment;
    }

    private static void copy(DeploymentReport report, Deployment d, Instant now) {
        d.project = report.project();
        d.repository = report.repository();
        d.branch = report.branch();
        d.commitHash = report.commitHash();
        d.status = report.status();
        d.triggeredBy = report.triggeredBy();
        d.triggerType = report.triggerType();
        d.deployType = report.deployType();
        d.deployPath = report.deployPath();
        d.testUrl = report.testUrl();
        d.message = report.message();
        d.reportedAt = report.reportedAt();
        d.updatedAt = now;
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
            if (!Objects.equals(step.status, reported.status())) {
                step.status = reported.status();
                changed.add(step);
            }
        }
        return changed;
    }

    private static DeploymentUpdated updated(Deployment d) {
        return new DeploymentUpdated(d.id.toString(), d.project, d.repository, d.branch, d.commitHash, d.status,
                d.triggeredBy, d.triggerType, d.deployType, d.message, d.reportedAt,
                d.steps.stream().map(s -> new DeploymentUpdated.StepState(s.name, s.stepType.wire(), s.status)).toList());
    }
}
