package io.vigil.monitor.workflows;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;

/** Deletes what is older than the retention from the event log, every {@code sweep-interval}. */
@ApplicationScoped
public class EventLogRetention {

    private static final Logger LOG = Logger.getLogger(EventLogRetention.class);

    private final EventLogStore events;
    private final WorkflowStore workflows;
    private final EventLogConfig config;
    private final Clock clock;

    EventLogRetention(EventLogStore events, WorkflowStore workflows, EventLogConfig config, Clock clock) {
        this.events = events;
        this.workflows = workflows;
        this.config = config;
        this.clock = clock;
    }

    /** Runs on a worker thread, never two at once; a failed sweep is logged and tried again next time. */
    @Scheduled(every = "${vigil.event-log.sweep-interval:1h}", delayed = "${vigil.event-log.sweep-interval:1h}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweepOnSchedule() {
        try {
            sweep();
        } catch (SQLException e) {
            LOG.errorf(e, "the event log's retention sweep failed; it runs again in %s", config.sweepInterval());
        }
    }

    /** Deletes events that happened, and workflows last heard of, before now minus the retention. */
    public void sweep() throws SQLException {
        Instant before = clock.instant().minus(config.retention());
        int deletedEvents = events.deleteBefore(before);
        int deletedWorkflows = workflows.deleteNotUpdatedSince(before);
        if (deletedEvents + deletedWorkflows > 0) {
            LOG.infof("retention: deleted %d events and %d workflows from before %s", deletedEvents, deletedWorkflows,
                    before);
        }
    }
}
