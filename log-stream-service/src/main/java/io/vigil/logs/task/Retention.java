package io.vigil.logs.task;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.vigil.logs.config.LogStreamConfig;
import io.vigil.logs.source.LogSource;
import io.vigil.logs.source.LogSources;

/**
 * Removes tasks whose last line is older than {@code retention}: their lines, registered secrets and events,
 * and for tasks run here their log and working directory (other sources' files belong to whoever wrote them;
 * the tailer leaves files that old alone, so they are not read again). A hundred tasks per transaction, so a
 * large backlog never holds one long lock.
 */
@ApplicationScoped
public class Retention {

    private static final Logger LOG = Logger.getLogger(Retention.class);
    private static final int BATCH = 100;

    private final LogStreamConfig config;
    private final LogSource.Tasks tasks;
    private final Clock clock;

    Retention(LogStreamConfig config, LogSources sources, Clock clock) {
        this.config = config;
        this.tasks = sources.tasks();
        this.clock = clock;
    }

    @Scheduled(every = "${vigil.logs.retention-sweep-interval:1h}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        sweep();
    }

    /** Removes every task last changed before now minus retention; answers how many. */
    public int sweep() {
        Instant cutoff = clock.instant().minus(config.retention());
        int removed = 0;
        for (List<LogTask> expired = expired(cutoff); !expired.isEmpty(); expired = expired(cutoff)) {
            List<String> ids = expired.stream().map(task -> task.id).toList();
            QuarkusTransaction.requiringNew().run(() -> remove(ids));
            expired.stream().filter(task -> LogSource.TASKS.equals(task.source)).forEach(task -> deleteFiles(task.id));
            removed += ids.size();
        }
        if (removed > 0) {
            LOG.infof("retention: removed %d tasks last changed before %s", removed, cutoff);
        }
        return removed;
    }

    private static List<LogTask> expired(Instant cutoff) {
        return QuarkusTransaction.requiringNew().call(() -> LogTask.<LogTask>find("updatedAt < ?1 and (finishedAt is"
                + " not null or endedAt is null)", cutoff).page(0, BATCH).list());
    }

    private static void remove(List<String> ids) {
        String[] array = ids.toArray(String[]::new);
        var em = LogTask.getEntityManager();
        for (String sql : List.of("DELETE FROM log_line WHERE task_id = ANY(?1)",
                "DELETE FROM registered_secret WHERE scope = ANY(?1)",
                "DELETE FROM outbox_event WHERE subject = ANY(?1) AND sent_at IS NOT NULL",
                "DELETE FROM event_sequence WHERE subject = ANY(?1) AND NOT EXISTS"
                        + " (SELECT 1 FROM outbox_event WHERE outbox_event.subject = event_sequence.subject)",
                "DELETE FROM log_task WHERE id = ANY(?1)")) {
            em.createNativeQuery(sql).setParameter(1, array).executeUpdate();
        }
    }

    private void deleteFiles(String id) {
        for (Path path : List.of(tasks.logOf(id), tasks.root().resolve(id + ".d"))) {
            if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            try (Stream<Path> tree = Files.walk(path)) { // links are not followed: only the task's own files go
                tree.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
            } catch (IOException e) {
                LOG.warnf("retention: could not remove %s: %s", path, e.getMessage());
            }
        }
    }
}
