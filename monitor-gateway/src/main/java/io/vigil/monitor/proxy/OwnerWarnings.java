package io.vigil.monitor.proxy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/** At most one warning per interval about one owner; counts the ones held back meanwhile. Thread-safe. */
final class OwnerWarnings {

    static final Duration INTERVAL = Duration.ofSeconds(10);

    private final LongSupplier nanoTime;
    private final AtomicLong nextAt;
    private final AtomicInteger held = new AtomicInteger();

    OwnerWarnings(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        this.nextAt = new AtomicLong(nanoTime.getAsLong());
    }

    /** How many were held back since the last warning when one is due now (then log it); -1 when it is not. */
    int due() {
        long now = nanoTime.getAsLong();
        long next = nextAt.get();
        if (now - next >= 0 && nextAt.compareAndSet(next, now + INTERVAL.toNanos())) {
            return held.getAndSet(0);
        }
        held.incrementAndGet();
        return -1;
    }
}
