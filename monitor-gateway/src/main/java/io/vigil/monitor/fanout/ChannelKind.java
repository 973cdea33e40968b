package io.vigil.monitor.fanout;

/**
 * The kinds of channel a client can subscribe to. Keyed kinds ({@code run:{runId}}, {@code logs:{taskId}}) name one
 * entity each and have a client limit; the others are single, gateway-wide channels.
 */
public enum ChannelKind {
    MONITOR("monitor", false),
    RUN("run", true),
    LOGS("logs", true),
    /** A task's lines one message each, in the shape the existing install-log clients read ({@code /v1/log/ws}). */
    LOG_LINES("log-lines", true),
    /** A run's state, steps and step logs, in the shape the existing execution monitors read ({@code /ws/executions/{id}/}). */
    EXECUTION("execution", true),
    METRICS("metrics", false),
    ALERTS("alerts", false);

    private final String prefix;
    private final boolean keyed;

    ChannelKind(String prefix, boolean keyed) {
        this.prefix = prefix;
        this.keyed = keyed;
    }

    /** How a channel of this kind is named: {@code monitor}, or {@code run} in {@code run:42}. */
    public String prefix() {
        return prefix;
    }

    /** True when each channel of this kind names one entity (a run, a log task). */
    public boolean keyed() {
        return keyed;
    }
}
