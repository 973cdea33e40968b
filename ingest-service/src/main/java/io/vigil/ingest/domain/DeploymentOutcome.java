package io.vigil.ingest.domain;

import java.time.Instant;
import java.util.UUID;

import io.vigil.events.Status;

/** What the delivery figures need to know of one deployment. */
public record DeploymentOutcome(UUID id, Status status, Instant startedAt, Instant finishedAt, UUID rollbackOf,
        Instant commitTime) {

    public DeploymentOutcome(UUID id, Status status, Instant startedAt, Instant finishedAt, UUID rollbackOf) {
        this(id, status, startedAt, finishedAt, rollbackOf, null);
    }
}
