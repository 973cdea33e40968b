package io.vigil.ingest.domain;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vigil.testing.KafkaTestResource;
import io.vigil.testing.PostgresTestResource;

@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "prefix", value = "ingest"))
class DeploymentRetentionTest {

    @Inject
    DeploymentRetention retention;

    @Test
    void oldDeploymentsGoButEachProjectsLatestStays() {
        String project = "old-" + UUID.randomUUID().toString().substring(0, 8);
        for (String commit : new String[] {"a", "b", "c"}) {
            given().contentType(ContentType.JSON).body("{\"project\":\"" + project + "\",\"commit_hash\":\"" + commit
                    + "\",\"status\":\"success\"}").post("/api/webhook/deployment").then().statusCode(200);
        }
        // twenty years later, past the test profile's retention of 3650 days
        QuarkusMock.installMockForType(Clock.fixed(Instant.now().plusSeconds(20L * 365 * 86_400), ZoneOffset.UTC),
                Clock.class);

        assertThat(retention.prune()).isGreaterThanOrEqualTo(2);
        assertThat(QuarkusTransaction.requiringNew().call(() -> Deployment.countByProject(project))).isOne();
    }
}
