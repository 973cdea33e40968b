package io.vigil.monitor.fanout;

import java.util.Map;

/**
 * A snapshot of the hub's counts, for the gateway to expose as metrics. Counters run from the hub's start.
 *
 * @param connections           clients connected now
 * @param subscriptions         subscriptions now, per channel kind (a client on two channels counts twice)
 * @param published             publications handed to the hub
 * @param sent                  messages the transports confirmed sent
 * @param laggingDisconnects    clients closed because their queue would have overflowed
 * @param failedSends           clients closed because a send failed
 * @param refusedSubscriptions  subscriptions refused (a full channel, a closed client)
 * @param queuedMessages        live messages waiting in all queues now
 * @param queueHighWater        the most live messages one client ever had waiting
 * @param queueBytesHighWater   the most bytes one client ever had waiting
 */
public record FanOutStats(int connections, Map<ChannelKind, Integer> subscriptions, long published, long sent,
        long laggingDisconnects, long failedSends, long refusedSubscriptions, long queuedMessages,
        long queueHighWater, long queueBytesHighWater) {

    public FanOutStats {
        subscriptions = Map.copyOf(subscriptions);
    }
}
