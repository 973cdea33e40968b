package io.vigil.ingest.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
     * Creates each project on first sight and keeps the fields reports give current: per project, one
     * statement with what its deployments, in the order given, said last. Projects go in name order, so
     * concurrent writers lock their rows in the same order; a concurrent first sight is simply an update.
     */
    static void sawDeployments(List<Deployment> deployments) {
        Map<String, Sighting> byProject = new TreeMap<>();
        for (Deployment d : deployments) {
            byProject.merge(d.project, Sighting.of(d), Sighting::then);
        }
        byProject.values().forEach(Sighting::upsert);
    }

    /** What a project's deployments said of it; a later deployment's fields win where it gives them. */
    private record Sighting(String name, String repository, String type, String deployPath, String testUrl,
            Status status, UUID deploymentId, Instant deployedAt) {

        static Sighting of(Deployment d) {
            return new Sighting(d.project, d.repository, d.deployType, d.deployPath, d.testUrl, d.status, d.id,
                    d.receivedAt);
        }

        Sighting then(Sighting later) {
            boolean newer = !later.deployedAt.isBefore(deployedAt);
            return new Sighting(name, keep(later.repository, repository), keep(later.type, type),
                    keep(later.deployPath, deployPath), keep(later.testUrl, testUrl),
                    newer ? later.status : status, newer ? later.deploymentId : deploymentId,
                    newer ? later.deployedAt : deployedAt);
        }

        private static String keep(String later, String earlier) {
            return later != null ? later : earlier;
        }

        void upsert() {
            // qualified: Panache provides the entity's own, which a nested type does not inherit
            Project.getEntityManager().createNativeQuery("""
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
                    .setParameter(1, name).setParameter(2, repository).setParameter(3, type).setParameter(4, deployPath)
                    .setParameter(5, testUrl).setParameter(6, status.name()).setParameter(7, deploymentId)
                    .setParameter(8, deployedAt).executeUpdate();
        }
    }
}
