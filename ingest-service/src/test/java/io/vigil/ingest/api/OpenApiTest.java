package io.vigil.ingest.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.notNullValue;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vigil.testing.KafkaTestResource;
import io.vigil.testing.PostgresTestResource;

/** Every endpoint a sender or dashboard uses is in the OpenAPI document, with its problem answers. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "prefix", value = "ingest"))
class OpenApiTest {

    @Test
    void theApiIsDocumented() {
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body("paths", hasKey("/api/webhook/deployment"))
                .body("paths", hasKey("/api/webhook/deployment/steps"))
                .body("paths", hasKey("/api/webhook/github"))
                .body("paths", hasKey("/api/webhook/gitlab"))
                .body("paths", hasKey("/api/deployments"))
                .body("paths", hasKey("/api/deployments/{id}"))
                .body("paths", hasKey("/api/deployments/{id}/rollback-of"))
                .body("paths", hasKey("/api/projects"))
                .body("paths", hasKey("/api/projects/{name}/stats"))
                .body("paths.'/api/webhook/deployment'.post.responses.'401'", notNullValue())
                .body("paths.'/api/webhook/deployment'.post.requestBody", notNullValue())
                .body("components.schemas.DeploymentWebhook.properties", hasKey("step_details"));
    }
}
