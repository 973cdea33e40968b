package io.vigil.pipeline.process;

import java.time.Duration;
import java.time.Instant;

/**
 * How one step process ended. {@code exitCode} only when it {@link Ending#EXITED} on its own; {@code reason}
 * says why when it did not (and names a log file that could not be written). {@code bytesWritten} is the log
 * file's size, Vigil's own notes included; {@code truncated} when output was cut at the cap.
 */
public record ProcessOutcome(
        Ending ending,
        Integer exitCode,
        String reason,
        Instant startedAt,
        Instant endedAt,
        long bytesWritten,
        boolean truncated) {

    public enum Ending {
        EXITED, TIMED_OUT, CANCELLED, FAILED_TO_START
    }

    public boolean succeeded() {
        return ending == Ending.EXITED && exitCode != null && exitCode == 0;
    }

    public Duration duration() {
        return Duration.between(startedAt, endedAt);
    }
}
