package io.vigil.pipeline.definition;

import io.vigil.events.Status;

/** The deployments that start a pipeline: those of one project, in one status or (status null) in any. */
public record Trigger(String project, Status status) {

    public boolean matches(String deploymentProject, Status deploymentStatus) {
        return project.equals(deploymentProject) && (status == null || status == deploymentStatus);
    }
}
