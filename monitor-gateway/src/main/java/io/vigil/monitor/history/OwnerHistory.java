package io.vigil.monitor.history;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.smallrye.mutiny.Uni;
import io.vigil.monitor.domain.MonitorMessage;
import io.vigil.monitor.fanout.Channel;
import io.vigil.monitor.fanout.Publication;

/**
 * Fetches what a resuming client missed from the owner of its stream, page by page, as the same messages it
 * would have had live: a run's events after a seq from pipeline-service, a task's lines after an offset from
 * log-stream-service. At most {@code MAX_REPLAY} messages: a client that far behind is told what is missing.
 */
@ApplicationScoped
public class OwnerHistory {

    static final int RUN_PAGE = 1000;
    static final int LOG_PAGE = 5000;
    static final int MAX_PAGES = 20;

    private final PipelineHistoryClient pipeline;
    private final LogHistoryClient logs;
    private final Clock clock;

    OwnerHistory(@RestClient PipelineHistoryClient pipeline, @RestClient LogHistoryClient logs, Clock clock) {
        this.pipeline = pipeline;
        this.logs = logs;
        this.clock = clock;
    }

    /** The run's events after {@code afterSeq}, each as one publication numbered by its seq. */
    public Uni<List<Publication>> runEvents(String runId, long afterSeq) {
        return runPages(runId, afterSeq, new ArrayList<>(), 0);
    }

    private Uni<List<Publication>> runPages(String runId, long after, List<Publication> found, int pages) {
        return pipeline.events(runId, after, RUN_PAGE).flatMap(page -> {
            page.events().forEach(event -> found.add(Publication.to(Channel.run(runId))
                    .type(shortName(event.type())).seq(event.seq())
                    .encodedBy(() -> MonitorMessage.event(shortName(event.type()), event.id().toString(), runId,
                            event.seq(), event.time(), event.data()))));
            long last = page.events().isEmpty() ? after : page.events().get(page.events().size() - 1).seq();
            boolean more = !page.events().isEmpty() && last < page.lastSeq() && pages + 1 < MAX_PAGES;
            return more ? runPages(runId, last, found, pages + 1) : Uni.createFrom().item(found);
        });
    }

    /** The task's lines after {@code afterOffset}, a page per publication numbered by its lines' offsets. */
    public Uni<List<Publication>> taskLines(String taskId, long afterOffset) {
        return rawLines(taskId, afterOffset, new ArrayList<>(), 0).map(lines -> {
            List<Publication> pages = new ArrayList<>();
            for (int from = 0; from < lines.size(); from += LOG_PAGE) {
                pages.add(page(taskId, lines.subList(from, Math.min(lines.size(), from + LOG_PAGE))));
            }
            return pages;
        });
    }

    /** Consecutive lines as one {@code log.lines} message, numbered by their offsets, sliceable at the switch. */
    private Publication page(String taskId, List<LogHistoryClient.Line> lines) {
        return Publication.to(Channel.logs(taskId)).type("log.lines")
                .seq(lines.get(0).offset(), lines.get(lines.size() - 1).offset(),
                        (from, to) -> () -> MonitorMessage.logLines(taskId, lines.stream()
                                .filter(line -> line.offset() >= from && line.offset() <= to).toList(), clock.instant()))
                .encodedBy(() -> MonitorMessage.logLines(taskId, lines, clock.instant()));
    }

    /** The task's lines after {@code afterOffset}, one publication each, written by {@code encoder}. */
    public Uni<List<Publication>> taskLines(String taskId, long afterOffset, Channel channel,
            Function<LogHistoryClient.Line, String> encoder) {
        return rawLines(taskId, afterOffset, new ArrayList<>(), 0).map(lines -> lines.stream()
                .map(line -> Publication.to(channel).type("log.lines").seq(line.offset())
                        .encodedBy(() -> encoder.apply(line)))
                .toList());
    }

    private Uni<List<LogHistoryClient.Line>> rawLines(String taskId, long after, List<LogHistoryClient.Line> found,
            int pages) {
        return logs.history(taskId, after, LOG_PAGE).flatMap(page -> {
            found.addAll(page.lines());
            boolean more = !page.lines().isEmpty() && !page.complete() && pages + 1 < MAX_PAGES;
            return more ? rawLines(taskId, page.nextOffset(), found, pages + 1) : Uni.createFrom().item(found);
        });
    }

    /** Whether the task is finished, and how: the last message of a stream that replayed a finished task. */
    public Uni<LogHistoryClient.Status> taskStatus(String taskId) {
        return logs.status(taskId);
    }

    private static String shortName(String ceType) {
        return ceType.startsWith("io.vigil.") ? ceType.substring("io.vigil.".length()) : ceType;
    }
}
