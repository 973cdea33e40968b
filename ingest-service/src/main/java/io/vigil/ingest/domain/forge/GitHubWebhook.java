package io.vigil.ingest.domain.forge;

import static io.vigil.ingest.domain.forge.TextLimit.BRANCH;
import static io.vigil.ingest.domain.forge.TextLimit.COMMIT;
import static io.vigil.ingest.domain.forge.TextLimit.MESSAGE;
import static io.vigil.ingest.domain.forge.TextLimit.NAME;
import static io.vigil.ingest.domain.forge.TextLimit.PROJECT;
import static io.vigil.ingest.domain.forge.TextLimit.REPOSITORY;
import static io.vigil.ingest.domain.forge.TextLimit.URL;
import static io.vigil.ingest.domain.forge.TextLimit.WORD;

import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;

import io.vigil.events.Status;
import io.vigil.ingest.domain.DeploymentReport;
import io.vigil.ingest.domain.DeploymentReport.StepReport;

/**
 * Reads a GitHub webhook delivery as Vigil sees it: workflow runs, workflow jobs (with their steps),
 * deployments and deployment statuses become deployment reports; a ping is answered; every other event
 * is acknowledged and ignored, because a repository's webhook often sends more than Vigil asked for.
 */
public final class GitHubWebhook {

    static final String EVENT_HEADER = "X-GitHub-Event";
    /** GitHub allows at most 1000 steps in a job. */
    static final int MAX_STEPS = 1000;

    private GitHubWebhook() {
    }

    /** {@code event} is the X-GitHub-Event header; throws {@link ForgeFieldException} for a body Vigil cannot use. */
    public static ForgeMapping map(String event, JsonNode body) {
        if (event == null || event.isBlank()) {
            throw new ForgeFieldException(EVENT_HEADER, "is missing");
        }
        String name = event.strip().toLowerCase(Locale.ROOT);
        WebhookPayload payload = WebhookPayload.of(body);
        return switch (name) {
            case "ping" -> ForgeMapping.forPing();
            case "workflow_run" -> ForgeMapping.report(workflowRun(payload));
            case "workflow_job" -> ForgeMapping.report(workflowJob(payload));
            case "deployment" -> ForgeMapping.report(deployment(payload));
            case "deployment_status" -> deploymentStatus(payload);
            default -> ForgeMapping.ignored(
                    "GitHub event '" + NAME.check(name, EVENT_HEADER) + "' is not a deployment");
        };
    }

    private static DeploymentReport workflowRun(WebhookPayload p) {
        return new DeploymentReport(p.requiredText("repository.name", PROJECT),
                p.text("repository.full_name", REPOSITORY), p.text("workflow_run.head_branch", BRANCH),
                p.requiredText("workflow_run.head_sha", COMMIT),
                checkStatus(p, "workflow_run.status", "workflow_run.conclusion"),
                p.firstText(NAME, "sender.login", "workflow_run.actor.login"), p.text("workflow_run.event", WORD),
                "workflow", null, null, p.text("workflow_run.name", MESSAGE),
                p.firstTime("workflow_run.updated_at", "workflow_run.run_started_at", "workflow_run.created_at"),
                List.of(), WebhookPayload.senderId("github-run-", p.integer("workflow_run.id")))
                .withCommitTime(p.firstTime("workflow_run.head_commit.timestamp"));
    }

    private static DeploymentReport workflowJob(WebhookPayload p) {
        String project = p.requiredText("repository.name", PROJECT);
        String repository = p.text("repository.full_name", REPOSITORY);
        String branch = p.text("workflow_job.head_branch", BRANCH);
        String commit = p.requiredText("workflow_job.head_sha", COMMIT);
        Status status = checkStatus(p, "workflow_job.status", "workflow_job.conclusion");
        String workflow = p.text("workflow_job.workflow_name", MESSAGE);
        String job = p.text("workflow_job.name", MESSAGE);
        String message = workflow == null ? job
                : job == null ? workflow : MESSAGE.check(workflow + " / " + job, "workflow_job.name");
        List<StepReport> steps = p.objects("workflow_job.steps", MAX_STEPS).stream()
                .map(step -> new StepReport(step.requiredText("name", NAME),
                        checkStatus(step, "status", "conclusion")))
                .toList();
        return new DeploymentReport(project, repository, branch, commit, status, p.text("sender.login", NAME), null,
                "workflow", null, null, message,
                p.firstTime("workflow_job.completed_at", "workflow_job.started_at", "workflow_job.created_at"), steps,
                WebhookPayload.senderId("github-run-", p.integer("workflow_job.run_id")));
    }

    private static DeploymentReport deployment(WebhookPayload p) {
        return new DeploymentReport(p.requiredText("repository.name", PROJECT),
                p.text("repository.full_name", REPOSITORY), p.text("deployment.ref", BRANCH),
                p.requiredText("deployment.sha", COMMIT), Status.PENDING,
                p.firstText(NAME, "sender.login", "deployment.creator.login"), null, "deployment", null, null,
                deployTo(p.text("deployment.environment", MESSAGE)),
                p.firstTime("deployment.updated_at", "deployment.created_at"), List.of(),
                WebhookPayload.senderId("github-deployment-", p.integer("deployment.id")));
    }

    private static ForgeMapping deploymentStatus(WebhookPayload p) {
        String project = p.requiredText("repository.name", PROJECT);
        String repository = p.text("repository.full_name", REPOSITORY);
        String branch = p.text("deployment.ref", BRANCH);
        String commit = p.requiredText("deployment.sha", COMMIT);
        String state = p.requiredWord("deployment_status.state");
        if (state.equals("inactive")) {
            // GitHub marks earlier deployments inactive when a newer one succeeds; nothing happened to this one.
            return ForgeMapping.ignored("GitHub deployment state 'inactive' only retires an earlier deployment");
        }
        Status status = GitHubStatus.deploymentState(state)
                .orElseThrow(() -> p.invalid("deployment_status.state", "unknown state '" + state + "'"));
        return ForgeMapping.report(new DeploymentReport(project, repository, branch, commit, status,
                p.firstText(NAME, "sender.login", "deployment_status.creator.login"), null, "deployment", null,
                p.text("deployment_status.environment_url", URL),
                deployTo(p.firstText(MESSAGE, "deployment_status.environment", "deployment.environment")),
                p.firstTime("deployment_status.updated_at", "deployment_status.created_at"), List.of(),
                WebhookPayload.senderId("github-deployment-", p.integer("deployment.id"))));
    }

    /** A run, job or step: its status, or its conclusion once completed. */
    private static Status checkStatus(WebhookPayload p, String statusPath, String conclusionPath) {
        String status = p.requiredWord(statusPath);
        if (status.equals("completed")) {
            return GitHubStatus.conclusion(p.requiredWord(conclusionPath));
        }
        return GitHubStatus.progress(status)
                .orElseThrow(() -> p.invalid(statusPath, "unknown status '" + status + "'"));
    }

    private static String deployTo(String environment) {
        return environment == null ? null : MESSAGE.check("deploy to " + environment, "environment");
    }
}
