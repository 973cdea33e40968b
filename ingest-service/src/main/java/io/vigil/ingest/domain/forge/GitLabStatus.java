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
 * GitLab's status words, shared by pipelines, jobs and deployments, as Vigil statuses. Everything that has
 * not started yet (waiting for a runner, a resource, a person or a schedule) is pending.
 */
final class GitLabStatus {

    private static final Map<String, Status> WORDS = Map.ofEntries(
            Map.entry("created", PENDING), Map.entry("waiting_for_resource", PENDING),
            Map.entry("preparing", PENDING), Map.entry("pending", PENDING), Map.entry("scheduled", PENDING),
            Map.entry("manual", PENDING), Map.entry("waiting_for_callback", PENDING), Map.entry("blocked", PENDING),
            Map.entry("running", RUNNING), Map.entry("canceling", RUNNING),
            Map.entry("success", SUCCESS), Map.entry("failed", FAILED), Map.entry("canceled", CANCELLED),
            Map.entry("skipped", SKIPPED));

    private GitLabStatus() {
    }

    /** Empty for a word GitLab is not known to use. */
    static Optional<Status> of(String word) {
        return Optional.ofNullable(WORDS.get(word));
    }
}
