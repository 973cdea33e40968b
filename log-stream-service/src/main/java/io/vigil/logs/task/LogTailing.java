package io.vigil.logs.task;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;
import static java.nio.file.StandardWatchEventKinds.OVERFLOW;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.vigil.logs.config.LogStreamConfig;
import io.vigil.logs.source.LogSource;
import io.vigil.logs.source.LogSources;
import io.vigil.logs.tail.FileTailer;

/**
 * Tails every source's log files into their tasks, on one thread. The file system's watch (inotify) announces
 * new files and appends at once; every {@code poll-interval} each open file is read anyway, and every
 * {@code rescan-interval} each root is looked through in full, in case a watch was missed or could not be set.
 * What is read is recorded with its checkpoint ({@link LineRecorder}), all files read in one pass in one
 * transaction. A line waiting for its newline longer than {@code partial-flush-after} is handed out as it is; a
 * file with nothing new for {@code idle-close} is closed and reopened from its checkpoint once it changes. When
 * recording fails, the files are read again from their last stored checkpoint: nothing read is lost. A task
 * whose end was reported ({@link TaskEnds}) is read to the end of its log, then finished.
 */
@ApplicationScoped
public class LogTailing {

    private static final Logger LOG = Logger.getLogger(LogTailing.class);
    private static final Duration FAILURE_LOG_EVERY = Duration.ofSeconds(30);
    /** Bytes read in one pass from all files together, about: what one transaction records at most. */
    static final long PASS_BYTES = 4L << 20;
    static final int MIN_FILE_BYTES = 64 * 1024;
    static final int MAX_FILE_BYTES = 1 << 20;

    private final LogStreamConfig config;
    private final LogSources sources;
    private final LineRecorder recorder;
    private final Map<String, TailedFile> open = new HashMap<>();
    private final Map<String, TailedFile.Seen> closed = new HashMap<>();
    private final Set<String> finished = new HashSet<>();
    private final Set<String> ended = ConcurrentHashMap.newKeySet();
    private final Map<WatchKey, LogSource> watched = new HashMap<>();
    private volatile boolean running;
    private WatchService watcher;
    private Thread thread;

    LogTailing(LogStreamConfig config, LogSources sources, LineRecorder recorder) {
        this.config = config;
        this.sources = sources;
        this.recorder = recorder;
    }

    void start(@Observes StartupEvent start) throws IOException {
        Files.createDirectories(sources.tasks().root()); // watched from the start: a new task's log is seen at once
        for (LogSource source : sources.all()) {
            if (source.kind() == LogSource.Kind.STEP) {
                Files.createDirectories(source.root());
            }
        }
        watcher = FileSystems.getDefault().newWatchService();
        running = true;
        thread = new Thread(this::run, "vigil-log-tailing");
        thread.setDaemon(true);
        thread.start();
    }

    /** The end of {@code taskId} was reported: its log is read to the end and the task finished. */
    public void ended(String taskId) {
        ended.add(taskId);
    }

    private void run() {
        boolean resumed = false;
        boolean behind = false;
        long nextRescan = 0;
        long nextFailureLog = System.nanoTime();
        while (running) {
            try {
                if (!resumed) {
                    ended.addAll(recorder.endedButNotFinished()); // ends reported before a restart
                    resumed = true;
                }
                Set<Path> changed = new HashSet<>();
                boolean overflow = awaitChanges(changed, behind);
                long now = System.nanoTime();
                if (overflow || now - nextRescan >= 0) {
                    sources.all().forEach(source -> rescan(source, now));
                    nextRescan = now + config.rescanInterval().toNanos();
                } else {
                    changed.forEach(dir -> look(dir, now));
                }
                behind = advanceAll(now);
                finishEnded(now);
            } catch (ClosedWatchServiceException e) {
                return;
            } catch (RuntimeException | Error e) { // the thread must go on: a dead tailer loses nothing but stops all
                long now = System.nanoTime();
                if (now - nextFailureLog >= 0) { // a database outage fails every pass: say so every 30 s
                    LOG.errorf(e, "tailing pass failed; the next ones go on from the stored checkpoints");
                    nextFailureLog = now + FAILURE_LOG_EVERY.toNanos();
                }
            }
        }
    }

    /**
     * Waits up to poll-interval for the watch to announce changes (not at all when a file is known to have more
     * to read); collects the directories they happened in.
     */
    private boolean awaitChanges(Set<Path> changed, boolean behind) {
        boolean overflow = false;
        try {
            WatchKey key = behind ? watcher.poll()
                    : watcher.poll(config.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
            long lingerUntil = System.nanoTime() + (behind ? 0 : config.batchLinger().toNanos());
            while (key != null) {
                Path dir = (Path) key.watchable();
                for (WatchEvent<?> event : key.pollEvents()) {
                    if (event.kind() == OVERFLOW) {
                        overflow = true;
                    } else if (event.kind() == ENTRY_CREATE
                            && Files.isDirectory(dir.resolve((Path) event.context()), LinkOption.NOFOLLOW_LINKS)) {
                        LogSource source = watched.get(key);
                        if (source != null) {
                            watchTree(source, dir.resolve((Path) event.context()));
                        }
                        changed.add(dir.resolve((Path) event.context()));
                    }
                    changed.add(dir);
                }
                if (!key.reset()) {
                    watched.remove(key);
                }
                // lines coming in a stream are read together: one transaction per linger, not per write
                long left = lingerUntil - System.nanoTime();
                key = left > 0 ? watcher.poll(left, TimeUnit.NANOSECONDS) : null; // the rest: next pass
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
        return overflow;
    }

    /** Looks through a whole source: watches its directories, opens the logs that are new or changed. */
    private void rescan(LogSource source, long now) {
        Path root = source.root();
        if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        watchTree(source, root);
        try (Stream<Path> files = Files.walk(root, source.depth())) { // links are not followed: nothing outside the root
            files.forEach(file -> consider(source, file, now));
        } catch (IOException | RuntimeException e) {
            LOG.warnf("could not look through %s for logs: %s", root, e.getMessage());
        }
    }

    /** Looks at the files of one directory the watch announced changes in. */
    private void look(Path dir, long now) {
        sources.containing(dir).ifPresent(source -> {
            try (Stream<Path> files = Files.list(dir)) {
                files.forEach(file -> consider(source, file, now));
            } catch (IOException e) {
                LOG.debugf("could not list %s: %s", dir, e.getMessage()); // gone again: the next rescan tells
            }
        });
    }

    /** Watches {@code dir} and the directories under it that may hold logs of {@code source}. */
    private void watchTree(LogSource source, Path dir) {
        int depth = dir.equals(source.root()) ? 0 : source.root().relativize(dir).getNameCount();
        if (depth >= source.depth()) {
            return;
        }
        try (Stream<Path> dirs = Files.walk(dir, source.depth() - 1 - depth)) {
            dirs.filter(d -> Files.isDirectory(d, LinkOption.NOFOLLOW_LINKS)).forEach(d -> watch(source, d));
        } catch (IOException | RuntimeException e) {
            LOG.debugf("could not watch %s: %s", dir, e.getMessage()); // the rescan still finds its files
        }
    }

    private void watch(LogSource source, Path dir) {
        try {
            watched.putIfAbsent(dir.register(watcher, ENTRY_CREATE, ENTRY_MODIFY), source);
        } catch (IOException e) {
            LOG.debugf("could not watch %s, it is rescanned every %s: %s", dir, config.rescanInterval(), e.getMessage());
        }
    }

    private void consider(LogSource source, Path file, long now) {
        Path relative = source.root().relativize(file);
        Optional<String> task = source.taskOf(relative);
        if (task.isEmpty() || open.containsKey(task.get()) || finished.contains(task.get())
                || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Optional<TailedFile.Seen> seen = TailedFile.seen(file);
        if (seen.isEmpty() || seen.equals(Optional.ofNullable(closed.get(task.get())))
                || seen.get().modified() < System.currentTimeMillis() - config.retention().toMillis()) {
            return; // unchanged since closed, or older than retention: its task may be gone, it is not read again
        }
        openFile(source, task.get(), file, now);
    }

    private Optional<TailedFile> openFile(LogSource source, String task, Path file, long now) {
        try {
            Optional<LineRecorder.Resume> resume = recorder.resume(task);
            if (resume.isPresent() && resume.get().finished()) {
                finished.add(task);
                return Optional.empty();
            }
            TailedFile tailed = new TailedFile(source, task, file, new FileTailer(file,
                    resume.map(LineRecorder.Resume::checkpoint), config.maxLineBytes()), now);
            open.put(task, tailed);
            closed.remove(task);
            return Optional.of(tailed);
        } catch (RuntimeException e) {
            LOG.warnf("could not start tailing %s: %s", file, e.getMessage());
            return Optional.empty();
        }
    }

    /** Reads every open file and records what is new in one transaction; true when a file has more to read. */
    private boolean advanceAll(long now) {
        List<TailedFile> read = new ArrayList<>();
        List<LineRecorder.Batch> batches = new ArrayList<>();
        int limit = readLimit(open.size());
        for (TailedFile tailed : new ArrayList<>(open.values())) {
            try {
                tailed.read(limit, config.partialFlushAfter().toNanos(), now).ifPresentOrElse(batch -> {
                    batches.add(batch);
                    read.add(tailed);
                }, () -> closeIfIdle(tailed, now));
            } catch (IOException | RuntimeException e) {
                failed(tailed, e);
            }
        }
        if (batches.isEmpty()) {
            return false;
        }
        try {
            recorder.record(batches);
            read.forEach(TailedFile::recorded);
        } catch (RuntimeException e) {
            recordEachAlone(read, batches); // one file's failure must not hold back the others
        }
        return read.stream().anyMatch(tailed -> tailed.behind() && open.containsKey(tailed.task()));
    }

    /**
     * How much of each open file one pass reads: a pass is one transaction, held in memory whole, so many busy
     * files share PASS_BYTES; each file still gets a useful slice.
     */
    static int readLimit(int files) {
        return (int) Math.max(MIN_FILE_BYTES, Math.min(MAX_FILE_BYTES, PASS_BYTES / Math.max(1, files)));
    }

    private void recordEachAlone(List<TailedFile> read, List<LineRecorder.Batch> batches) {
        for (int i = 0; i < read.size(); i++) {
            try {
                recorder.record(batches.get(i));
                read.get(i).recorded();
            } catch (RuntimeException e) {
                failed(read.get(i), e);
            }
        }
    }

    private void closeIfIdle(TailedFile tailed, long now) {
        if (now - tailed.lastChange() >= config.idleClose().toNanos()) {
            close(tailed);
        }
    }

    /** Reads each task whose end was reported to the end of its log, then finishes it. */
    private void finishEnded(long now) {
        for (String task : List.copyOf(ended)) {
            try {
                finish(task, now);
                ended.remove(task);
            } catch (IOException | RuntimeException e) {
                LOG.warnf("finishing task %s failed, it is tried again: %s", task, e.getMessage());
                Optional.ofNullable(open.get(task)).ifPresent(tailed -> failed(tailed, e));
            }
        }
    }

    private void finish(String task, long now) throws IOException {
        Optional<LineRecorder.Resume> resume = recorder.resume(task);
        if (resume.isEmpty() || resume.get().finished()) {
            Optional.ofNullable(open.get(task)).ifPresent(this::close);
            finished.add(task);
            return;
        }
        TailedFile tailed = open.get(task);
        if (tailed == null) {
            Path file = Path.of(resume.get().path());
            Optional<LogSource> source = sources.named(resume.get().source());
            tailed = source.isPresent() && Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
                    ? openFile(source.get(), task, file, now).orElse(null) : null;
        }
        if (tailed == null) {
            recorder.finishWithoutLog(task);
        } else {
            LineRecorder.Batch batch;
            do {
                batch = tailed.drain();
                recorder.record(batch);
                tailed.recorded();
            } while (!batch.drained());
            close(tailed);
        }
        finished.add(task);
        closed.remove(task);
    }

    private void failed(TailedFile tailed, Exception e) {
        LOG.warnf("tailing %s failed, it is read again from its last checkpoint: %s", tailed.path(), e.getMessage());
        close(tailed);
        closed.remove(tailed.task()); // reopened at the next look, whatever it looks like
    }

    private void close(TailedFile tailed) {
        open.remove(tailed.task());
        TailedFile.seen(tailed.path()).ifPresent(seen -> closed.put(tailed.task(), seen));
        tailed.close();
    }

    @PreDestroy
    void stop() {
        running = false;
        try {
            if (watcher != null) {
                watcher.close();
            }
            if (thread != null) {
                thread.join(TimeUnit.SECONDS.toMillis(10));
            }
        } catch (IOException e) {
            LOG.debugf("closing the watch: %s", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        new ArrayList<>(open.values()).forEach(this::close);
    }
}
