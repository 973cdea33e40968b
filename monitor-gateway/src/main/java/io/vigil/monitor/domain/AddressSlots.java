package io.vigil.monitor.domain;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * How many WebSockets each client address holds, up to a ceiling. An upgrade takes a slot before it happens
 * ({@link #reserve}), so a burst of upgrades cannot overshoot; the connection it becomes confirms the slot when it
 * opens and frees it when it closes. A reservation that never opens (a failed handshake) lapses after a grace
 * period. Open and close may be reported in either order. Plain Java, thread-safe.
 */
public final class AddressSlots {

    /** What one address holds; guarded by the map's per-key lock. */
    private static final class Held {
        final Set<String> open = new HashSet<>();
        /** When each upgrade not yet seen open was let through, oldest first. */
        final ArrayDeque<Long> reserved = new ArrayDeque<>();
        /** Connections seen closed before they were seen open. */
        final Set<String> closedFirst = new HashSet<>();

        int count() {
            return open.size() + reserved.size();
        }

        boolean empty() {
            return open.isEmpty() && reserved.isEmpty() && closedFirst.isEmpty();
        }
    }

    private final int max;
    private final long graceNanos;
    private final LongSupplier nanoTime;
    private final Map<String, Held> byAddress = new ConcurrentHashMap<>();

    public AddressSlots(int max, Duration grace, LongSupplier nanoTime) {
        if (max < 1) {
            throw new IllegalArgumentException("an address needs at least one slot, got " + max);
        }
        this.max = max;
        this.graceNanos = grace.toNanos();
        this.nanoTime = nanoTime;
    }

    public int max() {
        return max;
    }

    /** Takes a slot for an upgrade from {@code address}; false when the address holds {@link #max} already. */
    public boolean reserve(String address) {
        boolean[] taken = {false};
        byAddress.compute(address, (key, held) -> {
            Held now = held == null ? new Held() : held;
            long time = nanoTime.getAsLong();
            while (!now.reserved.isEmpty() && time - now.reserved.peekFirst() > graceNanos) {
                now.reserved.pollFirst();
            }
            if (now.count() < max) {
                now.reserved.addLast(time);
                taken[0] = true;
            }
            return now.empty() ? null : now;
        });
        return taken[0];
    }

    /** The connection {@code id} from {@code address} is open: its reservation becomes its slot. */
    public void opened(String address, String id) {
        byAddress.compute(address, (key, held) -> {
            Held now = held == null ? new Held() : held;
            if (!now.closedFirst.remove(id)) {
                now.reserved.pollFirst();
                now.open.add(id);
            }
            return now.empty() ? null : now;
        });
    }

    /** The connection {@code id} from {@code address} closed: its slot is free. */
    public void closed(String address, String id) {
        byAddress.compute(address, (key, held) -> {
            Held now = held == null ? new Held() : held;
            if (!now.open.remove(id)) {
                now.reserved.pollFirst();
                now.closedFirst.add(id);
            }
            return now.empty() ? null : now;
        });
    }

    /** Slots {@code address} holds now: open connections and upgrades under way. */
    public int held(String address) {
        int[] count = {0};
        byAddress.computeIfPresent(address, (key, held) -> {
            count[0] = held.count();
            return held;
        });
        return count[0];
    }
}
