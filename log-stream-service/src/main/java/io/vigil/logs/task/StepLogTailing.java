package io.vigil.logs.task;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.vigil.logs.config.LogStreamConfig;
import io.vigil.logs.tail.Checkpoint;
import io.vigil.logs.tail.FileTailer;
import io.vigil.logs.tail.TailedLine;

/**
 * Tails the pipeline steps' logs under the log root, {@code <run id>/<step>/<attempt>.log}, each as the task
 * {@code <run id>/<step>/<attempt>}: every poll interval it looks for new files, reads what is new in each open
 * one and records it with its checkpoint ({@link LineRecorder}). A line waiting for its newline longer than
 * {@code partial-flush-after} is handed out as it is. A file with nothing new for {@code idle-close} is closed,
 * and reopened from its checkpoint once it changes. When recording fails, the file is closed too, so it is read
 * again from the last checkpoint stored: nothing read is lost.
 */
@ApplicationScoped
public class StepLogTailing {

    private static final Logger LOG = Logger.getLogger(StepLogTailing.class);
    /** run id (a UUID) / step name / attempt number: what pipeline-service writes, nothing else. */
    private static final Pattern STEP_LOG = Pattern.compile(
            "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/[A-Za-z0-9][A-Za-z0-9_.-]{0,99}/[1-9][0-9]{0,8}\\.log");

    /** A file being tailed, and what was last recorded of it. */
    private static final class Tailed {
        final Path path;
        final FileTailer tailer;
        Checkpoint recorded;
        long lastChange;
        long partialSince;

        Tailed(Path path, FileTailer tailer, long now) {
            this.path = path;
            this.tailer = tailer;
            this.recorded = tailer.checkpoint();
            this.lastChange = now;
        }
    }

    /** What a closed file looked like, to reopen it only once it changed. */
    private record Seen(long size, long modified) {
    }

    private final LogStreamConfig config;
    private final LineRecorder recorder;
    private final Map<String, Tailed> open = new HashMap<>();
    private final Map<String, Seen> closed = new HashMap<>();

    StepLogTailing(LogStreamConfig config, LineRecorder recorder) {
        this.config = config;
        this.recorder = recorder;
    }

    @Scheduled(every = "${vigil.logs.poll-interval:200ms}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    synchronized void poll() {
        long now = System.nanoTime();
        discover(now);
        new ArrayList<>(open.keySet()).forEach(task -> advance(task, now));
    }

    private void discover(long now) {
        Path root = config.logRoot();
        if (!Files.isDirectory(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root, 3)) { // links are not followed: nothing outside the root
            files.forEach(file -> taskOf(root, file).ifPresent(task -> openIfChanged(task, file, now)));
        } catch (IOException | RuntimeException e) {
            LOG.warnf("could not look through %s for step logs: %s", root, e.getMessage());
        }
    }

    /** The task a file under the root is the log of, if it is a step log. */
    private static Optional<String> taskOf(Path root, Path file) {
        String relative = root.relativize(file).toString();
        if (!STEP_LOG.matcher(relative).matches() || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        return Optional.of(relative.substring(0, relative.length() - ".log".length()));
    }

    private void openIfChanged(String task, Path file, long now) {
        if (open.containsKey(task)) {
            return;
        }
        Optional<Seen> seen = seen(file);
        if (seen.isEmpty() || seen.equals(Optional.ofNullable(closed.get(task)))) {
            return;
        }
        try {
            open.put(task, new Tailed(file, new FileTailer(file, recorder.checkpoint(task), config.maxLineBytes()),
                    now));
            closed.remove(task);
        } catch (RuntimeException e) {
            LOG.warnf("could not start tailing %s: %s", file, e.getMessage());
        }
    }

    private void advance(String task, long now) {
        Tailed tailed = open.get(task);
        try {
            List<TailedLine> lines = new ArrayList<>(tailed.tailer.poll());
            flushIfWaitedTooLong(tailed, lines, now);
            Checkpoint checkpoint = tailed.tailer.checkpoint();
            if (!lines.isEmpty() || !checkpoint.equals(tailed.recorded)) {
                recorder.record(task, tailed.path.toString(), lines, checkpoint);
                tailed.recorded = checkpoint;
                tailed.lastChange = now;
            } else if (now - tailed.lastChange >= config.idleClose().toNanos()) {
                close(task, tailed);
            }
        } catch (IOException | RuntimeException e) {
            LOG.warnf("tailing %s failed, it is read again from its last checkpoint: %s", tailed.path, e.getMessage());
            close(task, tailed);
            closed.remove(task); // reopened at the next look, whatever it looks like
        }
    }

    private void flushIfWaitedTooLong(Tailed tailed, List<TailedLine> lines, long now) {
        if (!tailed.tailer.hasPartial()) {
            tailed.partialSince = 0;
        } else if (tailed.partialSince == 0) {
            tailed.partialSince = now;
        } else if (now - tailed.partialSince >= config.partialFlushAfter().toNanos()) {
            tailed.tailer.flushPartial().ifPresent(lines::add);
            tailed.partialSince = 0;
        }
    }

    private void close(String task, Tailed tailed) {
        open.remove(task);
        seen(tailed.path).ifPresent(seen -> closed.put(task, seen));
        try {
            tailed.tailer.close();
        } catch (IOException e) {
            LOG.debugf("closing %s: %s", tailed.path, e.getMessage());
        }
    }

    private static Optional<Seen> seen(Path file) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return Optional.of(new Seen(attributes.size(), attributes.lastModifiedTime().toMillis()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    @PreDestroy
    synchronized void stop() {
        new ArrayList<>(open.keySet()).forEach(task -> close(task, open.get(task)));
    }
}
