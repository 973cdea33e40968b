package io.vigil.monitor.metrics;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.vigil.events.EventCodec;

/**
 * Keeps the aggregates in the gateway's database ({@code metrics_aggregate}, one JSON row per project and per
 * pipeline), so that a restart does not zero them: loaded at start, before the event feed runs; saved every
 * {@code save-interval} (only the rows that changed) and on shutdown. The owners' APIs could not rebuild them: they
 * serve one run's or one task's history, not counts over every deployment.
 */
@ApplicationScoped
public class MetricsStore {

    private static final Logger LOG = Logger.getLogger(MetricsStore.class);
    private static final ObjectMapper JSON = EventCodec.mapper();
    private static final String PROJECT = "project";
    private static final String PIPELINE = "pipeline";

    private final DataSource database;
    private final MetricsBoard board;
    private final Clock clock;
    /** What each row held when last written, to skip rows that did not change. */
    private final Map<String, String> saved = new ConcurrentHashMap<>();

    MetricsStore(DataSource database, MetricsBoard board, Clock clock) {
        this.database = database;
        this.board = board;
        this.clock = clock;
    }

    /** Before the event feed starts (reactive messaging starts at {@code LIBRARY_BEFORE}). */
    void loadAtStart(@Observes @Priority(Interceptor.Priority.LIBRARY_BEFORE - 1) StartupEvent start) {
        MetricsBoard.State state = load();
        board.restore(state);
        LOG.infof("metrics of %d projects and %d pipelines loaded", state.projects().size(), state.pipelines().size());
    }

    @Scheduled(every = "${vigil.metrics.save-interval:30s}", delayed = "${vigil.metrics.save-interval:30s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void saveRegularly() {
        save();
    }

    void saveAtShutdown(@Observes ShutdownEvent stop) {
        save();
    }

    /** Writes the rows that changed since the last save; returns how many. */
    public synchronized int save() {
        Map<String, String> rows = new HashMap<>();
        MetricsBoard.State state = board.state();
        state.projects().forEach((name, project) -> rows.put(key(PROJECT, name), json(project)));
        state.pipelines().forEach((name, pipeline) -> rows.put(key(PIPELINE, name), json(pipeline)));
        rows.entrySet().removeIf(row -> row.getValue().equals(saved.get(row.getKey())));
        if (rows.isEmpty()) {
            return 0;
        }
        try (Connection connection = database.getConnection();
                PreparedStatement upsert = connection.prepareStatement("""
                        INSERT INTO metrics_aggregate (scope, name, state, saved_at) VALUES (?, ?, ?::jsonb, ?)
                        ON CONFLICT (scope, name) DO UPDATE SET state = excluded.state, saved_at = excluded.saved_at""")) {
            Timestamp now = Timestamp.from(clock.instant());
            for (Map.Entry<String, String> row : rows.entrySet()) {
                int colon = row.getKey().indexOf(':');
                upsert.setString(1, row.getKey().substring(0, colon));
                upsert.setString(2, row.getKey().substring(colon + 1));
                upsert.setString(3, row.getValue());
                upsert.setTimestamp(4, now);
                upsert.addBatch();
            }
            upsert.executeBatch();
        } catch (SQLException e) {
            LOG.errorf(e, "saving the metrics of %d projects and pipelines failed; the next save retries", rows.size());
            return 0;
        }
        saved.putAll(rows);
        return rows.size();
    }

    /** What was saved last. (The first save after it writes every row once: jsonb does not keep our text.) */
    public MetricsBoard.State load() {
        Map<String, MetricsBoard.ProjectState> projects = new HashMap<>();
        Map<String, Outcomes.State> pipelines = new HashMap<>();
        try (Connection connection = database.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT scope, name, state::text FROM metrics_aggregate");
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                String scope = rows.getString(1);
                String name = rows.getString(2);
                String state = rows.getString(3);
                if (PROJECT.equals(scope)) {
                    projects.put(name, JSON.readValue(state, MetricsBoard.ProjectState.class));
                } else if (PIPELINE.equals(scope)) {
                    pipelines.put(name, JSON.readValue(state, Outcomes.State.class));
                }
            }
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("cannot load the saved metrics: " + e.getMessage(), e);
        }
        return new MetricsBoard.State(projects, pipelines);
    }

    /** The seq of the next published snapshot: a database sequence, so it goes on after a restart. */
    public long nextSnapshotSeq() {
        try (Connection connection = database.getConnection();
                PreparedStatement next = connection.prepareStatement("SELECT nextval('metrics_snapshot_seq')");
                ResultSet row = next.executeQuery()) {
            row.next();
            return row.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot number the metrics snapshot: " + e.getMessage(), e);
        }
    }

    private static String key(String scope, String name) {
        return scope + ':' + name;
    }

    private static String json(Object state) {
        try {
            return JSON.writeValueAsString(state);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the metrics state", e);
        }
    }
}
