package io.vigil.ingest.domain;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.vigil.events.Status;
import io.vigil.events.payload.DeploymentUpdated;
import io.vigil.events.payload.StepUpdated;
import io.vigil.ingest.config.IngestConfig;
import io.vigil.outbox.EventOutbox;

/**
 * Stores batches of deployment reports, each batch in one transaction with the events it causes: per report,
 * one step event per step whose status changed, then the deployment's new state. Reports are applied in their
 * order, each seeing what the ones before it did. A report continues an earlier deployment when the sender
 * names it by its own id, or else when project, commit and trigger match one received within the configured
 * window. A delivery seen before gets its first receipt and changes nothing; a refused report changes nothing
 * and does not hold back the rest of its batch.
 */
@ApplicationScoped
public class DeploymentRecorder {

    private final EventOutbox outbox;
    private final DeliveryLedger deliveries;
    private final IngestConfig config;
    private final Clock clock;

    DeploymentRecorder(EventOutbox outbox, DeliveryLedger deliveries, IngestConfig config, Clock clock) {
        this.outbox = outbox;
        this.deliveries = deliveries;
        this.config = config;
        this.clock = clock;
    }

    /** A report to store, under the key that makes its redeliveries harmless. */
    public record Submission(DeploymentReport report, String deliveryKey) {
    }

    /** What the sender is told: the deployment its report went to, and whether the delivery was a repeat. */
    public record Receipt(UUID deploymentId, String project, Status status, boolean redelivery) {
        Receipt asRedelivery() {
            return new Receipt(deploymentId, project, status, true);
        }
    }

    /** A submission's result: its receipt, or why its report was refused. */
    public record Outcome(Receipt receipt, ReportRejected refusal) {
        static Outcome stored(Receipt receipt) {
            return new Outcome(receipt, null);
        }

        static Outcome refused(ReportRejected refusal) {
            return new Outcome(null, refusal);
        }

        /** The receipt; throws the refusal. */
        public Receipt receiptOrThrow() {
            if (refusal != null) {
                throw refusal;
            }
            return receipt;
        }

        Outcome asRedelivery() {
            return refusal != null ? this : stored(receipt.asRedelivery());
        }
    }

    /** Stores the submissions in one transaction; answers each one's outcome, in their order. */
    @Transactional
    public List<Outcome> record(List<Submission> batch) {
        Instant now = clock.instant();
        Map<String, Integer> firstOfKey = new LinkedHashMap<>();
        for (int i = 0; i < batch.size(); i++) {
            firstOfKey.putIfAbsent(batch.get(i).deliveryKey(), i);
        }
        Map<String, Receipt> earlier = deliveries.earlierAnswers(firstOfKey.keySet());
        KnownDeployments known = KnownDeployments.of(batch.stream().filter(s -> !earlier.containsKey(s.deliveryKey()))
                .map(Submission::report).toList(), now.minus(config.webhook().sameDeploymentWindow()));

        Outcome[] outcomes = new Outcome[batch.size()];
        List<EventOutbox.Draft> events = new ArrayList<>();
        List<Deployment> changed = new ArrayList<>();
        Map<String, Receipt> answers = new LinkedHashMap<>();
        for (int i = 0; i < batch.size(); i++) {
            String key = batch.get(i).deliveryKey();
            int first = firstOfKey.get(key);
            if (first != i) {
                outcomes[i] = outcomes[first].asRedelivery();
            } else if (earlier.containsKey(key)) {
                outcomes[i] = Outcome.stored(earlier.get(key));
            } else {
                try {
                    Deployment deployment = apply(batch.get(i).report(), known, now, events);
                    changed.add(deployment);
                    Receipt receipt = new Receipt(deployment.id, deployment.project, deployment.status, false);
                    answers.put(key, receipt);
                    outcomes[i] = Outcome.stored(receipt);
                } catch (ReportRejected e) {
                    outcomes[i] = Outcome.refused(e);
                }
            }
        }
        Project.sawDeployments(changed);
        outbox.publish(events);
        deliveries.record(answers, now);
        return List.of(outcomes);
    }

    /** Marks {@code deploymentId} as the rollback of {@code undoneId}, and publishes its new state; null if no such deployment. */
    @Transactional
    public Deployment markRollback(UUID deploymentId, UUID undoneId, String reason) {
        Deployment deployment = Deployment.findById(deploymentId);
        if (deployment == null) {
            return null;
        }
        checkRollback(deployment.project, deployment.id, undoneId);
        deployment.rollbackOf = undoneId;
        deployment.rollbackReason = reason;
        deployment.updatedAt = clock.instant();
        outbox.publish(deployment.project, deployment.updatedAt, updated(deployment));
        return deployment;
    }

    /** Applies one report: checks it, then changes or creates its deployment and drafts the events. */
    private Deployment apply(DeploymentReport report, KnownDeployments known, Instant now,
            List<EventOutbox.Draft> events) {
        Deployment deployment = known.continuedBy(report);
        boolean fresh = deployment == null;
        if (fresh) {
            deployment = fresh(now);
        }
        if (report.rollbackOf() != null) {
            checkRollback(report.project(), deployment.id, report.rollbackOf());
        }
        copy(report, deployment, now);
        if (report.rollbackOf() != null) {
            deployment.rollbackOf = report.rollbackOf();
            deployment.rollbackReason = report.rollbackReason();
        }
        List<DeploymentStep> changedSteps = applySteps(report, deployment);
        if (fresh) {
            deployment.persist();
            known.add(deployment);
        }
        for (DeploymentStep step : changedSteps) {
            events.add(new EventOutbox.Draft(deployment.project, now, new StepUpdated(deployment.id.toString(),
                    deployment.project, step.name, step.stepType.wire(), step.status, report.reportedAt(),
                    step.startedAt, step.finishedAt, step.error)));
        }
        events.add(new EventOutbox.Draft(deployment.project, now, updated(deployment)));
        return deployment;
    }

    /** Refuses a rollback of a deployment that does not exist, is another project's, or is the deployment itself. */
    private static void checkRollback(String project, UUID deploymentId, UUID undoneId) {
        Deployment undone = Deployment.findById(undoneId);
        if (undone == null || !undone.project.equals(project)) {
            throw new ReportRejected("rollback_of", "no deployment " + undoneId + " of project " + project);
        }
        if (undone.id.equals(deploymentId)) {
            throw new ReportRejected("rollback_of", "a deployment cannot roll itself back");
        }
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
