package io.vigil.pipeline.run;

import static io.vigil.outbox.BatchSql.texts;

import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.vigil.outbox.BatchSql;

/**
 * Records where running steps' processes are, for recovery after a crash, off the path that starts them:
 * whatever pids wait are written together in one statement, on a thread of their own.
 */
final class StepPids {

    private static final Logger LOG = Logger.getLogger(StepPids.class);

    private record Pid(RunStep.Key key, int attempt, long pid) {
    }

    private final String host;
    private final ConcurrentLinkedQueue<Pid> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> new Thread(r, "vigil-step-pids"));

    StepPids(String host) {
        this.host = host;
    }

    void record(RunStep.Key key, int attempt, long pid) {
        waiting.add(new Pid(key, attempt, pid));
        if (scheduled.compareAndSet(false, true)) {
            writer.execute(this::write);
        }
    }

    private void write() {
        scheduled.set(false); // before draining: a pid added meanwhile schedules another write
        List<Pid> batch = new ArrayList<>();
        for (Pid p; (p = waiting.poll()) != null; ) {
            batch.add(p);
        }
        if (batch.isEmpty()) {
            return;
        }
        try {
            QuarkusTransaction.requiringNew().run(() -> BatchSql.run(Run.getEntityManager(), connection -> {
                try (PreparedStatement update = connection.prepareStatement("""
                        UPDATE run_step s SET pid = p.pid::bigint, host = ?
                        FROM unnest(?::text[], ?::text[], ?::text[], ?::text[]) AS p(run_id, name, attempt, pid)
                        WHERE s.run_id = p.run_id::uuid AND s.name = p.name AND s.attempt = p.attempt::int""")) {
                    update.setString(1, host);
                    update.setArray(2, texts(connection, batch.stream().map(p -> p.key().runId()).toList()));
                    update.setArray(3, texts(connection, batch.stream().map(p -> p.key().name()).toList()));
                    update.setArray(4, texts(connection, batch.stream().map(Pid::attempt).toList()));
                    update.setArray(5, texts(connection, batch.stream().map(Pid::pid).toList()));
                    return update.executeUpdate();
                }
            }));
        } catch (RuntimeException e) {
            LOG.warnf("could not record the pids of %d steps (only needed to stop them after a crash): %s", batch.size(),
                    e.getMessage());
        }
    }

    void stop() {
        writer.shutdownNow();
    }
}
