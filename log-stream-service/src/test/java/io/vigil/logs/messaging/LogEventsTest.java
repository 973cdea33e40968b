package io.vigil.logs.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vigil.events.VigilEvent;
import io.vigil.events.payload.LogLines;
import io.vigil.testing.KafkaTestResource;
import io.vigil.testing.PostgresTestResource;
import io.vigil.testing.PublishedEvents;
import io.vigil.testing.Schema;

@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "prefix", value = "logs"))
class LogEventsTest {

    @Inject
    LogEvents logEvents;
    @Inject
    AgroalDataSource dataSource;

    @Test
    void schemaIsMigratedOnTheThrowawayDatabase() {
        assertThat(Schema.databaseName(dataSource)).startsWith("vigil_test_logs_");
        assertThat(Schema.appliedVersions(dataSource)).containsExactly("1");
        assertThat(Schema.tables(dataSource)).containsExactlyInAnyOrder("log_source", "flyway_schema_history");
    }

    @Test
    void logLinesReachTheBrokerAsACloudEvent() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        VigilEvent<LogLines> event = VigilEvent.of("task-1", 1, now, new LogLines("task-1",
                List.of(new LogLines.Line(1, now, "INFO", "npm install", null, 1, 3))));
        logEvents.publish(event).await().atMost(Duration.ofSeconds(10));
        PublishedEvents.assertPublished(event, Duration.ofSeconds(10));
    }
}
