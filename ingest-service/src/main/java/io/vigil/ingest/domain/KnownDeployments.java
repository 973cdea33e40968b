package io.vigil.ingest.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

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

    /** Those the reports name by the sender's id, and those of their commits received since {@code since}. */
    static KnownDeployments of(List<DeploymentReport> reports, Instant since) {
        KnownDeployments known = new KnownDeployments(since);
        Set<String> projects = reports.stream().map(DeploymentReport::project).collect(Collectors.toSet());
        Set<String> senderIds = reports.stream().map(DeploymentReport::senderDeploymentId).filter(Objects::nonNull)
                .collect(Collectors.toSet());
        Set<String> commits = reports.stream().filter(r -> r.senderDeploymentId() == null)
                .map(DeploymentReport::commitHash).filter(Objects::nonNull).collect(Collectors.toSet());
        Set<Deployment> found = new LinkedHashSet<>(); // one instance per row in a session: no row twice
        if (!senderIds.isEmpty()) {
            found.addAll(Deployment.withSenderIds(projects, senderIds));
        }
        if (!commits.isEmpty()) {
            found.addAll(Deployment.withCommits(projects, commits, since));
        }
        found.forEach(known::add);
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
