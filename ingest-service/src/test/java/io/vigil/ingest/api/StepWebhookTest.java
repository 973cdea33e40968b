package io.vigil.ingest.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vigil.testing.KafkaTestResource;
import io.vigil.testing.PostgresTestResource;

/** Steps reported one by one as they start and end, on their own endpoint. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "prefix", value = "ingest"))
class StepWebhookTest {

    static String step(String project, String step, String status, String extra) {
        return given().contentType(ContentType.JSON).body("{\"project\":\"" + project + "\",\"deployment_id\":\"job-1\","
                + "\"step\":\"" + step + "\",\"status\":\"" + status + "\"" + extra + "}")
                .post("/api/webhook/deployment/steps").then().statusCode(200).extract().path("deployment_id");
    }

    @Test
    void aDeploymentIsVisibleLiveStepByStep() {
        String project = "steps-" + UUID.randomUUID().toString().substring(0, 8);
        String id = step(project, "validate_artifact", "running", ",\"started_at\":\"2024-01-01T00:00:00Z\"");
        given().get("/api/deployments/" + id).then().statusCode(200).body("status", equalTo("running"))
                .body("steps.status", contains("running"));
        step(project, "validate_artifact", "success", ",\"finished_at\":\"2024-01-01T00:00:04Z\"");
        step(project, "deploy_project", "running", "");
        given().get("/api/deployments/" + id).then().statusCode(200).body("status", equalTo("running"))
                .body("steps.name", contains("validate_artifact", "deploy_project"))
                .body("steps.status", contains("success", "running"))
                .body("steps[0].duration_ms", equalTo(4000));

        // the final summary closes the same deployment
        given().contentType(ContentType.JSON).body("{\"project\":\"" + project + "\",\"deployment_id\":\"job-1\","
                + "\"status\":\"success\",\"step_details\":{\"deploy_project\":\"success\"}}")
                .post("/api/webhook/deployment").then().statusCode(200).body("deployment_id", equalTo(id));
        given().get("/api/deployments/" + id).then().body("status", equalTo("success"))
                .body("steps.status", contains("success", "success"));
    }

    @Test
    void aStepReportMustNameItsDeploymentAndItsStep() {
        given().contentType(ContentType.JSON).body("{\"project\":\"p\",\"step\":\"build\",\"status\":\"running\"}")
                .post("/api/webhook/deployment/steps").then().statusCode(400).body("field", equalTo("deployment_id"));
        given().contentType(ContentType.JSON).body("{\"project\":\"p\",\"deployment_id\":\"x\",\"status\":\"running\"}")
                .post("/api/webhook/deployment/steps").then().statusCode(400).body("field", equalTo("step"));
        given().contentType(ContentType.JSON).body("{\"project\":\"p\",\"deployment_id\":\"x\",\"step\":\"b\",\"status\":\"meh\"}")
                .post("/api/webhook/deployment/steps").then().statusCode(400).body("field", equalTo("status"));
        given().contentType(ContentType.JSON).body("{\"project\":\"p\",\"deployment_id\":\"x\",\"step\":\"b\","
                + "\"status\":\"running\",\"started_at\":\"noon\"}")
                .post("/api/webhook/deployment/steps").then().statusCode(400).body("field", equalTo("started_at"));
    }
}
