package io.vigil.monitor.alerts;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Mutes the alerts whose labels match all its matchers while it is active: from {@code activeFrom} until
 * {@code endsAt}. A silence scoped to a deployment or a run starts when that deployment or run is seen running and
 * ends when it ends (or at {@code endsAt}, if that comes first); until it starts, {@code activeFrom} is null.
 */
public record Silence(UUID id, List<Matcher> matchers, Scope scope, Instant activeFrom, Instant endsAt,
        String comment, String createdBy, Instant createdAt) {

    /** What a scoped silence lasts for: a deployment ({@code deployment_id}) or a run ({@code run_id}). */
    public record Scope(String kind, String id) {
        public static final String DEPLOYMENT = "deployment";
        public static final String RUN = "run";
    }

    public Silence {
        matchers = List.copyOf(matchers);
    }

    public boolean activeAt(Instant at) {
        return activeFrom != null && !activeFrom.isAfter(at) && (endsAt == null || endsAt.isAfter(at));
    }

    /** True when this silence is active at {@code at} and every matcher matches. */
    public boolean silences(Map<String, String> labels, Instant at) {
        return activeAt(at) && matchers.stream().allMatch(m -> m.matches(labels));
    }

    /** {@code pending} (scoped, not started), {@code active} or {@code expired}. */
    public String state(Instant now) {
        if (endsAt != null && !endsAt.isAfter(now)) {
            return "expired";
        }
        return activeFrom == null || activeFrom.isAfter(now) ? "pending" : "active";
    }
}
