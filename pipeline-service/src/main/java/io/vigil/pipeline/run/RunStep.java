package io.vigil.pipeline.run;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.vigil.pipeline.dag.StepState;

/** One step of a run: its state, attempt and process outcome. */
@Entity
public class RunStep extends PanacheEntityBase {

    @Embeddable
    public record Key(UUID runId, String name) {
    }

    @EmbeddedId
    public Key key;
    public int position;
    @Convert(converter = StepStateColumn.class)
    @Column(name = "status")
    public StepState state;
    public int attempt;
    public Integer exitCode;
    /** Why it ended as it did, when the exit code does not say (timeout, failed start, interruption). */
    public String reason;
    public Instant startedAt;
    public Instant finishedAt;
    public Instant retryAt;
    public String owner;
    /** The step's shell, and the host it runs on, while it runs. */
    public Long pid;
    public String host;

    public String name() {
        return key.name();
    }

    /** The log stream of its current attempt: {@code <run id>/<step>/<attempt>}, also its file's path under the output directory. */
    public String logTaskId() {
        return attempt == 0 ? null : key.runId() + "/" + key.name() + "/" + attempt;
    }

    public static List<RunStep> of(UUID runId) {
        return find("key.runId = ?1 order by position", runId).list();
    }

    /** Runs with a step whose backoff before its next attempt is over. */
    static Set<UUID> runsWithRetriesDue(Instant now) {
        return RunStep.<RunStep>list("state = ?1 and retryAt <= ?2", StepState.PENDING, now).stream()
                .map(step -> step.key.runId()).collect(Collectors.toSet());
    }

    /** Steps running on instances that stopped beating. */
    static List<RunStep> lostWith(List<String> liveInstances) {
        return find("state = ?1 and owner not in ?2", StepState.RUNNING, liveInstances).list();
    }
}
