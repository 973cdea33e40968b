package io.vigil.monitor.metrics;

import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vigil.monitor.fanout.Admission;
import io.vigil.monitor.fanout.Channel;
import io.vigil.monitor.fanout.Connection;
import io.vigil.monitor.fanout.Filter;
import io.vigil.monitor.fanout.Hub;
import io.vigil.monitor.fanout.Publication;

/**
 * The {@code metrics} channel: a client joins an update group (shape and period) and gets an update at once; each
 * group with clients has a Vert.x timer that computes one report per tick and publishes it through the hub, written
 * once for all of the group's clients and sent through their bounded queues. Counts the reports it computed
 * ({@code vigil_metrics_updates_computed_total}), so that "nothing is computed without a listener" can be seen.
 */
@ApplicationScoped
public class MetricsUpdates {

    private final Hub hub;
    private final MetricsBoard board;
    private final GatewayFigures gateway;
    private final Clock clock;
    private final MetricsConfig config;
    private final UpdateSchedule schedule;
    private final AtomicLong computed = new AtomicLong();

    MetricsUpdates(Hub hub, MetricsBoard board, GatewayFigures gateway, Clock clock, MetricsConfig config,
            Vertx vertx, MeterRegistry registry) {
        this.hub = hub;
        this.board = board;
        this.gateway = gateway;
        this.clock = clock;
        this.config = config;
        this.schedule = new UpdateSchedule((period, task) -> {
            long timer = vertx.setPeriodic(period.toMillis(), id -> task.run());
            return () -> vertx.cancelTimer(timer);
        }, this::tick);
        FunctionCounter.builder("vigil.metrics.updates.computed", computed, AtomicLong::get)
                .description("Reports computed for metrics_update messages").register(registry);
    }

    /** The aggregates now, for a REST answer or a published snapshot (not counted as an update). */
    public MetricsReport report() {
        return board.report(clock.instant(), gateway.now(clock.instant()));
    }

    /** A new client: subscribed to its group's updates, and sent one now. */
    public Admission join(Connection connection, UpdateGroup group) {
        Admission admission = connection.subscribe(Channel.METRICS, filter(group),
                () -> group.encode(computedReport()));
        if (admission.accepted()) {
            schedule.join(connection.id(), group);
        }
        return admission;
    }

    /** A client moves to another group (it asked for another period); its next update comes on the new timer. */
    public Admission move(Connection connection, UpdateGroup group) {
        Admission admission = connection.subscribe(Channel.METRICS, filter(group));
        if (admission.accepted()) {
            schedule.join(connection.id(), group);
        }
        return admission;
    }

    public void leave(String connectionId) {
        schedule.leave(connectionId);
    }

    public Optional<UpdateGroup> groupOf(String connectionId) {
        return schedule.groupOf(connectionId);
    }

    public int defaultSeconds() {
        return (int) config.defaultPeriod().toSeconds();
    }

    /** Reports computed for updates since start. */
    public long computedUpdates() {
        return computed.get();
    }

    /** Update timers running now: one per group with clients. */
    public int runningTimers() {
        return schedule.runningTimers();
    }

    private void tick(UpdateGroup group) {
        MetricsReport report = computedReport();
        hub.publish(Publication.to(Channel.METRICS).type(group.messageType()).encodedBy(() -> group.encode(report)));
    }

    private MetricsReport computedReport() {
        computed.incrementAndGet();
        return report();
    }

    private static Filter filter(UpdateGroup group) {
        return new Filter(Set.of(), Set.of(group.messageType()));
    }
}
