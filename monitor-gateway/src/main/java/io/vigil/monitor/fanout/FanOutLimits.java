package io.vigil.monitor.fanout;

/**
 * The bounds the hub keeps per client and per channel.
 *
 * @param maxQueuedMessages    live messages a client may have waiting (accepted, not yet handed to its transport)
 * @param maxQueuedBytes       their UTF-8 size; whichever bound is crossed first makes the client {@code lagging}
 * @param maxClientsPerChannel clients one {@code run:} or {@code logs:} channel serves; more are refused
 */
public record FanOutLimits(int maxQueuedMessages, long maxQueuedBytes, int maxClientsPerChannel) {

    public static final FanOutLimits DEFAULTS = new FanOutLimits(1_000, 4L * 1024 * 1024, 100);

    public FanOutLimits {
        if (maxQueuedMessages < 1) {
            throw new IllegalArgumentException("max-queued-messages must be 1 or more, was " + maxQueuedMessages);
        }
        if (maxQueuedBytes < 1) {
            throw new IllegalArgumentException("max-queued-bytes must be 1 or more, was " + maxQueuedBytes);
        }
        if (maxClientsPerChannel < 1) {
            throw new IllegalArgumentException("max-clients-per-channel must be 1 or more, was " + maxClientsPerChannel);
        }
    }
}
