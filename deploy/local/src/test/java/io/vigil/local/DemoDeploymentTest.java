package io.vigil.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class DemoDeploymentTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2024-01-01T10:15:30.123456Z");
    private static final List<String> FIELDS = List.of("project", "repository", "branch", "commit_hash", "status",
            "triggered_by", "trigger_type", "deploy_type", "deploy_path", "test_url", "message", "timestamp",
            "step_details");

    private final DemoProject demoApp = DemoProject.ALL.get(0);

    @Test
    void theFinalBodyHasEveryWebhookFieldAndEveryStep() throws Exception {
        JsonNode body = JSON.readTree(new DemoDeployment(demoApp, "9f2c1e7", "axi-deploy", 3, null).finalBody(NOW));

        assertThat(fieldNames(body)).containsExactlyElementsOf(FIELDS);
        assertThat(body.get("project").asText()).isEqualTo("demo-app");
        assertThat(body.get("repository").asText()).isEqualTo("acme/demo-app");
        assertThat(body.get("commit_hash").asText()).isEqualTo("9f2c1e7");
        assertThat(body.get("status").asText()).isEqualTo("success");
        assertThat(body.get("timestamp").asText()).isEqualTo("2024-01-01T10:15:30Z");
        assertThat(JSON.convertValue(body.get("step_details"), Map.class)).containsExactlyEntriesOf(demoApp.steps());
    }

    @Test
    void theRunningBodyReportsTheStepsDoneAndTheOneRunning() throws Exception {
        JsonNode body = JSON.readTree(new DemoDeployment(demoApp, "abc1234", "maria", 2, null).runningBody(NOW));

        assertThat(fieldNames(body)).containsExactlyElementsOf(FIELDS);
        assertThat(body.get("status").asText()).isEqualTo("running");
        assertThat(JSON.convertValue(body.get("step_details"), Map.class)).containsExactly(
                Map.entry("validate_artifact", "success"), Map.entry("parse_secrets", "success"),
                Map.entry("server_init", "running"));
    }

    @Test
    void aFailedDeploymentStopsAtTheFailingStep() throws Exception {
        JsonNode body = JSON.readTree(new DemoDeployment(demoApp, "abc1234", "maria", 2, "deploy_project").finalBody(NOW));

        assertThat(body.get("status").asText()).isEqualTo("failed");
        assertThat(body.get("message").asText()).isEqualTo("deploy_project failed");
        assertThat(JSON.convertValue(body.get("step_details"), Map.class)).containsExactly(
                Map.entry("validate_artifact", "success"), Map.entry("parse_secrets", "success"),
                Map.entry("server_init", "skipped"), Map.entry("deploy_project", "failed"));
    }

    @Test
    void randomDeploymentsCoverEveryProjectWithSevenHexCommitsAndSomeFailures() {
        RandomGenerator random = RandomGenerator.of("L64X128MixRandom");
        List<DemoDeployment> deployments = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            deployments.add(DemoDeployment.next(random));
        }

        assertThat(deployments).extracting(d -> d.project().name()).contains("demo-app", "billing-api", "web-portal");
        assertThat(deployments).allSatisfy(d -> {
            assertThat(d.commitHash()).matches("[0-9a-f]{7}");
            assertThat(d.stepsDone()).isBetween(1, d.project().steps().size() - 2);
            if (d.failingStep() != null) {
                assertThat(d.project().steps()).containsKey(d.failingStep());
            }
        });
        assertThat(deployments).extracting(DemoDeployment::finalStatus).contains("success", "failed");
        assertThat(deployments.stream().filter(d -> d.failingStep() != null).count()).isLessThan(80);
    }

    private static List<String> fieldNames(JsonNode body) {
        List<String> names = new ArrayList<>();
        body.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
