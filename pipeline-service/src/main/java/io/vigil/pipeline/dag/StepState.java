package io.vigil.pipeline.dag;

import java.util.Locale;

import io.vigil.events.Status;

/** Where one step of a run stands; written in lower case on the wire and in the database. */
public enum StepState {
    PENDING, RUNNING, SUCCESS, FAILED, TIMED_OUT, CANCELLED, SKIPPED, INTERRUPTED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Reads {@link #wire()}; throws {@link IllegalArgumentException} for any other word. */
    public static StepState fromWire(String wire) {
        return valueOf(wire.toUpperCase(Locale.ROOT));
    }

    /** True once nothing more will happen to the step. */
    public boolean isTerminal() {
        return this != PENDING && this != RUNNING;
    }

    /** True for the ways a step ends without doing its job: it failed, ran out of time, or lost its process. */
    public boolean isFailure() {
        return this == FAILED || this == TIMED_OUT || this == INTERRUPTED;
    }

    /** The shared status events carry, which knows no timeouts or interruptions: those are failures there. */
    public Status status() {
        return switch (this) {
            case PENDING -> Status.PENDING;
            case RUNNING -> Status.RUNNING;
            case SUCCESS -> Status.SUCCESS;
            case FAILED, TIMED_OUT, INTERRUPTED -> Status.FAILED;
            case CANCELLED -> Status.CANCELLED;
            case SKIPPED -> Status.SKIPPED;
        };
    }
}
