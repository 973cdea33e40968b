package io.vigil.events.payload;

import static io.vigil.events.Fields.required;
import static io.vigil.events.Fields.requiredText;

import java.time.Instant;

/** The result of probing a project's test URL. Subject: the project name. */
public record ProjectHealth(
        String project,
        String url,
        boolean healthy,
        Integer httpStatus,
        long latencyMs,
        String error,
        Instant checkedAt) {

    public ProjectHealth {
        requiredText(project, "project");
        requiredText(url, "url");
        required(checkedAt, "checked_at");
    }
}
