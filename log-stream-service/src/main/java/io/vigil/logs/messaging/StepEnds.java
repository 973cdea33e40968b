package io.vigil.logs.messaging;

import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.vigil.events.KafkaCloudEvents;
import io.vigil.events.payload.RunStepUpdated;
import io.vigil.logs.source.LogSource;
import io.vigil.logs.source.LogSources;
import io.vigil.logs.source.TaskIds;
import io.vigil.logs.task.TaskEnds;

/**
 * Ends a pipeline step's log task when {@code vigil.runs} says the step ended: its log is then read to the end
 * and the task finished with the step's status. A redelivered end changes nothing.
 */
@ApplicationScoped
public class StepEnds {

    public static final String CHANNEL = "step-ends";
    private static final Logger LOG = Logger.getLogger(StepEnds.class);

    private final TaskEnds ends;
    private final LogSource steps;

    StepEnds(TaskEnds ends, LogSources sources) {
        this.ends = ends;
        this.steps = sources.named(LogSource.STEPS).orElseThrow();
    }

    @Incoming(CHANNEL)
    @Blocking
    public CompletionStage<Void> consume(Message<String> message) {
        try {
            KafkaCloudEvents.fromMessage(message).filter(e -> e.data() instanceof RunStepUpdated)
                    .map(e -> (RunStepUpdated) e.data())
                    .filter(step -> step.status().isTerminal() && step.logTaskId() != null)
                    .ifPresent(this::end);
        } catch (RuntimeException e) {
            LOG.errorf(e, "a step end could not be recorded; its log task stays open until its next end event");
        }
        return message.ack();
    }

    private void end(RunStepUpdated step) {
        String task = step.logTaskId();
        if (!TaskIds.valid(task)) {
            LOG.warnf("run %s step %s names the log task '%s', which is no task id; ignored", step.runId(),
                    step.step(), task);
            return;
        }
        ends.report(task, steps, steps.root().resolve(task + ".log").toString(), step.status(), step.exitCode(), null);
    }
}
