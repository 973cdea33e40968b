package io.vigil.monitor.alerts;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

/**
 * One thread for what the event feed asks of the alerts (writes to the database, pushing alerts to clients): the
 * feed's thread must not block, and one thread keeps the order in which the feed saw things.
 */
@ApplicationScoped
public class AlertWork {

    private static final Logger LOG = Logger.getLogger(AlertWork.class);

    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> new Thread(r, "vigil-alerts"));

    public void submit(String what, Runnable work) {
        thread.execute(() -> {
            try {
                work.run();
            } catch (RuntimeException e) {
                LOG.errorf(e, "alerts: %s failed", what);
            }
        });
    }

    @PreDestroy
    void stop() {
        thread.shutdown();
    }
}
