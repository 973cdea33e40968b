package io.vigil.pipeline.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** kill(2) on real process groups. */
class GroupSignalsTest {

    private long child;

    @AfterEach
    void stop() {
        ProcessHandle.of(child).ifPresent(ProcessHandle::destroyForcibly);
    }

    @Test
    void aGroupIsLeftUntilItsLastMemberEnds() throws Exception {
        // the shell leads its own group and leaves a child in it once it has exited itself
        Process leader = new ProcessBuilder("setsid", "-w", "/bin/sh", "-c", "sleep 1000 >/dev/null & echo $!").start();
        long group = leader.pid();
        child = Long.parseLong(new String(leader.getInputStream().readNBytes(32)).trim());
        assertThat(leader.waitFor(20, TimeUnit.SECONDS)).isTrue();

        assertThat(GroupSignals.anyLeft(group)).isTrue();
        GroupSignals.signal(group, GroupSignals.SIGTERM);

        ProcessHandle.of(child).ifPresent(handle -> handle.onExit().orTimeout(20, TimeUnit.SECONDS).join());
        assertThat(GroupSignals.anyLeft(group)).isFalse();
    }

    @Test
    void aGroupThatNeverExistedHasNothingLeft() {
        assertThat(GroupSignals.anyLeft(Integer.MAX_VALUE - 7)).isFalse();
    }
}
