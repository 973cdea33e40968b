package io.vigil.ingest.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vigil.testing.KafkaTestResource;
import io.vigil.testing.PostgresTestResource;

@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "prefix", value = "ingest"))
class ReadApiTest {

    static String post(String project, String commit, String status, String steps) {
        return given().contentType(ContentType.JSON).body("{\"project\":\"" + project + "\",\"repository\":\"acme/" + project
                + "\",\"deploy_type\":\"backend\",\"commit_hash\":\"" + commit + "\",\"status\":\"" + status
                + "\",\"step_details\":" + steps + "}")
                .post("/api/webhook/deployment").then().statusCode(200).extract().path("deployment_id");
    }

    @Test
    void deploymentsPageNewestFirstByCursorAndFilter() {
        String project = "paged-" + UUID.randomUUID().toString().substring(0, 8);
        String first = post(project, "c1", "success", "{}");
        String second = post(project, "c2", "failed", "{}");
        String third = post(project, "c3", "success", "{}");

        String next = given().queryParam("project", project).queryParam("limit", 2).get("/api/deployments")
                .then().statusCode(200).body("items.id", contains(third, second)).body("next", notNullValue())
                .extract().path("next");
        given().queryParam("project", project).queryParam("limit", 2).queryParam("after", next).get("/api/deployments")
                .then().statusCode(200).body("items.id", contains(first)).body("next", nullValue());

        given().queryParam("project", project).queryParam("status", "failed").get("/api/deployments")
                .then().statusCode(200).body("items.id", contains(second));
        given().queryParam("project", project).queryParam("since", "2999-01-01T00:00:00Z").get("/api/deployments")
                .then().statusCode(200).body("items", hasSize(0));
    }

    @Test
    void badFiltersAreProblemsNamingTheParameter() {
        String[][] cases = {{"status", "sideways"}, {"since", "last week"}, {"limit", "0"}, {"limit", "501"},
                {"limit", "ten"}, {"after", "not-a-cursor"}};
        for (String[] c : cases) {
            given().queryParam(c[0], c[1]).get("/api/deployments").then().statusCode(400)
                    .contentType(startsWith("application/problem+json")).body("field", equalTo(c[0]));
        }
    }

    @Test
    void oneDeploymentShowsItsStepsInOrderWithDurationsAndProgress() {
        String project = "detail-" + UUID.randomUUID().toString().substring(0, 8);
        String id = post(project, "d1", "running", """
                {"validate_artifact":{"status":"success","started_at":"2024-01-01T00:00:00Z","finished_at":"2024-01-01T00:00:02.5Z"},
                 "deploy_project":"running","test_website_backend":"pending","start_service":"skipped"}""");
        given().get("/api/deployments/" + id).then().statusCode(200)
                .body("id", equalTo(id)).body("project", equalTo(project)).body("status", equalTo("running"))
                .body("steps.name", contains("validate_artifact", "deploy_project", "test_website_backend", "start_service"))
                .body("steps[0].step_type", equalTo("validation"))
                .body("steps[0].duration_ms", equalTo(2500))
                .body("progress_percent", equalTo(50));
        given().get("/api/deployments/" + UUID.randomUUID()).then().statusCode(404)
                .contentType(startsWith("application/problem+json"));
        given().get("/api/deployments/not-a-uuid").then().statusCode(400).body("field", equalTo("id"));
    }

    @Test
    void aRunningDeploymentGetsAnEstimatedFinishFromItsProjectsHistory() {
        String project = "eta-" + UUID.randomUUID().toString().substring(0, 8);
        java.time.Instant now = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        for (String[] report : new String[][] {{"a", "running", "20"}, {"a", "success", "10"}, {"b", "running", "5"}}) {
            given().contentType(ContentType.JSON).body("{\"project\":\"" + project + "\",\"commit_hash\":\"" + report[0]
                    + "\",\"status\":\"" + report[1] + "\",\"timestamp\":\""
                    + now.minusSeconds(60L * Integer.parseInt(report[2])) + "\"}").post("/api/webhook/deployment")
                    .then().statusCode(200);
        }
        String running = given().queryParam("project", project).queryParam("status", "running").get("/api/deployments")
                .then().extract().path("items[0].id");
        given().get("/api/deployments/" + running).then().statusCode(200)
                .body("estimated_finish", equalTo(now.plusSeconds(5 * 60).toString()));
    }

    @Test
    void projectsAreCreatedOnFirstSightAndFollowTheLatestDeployment() {
        String project = "proj-" + UUID.randomUUID().toString().substring(0, 8);
        post(project, "p1", "success", "{}");
        String latest = post(project, "p2", "failed", "{}");
        given().get("/api/projects").then().statusCode(200).body("name", hasItem(project));
        given().get("/api/projects/" + project).then().statusCode(200)
                .body("repository", equalTo("acme/" + project)).body("type", equalTo("backend"))
                .body("last_status", equalTo("failed")).body("last_deployment_id", equalTo(latest));
        given().get("/api/projects/never-seen-" + UUID.randomUUID()).then().statusCode(404)
                .contentType(startsWith("application/problem+json"));
    }
}
