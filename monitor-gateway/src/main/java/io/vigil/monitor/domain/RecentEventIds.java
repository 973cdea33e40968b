package io.vigil.monitor.domain;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Remembers the last {@code capacity} event ids, so that an event Kafka delivers twice (at-least-once
 * publishing, a resend by an outbox sweep) reaches clients once.
 */
public final class RecentEventIds {

    private final Map<UUID, Boolean> seen;

    public RecentEventIds(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be 1 or more, was " + capacity);
        }
        this.seen = new LinkedHashMap<>(capacity * 2, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<UUID, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    /** True the first time an id is offered (within the window), false for a repeat. */
    public synchronized boolean firstSeen(UUID id) {
        return seen.putIfAbsent(id, Boolean.TRUE) == null;
    }
}
