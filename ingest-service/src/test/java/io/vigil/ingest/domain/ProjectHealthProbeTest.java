package io.vigil.ingest.domain;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vigil.events.EventCodec;
import io.vigil.events.Topics;
import io.vigil.events.payload.ProjectHealth;
import io.vigil.testing.KafkaTestResource;
import io.vigil.testing.PostgresTestResource;
import io.vigil.testing.TopicReader;

@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "prefix", value = "ingest"))
class ProjectHealthProbeTest {

    @Inject
    ProjectHealthProbe probe;

    static void report(String project, String testUrl) {
        given().contentType(ContentType.JSON).body("{\"project\":\"" + project + "\",\"status\":\"success\",\"test_url\":\""
                + testUrl + "\"}").post("/api/webhook/deployment").then().statusCode(200);
    }

    @Test
    void allowedTestUrlsAreProbedAndReportedOthersNever() throws IOException {
        HttpServer site = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        site.createContext("/health", exchange -> {
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
        });
        site.start();
        try {
            String up = "probe-" + UUID.randomUUID().toString().substring(0, 8);
            String elsewhere = "far-" + UUID.randomUUID().toString().substring(0, 8);
            report(up, "http://127.0.0.1:" + site.getAddress().getPort() + "/health");
            report(elsewhere, "http://example.test/health");

            probe.probeAll();

            ProjectHealth health = EventCodec.decode(ProjectHealth.class, TopicReader.awaitRecord(Topics.DEPLOYMENTS,
                    r -> up.equals(r.key()) && "io.vigil.project.health".equals(TopicReader.header(r, "ce_type")),
                    Duration.ofSeconds(10)).value());
            assertThat(health.healthy()).isFalse();
            assertThat(health.httpStatus()).isEqualTo(503);
            assertThat(TopicReader.find(Topics.DEPLOYMENTS, r -> elsewhere.equals(r.key())
                    && "io.vigil.project.health".equals(TopicReader.header(r, "ce_type")), Duration.ofSeconds(1))).isEmpty();
        } finally {
            site.stop(0);
        }
    }

    @Test
    void onlyWebUrlsOnAllowedHostsAreEverProbed() {
        assertThat(probe.allowed("http://127.0.0.1:8080/health")).isNotNull();
        assertThat(probe.allowed("https://127.0.0.1/")).isNotNull();
        assertThat(probe.allowed("http://169.254.169.254/latest/meta-data")).isNull();
        assertThat(probe.allowed("file:///etc/passwd")).isNull();
        assertThat(probe.allowed("http://127.0.0.1.evil.test/")).isNull();
        assertThat(probe.allowed("not a url")).isNull();
    }
}
