package io.vigil.ingest.domain;

import java.time.Instant;
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
    public Instant startedAt;
    public Instant finishedAt;
    public String error;
    public String logUrl;

    /**
     * Applies a report of this step; true when its status changed. A step seen running gets a start time,
     * a step seen finished an end time, unless the sender gave them.
     */
    boolean apply(DeploymentReport.StepReport report, Instant reportedAt) {
        boolean changed = !report.status().equals(status);
        status = report.status();
        if (report.startedAt() != null) {
            startedAt = report.startedAt();
        } else if (startedAt == null && status == Status.RUNNING) {
            startedAt = reportedAt;
        }
        if (report.finishedAt() != null) {
            finishedAt = report.finishedAt();
        } else if (finishedAt == null && status.isTerminal() && status != Status.SKIPPED) {
            finishedAt = reportedAt;
        }
        if (report.error() != null) {
            error = report.error();
        }
        if (report.logUrl() != null) {
            logUrl = report.logUrl();
        }
        return changed;
    }
}
