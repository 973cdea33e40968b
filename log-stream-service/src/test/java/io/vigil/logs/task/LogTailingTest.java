package io.vigil.logs.task;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.nio.file.StandardOpenOption.APPEND;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vigil.events.payload.LogLines;
import io.vigil.logs.config.LogStreamConfig;
import io.vigil.outbox.OutboxEvent;
import io.vigil.testing.KafkaTestResource;
import io.vigil.testing.PostgresTestResource;

/** Real files under the service's log root, tailed by the running service into its database and outbox. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "prefix", value = "logs"))
class StepLogTailingTest {

    @Inject
    LogStreamConfig config;
    @Inject
    LineRecorder recorder;

    @TempDir
    Path outside;

    @AfterAll
    static void removeTheLogRoot() throws IOException {
        Path root = Path.of(System.getProperty("java.io.tmpdir"), "vigil-logs-test");
        if (Files.exists(root)) {
            try (Stream<Path> paths = Files.walk(root)) {
                paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

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
        Files.writeString(config.logRoot().resolve(run).resolve("build").resolve("notes.txt"), "no\n", UTF_8);
        Files.writeString(config.logRoot().resolve(run).resolve("stray.log"), "no\n", UTF_8);
        stepLog(run + "/build/1", "yes\n");

        await().atMost(Duration.ofSeconds(15)).until(() -> lines(run + "/build/1").size() == 1);

        assertThat(recorder.checkpoint(run + "/build/2")).isEmpty();
        assertThat(recorder.checkpoint(run + "/build/notes")).isEmpty();
        assertThat(recorder.checkpoint(run + "/stray")).isEmpty();
    }

    private Path stepLog(String task, String content) throws IOException {
        Path log = config.logRoot().resolve(task + ".log");
        Files.createDirectories(log.getParent());
        return Files.writeString(log, content, UTF_8);
    }

    private static List<String> lines(String task) {
        return QuarkusTransaction.requiringNew().call(() -> OutboxEvent.history(task, 0, 100).stream()
                .flatMap(row -> ((LogLines) row.toEvent().data()).lines().stream()).map(LogLines.Line::text).toList());
    }
}
