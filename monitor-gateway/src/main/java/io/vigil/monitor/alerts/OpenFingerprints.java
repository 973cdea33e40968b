package io.vigil.monitor.alerts;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The fingerprints of the open alerts as this replica last knew them, so that rules can say "fire" or "clear" on
 * every look and only changes reach the database. Kept current by its own writes and every replica's alert events,
 * and reloaded from the database at each evaluation. A stale entry costs at most one interval: the database stays
 * the judge.
 */
public final class OpenFingerprints {

    private final Set<String> open = ConcurrentHashMap.newKeySet();

    public boolean isOpen(String fingerprint) {
        return open.contains(fingerprint);
    }

    public void opened(String fingerprint) {
        open.add(fingerprint);
    }

    public void closed(String fingerprint) {
        open.remove(fingerprint);
    }

    public void reload(Set<String> fingerprints) {
        open.retainAll(fingerprints);
        open.addAll(fingerprints);
    }

    /** Whether the verdict would change anything: a firing not open, or a clearing of an open one. */
    public boolean changes(Verdict verdict) {
        return isOpen(verdict.key().fingerprint()) != (verdict instanceof Verdict.Fire);
    }
}
