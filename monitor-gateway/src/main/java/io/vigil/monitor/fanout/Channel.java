package io.vigil.monitor.fanout;

/**
 * One channel of the hub: {@code monitor}, {@code run:{runId}}, {@code logs:{taskId}}, {@code metrics} or
 * {@code alerts}. The key is the run or task id for keyed kinds and empty for the others.
 */
public record Channel(ChannelKind kind, String key) {

    public static final Channel MONITOR = new Channel(ChannelKind.MONITOR, "");
    public static final Channel METRICS = new Channel(ChannelKind.METRICS, "");
    public static final Channel ALERTS = new Channel(ChannelKind.ALERTS, "");

    public Channel {
        if (kind == null) {
            throw new IllegalArgumentException("a channel needs a kind");
        }
        key = key == null ? "" : key;
        if (kind.keyed() && key.isBlank()) {
            throw new IllegalArgumentException("channel " + kind.prefix() + ": needs an id");
        }
        if (!kind.keyed() && !key.isEmpty()) {
            throw new IllegalArgumentException("channel " + kind.prefix() + " takes no id, got " + key);
        }
    }

    public static Channel run(String runId) {
        return new Channel(ChannelKind.RUN, runId);
    }

    public static Channel logLines(String taskId) {
        return new Channel(ChannelKind.LOG_LINES, taskId);
    }

    public static Channel execution(String runId) {
        return new Channel(ChannelKind.EXECUTION, runId);
    }

    public static Channel logs(String taskId) {
        return new Channel(ChannelKind.LOGS, taskId);
    }

    /** The channel named {@code name}: {@code monitor}, {@code run:42}, {@code logs:build-7}, … */
    public static Channel parse(String name) {
        if (name == null) {
            throw new IllegalArgumentException("a channel name is required");
        }
        int colon = name.indexOf(':');
        String prefix = colon < 0 ? name : name.substring(0, colon);
        for (ChannelKind kind : ChannelKind.values()) {
            if (kind.prefix().equals(prefix)) {
                if (kind.keyed() && colon < 0) {
                    throw new IllegalArgumentException("channel " + name + " needs an id: " + prefix + ":{id}");
                }
                return new Channel(kind, colon < 0 ? "" : name.substring(colon + 1));
            }
        }
        throw new IllegalArgumentException("unknown channel " + name
                + "; one of monitor, run:{runId}, logs:{taskId}, execution:{runId}, metrics, alerts");
    }

    /** The channel's name as clients write it. */
    public String name() {
        return kind.keyed() ? kind.prefix() + ':' + key : kind.prefix();
    }

    @Override
    public String toString() {
        return name();
    }
}
