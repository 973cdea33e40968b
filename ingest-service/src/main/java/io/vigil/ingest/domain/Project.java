package io.vigil.ingest.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.vigil.events.Status;

/** A project Vigil has seen deployments of, with what its latest report said about it. */
@Entity
public class Project extends PanacheEntityBase {

    @Id
    public String name;
    public String repository;
    public String type;
    public String deployPath;
    public String testUrl;
    @Enumerated(EnumType.STRING)
    public Status lastStatus;
    public UUID lastDeploymentId;
    public Instant lastDeployedAt;
    public Instant createdAt;

    /**
     * Creates the project on first sight, and keeps the fields a report gives current. The insert tolerates
     * a concurrent first sight, and the row lock orders concurrent updates.
     */
    static void sawDeployment(Deployment deployment) {
        getEntityManager().createNativeQuery("INSERT INTO project (name, last_status, last_deployment_id,"
                + " last_deployed_at, created_at) VALUES (?1, ?2, ?3, ?4, ?4) ON CONFLICT (name) DO NOTHING")
                .setParameter(1, deployment.project).setParameter(2, deployment.status.name())
                .setParameter(3, deployment.id).setParameter(4, deployment.receivedAt).executeUpdate();
        Project project = findById(deployment.project, LockModeType.PESSIMISTIC_WRITE);
        project.repository = deployment.repository != null ? deployment.repository : project.repository;
        project.type = deployment.deployType != null ? deployment.deployType : project.type;
        project.deployPath = deployment.deployPath != null ? deployment.deployPath : project.deployPath;
        project.testUrl = deployment.testUrl != null ? deployment.testUrl : project.testUrl;
        if (!deployment.receivedAt.isBefore(project.lastDeployedAt)) {
            project.lastStatus = deployment.status;
            project.lastDeploymentId = deployment.id;
            project.lastDeployedAt = deployment.receivedAt;
        }
    }
}
