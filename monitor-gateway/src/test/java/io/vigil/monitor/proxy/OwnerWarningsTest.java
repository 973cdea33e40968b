package io.vigil.monitor.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class OwnerWarningsTest {

    @Test
    void oneWarningPerIntervalSayingHowManyWereHeldBack() {
        AtomicLong now = new AtomicLong(1_000);
        OwnerWarnings warnings = new OwnerWarnings(now::get);
        assertThat(warnings.due()).isZero();
        assertThat(warnings.due()).isEqualTo(-1);
        now.addAndGet(OwnerWarnings.INTERVAL.toNanos() - 1);
        assertThat(warnings.due()).isEqualTo(-1);
        now.addAndGet(1);
        assertThat(warnings.due()).isEqualTo(2);
        assertThat(warnings.due()).isEqualTo(-1);
    }
}
