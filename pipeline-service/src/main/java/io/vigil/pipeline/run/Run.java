package io.vigil.pipeline.run;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.panache.common.Parameters;
import io.vigil.events.Status;

/** One run of a pipeline version; its status follows its steps. */
@Entity
public class Run extends PanacheEntityBase {

    @Id
    public UUID id;
    public UUID pipelineId;
    public String pipelineName;
    public int version;
    /** JSON object of the run's parameters, defaults filled in. */
    public String params;
    @Enumerated(EnumType.STRING)
    public Status status;
    public boolean paused;
    public boolean cancelled;
    public Instant createdAt;
    public Instant startedAt;
    public Instant finishedAt;
    /** What started it when not a person: {@code deployment <id> of <project>, <status>}. */
    public String triggeredBy;

    /** The run's parameter values, defaults filled in. */
    public Map<String, String> paramValues() {
        return RunParams.fromJson(params);
    }

    /** The run, locked for this transaction; null when there is none. */
    static Run locked(UUID id) {
        return getEntityManager().find(Run.class, id, LockModeType.PESSIMISTIC_WRITE);
    }

    /** The run, locked for this transaction unless another holds it (that one is advancing it); else null. */
    static Run lockedUnlessBusy(UUID id) {
        @SuppressWarnings("unchecked")
        List<Run> found = getEntityManager().createNativeQuery(
                "SELECT * FROM run WHERE id = ?1 FOR UPDATE SKIP LOCKED", Run.class).setParameter(1, id).getResultList();
        return found.isEmpty() ? null : found.get(0);
    }

    static List<UUID> open() {
        return Run.<Run>list("status in ?1", List.of(Status.PENDING, Status.RUNNING)).stream().map(r -> r.id).toList();
    }

    /** Newest first, optionally of one pipeline and in one status, before a cursor; one more than asked. */
    public static List<Run> page(UUID pipelineId, Status status, RunCursor before, int limit) {
        StringBuilder query = new StringBuilder("1 = 1");
        Parameters params = new Parameters();
        if (pipelineId != null) {
            query.append(" and pipelineId = :pipeline");
            params.and("pipeline", pipelineId);
        }
        if (status != null) {
            query.append(" and status = :status");
            params.and("status", status);
        }
        if (before != null) {
            query.append(" and (createdAt < :at or (createdAt = :at and id < :id))");
            params.and("at", before.createdAt()).and("id", before.id());
        }
        return find(query + " order by createdAt desc, id desc", params).page(0, limit + 1).list();
    }
}
