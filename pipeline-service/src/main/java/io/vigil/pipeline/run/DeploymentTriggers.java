package io.vigil.pipeline.run;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.vigil.events.KafkaCloudEvents;
import io.vigil.events.payload.DeploymentUpdated;
import io.vigil.pipeline.catalog.Pipeline;
import io.vigil.pipeline.catalog.PipelineCatalog;
import io.vigil.pipeline.definition.Trigger;

/**
 * Starts the pipelines whose trigger matches a deployment event from vigil.deployments: once per pipeline,
 * deployment and status however often the event comes (a redelivery, or the same status reported again).
 */
@ApplicationScoped
public class DeploymentTriggers {

    public static final String CHANNEL = "deployment-events";
    private static final Logger LOG = Logger.getLogger(DeploymentTriggers.class);

    private final RunControls controls;
    private final RunEngine engine;

    DeploymentTriggers(RunControls controls, RunEngine engine) {
        this.controls = controls;
        this.engine = engine;
    }

    /** The pipelines with a trigger, by the project it names: most deployment events concern none of them. */
    private volatile Map<String, List<UUID>> armed = Map.of();

    /**
     * Reads which pipelines have a trigger: at start, after a change to the catalog here, and every few seconds
     * for changes made through another instance.
     */
    @Scheduled(every = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void rearm() {
        armed = QuarkusTransaction.requiringNew().call(() -> {
            Map<String, List<UUID>> byProject = new HashMap<>();
            for (Pipeline pipeline : Pipeline.<Pipeline>list("deletedAt is null")) {
                Trigger trigger = engine.definition(pipeline.id, pipeline.currentVersion).trigger();
                if (trigger != null) {
                    byProject.computeIfAbsent(trigger.project(), p -> new ArrayList<>()).add(pipeline.id);
                }
            }
            return byProject;
        });
    }

    void onStart(@Observes StartupEvent start) {
        rearm();
    }

    void catalogChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) PipelineCatalog.Changed change) {
        rearm();
    }

    @Incoming(CHANNEL)
    @Blocking
    public CompletionStage<Void> consume(Message<String> message) {
        try {
            KafkaCloudEvents.fromMessage(message).filter(e -> e.data() instanceof DeploymentUpdated)
                    .map(e -> (DeploymentUpdated) e.data())
                    .filter(d -> armed.containsKey(d.project()))
                    .ifPresent(this::fire);
        } catch (RuntimeException e) {
            LOG.errorf(e, "a deployment event could not start its pipelines; it is skipped");
        }
        return message.ack();
    }

    private void fire(DeploymentUpdated deployment) {
        List<Run> started = QuarkusTransaction.requiringNew().call(() -> {
            List<Run> runs = new ArrayList<>();
            for (UUID id : armed.getOrDefault(deployment.project(), List.of())) {
                Pipeline pipeline = Pipeline.live(id).orElse(null); // as it is now, not as it was when armed
                Trigger trigger = pipeline == null ? null
                        : engine.definition(pipeline.id, pipeline.currentVersion).trigger();
                if (trigger == null || !trigger.matches(deployment.project(), deployment.status())) {
                    continue;
                }
                String status = trigger.status() == null ? "*" : trigger.status().wire();
                if (alreadyFired(pipeline, deployment.deploymentId(), status)) {
                    continue;
                }
                Run run = controls.start(pipeline.id, Map.of(), Map.of(), "deployment " + deployment.deploymentId()
                        + " of " + deployment.project() + ", " + deployment.status().wire()).orElseThrow();
                Pipeline.getEntityManager().createNativeQuery("INSERT INTO trigger_run (pipeline_id, deployment_id,"
                        + " status, run_id) VALUES (?1, ?2, ?3, ?4)").setParameter(1, pipeline.id)
                        .setParameter(2, deployment.deploymentId()).setParameter(3, status).setParameter(4, run.id)
                        .executeUpdate();
                LOG.infof("deployment %s of %s (%s) started run %s of pipeline %s", deployment.deploymentId(),
                        deployment.project(), deployment.status(), run.id, pipeline.name);
                runs.add(run);
            }
            return runs;
        });
        started.forEach(controls::nudge);
    }

    private static boolean alreadyFired(Pipeline pipeline, String deploymentId, String status) {
        return !Pipeline.getEntityManager().createNativeQuery("SELECT 1 FROM trigger_run WHERE pipeline_id = ?1"
                + " AND deployment_id = ?2 AND status = ?3").setParameter(1, pipeline.id).setParameter(2, deploymentId)
                .setParameter(3, status).getResultList().isEmpty();
    }
}
