package io.vigil.logs.parse;

import java.time.Instant;

/**
 * What a log line says about itself: when it was written, how serious it is, how far the work has come. Every
 * field is {@code null} when the line does not say. {@code step} and {@code steps} come from a marker such as
 * {@code [3/5]}, with {@code stepText} the words naming that step; a percentage is never derived from them here.
 */
public record ParsedLine(Instant timestamp, Level level, Integer progress, Integer step, Integer steps,
        String stepText) {

    public static final ParsedLine NOTHING = new ParsedLine(null, null, null, null, null, null);
}
