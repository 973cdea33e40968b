package io.vigil.monitor.fanout;

import java.util.List;

/**
 * One connection's subscription to one channel, as the channel index holds it. The mutable parts are guarded by
 * the connection's lock.
 */
final class Subscriber {

    final Connection connection;
    final Channel channel;
    final Filter filter;

    /** False once unsubscribed or replaced: a publish still holding the old index then skips it. */
    boolean active = true;
    /** Live messages held while the subscription's first message is written; null when none is pending. */
    List<Publication> held;
    /** Set for a resumed subscription; buffers until history arrives, then drops what the client already has. */
    ReplaySwitch replay;

    Subscriber(Connection connection, Channel channel, Filter filter) {
        this.connection = connection;
        this.channel = channel;
        this.filter = filter;
    }
}
