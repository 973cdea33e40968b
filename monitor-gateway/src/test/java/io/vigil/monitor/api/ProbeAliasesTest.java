package io.vigil.monitor.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vigil.monitor.GatewayTestResources;

/** {@code /health} and {@code /metrics}, where the existing clients look, answered by Quarkus's own endpoints. */
@QuarkusTest
@GatewayTestResources
class ProbeAliasesTest {

    @Test
    void healthAnswersAsQHealth() {
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> given().get("/q/health").statusCode() == 200);
        Response health = given().get("/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.contentType()).startsWith("application/json");
        assertThat(health.jsonPath().getString("status")).isEqualTo("UP");
        assertThat(health.jsonPath().getList("checks.name")).isEqualTo(given().get("/q/health").jsonPath()
                .getList("checks.name"));
    }

    @Test
    void metricsAnswersThePrometheusText() {
        Response metrics = given().accept("text/plain").get("/metrics"); // what a Prometheus 0.0.4 scraper asks
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.contentType()).startsWith("text/plain");
        assertThat(metrics.asString()).contains("# TYPE jvm_memory_used_bytes gauge");
    }

    @Test
    void onlyGetIsAliased() {
        assertThat(given().post("/health").statusCode()).isNotIn(200, 500);
    }
}
