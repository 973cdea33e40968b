package io.vigil.ingest.api;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vigil.ingest.domain.ReportRejected;
import io.vigil.events.Status;
import io.vigil.ingest.domain.DeploymentReport;
import io.vigil.ingest.domain.ReportedStatus;

/**
 * Turns a raw webhook body into a validated {@link DeploymentReport}: JSON, bean constraints, status words,
 * step details given as words or objects. Every rejection names the field.
 */
@ApplicationScoped
public class DeploymentWebhookParser {

    private final ObjectMapper json;
    private final Validator validator;
    private final Clock clock;

    DeploymentWebhookParser(ObjectMapper json, Validator validator, Clock clock) {
        this.json = json;
        this.validator = validator;
        this.clock = clock;
    }

    public DeploymentReport parse(byte[] body) throws IOException {
        DeploymentWebhook webhook = read(body, DeploymentWebhook.class);
        return new DeploymentReport(webhook.project().trim(), webhook.repository(), webhook.branch(),
                webhook.commitHash(), status("status", webhook.status()), webhook.triggeredBy(), webhook.triggerType(),
                webhook.deployType(), webhook.deployPath(), webhook.testUrl(), webhook.message(),
                webhook.timestamp() != null ? webhook.timestamp() : clock.instant(), steps(webhook.stepDetails()),
                webhook.deploymentId(), webhook.rollbackOf(), webhook.reason(), webhook.commitTime());
    }

    /** A live step report as a deployment report that changes only that step (its status stays as it was). */
    public DeploymentReport parseStep(byte[] body) throws IOException {
        StepWebhook step = read(body, StepWebhook.class);
        if (step.deploymentId() == null && step.commitHash() == null) {
            throw new ReportRejected("deployment_id", "name the deployment: deployment_id, or commit_hash");
        }
        DeploymentReport.StepReport report = new DeploymentReport.StepReport(step.step(), status("status", step.status()),
                step.startedAt(), step.finishedAt(), step.error(), step.logUrl());
        return new DeploymentReport(step.project().trim(), null, null, step.commitHash(), null, step.triggeredBy(), null,
                null, null, null, null, step.timestamp() != null ? step.timestamp() : clock.instant(),
                List.of(report), step.deploymentId());
    }

    /** Reads and validates a JSON object of {@code type}; every failure names the field. */
    private <T> T read(byte[] body, Class<T> type) throws IOException {
        if (body == null || body.length == 0) {
            throw new ReportRejected("body", "a JSON object is required");
        }
        JsonNode tree = json.readTree(body);
        if (tree == null || !tree.isObject()) {
            throw new ReportRejected("body", "a JSON object is required");
        }
        rejectNulCharacters(tree, "");
        T value = json.treeToValue(tree, type);
        Set<ConstraintViolation<T>> violations = validator.validate(value);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        return value;
    }

    /** PostgreSQL cannot store NUL in text; no sender has a reason to send it. */
    private static void rejectNulCharacters(JsonNode node, String path) {
        if (node.isTextual() && node.asText().indexOf('\u0000') >= 0) {
            throw new ReportRejected(path.isEmpty() ? "body" : path, "must not contain NUL characters");
        }
        if (node.isObject()) {
            node.properties().forEach(e -> {
                if (e.getKey().indexOf('\u0000') >= 0) {
                    throw new ReportRejected(path.isEmpty() ? "body" : path, "field names must not contain NUL characters");
                }
                rejectNulCharacters(e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey());
            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                rejectNulCharacters(node.get(i), path + "[" + i + "]");
            }
        }
    }

    private static List<DeploymentReport.StepReport> steps(Map<String, JsonNode> details) {
        List<DeploymentReport.StepReport> steps = new ArrayList<>();
        if (details == null) {
            return steps;
        }
        for (Map.Entry<String, JsonNode> entry : details.entrySet()) {
            String name = entry.getKey();
            String field = "step_details." + name;
            if (name.isBlank() || name.length() > 200) {
                throw new ReportRejected(field, "step names must be 1 to 200 characters");
            }
            JsonNode value = entry.getValue();
            if (value != null && value.isTextual()) {
                steps.add(new DeploymentReport.StepReport(name, status(field, value.asText())));
            } else if (value != null && value.isObject()) {
                steps.add(new DeploymentReport.StepReport(name, status(field + ".status", text(value, "status", field)),
                        time(value, "started_at", field), time(value, "finished_at", field), text(value, "error", field),
                        text(value, "log_url", field)));
            } else {
                throw new ReportRejected(field, "must be a status word or an object with a status");
            }
        }
        return steps;
    }

    private static Status status(String field, String word) {
        return ReportedStatus.parse(word).orElseThrow(() -> new ReportRejected(field,
                (word == null ? "status is required" : "unknown status '" + word + "'") + "; use one of "
                        + ReportedStatus.accepted()));
    }

    private static String text(JsonNode step, String name, String field) {
        JsonNode value = step.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual() || value.asText().length() > 10_000) {
            throw new ReportRejected(field + "." + name, "must be a string of at most 10000 characters");
        }
        return value.asText();
    }

    private static Instant time(JsonNode step, String name, String field) {
        String value = text(step, name, field);
        try {
            return value == null ? null : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new ReportRejected(field + "." + name, "must be an RFC 3339 time such as 2024-01-01T00:00:00Z");
        }
    }
}
