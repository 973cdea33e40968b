package io.vigil.ingest.domain;

import static io.vigil.outbox.BatchSql.texts;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.panache.common.Parameters;
import io.vigil.events.Status;
import io.vigil.outbox.BatchSql;

/** A deployment of one project as its sender reported it; the steps are kept in the order first reported. */
@Entity
public class Deployment extends PanacheEntityBase {

    @Id
    public UUID id;
    public String project;
    public String repository;
    public String branch;
    public String commitHash;
    @Enumerated(EnumType.STRING)
    public Status status;
    public String triggeredBy;
    public String triggerType;
    public String deployType;
    public String deployPath;
    public String testUrl;
    public String message;
    public Instant reportedAt;
    public Instant receivedAt;
    public Instant updatedAt;
    public String senderDeploymentId;
    public Instant startedAt;
    public Instant finishedAt;
    public UUID rollbackOf;
    public String rollbackReason;
    public Instant commitTime;

    @OneToMany(mappedBy = "deployment", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("position")
    public List<DeploymentStep> steps = new ArrayList<>();

    /**
     * For each report, the deployment it continues, read in one statement for a whole batch: the one with the
     * sender's id, else the newest of its project, commit and trigger received since {@code since}. Each
     * report's lookup is its own index probe, whatever the batch's size and the table's.
     */
    static List<UUID> continuedBy(List<DeploymentReport> reports, Instant since) {
        return BatchSql.run(getEntityManager(), connection -> {
            try (PreparedStatement statement = connection.prepareStatement("""
                    SELECT DISTINCT found.id
                    FROM unnest(?::text[], ?::text[], ?::text[], ?::text[]) AS r(project, sender_id, commit_hash, triggered_by)
                    CROSS JOIN LATERAL (
                        SELECT d.id FROM deployment d
                        WHERE r.sender_id IS NOT NULL AND d.project = r.project AND d.sender_deployment_id = r.sender_id
                        UNION ALL
                        (SELECT d.id FROM deployment d
                         WHERE r.sender_id IS NULL AND d.project = r.project AND d.commit_hash = r.commit_hash
                           AND d.triggered_by IS NOT DISTINCT FROM r.triggered_by AND d.received_at >= ?::timestamptz
                         ORDER BY d.received_at DESC LIMIT 1)
                    ) found""")) {
                statement.setArray(1, texts(connection, reports.stream().map(DeploymentReport::project).toList()));
                statement.setArray(2, texts(connection, reports.stream().map(DeploymentReport::senderDeploymentId).toList()));
                statement.setArray(3, texts(connection, reports.stream().map(DeploymentReport::commitHash).toList()));
                statement.setArray(4, texts(connection, reports.stream().map(DeploymentReport::triggeredBy).toList()));
                statement.setString(5, since.toString());
                List<UUID> ids = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        ids.add(rows.getObject(1, UUID.class));
                    }
                }
                return ids;
            }
        });
    }

    /** These deployments, with their steps. */
    static List<Deployment> withSteps(List<UUID> ids) {
        return ids.isEmpty() ? List.of() : find("from Deployment d left join fetch d.steps where d.id in ?1", ids).list();
    }

    /**
     * One page of deployments, newest first, optionally of one project, in one status, received since a time,
     * and after a cursor. Fetches one row more than asked, so the caller knows whether a next page exists.
     */
    public static List<Deployment> page(String project, Status status, Instant since, DeploymentCursor after, int limit) {
        StringBuilder query = new StringBuilder("1 = 1");
        Parameters params = new Parameters();
        if (project != null) {
            query.append(" and project = :project");
            params.and("project", project);
        }
        if (status != null) {
            query.append(" and status = :status");
            params.and("status", status);
        }
        if (since != null) {
            query.append(" and receivedAt >= :since");
            params.and("since", since);
        }
        if (after != null) {
            query.append(" and (receivedAt < :at or (receivedAt = :at and id < :id))");
            params.and("at", after.receivedAt()).and("id", after.id());
        }
        return find(query + " order by receivedAt desc, id desc", params).page(0, limit + 1).list();
    }

    /** Share of the steps that are done, 0 to 100; null when the deployment reported no steps. */
    public Integer progressPercent() {
        if (steps.isEmpty()) {
            return null;
        }
        long done = steps.stream().filter(s -> s.status.isTerminal()).count();
        return (int) (done * 100 / steps.size());
    }

    /** What the delivery figures need of the project's deployments started in [from, to). */
    public static List<DeploymentOutcome> outcomes(String project, Instant from, Instant to) {
        return getEntityManager().createQuery("select new io.vigil.ingest.domain.DeploymentOutcome("
                + "d.id, d.status, d.startedAt, d.finishedAt, d.rollbackOf, d.commitTime) from Deployment d"
                + " where d.project = :project and d.startedAt >= :from and d.startedAt < :to", DeploymentOutcome.class)
                .setParameter("project", project).setParameter("from", from).setParameter("to", to).getResultList();
    }

    /**
     * When a running deployment should end, judged by the project's last 20 successful deployments; null when
     * it is not running or there is no history to judge by.
     */
    public Instant estimatedFinish() {
        if (status.isTerminal() || startedAt == null) {
            return null;
        }
        Object seconds = getEntityManager().createNativeQuery("SELECT avg(extract(epoch FROM finished_at - started_at))"
                + " FROM (SELECT started_at, finished_at FROM deployment WHERE project = ?1 AND status = 'SUCCESS'"
                + " AND finished_at IS NOT NULL ORDER BY finished_at DESC LIMIT 20) recent")
                .setParameter(1, project).getSingleResult();
        return seconds == null ? null : startedAt.plusMillis(Math.round(((Number) seconds).doubleValue() * 1000));
    }

    public static long countByProject(String project) {
        return count("project", project);
    }
}
