package io.vigil.monitor.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.vigil.monitor.GatewayTestResources;
import io.vigil.monitor.OwnerStub;

/**
 * The public entry point answers with the shared security headers, once each: its own APIs, and what it routes to an
 * owner (whose own copies give way to the gateway's).
 */
@QuarkusTest
@GatewayTestResources
class SecurityHeadersTest {

    @Test
    void theGatewaysOwnAnswersAndRoutedOnesCarryTheSecurityHeaders() {
        for (String path : new String[] {"/api/alerts", "/api/v1/monitor/events", "/q/health/live",
                OwnerStub.ECHO + "/headers"}) {
            io.restassured.response.Response response = given().get(path);
            for (String name : new String[] {"X-Content-Type-Options", "Referrer-Policy", "X-Frame-Options",
                    "Content-Security-Policy"}) {
                assertThat(response.headers().getValues(name)).as(name + " on " + path).hasSize(1);
            }
            response.then()
                    .header("X-Content-Type-Options", "nosniff")
                    .header("Referrer-Policy", "no-referrer")
                    .header("X-Frame-Options", "DENY")
                    .header("Content-Security-Policy", "frame-ancestors 'none'");
        }
    }
}
