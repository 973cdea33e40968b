package io.vigil.ingest.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vigil.testing.KafkaTestResource;
import io.vigil.testing.PostgresTestResource;

/**
 * What the shared security module gives every service, seen on this one: the security headers on every answer,
 * errors included, no CORS for a foreign origin, and JSON nested deeper than the limit refused as a 400 problem.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "prefix", value = "ingest"))
class SecurityBasicsTest {

    @Test
    void everyAnswerCarriesTheSecurityHeaders() {
        for (String path : new String[] {"/q/health/live", "/api/deployments", "/api/no-such-thing"}) {
            given().get(path).then()
                    .header("X-Content-Type-Options", "nosniff")
                    .header("Referrer-Policy", "no-referrer")
                    .header("X-Frame-Options", "DENY")
                    .header("Content-Security-Policy", "frame-ancestors 'none'");
        }
    }

    @Test
    void aForeignOriginGetsNoCorsPermission() {
        given().header("Origin", "https://evil.example").header("Access-Control-Request-Method", "POST")
                .options("/api/webhook/deployment").then()
                .header("Access-Control-Allow-Origin", nullValue());
        given().header("Origin", "https://evil.example").get("/api/deployments").then()
                .header("Access-Control-Allow-Origin", nullValue());
    }

    @Test
    void jsonNestedDeeperThanTheLimitIsA400ProblemWhileShallowerExtraFieldsAreIgnored() {
        given().contentType(ContentType.JSON).body(withExtra("nested-ok", 20)).post("/api/webhook/deployment")
                .then().statusCode(200);
        given().contentType(ContentType.JSON).body(withExtra("nested-deep", 100)).post("/api/webhook/deployment")
                .then().statusCode(400).contentType("application/problem+json").body("status", equalTo(400));
    }

    /** A valid report with an extra field the service ignores, nested {@code depth} arrays deep. */
    private static String withExtra(String project, int depth) {
        String body = DeploymentWebhookTest.body(project, "c0ffee1", "success", "{}");
        return body.substring(0, body.lastIndexOf('}')) + ",\"extra\":" + "[".repeat(depth) + "]".repeat(depth) + "}";
    }
}
