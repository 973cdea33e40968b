package io.vigil.monitor.metrics;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Which update groups have clients, and one timer per group that has: the first client of a group starts its
 * timer, the last one to leave stops it. With no client on the channel no timer runs and nothing is computed.
 */
public final class UpdateSchedule {

    /** Starts a repeating task; the returned action stops it. The gateway uses Vert.x timers, tests a fake. */
    @FunctionalInterface
    public interface Timers {
        Runnable every(Duration period, Runnable task);
    }

    private static final class Running {
        int clients;
        final Runnable stop;

        Running(Runnable stop) {
            this.stop = stop;
        }
    }

    private final Timers timers;
    private final Consumer<UpdateGroup> tick;
    private final Map<UpdateGroup, Running> running = new HashMap<>();
    private final Map<String, UpdateGroup> groupOf = new HashMap<>();

    /** @param tick what each group's timer does: compute one update and send it to the group */
    public UpdateSchedule(Timers timers, Consumer<UpdateGroup> tick) {
        this.timers = timers;
        this.tick = tick;
    }

    /** Puts a client in {@code group}, out of any group it was in. */
    public synchronized void join(String client, UpdateGroup group) {
        UpdateGroup previous = groupOf.put(client, group);
        if (group.equals(previous)) {
            return;
        }
        if (previous != null) {
            leaveGroup(previous);
        }
        running.computeIfAbsent(group, g -> new Running(timers.every(g.period(), () -> tick.accept(g)))).clients++;
    }

    public synchronized void leave(String client) {
        UpdateGroup group = groupOf.remove(client);
        if (group != null) {
            leaveGroup(group);
        }
    }

    public synchronized Optional<UpdateGroup> groupOf(String client) {
        return Optional.ofNullable(groupOf.get(client));
    }

    /** Timers running now: one per group with clients. */
    public synchronized int runningTimers() {
        return running.size();
    }

    private void leaveGroup(UpdateGroup group) {
        Running timer = running.get(group);
        if (timer != null && --timer.clients == 0) {
            running.remove(group);
            timer.stop.run();
        }
    }
}
