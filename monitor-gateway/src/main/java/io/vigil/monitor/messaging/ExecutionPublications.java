package io.vigil.monitor.messaging;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

import io.vigil.events.VigilEvent;
import io.vigil.events.payload.LogLines;
import io.vigil.events.payload.RunStepUpdated;
import io.vigil.events.payload.RunUpdated;
import io.vigil.monitor.domain.ExecutionMessage;
import io.vigil.monitor.domain.ExecutionSteps;
import io.vigil.monitor.domain.StepLogTask;
import io.vigil.monitor.fanout.Channel;
import io.vigil.monitor.fanout.Publication;

/**
 * What goes to {@code execution:<runId>} ({@code /ws/executions/{id}/}): the run's updates, its steps' updates and
 * the lines of its steps' logs (task {@code <runId>/<step>/<attempt>}), each written once, and only while some
 * client watches the run.
 */
final class ExecutionPublications {

    private ExecutionPublications() {
    }

    static List<Publication> of(VigilEvent<?> event, Predicate<Channel> listened,
            Function<String, Optional<ExecutionSteps.Progress>> progress) {
        Optional<Publication> publication = Optional.empty();
        if (event.data() instanceof RunUpdated run) {
            publication = to(run.runId(), listened, "execution_update", () -> ExecutionMessage.update(run, progress.apply(run.runId()), event.time()));
        } else if (event.data() instanceof RunStepUpdated step) {
            publication = to(step.runId(), listened, "step_update", () -> ExecutionMessage.step(step, event.time()));
        } else if (event.data() instanceof LogLines lines) {
            publication = StepLogTask.of(lines.taskId()).flatMap(task -> to(task.runId(), listened, "log_update",
                    () -> ExecutionMessage.log(task, lines, event.time())));
        }
        return publication.stream().toList();
    }

    private static Optional<Publication> to(String runId, Predicate<Channel> listened, String type,
            Supplier<String> encoder) {
        Channel channel = Channel.execution(runId);
        return listened.test(channel) ? Optional.of(Publication.to(channel).type(type).encodedBy(encoder))
                : Optional.empty();
    }
}
