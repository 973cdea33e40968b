package io.vigil.monitor.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.smallrye.common.annotation.Identifier;
import io.vigil.events.Topics;

/** Ready once the consumer holds partitions of every Vigil topic. */
@Readiness
@ApplicationScoped
public class EventFeedReadiness implements HealthCheck {

    private final AssignedPartitions partitions;

    EventFeedReadiness(@Identifier(AssignedPartitions.NAME) AssignedPartitions partitions) {
        this.partitions = partitions;
    }

    @Override
    public HealthCheckResponse call() {
        boolean ready = partitions.topics().containsAll(Topics.ALL);
        return HealthCheckResponse.named("event-feed").status(ready)
                .withData("partitions", partitions.count()).build();
    }
}
