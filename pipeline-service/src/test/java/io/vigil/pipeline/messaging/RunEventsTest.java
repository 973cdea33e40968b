package io.vigil.pipeline.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vigil.events.Status;
import io.vigil.events.VigilEvent;
import io.vigil.events.payload.RunUpdated;
import io.vigil.testing.KafkaTestResource;
import io.vigil.testing.PostgresTestResource;
import io.vigil.testing.PublishedEvents;
import io.vigil.testing.Schema;

@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "prefix", value = "pipeline"))
class RunEventsTest {

    @Inject
    RunEvents runEvents;
    @Inject
    AgroalDataSource dataSource;

    @Test
    void schemaIsMigratedOnTheThrowawayDatabase() {
        assertThat(Schema.databaseName(dataSource)).startsWith("vigil_test_pipeline_");
        assertThat(Schema.appliedVersions(dataSource)).containsExactly("1", "2");
        assertThat(Schema.tables(dataSource)).containsExactlyInAnyOrder("pipeline", "pipeline_version", "flyway_schema_history");
    }

    @Test
    void aRunEventReachesTheBrokerAsACloudEvent() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        VigilEvent<RunUpdated> event = VigilEvent.of("run-1", 1, now,
                new RunUpdated("run-1", "build", "demo-app", Status.RUNNING, now, null));
        runEvents.publish(event).await().atMost(Duration.ofSeconds(10));
        PublishedEvents.assertPublished(event, Duration.ofSeconds(10));
    }
}
