package io.vigil.monitor.domain;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.vigil.events.payload.DeploymentUpdated;

/** The last known deployment of each project, for the snapshot a client gets on connect. */
public final class LatestDeployments {

    private final Map<String, DeploymentUpdated> byProject = new ConcurrentHashMap<>();

    /** Keeps {@code update} unless a later report of the project is already known. */
    public void record(DeploymentUpdated update) {
        byProject.merge(update.project(), update,
                (known, offered) -> offered.reportedAt().isBefore(known.reportedAt()) ? known : offered);
    }

    /** Newest first. */
    public List<DeploymentUpdated> all() {
        return byProject.values().stream()
                .sorted(Comparator.comparing(DeploymentUpdated::reportedAt).reversed())
                .toList();
    }
}
