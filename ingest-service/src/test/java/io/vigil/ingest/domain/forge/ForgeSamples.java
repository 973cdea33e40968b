package io.vigil.ingest.domain.forge;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.vigil.events.EventCodec;

/** The sample deliveries under src/test/resources/forge, with the event header each one comes with. */
final class ForgeSamples {

    enum Forge {
        GITHUB, GITLAB;

        ForgeMapping map(String event, JsonNode body) {
            return this == GITHUB ? GitHubWebhook.map(event, body) : GitLabWebhook.map(event, body);
        }
    }

    record Sample(String file, Forge forge, String event) {
        JsonNode body() {
            return load(file);
        }

        @Override
        public String toString() {
            return file;
        }
    }

    static final List<Sample> ALL = List.of(
            new Sample("github-ping.json", Forge.GITHUB, "ping"),
            new Sample("github-workflow_run-in_progress.json", Forge.GITHUB, "workflow_run"),
            new Sample("github-workflow_run-completed-success.json", Forge.GITHUB, "workflow_run"),
            new Sample("github-workflow_job-completed.json", Forge.GITHUB, "workflow_job"),
            new Sample("github-deployment.json", Forge.GITHUB, "deployment"),
            new Sample("github-deployment_status-success.json", Forge.GITHUB, "deployment_status"),
            new Sample("gitlab-pipeline-running.json", Forge.GITLAB, "Pipeline Hook"),
            new Sample("gitlab-pipeline-success.json", Forge.GITLAB, "Pipeline Hook"),
            new Sample("gitlab-job.json", Forge.GITLAB, "Job Hook"),
            new Sample("gitlab-deployment.json", Forge.GITLAB, "Deployment Hook"));

    private ForgeSamples() {
    }

    static ObjectNode load(String file) {
        try (InputStream in = ForgeSamples.class.getResourceAsStream("/forge/" + file)) {
            if (in == null) {
                throw new IllegalArgumentException("no sample " + file);
            }
            return (ObjectNode) EventCodec.mapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
