package io.vigil.monitor.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The small parts: durations, windows, rates, requests, the update schedule. */
class MetricsPartsTest {

    static final Instant T = Instant.parse("2026-11-25T10:00:00Z");

    @Test
    void percentilesAreNearestRankOverTheLastSamples() {
        RecentDurations durations = new RecentDurations(3);
        assertThat(durations.percentile(90)).isEmpty();
        durations.add(Duration.ofSeconds(100));
        assertThat(durations.percentile(90)).hasValue(100.0);
        durations.add(Duration.ofSeconds(1));
        durations.add(Duration.ofSeconds(2));
        durations.add(Duration.ofSeconds(3)); // pushes the 100 out
        assertThat(durations.samples()).containsExactly(1.0, 2.0, 3.0);
        assertThat(durations.average()).hasValue(2.0);
        assertThat(durations.percentile(90)).hasValue(3.0);
        assertThat(durations.percentile(50)).hasValue(2.0);
    }

    @Test
    void aWindowedCountDropsSecondsOlderThanTheWindow() {
        WindowedCount count = new WindowedCount(Duration.ofSeconds(3));
        count.add(T, 5);
        count.add(T.plusSeconds(2), 1);
        assertThat(count.total(T.plusSeconds(2))).isEqualTo(6);
        assertThat(count.total(T.plusSeconds(3))).isEqualTo(1);
        count.add(T.plusSeconds(3), 2); // reuses the first second's slot
        assertThat(count.total(T.plusSeconds(3))).isEqualTo(3);
        assertThat(count.perSecond(T.plusSeconds(3))).isEqualTo(1.0);
    }

    @Test
    void aCounterRateIsTheGrowthSinceTheOldestReadingInTheWindow() {
        CounterRate rate = new CounterRate(Duration.ofSeconds(10));
        assertThat(rate.perSecond(T, 100)).as("no earlier reading").isZero();
        assertThat(rate.perSecond(T.plusSeconds(5), 150)).isEqualTo(10.0);
        assertThat(rate.perSecond(T.plusSeconds(12), 164)).isEqualTo(2.0); // since the reading at 5 s
        assertThat(rate.perSecond(T.plusSeconds(12), 164)).as("asked again at once, the same").isEqualTo(2.0);
    }

    @Test
    void aClientAsksForPingOrAPeriodOfOneToSixtySeconds() {
        assertThat(MetricsRequest.parse("{\"type\":\"ping\"}")).isEqualTo(new MetricsRequest.Ping());
        assertThat(MetricsRequest.parse("{\"type\":\"period\",\"seconds\":60}")).isEqualTo(new MetricsRequest.Period(60));
        assertThat(MetricsRequest.seconds("1")).isEqualTo(1);
    }

    @Test
    void badRequestsAreRefusedNamingWhatIsWrong() {
        assertThatThrownBy(() -> MetricsRequest.parse("{not json")).hasMessage("message is not JSON");
        assertThatThrownBy(() -> MetricsRequest.parse("[]")).hasMessage("message needs a string field 'type'");
        assertThatThrownBy(() -> MetricsRequest.parse("{\"type\":\"subscribe\"}"))
                .hasMessage("unknown message type 'subscribe'; use ping or period");
        assertThatThrownBy(() -> MetricsRequest.parse("{\"type\":\"period\",\"seconds\":61}"))
                .hasMessage("field 'seconds' must be a whole number of seconds, 1 to 60, was 61");
        assertThatThrownBy(() -> MetricsRequest.parse("{\"type\":\"period\",\"seconds\":0}"))
                .hasMessage("field 'seconds' must be a whole number of seconds, 1 to 60, was 0");
        for (String bad : List.of("1.5", "\"5\"", "null", "99999999999")) {
            assertThatThrownBy(() -> MetricsRequest.parse("{\"type\":\"period\",\"seconds\":" + bad + "}"))
                    .hasMessage("field 'seconds' must be a whole number of seconds, 1 to 60");
        }
        assertThatThrownBy(() -> MetricsRequest.parse("{\"type\":\"period\"}"))
                .hasMessage("field 'seconds' must be a whole number of seconds, 1 to 60");
        assertThatThrownBy(() -> MetricsRequest.seconds("abc"))
                .hasMessage("period must be a whole number of seconds, 1 to 60, was abc");
        assertThatThrownBy(() -> MetricsRequest.seconds("-5"))
                .hasMessage("period must be a whole number of seconds, 1 to 60, was -5");
    }

    /** Timers that run only when told to. */
    static final class FakeTimers implements UpdateSchedule.Timers {
        final List<Runnable> running = new ArrayList<>();
        final List<Duration> periods = new ArrayList<>();

        @Override
        public Runnable every(Duration period, Runnable task) {
            running.add(task);
            periods.add(period);
            return () -> running.remove(task);
        }

        void tickAll() {
            List.copyOf(running).forEach(Runnable::run);
        }
    }

    @Test
    void aGroupHasOneTimerWhileItHasClientsAndNoneWithout() {
        FakeTimers timers = new FakeTimers();
        List<UpdateGroup> ticks = new ArrayList<>();
        UpdateSchedule schedule = new UpdateSchedule(timers, ticks::add);
        UpdateGroup fiveSeconds = new UpdateGroup(UpdateGroup.Shape.VIGIL, 5);
        UpdateGroup legacy = new UpdateGroup(UpdateGroup.Shape.LEGACY, 5);

        timers.tickAll();
        assertThat(ticks).as("nothing is computed without a client").isEmpty();

        schedule.join("a", fiveSeconds);
        schedule.join("b", fiveSeconds);
        schedule.join("c", legacy);
        assertThat(schedule.runningTimers()).isEqualTo(2);
        assertThat(timers.periods).containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(5));
        timers.tickAll();
        assertThat(ticks).containsExactlyInAnyOrder(fiveSeconds, legacy);

        schedule.join("a", new UpdateGroup(UpdateGroup.Shape.VIGIL, 1)); // a asked for 1 s
        assertThat(schedule.runningTimers()).isEqualTo(3);
        schedule.leave("b");
        schedule.leave("c");
        schedule.leave("a");
        schedule.leave("a"); // a second close changes nothing
        assertThat(schedule.runningTimers()).isZero();
        ticks.clear();
        timers.tickAll();
        assertThat(ticks).isEmpty();
    }

    @Test
    void aGroupNeedsAPeriodOfOneToSixtySeconds() {
        assertThatThrownBy(() -> new UpdateGroup(UpdateGroup.Shape.VIGIL, 0))
                .hasMessage("period must be 1 to 60 seconds, was 0");
        assertThat(new UpdateGroup(UpdateGroup.Shape.LEGACY, 60).messageType()).isEqualTo("legacy_metrics_update/60s");
    }
}
