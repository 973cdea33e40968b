package io.vigil.ingest.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The deployments a batch of reports may continue: read with two queries for the whole batch, then kept
 * current as the batch creates and changes deployments, so each report sees what the ones before it did.
 */
final class KnownDeployments {

    private final Map<String, List<Deployment>> byProject = new HashMap<>();
    private final Instant since;

    private KnownDeployments(Instant since) {
        this.since = since;
    }

    /** Those the reports continue, as {@link Deployment#continuedBy} finds them. */
    static KnownDeployments of(List<DeploymentReport> reports, Instant since) {
        KnownDeployments known = new KnownDeployments(since);
        if (!reports.isEmpty()) {
            Deployment.withSteps(Deployment.continuedBy(reports, since)).forEach(known::add);
        }
        return known;
    }

    void add(Deployment deployment) {
        byProject.computeIfAbsent(deployment.project, p -> new ArrayList<>()).add(deployment);
    }

    /**
     * The deployment a report continues: the one with the sender's id if it gives one; else the newest of the
     * same commit and trigger within the window; null for a new deployment.
     */
    Deployment continuedBy(DeploymentReport report) {
        Deployment newest = null;
        for (Deployment d : byProject.getOrDefault(report.project(), List.of())) {
            if (report.senderDeploymentId() != null) {
                if (report.senderDeploymentId().equals(d.senderDeploymentId)) {
                    return d;
                }
            } else if (report.commitHash() != null && report.commitHash().equals(d.commitHash)
                    && Objects.equals(report.triggeredBy(), d.triggeredBy) && !d.receivedAt.isBefore(since)
                    && (newest == null || !d.receivedAt.isBefore(newest.receivedAt))) {
                newest = d;
            }
        }
        return newest;
    }
}
