package io.vigil.monitor.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class AddressSlotsTest {

    private final AtomicLong now = new AtomicLong();
    private final AddressSlots slots = new AddressSlots(2, Duration.ofSeconds(10), now::get);

    @Test
    void anAddressGetsAsManySlotsAsTheLimitAndOthersAreNotAffected() {
        assertThat(slots.reserve("10.0.0.1")).isTrue();
        assertThat(slots.reserve("10.0.0.1")).isTrue();
        assertThat(slots.reserve("10.0.0.1")).isFalse();
        assertThat(slots.reserve("10.0.0.2")).isTrue();
        assertThat(slots.held("10.0.0.1")).isEqualTo(2);
        assertThat(slots.held("10.0.0.2")).isEqualTo(1);
    }

    @Test
    void aClosedConnectionFreesItsSlot() {
        slots.reserve("a");
        slots.opened("a", "c1");
        slots.reserve("a");
        slots.opened("a", "c2");
        assertThat(slots.reserve("a")).isFalse();
        slots.closed("a", "c1");
        assertThat(slots.held("a")).isEqualTo(1);
        assertThat(slots.reserve("a")).isTrue();
    }

    @Test
    void aCloseReportedBeforeItsOpenStillFreesTheSlotOnce() {
        slots.reserve("a");
        slots.closed("a", "c1");
        slots.opened("a", "c1");
        assertThat(slots.held("a")).isZero();
        assertThat(slots.reserve("a")).isTrue();
        assertThat(slots.reserve("a")).isTrue();
    }

    @Test
    void anUpgradeThatNeverOpensLapsesAfterTheGrace() {
        slots.reserve("a");
        slots.reserve("a");
        assertThat(slots.reserve("a")).isFalse();
        now.addAndGet(Duration.ofSeconds(11).toNanos());
        assertThat(slots.reserve("a")).isTrue();
        assertThat(slots.held("a")).isEqualTo(1);
    }

    @Test
    void anOpenConnectionDoesNotLapse() {
        slots.reserve("a");
        slots.opened("a", "c1");
        now.addAndGet(Duration.ofMinutes(5).toNanos());
        slots.reserve("a");
        assertThat(slots.reserve("a")).isFalse();
    }

    @Test
    void aLimitBelowOneIsRefused() {
        assertThatThrownBy(() -> new AddressSlots(0, Duration.ofSeconds(1), now::get))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
