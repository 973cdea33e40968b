package io.vigil.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;


/**
 * kill -9 of log-stream-service while a step's log is being written, then a restart as the stack starts it:
 * the task's lines are each recorded once, numbered 1, 2, 3 … without a gap, whatever was in flight.
 */
class LogTailCrashRecoveryTest {

    private static final int LINES = 4_000;

    @TempDir
    Path work;

    @Test
    void aStepLogSurvivesKillDashNineOfLogStreamServiceAndItsRestart() throws Exception {
        Path jar = Service.LOGS.runJar(StackScript.ROOT);
        assumeTrue(Files.exists(jar), () -> "log-stream-service is not built (" + jar + ")");
        Path output = work.resolve("output");
        Map<String, String> env = Map.of("VIGIL_PIPELINE_RUN_OUTPUT_DIR", output.toString(),
                "VIGIL_LOGS_LOG_ROOT", output.toString(), "VIGIL_LOGS_POLL_INTERVAL", "20ms");
        String task = UUID.randomUUID() + "/build/1";
        Path log = output.resolve(task + ".log");
        try (CrashTestStack stack = CrashTestStack.up(work, "tail", env)) {
            Files.createDirectories(log.getParent());
            CompletableFuture<Void> writing = CompletableFuture.runAsync(() -> write(log));
            await().atMost(Duration.ofSeconds(30)).until(() -> recorded(stack, task) > LINES / 20);

            stack.kill(Service.LOGS);
            assertThat(writing.isDone()).as("the kill landed while the log was still being written").isFalse();
            writing.get(60, TimeUnit.SECONDS);
            stack.restart(Service.LOGS);

            await().atMost(Duration.ofSeconds(30)).until(() -> recorded(stack, task) >= LINES);
            List<String> lines = lines(stack, task);
            assertThat(lines).hasSize(LINES);
            for (int n = 1; n <= LINES; n++) {
                assertThat(lines.get(n - 1)).as("line %d", n).isEqualTo(n + "|line " + n);
            }
        }
    }

    /** Appends "line 1" to "line LINES" in small flushed bursts, paced as a build's output comes. */
    private static void write(Path log) {
        try (OutputStream writer = Files.newOutputStream(log, StandardOpenOption.CREATE_NEW)) {
            for (int n = 1; n <= LINES; n++) {
                writer.write(("line " + n + "\n").getBytes(StandardCharsets.UTF_8));
                if (n % 10 == 0) { // 400 bursts 5 ms apart: the log is written for two seconds and more
                    writer.flush();
                    TimeUnit.MILLISECONDS.sleep(5); // pacing the writer, so that the kill lands mid-stream
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static long recorded(CrashTestStack stack, String task) {
        try (Connection connection = logsDatabase(stack);
             PreparedStatement count = connection.prepareStatement("SELECT count(*) FROM log_line WHERE task_id = ?")) {
            count.setString(1, task);
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            return 0; // the schema is not there yet
        }
    }

    /** "number|text" of each recorded line, in line order. */
    private static List<String> lines(CrashTestStack stack, String task) throws SQLException {
        try (Connection connection = logsDatabase(stack);
             PreparedStatement select = connection.prepareStatement(
                     "SELECT line, text FROM log_line WHERE task_id = ? ORDER BY line")) {
            select.setString(1, task);
            List<String> lines = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    lines.add(rows.getLong(1) + "|" + rows.getString(2));
                }
            }
            return lines;
        }
    }

    private static Connection logsDatabase(CrashTestStack stack) throws SQLException {
        return stack.databases().connect(stack.options().database(Service.LOGS));
    }
}
