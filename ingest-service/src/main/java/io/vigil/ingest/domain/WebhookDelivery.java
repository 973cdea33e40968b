package io.vigil.ingest.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.vigil.events.Status;

/** A webhook delivery already handled, and the answer it got; keyed by sender and delivery id. */
@Entity
public class WebhookDelivery extends PanacheEntityBase {

    @Id
    public String id;
    public Instant receivedAt;
    public UUID deploymentId;
    public String project;
    @Enumerated(EnumType.STRING)
    public Status status;
}
