package io.vigil.ingest.domain.forge;

import java.util.Objects;
import java.util.Optional;

import io.vigil.ingest.domain.DeploymentReport;

/**
 * What one webhook delivery from a forge means to Vigil: a deployment report to record, a ping to answer,
 * or a delivery to acknowledge and drop, with the reason. Exactly one of the three. Unwanted events are
 * acknowledged rather than refused because a forge counts a refusal as a failed delivery, and GitLab
 * disables a hook that keeps failing.
 */
public record ForgeMapping(Optional<DeploymentReport> report, boolean ping, String ignoredReason) {

    public ForgeMapping {
        report = report == null ? Optional.empty() : report;
        int kinds = (report.isPresent() ? 1 : 0) + (ping ? 1 : 0) + (ignoredReason != null ? 1 : 0);
        if (kinds != 1) {
            throw new IllegalArgumentException("a forge mapping is one of a report, a ping or an ignored delivery");
        }
    }

    public static ForgeMapping report(DeploymentReport report) {
        return new ForgeMapping(Optional.of(Objects.requireNonNull(report, "report")), false, null);
    }

    /** A ping: the forge checking that the hook works. Not named ping(), which is the component's accessor. */
    public static ForgeMapping forPing() {
        return new ForgeMapping(Optional.empty(), true, null);
    }

    public static ForgeMapping ignored(String reason) {
        return new ForgeMapping(Optional.empty(), false, Objects.requireNonNull(reason, "reason"));
    }

    public boolean isIgnored() {
        return ignoredReason != null;
    }
}
