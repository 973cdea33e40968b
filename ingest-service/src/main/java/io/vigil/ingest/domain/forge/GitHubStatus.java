package io.vigil.ingest.domain.forge;

import static io.vigil.events.Status.CANCELLED;
import static io.vigil.events.Status.FAILED;
import static io.vigil.events.Status.PENDING;
import static io.vigil.events.Status.RUNNING;
import static io.vigil.events.Status.SKIPPED;
import static io.vigil.events.Status.SUCCESS;

import java.util.Map;
import java.util.Optional;

import io.vigil.events.Status;

/**
 * GitHub's words for where a workflow run, job, step or deployment is, as Vigil statuses. A run, job or
 * step says "completed" and puts the outcome in a separate conclusion.
 */
final class GitHubStatus {

    private static final Map<String, Status> PROGRESS = Map.of(
            "requested", PENDING, "queued", PENDING, "waiting", PENDING, "pending", PENDING,
            "in_progress", RUNNING);
    private static final Map<String, Status> CONCLUSIONS = Map.of(
            "success", SUCCESS, "failure", FAILED, "timed_out", FAILED, "startup_failure", FAILED,
            "action_required", FAILED, "stale", FAILED, "cancelled", CANCELLED, "skipped", SKIPPED,
            "neutral", SKIPPED);
    private static final Map<String, Status> DEPLOYMENT_STATES = Map.of(
            "queued", PENDING, "pending", PENDING, "waiting", PENDING, "in_progress", RUNNING,
            "success", SUCCESS, "failure", FAILED, "error", FAILED);

    private GitHubStatus() {
    }

    /** A run, job or step that has not completed; empty for "completed" and for words GitHub does not use. */
    static Optional<Status> progress(String status) {
        return Optional.ofNullable(PROGRESS.get(status));
    }

    /** A completed run's outcome. GitHub adds conclusions over time; one that is not known to be fine failed. */
    static Status conclusion(String conclusion) {
        return CONCLUSIONS.getOrDefault(conclusion, FAILED);
    }

    /** A deployment status's state; empty for "inactive" (an earlier deployment retired) and unknown words. */
    static Optional<Status> deploymentState(String state) {
        return Optional.ofNullable(DEPLOYMENT_STATES.get(state));
    }
}
