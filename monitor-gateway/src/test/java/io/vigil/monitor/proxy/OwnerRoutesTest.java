package io.vigil.monitor.proxy;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vigil.monitor.GatewayTestResources;
import io.vigil.monitor.OwnerStub;

/**
 * Port 8080 routes the owners' paths through to them, byte for byte, and answers for an owner that is down or
 * silent. pipeline-service's {@code /api/pipelines/**} is {@link OwnerStub#ECHO}, which says what it received; the
 * test ingest-service is down (nothing listens at its URL); the owners' timeout is 1 s in tests.
 */
@QuarkusTest
@GatewayTestResources
class OwnerRoutesTest {

    @Test
    void aWebhooksRawBodyQueryAndSignatureReachTheOwnerUnchanged() {
        byte[] body = new byte[512];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) i; // every byte value, twice: no charset may touch it
        }
        Response response = given().urlEncodingEnabled(false).header("X-Hub-Signature-256", "sha256=0f1e2d").header("X-GitHub-Delivery", "d-1")
                .contentType("application/octet-stream").body(body)
                .post(OwnerStub.ECHO + "/hooks/github?name=a%20b&x=%2F&x=2");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.asByteArray()).isEqualTo(body);
        assertThat(response.header("X-Echo-Method")).isEqualTo("POST");
        assertThat(response.header("X-Echo-Uri")).isEqualTo("/api/pipelines/echo/hooks/github?name=a%20b&x=%2F&x=2");
        assertThat(response.header("X-Echo-X-hub-signature-256")).isEqualTo("sha256=0f1e2d");
        assertThat(response.header("X-Echo-X-github-delivery")).isEqualTo("d-1");
        assertThat(response.header("X-Echo-Content-length")).isEqualTo("512");
    }

    @Test
    void theOwnerIsToldWhoAskedAndHopByHopHeadersStayOnTheirHop() {
        Response response = given().header("X-Forwarded-For", "203.0.113.9").header("Connection", "X-Secret-Hop")
                .header("X-Secret-Hop", "1").header("Keep-Alive", "timeout=5").header("Proxy-Authorization", "x")
                .get(OwnerStub.ECHO + "/hops");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.header("X-Echo-X-forwarded-for")).isEqualTo("203.0.113.9, 127.0.0.1");
        assertThat(response.header("X-Echo-X-forwarded-proto")).isEqualTo("http");
        assertThat(response.header("X-Echo-X-forwarded-host")).startsWith("localhost:");
        assertThat(response.header("X-Echo-X-secret-hop")).isNull();
        assertThat(response.header("X-Echo-Keep-alive")).isNull();
        assertThat(response.header("X-Echo-Proxy-authorization")).isNull();
    }

    @Test
    void multiMebibyteBodiesStreamBothWays() throws Exception {
        byte[] upload = new byte[5 * 1024 * 1024 + 7];
        new Random(42).nextBytes(upload);
        Response echoed = given().contentType("application/octet-stream").body(upload).put(OwnerStub.ECHO + "/big");
        assertThat(echoed.statusCode()).isEqualTo(200);
        assertThat(sha256(echoed.asByteArray())).isEqualTo(sha256(upload));

        int size = 8 * 1024 * 1024 + 3;
        byte[] download = given().get(OwnerStub.ECHO + "/download?bytes=" + size).asByteArray();
        assertThat(download).hasSize(size);
        for (int i = 0; i < size; i += 65_537) {
            assertThat(download[i]).as("byte " + i).isEqualTo((byte) (i % 251));
        }
    }

    @Test
    void theOwnersStatusAndProblemPassUnchanged() {
        String problem = "{\"type\":\"/problems/invalid-request\",\"status\":409,\"detail\":\"name: taken\"}";
        Response response = given().header("X-Echo-Status", "409").header("X-Echo-Content-Type", "application/problem+json")
                .contentType("application/json").body(problem).post(OwnerStub.ECHO);

        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        assertThat(response.asString()).isEqualTo(problem);
    }

    @Test
    void anOwnerThatIsDownGets502ProblemNamingIt() {
        Response response = given().contentType("application/json").body("{\"project\":\"demo\"}")
                .post("/api/webhook/deployment");

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        assertThat(response.jsonPath().getInt("status")).isEqualTo(502);
        assertThat(response.jsonPath().getString("owner")).isEqualTo("ingest-service");
        assertThat(response.jsonPath().getString("detail")).isEqualTo("ingest-service cannot be reached");
        assertThat(response.jsonPath().getString("instance")).isEqualTo("/api/webhook/deployment");
        assertThat(given().get("/q/metrics").asString()).containsPattern(
                "vigil_gateway_proxy_requests_seconds_count\\{outcome=\"unreachable\",owner=\"ingest-service\"\\} [1-9]");
    }

    @Test
    void anOwnerSilentPastTheTimeoutGets504ProblemNamingIt() {
        Response response = given().get(OwnerStub.ECHO + "/silent");

        assertThat(response.statusCode()).isEqualTo(504);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        assertThat(response.jsonPath().getString("owner")).isEqualTo("pipeline-service");
        assertThat(response.jsonPath().getString("detail")).isEqualTo("pipeline-service did not answer in time");
    }

    @Test
    void theGatewaysOwnPathsAreNotRouted() {
        Response health = given().get("/q/health/live");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.header("X-Echo-Method")).isNull();
        Response alerts = given().get("/api/alerts");
        assertThat(alerts.header("X-Echo-Method")).isNull();
        assertThat(alerts.asString()).doesNotContain("no such thing"); // OwnerStub's answer to what it does not know
    }

    private static String sha256(byte[] bytes) throws Exception {
        return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
