package io.vigil.ingest.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;

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
     * Creates the project on first sight, and keeps the fields a report gives current, in one statement: the
     * project's row is locked only for that statement's rest of the transaction, and a concurrent first sight
     * of the same project is simply an update.
     */
    static void sawDeployment(Deployment d) {
        getEntityManager().createNativeQuery("""
                INSERT INTO project AS p (name, repository, type, deploy_path, test_url, last_status, last_deployment_id,
                                          last_deployed_at, created_at)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)
                ON CONFLICT (name) DO UPDATE SET
                    repository = coalesce(excluded.repository, p.repository),
                    type = coalesce(excluded.type, p.type),
                    deploy_path = coalesce(excluded.deploy_path, p.deploy_path),
                    test_url = coalesce(excluded.test_url, p.test_url),
                    last_status = CASE WHEN excluded.last_deployed_at >= p.last_deployed_at
                                       THEN excluded.last_status ELSE p.last_status END,
                    last_deployment_id = CASE WHEN excluded.last_deployed_at >= p.last_deployed_at
                                              THEN excluded.last_deployment_id ELSE p.last_deployment_id END,
                    last_deployed_at = greatest(excluded.last_deployed_at, p.last_deployed_at)""")
                .setParameter(1, d.project).setParameter(2, d.repository).setParameter(3, d.deployType)
                .setParameter(4, d.deployPath).setParameter(5, d.testUrl).setParameter(6, d.status.name())
                .setParameter(7, d.id).setParameter(8, d.receivedAt).executeUpdate();
    }
}
