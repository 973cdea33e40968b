package io.vigil.ingest.domain;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.vigil.ingest.config.IngestConfig;

/** Deletes deployments older than {@code vigil.ingest.retention}, when one is set; by default history is kept forever. */
@ApplicationScoped
public class DeploymentRetention {

    private static final Logger LOG = Logger.getLogger(DeploymentRetention.class);
    private final IngestConfig config;
    private final Clock clock;

    DeploymentRetention(IngestConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void onSchedule() {
        prune();
    }

    /** Deletes what the retention lets go, except each project's latest deployment; returns how many. */
    public long prune() {
        if (config.retention().isEmpty()) {
            return 0;
        }
        long deleted = QuarkusTransaction.requiringNew().call(() -> Deployment.delete(
                "receivedAt < ?1 and id not in (select p.lastDeploymentId from Project p)"
                        + " and id not in (select d.rollbackOf from Deployment d where d.rollbackOf is not null)",
                clock.instant().minus(config.retention().get())));
        if (deleted > 0) {
            LOG.infof("deleted %d deployments older than %s", deleted, config.retention().get());
        }
        return deleted;
    }
}
