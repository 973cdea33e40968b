package io.vigil.monitor.messaging;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

import io.vigil.events.VigilEvent;
import io.vigil.events.payload.LogLines;
import io.vigil.events.payload.LogStatus;
import io.vigil.events.payload.RunStepUpdated;
import io.vigil.events.payload.RunUpdated;
import io.vigil.monitor.domain.ExecutionSteps;
import io.vigil.monitor.domain.LegacyLogMessage;
import io.vigil.monitor.domain.MonitorMessage;
import io.vigil.monitor.domain.Subscription;
import io.vigil.monitor.fanout.Channel;
import io.vigil.monitor.fanout.Publication;

/**
 * Where an event goes: every event to {@code monitor}; a run's events also to {@code run:<id>} (by seq), a task's
 * lines to {@code logs:<task>} (by line offset, so a resumed client gets each line once) and its status there
 * too. When a run or a task ends, its stream's last message says how. Each text is written once, when a client
 * first takes it.
 */
final class EventPublications {

    private EventPublications() {
    }

    static List<Publication> of(VigilEvent<?> event) {
        return of(event, channel -> false, runId -> Optional.empty());
    }

    /** As {@link #of(VigilEvent)}; {@code listened} says whether some client is on a channel worth a line each. */
    static List<Publication> of(VigilEvent<?> event, Predicate<Channel> listened,
            Function<String, Optional<ExecutionSteps.Progress>> progress) {
        String type = event.type().shortName();
        String project = Subscription.projectOf(event.data()).orElse(null);
        List<Publication> publications = new ArrayList<>(2);
        if (event.data() instanceof RunUpdated || event.data() instanceof RunStepUpdated) {
            publications.add(Publication.to(Channel.MONITOR, Channel.run(event.subject())).type(type).project(project)
                    .seq(event.seq()).eventTime(event.time()).encodedBy(() -> MonitorMessage.event(event)));
            if (event.data() instanceof RunUpdated run && run.status().isTerminal()) {
                publications.add(Publication.to(Channel.run(event.subject())).type("status")
                        .encodedBy(() -> MonitorMessage.status(run.status().wire(), run.finishedAt(), event.time())));
            }
        } else if (event.data() instanceof LogLines lines) {
            long first = lines.lines().get(0).offset();
            long last = lines.lines().get(lines.lines().size() - 1).offset();
            publications.add(Publication.to(Channel.MONITOR, Channel.logs(event.subject())).type(type)
                    .seq(first, last, (from, to) -> () -> MonitorMessage.event(slice(event, lines, from, to)))
                    .eventTime(event.time()).encodedBy(() -> MonitorMessage.event(event)));
            if (listened.test(Channel.logLines(event.subject()))) {
                lines.lines().forEach(line -> publications.add(Publication.to(Channel.logLines(event.subject()))
                        .type(type).seq(line.offset()).eventTime(event.time()).encodedBy(() -> LegacyLogMessage.line(event.subject(),
                                line.offset(), line.time(), line.level(), line.text(), line.progress(), line.step(),
                                line.steps()))));
            }
        } else if (event.data() instanceof LogStatus status) {
            publications.add(Publication.to(Channel.MONITOR, Channel.logs(event.subject())).type(type)
                    .eventTime(event.time()).encodedBy(() -> MonitorMessage.event(event)));
            if (status.finishedAt() != null) {
                publications.add(Publication.to(Channel.logLines(event.subject())).type("status")
                        .encodedBy(() -> LegacyLogMessage.end(event.subject(), status.status().wire(),
                                status.finishedAt())));
                publications.add(Publication.to(Channel.logs(event.subject())).type("status")
                        .encodedBy(() -> MonitorMessage.status(status.status().wire(), status.finishedAt(),
                                event.time())));
            }
        } else {
            publications.add(Publication.to(Channel.MONITOR).type(type).project(project)
                    .eventTime(event.time()).encodedBy(() -> MonitorMessage.event(event)));
        }
        // --- /ws/executions/{id}/: a run's events and its steps' log lines, for the existing execution monitors ---
        publications.addAll(ExecutionPublications.of(event, listened, progress));
        return publications;
    }

    /** The event with only its lines {@code from..to}: what a resumed client has not had yet. */
    private static VigilEvent<LogLines> slice(VigilEvent<?> event, LogLines lines, long from, long to) {
        LogLines part = new LogLines(lines.taskId(), lines.lines().stream()
                .filter(line -> line.offset() >= from && line.offset() <= to).toList());
        return new VigilEvent<>(event.id(), event.type(), event.subject(), event.time(), event.seq(), part);
    }
}
