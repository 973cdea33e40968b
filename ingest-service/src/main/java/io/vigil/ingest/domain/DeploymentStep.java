package io.vigil.ingest.domain;

import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.vigil.events.Status;

/** One step of a deployment, with the type its name maps to. */
@Entity
public class DeploymentStep extends PanacheEntityBase {

    @Id
    public UUID id;
    @ManyToOne(optional = false)
    @JoinColumn(name = "deployment_id")
    public Deployment deployment;
    public String name;
    @Enumerated(EnumType.STRING)
    public StepType stepType;
    @Enumerated(EnumType.STRING)
    public Status status;
    public int position;
}
