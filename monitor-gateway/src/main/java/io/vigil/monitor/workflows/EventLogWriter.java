package io.vigil.monitor.workflows;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vigil.events.VigilEvent;
import io.vigil.monitor.messaging.EventObserver;

/**
 * Keeps every event the gateway consumes in the event log. The feed only offers the event to a bounded queue; a
 * thread of its own stores whatever waits, up to {@code max-batch} per transaction. A full queue drops the event
 * (counted in {@code vigil_event_log_dropped_total}) rather than hold the feed up.
 */
@ApplicationScoped
public class EventLogWriter implements EventObserver {

    private static final Logger LOG = Logger.getLogger(EventLogWriter.class);
    /** The pause after a failed write, so an unreachable database is not hammered. */
    private static final long RETRY_PAUSE_MS = 1000;

    private final DataSource database;
    private final EventLogStore events;
    private final WorkflowStore workflows;
    private final BlockingQueue<VigilEvent<?>> waiting;
    private final int maxBatch;
    private final Counter droppedFull;
    private final Counter droppedFailed;
    private final Counter written;
    private final AtomicBoolean dropping = new AtomicBoolean();
    private volatile Thread thread;
    private volatile boolean running;

    EventLogWriter(DataSource database, EventLogStore events, WorkflowStore workflows, EventLogConfig config,
            MeterRegistry registry) {
        this.database = database;
        this.events = events;
        this.workflows = workflows;
        this.waiting = new ArrayBlockingQueue<>(config.queueCapacity());
        this.maxBatch = config.maxBatch();
        this.droppedFull = Counter.builder("vigil.event.log.dropped").tag("reason", "queue_full")
                .description("events not kept in the event log").register(registry);
        this.droppedFailed = Counter.builder("vigil.event.log.dropped").tag("reason", "write_failed")
                .description("events not kept in the event log").register(registry);
        this.written = Counter.builder("vigil.event.log.written").description("events stored in the event log")
                .register(registry);
        registry.gaugeCollectionSize("vigil.event.log.queue", List.of(), waiting);
    }

    @Override
    public void observe(VigilEvent<?> event) {
        if (waiting.offer(event)) {
            return;
        }
        droppedFull.increment();
        if (dropping.compareAndSet(false, true)) { // once per overflow, not once per event
            LOG.warnf("the event log's queue is full (%d); events are dropped until the writer catches up, first %s",
                    waiting.size(), event.id());
        }
    }

    void start(@Observes StartupEvent start) {
        running = true;
        thread = new Thread(this::writeWhileRunning, "event-log-writer");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent stop) throws InterruptedException {
        running = false;
        thread.join(TimeUnit.SECONDS.toMillis(5));
    }

    private void writeWhileRunning() {
        List<VigilEvent<?>> batch = new ArrayList<>(maxBatch);
        while (running || !waiting.isEmpty()) {
            try {
                VigilEvent<?> first = waiting.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                waiting.drainTo(batch, maxBatch - 1);
                write(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                batch.clear();
            }
        }
    }

    private void write(List<VigilEvent<?>> batch) throws InterruptedException {
        try (Connection connection = database.getConnection()) {
            connection.setAutoCommit(false);
            events.insert(connection, batch.stream().map(LoggedEvent::of).toList());
            workflows.upsert(connection, batch.stream().map(WorkflowState::of).flatMap(Optional::stream).toList());
            connection.commit();
            written.increment(batch.size());
            if (dropping.compareAndSet(true, false)) {
                LOG.info("the event log's writer caught up; events are kept again");
            }
        } catch (SQLException | RuntimeException e) {
            droppedFailed.increment(batch.size());
            LOG.errorf(e, "could not store %d events in the event log (first %s); they are not kept",
                    batch.size(), batch.get(0).id());
            Thread.sleep(RETRY_PAUSE_MS);
        }
    }
}
