package io.vigil.ingest.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.vigil.events.Status;

class DeploymentStatsTest {

    static final Instant FROM = Instant.parse("2024-01-01T00:00:00Z");
    static final Instant TO = FROM.plusSeconds(10 * 86_400);

    static DeploymentOutcome outcome(Status status, int startMinute, int minutes, UUID rollbackOf) {
        Instant start = FROM.plusSeconds(startMinute * 60L);
        return new DeploymentOutcome(UUID.randomUUID(), status, start,
                status.isTerminal() ? start.plusSeconds(minutes * 60L) : null, rollbackOf);
    }

    @Test
    void noDeploymentsMeansNoRatesRatherThanZeros() {
        DeploymentStats stats = DeploymentStats.of(List.of(), FROM, TO);
        assertThat(stats.total()).isZero();
        assertThat(stats.successRate()).isNull();
        assertThat(stats.changeFailureRate()).isNull();
        assertThat(stats.timeToRestoreSeconds()).isNull();
        assertThat(stats.deploymentFrequencyPerDay()).isZero();
    }

    @Test
    void countsRatesDurationsAndTheDoraKeys() {
        DeploymentOutcome ok1 = outcome(Status.SUCCESS, 0, 10, null);          // 0:00-0:10
        DeploymentOutcome bad = outcome(Status.FAILED, 60, 5, null);           // 1:00-1:05
        DeploymentOutcome fix = outcome(Status.SUCCESS, 120, 20, null);        // 2:00-2:20 restores 1:05 → 75 min
        DeploymentOutcome broken = outcome(Status.SUCCESS, 180, 10, null);     // 3:00-3:10, rolled back below
        DeploymentOutcome rollback = outcome(Status.SUCCESS, 200, 5, broken.id()); // 3:20-3:25 restores 3:10 → 15 min
        DeploymentOutcome running = outcome(Status.RUNNING, 300, 0, null);

        DeploymentStats stats = DeploymentStats.of(List.of(ok1, bad, fix, broken, rollback, running), FROM, TO);

        assertThat(stats.total()).isEqualTo(6);
        assertThat(stats.succeeded()).isEqualTo(4);
        assertThat(stats.failed()).isEqualTo(1);
        assertThat(stats.rolledBack()).isEqualTo(1);
        assertThat(stats.running()).isEqualTo(1);
        assertThat(stats.successRate()).isCloseTo(4 / 5.0, within(1e-9));
        assertThat(stats.averageDurationSeconds()).isCloseTo((10 + 5 + 20 + 10 + 5) * 60 / 5.0, within(1e-9));
        assertThat(stats.p90DurationSeconds()).isEqualTo(20 * 60.0);
        assertThat(stats.lastDeploymentAt()).isEqualTo(running.startedAt());
        assertThat(stats.changeFailureRate()).as("the failure and the rolled-back change").isCloseTo(2 / 5.0, within(1e-9));
        assertThat(stats.timeToRestoreSeconds()).isEqualTo((75 + 15) / 2.0 * 60);
        assertThat(stats.deploymentFrequencyPerDay()).as("3 good changes in 10 days").isCloseTo(0.3, within(1e-9));
        assertThat(stats.leadTimeForChangesSeconds()).isNull();
    }

    @Test
    void leadTimeIsCommitToDeployedForGoodChangesWithAKnownCommitTime() {
        Instant commit = FROM.minusSeconds(3600);
        DeploymentOutcome quick = new DeploymentOutcome(UUID.randomUUID(), Status.SUCCESS, FROM, FROM.plusSeconds(600), null,
                commit);                                                        // 70 min after its commit
        DeploymentOutcome failed = new DeploymentOutcome(UUID.randomUUID(), Status.FAILED, FROM, FROM.plusSeconds(60), null,
                commit);                                                        // not a delivered change
        DeploymentOutcome unknown = outcome(Status.SUCCESS, 0, 10, null);       // no commit time
        DeploymentOutcome slow = new DeploymentOutcome(UUID.randomUUID(), Status.SUCCESS, FROM, FROM.plusSeconds(3000), null,
                commit);                                                        // 110 min
        DeploymentStats stats = DeploymentStats.of(List.of(quick, failed, unknown, slow), FROM, TO);
        assertThat(stats.leadTimeForChangesSeconds()).isEqualTo(90 * 60.0);
    }
}
