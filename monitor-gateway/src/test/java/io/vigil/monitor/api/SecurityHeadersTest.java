package io.vigil.monitor.api;

import static io.restassured.RestAssured.given;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.vigil.monitor.GatewayTestResources;
import io.vigil.monitor.OwnerStub;

/** The public entry point answers with the shared security headers: its own APIs, and what it routes to an owner. */
@QuarkusTest
@GatewayTestResources
class SecurityHeadersTest {

    @Test
    void theGatewaysOwnAnswersAndRoutedOnesCarryTheSecurityHeaders() {
        for (String path : new String[] {"/api/alerts", "/api/v1/monitor/events", "/q/health/live",
                OwnerStub.ECHO + "/headers"}) {
            given().get(path).then()
                    .header("X-Content-Type-Options", "nosniff")
                    .header("Referrer-Policy", "no-referrer")
                    .header("X-Frame-Options", "DENY")
                    .header("Content-Security-Policy", "frame-ancestors 'none'");
        }
    }
}
