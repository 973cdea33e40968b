package io.vigil.ingest.domain.forge;

import static io.vigil.ingest.domain.forge.TextLimit.BRANCH;
import static io.vigil.ingest.domain.forge.TextLimit.COMMIT;
import static io.vigil.ingest.domain.forge.TextLimit.MESSAGE;
import static io.vigil.ingest.domain.forge.TextLimit.NAME;
import static io.vigil.ingest.domain.forge.TextLimit.PROJECT;
import static io.vigil.ingest.domain.forge.TextLimit.REPOSITORY;
import static io.vigil.ingest.domain.forge.TextLimit.URL;
import static io.vigil.ingest.domain.forge.TextLimit.WORD;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import io.vigil.events.Status;
import io.vigil.ingest.domain.DeploymentReport;
import io.vigil.ingest.domain.DeploymentReport.StepReport;

/**
 * Reads a GitLab webhook delivery as Vigil sees it: pipelines (with their jobs as steps), single jobs and
 * deployments become deployment reports; every other hook is acknowledged and ignored. GitLab has no ping:
 * its "Test" button sends a real event.
 */
public final class GitLabWebhook {

    static final String EVENT_HEADER = "X-Gitlab-Event";
    /** Bounds a pipeline's jobs; GitLab itself sets no limit by default. */
    static final int MAX_STEPS = 1000;
    private static final Pattern COMMIT_SHA = Pattern.compile("[0-9a-fA-F]{7,64}");

    private GitLabWebhook() {
    }

    /** {@code event} is the X-Gitlab-Event header; throws {@link ForgeFieldException} for a body Vigil cannot use. */
    public static ForgeMapping map(String event, JsonNode body) {
        if (event == null || event.isBlank()) {
            throw new ForgeFieldException(EVENT_HEADER, "is missing");
        }
        WebhookPayload payload = WebhookPayload.of(body);
        String name = event.strip();
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "pipeline hook" -> ForgeMapping.report(pipeline(payload));
            case "job hook" -> ForgeMapping.report(job(payload));
            case "deployment hook" -> ForgeMapping.report(deployment(payload));
            default -> ForgeMapping.ignored(
                    "GitLab event '" + NAME.check(name, EVENT_HEADER) + "' is not a deployment");
        };
    }

    private static DeploymentReport pipeline(WebhookPayload p) {
        String project = project(p);
        String repository = p.text("project.path_with_namespace", REPOSITORY);
        String branch = p.text("object_attributes.ref", BRANCH);
        String commit = p.requiredText("object_attributes.sha", COMMIT);
        Status status = status(p, "object_attributes.status");
        return new DeploymentReport(project, repository, branch, commit, status, p.text("user.username", NAME),
                p.text("object_attributes.source", WORD), "pipeline", null, null,
                p.text("object_attributes.name", MESSAGE),
                p.firstTime("object_attributes.finished_at", "object_attributes.created_at"), jobs(p),
                WebhookPayload.senderId("gitlab-pipeline-", p.integer("object_attributes.id")))
                .withCommitTime(p.firstTime("commit.timestamp"));
    }

    /** The pipeline's jobs in the order GitLab created them: a retried job comes after its first try, and wins. */
    private static List<StepReport> jobs(WebhookPayload p) {
        record Job(Long id, StepReport step) {
        }
        List<Job> jobs = new ArrayList<>();
        for (WebhookPayload build : p.objects("builds", MAX_STEPS)) {
            jobs.add(new Job(build.integer("id"),
                    new StepReport(build.requiredText("name", NAME), status(build, "status"))));
        }
        jobs.sort(Comparator.comparing(Job::id, Comparator.nullsLast(Comparator.naturalOrder())));
        return jobs.stream().map(Job::step).toList();
    }

    private static DeploymentReport job(WebhookPayload p) {
        String project = p.text("project.name", PROJECT);
        if (project == null) {
            String fullName = p.text("project_name", REPOSITORY); // "Group / Project"
            project = fullName != null ? lastPart(fullName, "project_name") : p.text("repository.name", PROJECT);
        }
        if (project == null) {
            throw p.missing("project_name");
        }
        String repository = p.text("project.path_with_namespace", REPOSITORY);
        String branch = p.text("ref", BRANCH);
        String commit = p.requiredText("sha", COMMIT);
        StepReport step = new StepReport(p.requiredText("build_name", NAME), status(p, "build_status"));
        // The deployment is the pipeline: its status, which GitLab sends along as commit.status, not the job's.
        Status status = p.text("commit.status", WORD) != null ? status(p, "commit.status") : step.status();
        return new DeploymentReport(project, repository, branch, commit, status, p.text("user.username", NAME), null,
                "pipeline", null, null, null,
                p.firstTime("build_finished_at", "build_started_at", "build_created_at"), List.of(step),
                WebhookPayload.senderId("gitlab-pipeline-", p.integer("pipeline_id")));
    }

    private static DeploymentReport deployment(WebhookPayload p) {
        String project = project(p);
        String repository = p.text("project.path_with_namespace", REPOSITORY);
        String branch = p.text("ref", BRANCH);
        String commit = deployedCommit(p);
        Status status = status(p, "status");
        return new DeploymentReport(project, repository, branch, commit, status, p.text("user.username", NAME), null,
                "deployment", null, p.text("environment_external_url", URL),
                deployTo(p.text("environment", MESSAGE)), p.firstTime("status_changed_at"), List.of(),
                WebhookPayload.senderId("gitlab-deployment-", p.integer("deployment_id")));
    }

    /** The full sha ends commit_url (".../-/commit/279484c0…"); short_sha is the fallback. */
    private static String deployedCommit(WebhookPayload p) {
        String url = p.text("commit_url", URL);
        if (url != null) {
            String path = url.replaceFirst("[?#].*$", "").replaceFirst("/+$", "");
            String last = path.substring(path.lastIndexOf('/') + 1);
            if (COMMIT_SHA.matcher(last).matches()) {
                return last;
            }
        }
        String shortSha = p.text("short_sha", COMMIT);
        if (shortSha == null) {
            throw p.invalid("short_sha", "is missing, and commit_url does not end in a commit sha");
        }
        return shortSha;
    }

    /** project.name, or the last part of project.path_with_namespace. */
    private static String project(WebhookPayload p) {
        String name = p.text("project.name", PROJECT);
        if (name != null) {
            return name;
        }
        String path = p.text("project.path_with_namespace", REPOSITORY);
        if (path == null) {
            throw p.missing("project.name");
        }
        return lastPart(path, "project.path_with_namespace");
    }

    private static String lastPart(String path, String field) {
        String last = path.substring(path.lastIndexOf('/') + 1).strip();
        if (last.isEmpty()) {
            throw new ForgeFieldException(field, "must end in a project name");
        }
        return PROJECT.check(last, field);
    }

    private static String deployTo(String environment) {
        return environment == null ? null : MESSAGE.check("deploy to " + environment, "environment");
    }

    private static Status status(WebhookPayload p, String path) {
        String word = p.requiredWord(path);
        return GitLabStatus.of(word).orElseThrow(() -> p.invalid(path, "unknown status '" + word + "'"));
    }
}
