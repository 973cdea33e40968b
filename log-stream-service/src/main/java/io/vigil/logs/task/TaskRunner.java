package io.vigil.logs.task;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.vigil.events.Status;
import io.vigil.logs.source.LogSource;
import io.vigil.logs.source.LogSources;
import io.vigil.outbox.EventOutbox;

/**
 * Starts tasks from templates. Each runs in a working directory of its own with a clean environment (a fixed
 * PATH, its parameters, nothing of the service's), its output going to {@code <task root>/<id>.log}, which is
 * tailed like any log. When the process exits (or is stopped at its template's timeout) the end is reported;
 * the task is finished once its log was read to the end. A task still running when the service stopped is
 * failed at the next start: its outcome cannot be known.
 */
@ApplicationScoped
public class TaskRunner {

    private static final Logger LOG = Logger.getLogger(TaskRunner.class);
    static final String PATH = "/usr/local/bin:/usr/bin:/bin";

    private final TaskTemplates templates;
    private final TaskSecrets secrets;
    private final TaskEnds ends;
    private final LogSource.Tasks source;
    private final EventOutbox outbox;
    private final ObjectMapper json;
    private final Clock clock;
    private final ExecutorService waiters = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "vigil-task-waiter");
        thread.setDaemon(true);
        return thread;
    });

    TaskRunner(TaskTemplates templates, TaskSecrets secrets, TaskEnds ends, LogSources sources, EventOutbox outbox,
            ObjectMapper json, Clock clock) {
        this.templates = templates;
        this.secrets = secrets;
        this.ends = ends;
        this.source = sources.tasks();
        this.outbox = outbox;
        this.json = json;
        this.clock = clock;
    }

    /** Fails the tasks that were running when the service stopped: nobody waits for their processes any more. */
    void orphans(@Observes StartupEvent start) {
        List<String> orphans = QuarkusTransaction.requiringNew().call(() -> LogTask.<LogTask>list(
                "kind = ?1 and endedAt is null and finishedAt is null", LogSource.Kind.INSTALL.wire()).stream()
                .map(task -> task.id).toList());
        for (String id : orphans) {
            LOG.warnf("task %s was running when the service stopped; it is failed, its outcome is unknown", id);
            ends.report(id, source, source.logOf(id).toString(), Status.FAILED, null,
                    "the service stopped while the task ran; its outcome is unknown");
        }
    }

    /** Starts a task from {@code template} with {@code params}; answers its id at once, the task runs on. */
    public String start(String template, Map<String, String> params) {
        TaskTemplates.Resolved resolved = templates.resolve(template, params);
        String id = UUID.randomUUID().toString();
        Path log = source.logOf(id);
        QuarkusTransaction.requiringNew().run(() -> create(id, log, resolved));
        try {
            Process process = launch(id, log, resolved);
            waiters.execute(() -> await(id, log, process, resolved.template()));
            LOG.infof("task %s started from template %s", id, template);
        } catch (IOException | RuntimeException e) {
            LOG.warnf("task %s from template %s could not start: %s", id, template, e.getMessage());
            ends.report(id, source, log.toString(), Status.FAILED, null, "could not start: " + e.getMessage());
        }
        return id;
    }

    private void create(String id, Path log, TaskTemplates.Resolved resolved) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        LogTask task = LogTask.create(id, source.kind(), source.name(), log.toString(), now);
        task.template = resolved.template().name();
        task.params = toJson(resolved.publicParams());
        task.persist();
        if (!resolved.secrets().isEmpty()) {
            secrets.register(id, resolved.secrets());
        }
        outbox.publish(id, now, TaskStatusEvents.payload(task));
    }

    private Process launch(String id, Path log, TaskTemplates.Resolved resolved) throws IOException {
        Path workDir = Files.createDirectories(source.root().resolve(id + ".d"));
        Files.createFile(log);
        ProcessBuilder builder = new ProcessBuilder(resolved.command()).directory(workDir.toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Map<String, String> environment = builder.environment();
        environment.clear(); // nothing of the service's own environment (its credentials) reaches a task
        environment.put("PATH", PATH);
        environment.put("HOME", workDir.toString());
        environment.put("TMPDIR", workDir.toString());
        environment.put("LANG", "C.UTF-8");
        environment.put("VIGIL_TASK_ID", id);
        environment.putAll(resolved.environment());
        return builder.start();
    }

    private void await(String id, Path log, Process process, TaskTemplates.Template template) {
        Status status;
        Integer exitCode = null;
        String error = null;
        try {
            if (process.waitFor(template.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
                exitCode = process.exitValue();
                status = exitCode == 0 ? Status.SUCCESS : Status.FAILED;
            } else {
                stop(process);
                status = Status.FAILED;
                error = "timed out after " + template.timeout();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop(process);
            status = Status.FAILED;
            error = "stopped: the service is shutting down";
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly); // nothing left writing to the log
        try {
            ends.report(id, source, log.toString(), status, exitCode, error);
        } catch (RuntimeException e) {
            LOG.errorf(e, "the end of task %s could not be stored; it is failed at the next start", id);
        }
    }

    private static void stop(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    private String toJson(Map<String, String> params) {
        try {
            return json.writeValueAsString(params);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @PreDestroy
    void shutdown() {
        waiters.shutdownNow();
    }
}
