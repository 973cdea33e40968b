package io.vigil.logs.task;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * Reads tasks back: where each stands, its lines after a line offset, and its whole log as one download (each
 * line and its newline, masked as stored), from any byte on. Lines stay readable after their file is gone,
 * until retention removes the task.
 */
@ApplicationScoped
public class TaskHistory {

    /** One stored line: its offset (line number), when, its masked text and what was parsed from it. */
    public record StoredLine(long offset, Instant time, String level, String text, Integer progress, Integer step,
            Integer steps) {
    }

    /** How many lines, and how long the download, a task has now. */
    public record Extent(long lines, long bytes) {
    }

    private static final int DOWNLOAD_PAGE = 2_000;

    private final DataSource dataSource;

    TaskHistory(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Transactional
    public Optional<LogTask> task(String id) {
        Optional<LogTask> task = LogTask.findByIdOptional(id);
        task.ifPresent(LogTask.getEntityManager()::detach);
        return task;
    }

    @Transactional
    public List<LogTask> recent(int limit) {
        return LogTask.<LogTask>find("order by createdAt desc").page(0, limit).list();
    }

    /** Up to {@code limit} lines after line {@code after}, in order. */
    public List<StoredLine> lines(String id, long after, int limit) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement("SELECT line, time, level, text, progress,"
                        + " step, steps FROM log_line WHERE task_id = ? AND line > ? ORDER BY line LIMIT ?")) {
            statement.setString(1, id);
            statement.setLong(2, after);
            statement.setInt(3, limit);
            List<StoredLine> lines = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    lines.add(new StoredLine(rows.getLong(1), rows.getTimestamp(2).toInstant(), rows.getString(3),
                            rows.getString(4), rows.getObject(5, Integer.class), rows.getObject(6, Integer.class),
                            rows.getObject(7, Integer.class)));
                }
            }
            return lines;
        } catch (SQLException e) {
            throw new IllegalStateException("reading the lines of task " + id + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes bytes {@code from} to {@code to} (inclusive) of the task's download to {@code out}, a page of lines
     * at a time: a long log is streamed, never held whole.
     */
    public void download(String id, long from, long to, OutputStream out) throws IOException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement("SELECT byte_end, text FROM log_line"
                        + " WHERE task_id = ? AND byte_end > ? ORDER BY line LIMIT ?")) {
            long position = from;
            while (position <= to) {
                statement.setString(1, id);
                statement.setLong(2, position);
                statement.setInt(3, DOWNLOAD_PAGE);
                boolean any = false;
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next() && position <= to) {
                        any = true;
                        byte[] line = (rows.getString(2) + "\n").getBytes(StandardCharsets.UTF_8);
                        long end = rows.getLong(1);
                        long start = end - line.length;
                        int skip = (int) (position - start);
                        int length = (int) (Math.min(end - 1, to) - position + 1);
                        out.write(line, skip, length);
                        position += length;
                    }
                }
                if (!any) {
                    return;
                }
            }
        } catch (SQLException e) {
            throw new IOException("reading the log of task " + id + ": " + e.getMessage(), e);
        }
    }
}
