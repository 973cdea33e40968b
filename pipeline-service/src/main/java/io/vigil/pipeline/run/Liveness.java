package io.vigil.pipeline.run;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.vigil.outbox.EventOutbox;
import io.vigil.pipeline.config.PipelineConfig;
import io.vigil.pipeline.dag.StepState;
import io.vigil.pipeline.definition.Retries;

/**
 * Says this instance is alive, and finds steps lost with one that is not (kill -9, a dead node): those are
 * marked interrupted and their runs move on, so no run stays running forever.
 */
@ApplicationScoped
class Liveness {

    private static final Logger LOG = Logger.getLogger(Liveness.class);

    private final RunEngine engine;
    private final EventOutbox outbox;
    private final PipelineConfig config;

    Liveness(RunEngine engine, EventOutbox outbox, PipelineConfig config) {
        this.engine = engine;
        this.outbox = outbox;
        this.config = config;
    }

    void onStart(@Observes StartupEvent start) {
        beat();
    }

    @Scheduled(every = "${vigil.pipeline.heartbeat:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void beat() {
        try {
            Set<UUID> runs = QuarkusTransaction.requiringNew().call(this::beatAndRecover);
            runs.forEach(engine::nudge);
        } catch (RuntimeException e) {
            LOG.warnf("heartbeat failed, trying again in %s: %s", config.heartbeat(), e.getMessage());
        }
    }

    private Set<UUID> beatAndRecover() {
        Instant now = Instant.now();
        Run.getEntityManager().createNativeQuery("INSERT INTO instance (id, seen_at) VALUES (?1, ?2)"
                + " ON CONFLICT (id) DO UPDATE SET seen_at = excluded.seen_at")
                .setParameter(1, engine.instance()).setParameter(2, now).executeUpdate();
        @SuppressWarnings("unchecked")
        List<String> live = Run.getEntityManager().createNativeQuery("SELECT id FROM instance WHERE seen_at > ?1")
                .setParameter(1, now.minus(config.instanceTimeout())).getResultList();
        Set<UUID> runs = new LinkedHashSet<>();
        for (RunStep lost : RunStep.lostWith(live)) {
            Run run = Run.locked(lost.key.runId()); // as every decision about a run: under its lock
            Run.getEntityManager().refresh(lost);
            if (lost.state != StepState.RUNNING || live.contains(lost.owner)) {
                continue;
            }
            boolean stopped = engine.stopLeftover(lost);
            Retries retries = engine.definition(run).step(lost.name()).orElseThrow().retries();
            boolean retry = lost.attempt <= retries.count();
            LOG.warnf("step %s of run %s (attempt %d) was lost with instance %s%s; %s", lost.name(), lost.key.runId(),
                    lost.attempt, lost.owner, stopped ? " (the processes it left were stopped)" : "",
                    retry ? "it will be tried again" : "marking it interrupted");
            lost.state = retry ? StepState.PENDING : StepState.INTERRUPTED;
            lost.retryAt = retry ? now.plus(retries.backoff()) : null;
            lost.reason = "its process was lost with the instance running it";
            lost.finishedAt = now;
            List<EventOutbox.Draft> events = new ArrayList<>();
            events.add(RunEvents.step(lost, now));
            outbox.publish(events);
            runs.add(lost.key.runId());
        }
        return runs;
    }
}
