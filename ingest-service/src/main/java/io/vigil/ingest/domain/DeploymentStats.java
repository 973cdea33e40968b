package io.vigil.ingest.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import io.vigil.events.Status;

/**
 * A project's delivery figures over a window: counts, success rate, durations, and the four DORA keys.
 * A deployment that was rolled back counts as a failed change, whatever its own status said.
 *
 * @param deploymentFrequencyPerDay successful deployments per day of the window
 * @param changeFailureRate         failed or rolled-back share of finished deployments, 0 to 1
 * @param timeToRestoreSeconds      mean time from a failed change's end to the next good deployment's end
 * @param leadTimeForChangesSeconds mean time from commit to its successful deployment's end, where senders
 *                                  report commit times
 */
public record DeploymentStats(
        Instant from, Instant to, long total, long succeeded, long failed, long rolledBack, long running,
        Double successRate, Double averageDurationSeconds, Double p90DurationSeconds, Instant lastDeploymentAt,
        double deploymentFrequencyPerDay, Double changeFailureRate, Double timeToRestoreSeconds,
        Double leadTimeForChangesSeconds) {

    public static DeploymentStats of(List<DeploymentOutcome> outcomes, Instant from, Instant to) {
        Set<UUID> undone = outcomes.stream().map(DeploymentOutcome::rollbackOf).filter(Objects::nonNull)
                .collect(Collectors.toSet());
        List<DeploymentOutcome> finished = outcomes.stream().filter(o -> o.finishedAt() != null && o.status().isTerminal()
                && o.status() != Status.SKIPPED).sorted(Comparator.comparing(DeploymentOutcome::finishedAt)).toList();
        long succeeded = outcomes.stream().filter(o -> o.status() == Status.SUCCESS).count();
        long failed = outcomes.stream().filter(o -> o.status() == Status.FAILED).count();
        long running = outcomes.stream().filter(o -> !o.status().isTerminal()).count();
        List<Duration> durations = finished.stream().map(o -> Duration.between(o.startedAt(), o.finishedAt()))
                .filter(d -> !d.isNegative()).sorted().toList();
        long badChanges = finished.stream().filter(o -> isBadChange(o, undone)).count();
        double days = Math.max(Duration.between(from, to).toSeconds() / 86_400.0, 1.0 / 24);

        long goodChanges = finished.stream().filter(o -> o.status() == Status.SUCCESS && !undone.contains(o.id())).count();
        return new DeploymentStats(from, to, outcomes.size(), succeeded, failed, undone.size(), running,
                finished.isEmpty() ? null : (double) succeeded / finished.size(),
                durations.isEmpty() ? null
                        : seconds(durations.stream().reduce(Duration.ZERO, Duration::plus).dividedBy(durations.size())),
                durations.isEmpty() ? null : seconds(durations.get((int) Math.ceil(durations.size() * 0.9) - 1)),
                outcomes.stream().map(DeploymentOutcome::startedAt).max(Comparator.naturalOrder()).orElse(null),
                goodChanges / days,
                finished.isEmpty() ? null : (double) badChanges / finished.size(),
                seconds(timeToRestore(finished, undone)), seconds(leadTime(finished, undone)));
    }

    private static Duration leadTime(List<DeploymentOutcome> finished, Set<UUID> undone) {
        List<Duration> leads = finished.stream()
                .filter(o -> o.status() == Status.SUCCESS && !undone.contains(o.id()) && o.commitTime() != null)
                .map(o -> Duration.between(o.commitTime(), o.finishedAt())).filter(d -> !d.isNegative()).toList();
        return leads.isEmpty() ? null : leads.stream().reduce(Duration.ZERO, Duration::plus).dividedBy(leads.size());
    }

    private static Double seconds(Duration duration) {
        return duration == null ? null : duration.toMillis() / 1000.0;
    }

    private static boolean isBadChange(DeploymentOutcome outcome, Set<UUID> undone) {
        return outcome.status() == Status.FAILED || undone.contains(outcome.id());
    }

    /** Mean time from each bad change's end to the end of the next good deployment after it. */
    private static Duration timeToRestore(List<DeploymentOutcome> finished, Set<UUID> undone) {
        Duration total = Duration.ZERO;
        int restored = 0;
        for (int i = 0; i < finished.size(); i++) {
            DeploymentOutcome bad = finished.get(i);
            if (!isBadChange(bad, undone)) {
                continue;
            }
            for (int k = i + 1; k < finished.size(); k++) {
                DeploymentOutcome next = finished.get(k);
                if (next.status() == Status.SUCCESS && !undone.contains(next.id())) {
                    total = total.plus(Duration.between(bad.finishedAt(), next.finishedAt()));
                    restored++;
                    break;
                }
            }
        }
        return restored == 0 ? null : total.dividedBy(restored);
    }
}
