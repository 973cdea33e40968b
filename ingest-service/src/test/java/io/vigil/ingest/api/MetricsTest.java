package io.vigil.ingest.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

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
class MetricsTest {

    @Test
    void webhookOutcomesReportsTimingAndTheOutboxBacklogAreExported() {
        given().contentType(ContentType.JSON).body("{\"project\":\"m-" + UUID.randomUUID() + "\",\"status\":\"success\"}")
                .post("/api/webhook/deployment").then().statusCode(200);
        given().contentType(ContentType.JSON).body("{\"project\":").post("/api/webhook/deployment").then().statusCode(400);
        given().contentType(ContentType.JSON).header("X-Vigil-Sender", "nobody").body("{}")
                .post("/api/webhook/deployment").then().statusCode(401);

        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("vigil_webhooks_received_total{outcome=\"accepted\",source=\"vigil\"}"))
                .body(containsString("vigil_webhooks_received_total{outcome=\"invalid\",source=\"vigil\"}"))
                .body(containsString("vigil_webhooks_received_total{outcome=\"unauthorized\",source=\"vigil\"}"))
                .body(containsString("vigil_deployment_reports_total{status=\"success\"}"))
                .body(containsString("vigil_webhook_processing_seconds_bucket"))
                .body(containsString("vigil_outbox_backlog"))
                .body(containsString("vigil_ingest_batch_size_count"))
                .body(containsString("vigil_ingest_queue_depth"));
    }
}
