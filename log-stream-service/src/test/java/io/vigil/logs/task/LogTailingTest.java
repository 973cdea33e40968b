package io.vigil.logs.task;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.nio.file.StandardOpenOption.APPEND;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.vigil.events.Status;
import io.vigil.events.payload.LogLines;
import io.vigil.events.payload.LogStatus;
import io.vigil.events.payload.RunStepUpdated;
import io.vigil.logs.LogTestResources;
import io.vigil.logs.config.LogStreamConfig;
import io.vigil.outbox.OutboxEvent;
import io.vigil.testing.EventPublisher;

/** Real files under the service's sources, tailed by the running service into its database and outbox. */
@QuarkusTest
@LogTestResources
class LogTailingTest {

    @Inject
    LogStreamConfig config;
    @Inject
    LineRecorder recorder;

    @TempDir
    Path outside;

    @Test
    void aStepLogBecomesItsTasksLinesAndALineWithoutNewlineIsFlushedOnce() throws IOException {
        String task = UUID.randomUUID() + "/build/1";
        Path log = stepLog(task, "compiling\ncompiled\nprogress 50%");

        await().atMost(Duration.ofSeconds(15)).until(() -> lines(task).size() == 3);
        assertThat(lines(task)).containsExactly("compiling", "compiled", "progress 50%");
        Files.writeString(log, "\nfinished\n", UTF_8, APPEND);

        await().atMost(Duration.ofSeconds(15)).until(() -> lines(task).size() >= 4);
        assertThat(lines(task)).containsExactly("compiling", "compiled", "progress 50%", "finished");
        assertThat(recorder.checkpoint(task)).hasValueSatisfying(checkpoint -> {
            assertThat(checkpoint.nextLine()).isEqualTo(5);
            assertThat(checkpoint.position()).isEqualTo(log.toFile().length());
        });
    }

    @Test
    void onlyStepLogsInsideTheRootAreTailed() throws IOException {
        String run = UUID.randomUUID().toString();
        Path secret = Files.writeString(outside.resolve("secret.log"), "not for the service\n", UTF_8);
        Path linked = config.logRoot().resolve(run).resolve("build").resolve("2.log");
        Files.createDirectories(linked.getParent());
        Files.createSymbolicLink(linked, secret);
        Files.createSymbolicLink(config.logRoot().resolve(run).resolve("outside"), outside);
        Files.writeString(outside.resolve("1.log"), "not for the service either\n", UTF_8);
        Files.writeString(config.logRoot().resolve(run).resolve("build").resolve("notes.txt"), "no\n", UTF_8);
        Files.writeString(config.logRoot().resolve(run).resolve("stray.log"), "no\n", UTF_8);
        stepLog(run + "/build/1", "yes\n");

        await().atMost(Duration.ofSeconds(15)).until(() -> lines(run + "/build/1").size() == 1);

        assertThat(recorder.checkpoint(run + "/build/2")).isEmpty();
        assertThat(recorder.checkpoint(run + "/outside/1")).isEmpty();
        assertThat(recorder.checkpoint(run + "/build/notes")).isEmpty();
        assertThat(recorder.checkpoint(run + "/stray")).isEmpty();
    }

    @Test
    void aStepEndFromPipelineServiceFinishesTheTaskAfterItsLastLineEvenWithoutNewline() throws IOException {
        String run = UUID.randomUUID().toString();
        String task = run + "/deploy/1";
        stepLog(task, "[1/2] Upload\n[2/2] Restart\nrestarted");

        EventPublisher.publish(run, 1, new RunStepUpdated(run, "deploy", Status.SUCCESS, 0, task, Instant.now(),
                Instant.now()));

        await().atMost(Duration.ofSeconds(20)).until(() -> finalStatus(task) != null);
        assertThat(lines(task)).containsExactly("[1/2] Upload", "[2/2] Restart", "restarted");
        LogStatus status = finalStatus(task);
        assertThat(status.status()).isEqualTo(Status.SUCCESS);
        assertThat(status.lines()).isEqualTo(3);
        assertThat(status.progress()).isEqualTo(100);
        assertThat(status.step()).isEqualTo(2);
        assertThat(status.stepText()).isEqualTo("Restart");
        assertThat(status.exitCode()).isZero();
    }

    @Test
    void aStepThatEndedWithoutALogIsFinishedWithNoLines() {
        String run = UUID.randomUUID().toString();
        String task = run + "/lint/1";

        EventPublisher.publish(run, 1, new RunStepUpdated(run, "lint", Status.SKIPPED, null, task, null, Instant.now()));

        await().atMost(Duration.ofSeconds(20)).until(() -> finalStatus(task) != null);
        assertThat(finalStatus(task).status()).isEqualTo(Status.SKIPPED);
        assertThat(finalStatus(task).lines()).isZero();
    }

    @Test
    void aConfiguredSourceIsTailedWithItsOwnPatternsAndFollowsARotation() throws IOException {
        Path dir = config.sources().get("app").root().resolve(UUID.randomUUID().toString().substring(0, 8));
        Files.createDirectories(dir);
        Path log = Files.writeString(dir.resolve("web.log"), "<warn> disk at 91%\nplain\n", UTF_8);
        String task = "app/" + dir.getFileName() + "/web.log";

        await().atMost(Duration.ofSeconds(15)).until(() -> lines(task).size() == 2);
        Files.move(log, dir.resolve("web.log.1"));
        Files.writeString(dir.resolve("web.log.1"), "after rename\n", UTF_8, APPEND);
        Files.writeString(log, "new file\n", UTF_8);

        await().atMost(Duration.ofSeconds(15)).until(() -> lines(task).size() == 4);
        assertThat(lines(task)).containsExactly("<warn> disk at 91%", "plain", "after rename", "new file");
        LogLines.Line first = lineEvents(task).get(0);
        assertThat(first.level()).isEqualTo("WARN");
        assertThat(first.progress()).isEqualTo(91);
    }

    @Test
    void manyFilesWrittenAtOnceEachKeepTheirOwnSequence() throws Exception {
        String run = UUID.randomUUID().toString();
        int files = 40;
        int linesEach = 250;
        List<Thread> writers = new java.util.ArrayList<>();
        for (int f = 1; f <= files; f++) {
            Path log = stepLog(run + "/step-" + f + "/1", "");
            int file = f;
            Thread writer = new Thread(() -> {
                try {
                    for (int n = 1; n <= linesEach; n += 25) {
                        StringBuilder chunk = new StringBuilder();
                        for (int i = n; i < n + 25; i++) {
                            chunk.append("file ").append(file).append(" line ").append(i).append('\n');
                        }
                        Files.writeString(log, chunk, UTF_8, APPEND);
                    }
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            writer.start();
            writers.add(writer);
        }
        for (Thread writer : writers) {
            writer.join();
        }

        for (int f = 1; f <= files; f++) {
            String task = run + "/step-" + f + "/1";
            await().atMost(Duration.ofSeconds(30)).until(() -> lines(task).size() >= linesEach);
            int file = f;
            assertThat(lines(task)).containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, linesEach)
                    .mapToObj(i -> "file " + file + " line " + i).toList());
        }
    }

    private Path stepLog(String task, String content) throws IOException {
        Path log = config.logRoot().resolve(task + ".log");
        Files.createDirectories(log.getParent());
        return Files.writeString(log, content, UTF_8);
    }

    static List<String> lines(String task) {
        return lineEvents(task).stream().map(LogLines.Line::text).toList();
    }

    static List<LogLines.Line> lineEvents(String task) {
        return QuarkusTransaction.requiringNew().call(() -> OutboxEvent.history(task, 0, 1000).stream()
                .map(row -> row.toEvent().data()).filter(LogLines.class::isInstance)
                .flatMap(data -> ((LogLines) data).lines().stream()).toList());
    }

    /** The status event that finished the task, if any. */
    static LogStatus finalStatus(String task) {
        return QuarkusTransaction.requiringNew().call(() -> OutboxEvent.history(task, 0, 1000).stream()
                .map(row -> row.toEvent().data()).filter(LogStatus.class::isInstance).map(LogStatus.class::cast)
                .filter(status -> status.finishedAt() != null).findFirst().orElse(null));
    }
}
