package io.vigil.pipeline.process;

import com.sun.jna.Native;
import com.sun.jna.Platform;

/**
 * {@code kill(2)} on a process group, through JNA: a signal to every member at once, and signal 0 to learn
 * whether any member is left, each one system call instead of a forked shell or a read of all of {@code /proc}.
 */
final class GroupSignals {

    static final int SIGKILL = 9;
    static final int SIGTERM = 15;
    private static final int EPERM = 1;

    static {
        Native.register(Platform.C_LIBRARY_NAME);
    }

    private GroupSignals() {
    }

    private static native int kill(int pid, int signal);

    /** Sends {@code signal} to every process of the group. */
    static void signal(long group, int signal) {
        kill(-Math.toIntExact(group), signal);
    }

    /** Whether any process of the group is left (one we may not signal still counts). */
    static boolean anyLeft(long group) {
        return kill(-Math.toIntExact(group), 0) == 0 || Native.getLastError() == EPERM;
    }
}
