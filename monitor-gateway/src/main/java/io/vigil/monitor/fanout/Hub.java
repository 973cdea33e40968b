package io.vigil.monitor.fanout;

import java.util.Collections;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * Routes each publication to the clients of its channels whose filter accepts it. Knows nothing of the transport.
 *
 * <p>Clients are indexed by channel (an immutable array per channel, replaced on subscribe and unsubscribe), so a
 * publish reads one array per channel and takes no lock but each receiving client's own, briefly, to queue the
 * message. It never waits for a client: one that cannot keep up is dropped (see {@link Connection}).
 *
 * <p>Thread-safe: publish from any number of threads (messages one thread publishes reach each client in that
 * order), subscribe and close from connection threads, send completions from I/O threads.
 */
public final class Hub {

    /** Sent to a client before it is closed for lagging, unless the hub was given another text. */
    public static final String LAGGING_MESSAGE = "{\"type\":\"lagging\"}";

    private static final Subscriber[] NONE = new Subscriber[0];

    private final FanOutLimits limits;
    private final Supplier<String> laggingMessage;
    private final Map<Channel, Subscriber[]> channels = new ConcurrentHashMap<>();
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();

    private final AtomicIntegerArray subscriptionsByKind = new AtomicIntegerArray(ChannelKind.values().length);
    private final LongAdder published = new LongAdder();
    private final LongAdder sent = new LongAdder();
    private final LongAdder lagging = new LongAdder();
    private final LongAdder failedSends = new LongAdder();
    private final LongAdder refused = new LongAdder();
    private final AtomicLong queueHighWater = new AtomicLong();
    private final AtomicLong queueBytesHighWater = new AtomicLong();

    public Hub() {
        this(FanOutLimits.DEFAULTS);
    }

    public Hub(FanOutLimits limits) {
        this(limits, () -> LAGGING_MESSAGE);
    }

    /** @param laggingMessage writes the message a lagging client gets before it is closed (the caller's envelope) */
    public Hub(FanOutLimits limits, Supplier<String> laggingMessage) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.laggingMessage = Objects.requireNonNull(laggingMessage, "laggingMessage");
    }

    public FanOutLimits limits() {
        return limits;
    }

    /** A new client with a random id. */
    public Connection connect(ClientSink sink) {
        return connect(UUID.randomUUID().toString(), sink);
    }

    /** A new client; {@code id} is for the caller's logs (the WebSocket connection id). */
    public Connection connect(String id, ClientSink sink) {
        Connection connection = new Connection(this, id, Objects.requireNonNull(sink, "sink"), limits);
        connections.add(connection);
        return connection;
    }

    /**
     * Queues {@code publication} for every client of its channels whose filter accepts it, writing its text once,
     * at the first such client (never, when there is none). A client on several of its channels gets it once.
     * Returns at once; returns how many clients took it.
     *
     * @throws RuntimeException what the encoder threw; then no client got the publication
     */
    public int publish(Publication publication) {
        published.increment();
        List<Channel> targets = publication.channels();
        if (targets.size() == 1) {
            return deliver(publication, channels.getOrDefault(targets.get(0), NONE), null);
        }
        Set<Connection> reached = Collections.newSetFromMap(new IdentityHashMap<>());
        int taken = 0;
        for (Channel channel : targets) {
            taken += deliver(publication, channels.getOrDefault(channel, NONE), reached);
        }
        return taken;
    }

    private static int deliver(Publication publication, Subscriber[] subscribers, Set<Connection> reached) {
        int taken = 0;
        for (Subscriber subscriber : subscribers) {
            if (subscriber.filter.accepts(publication) && (reached == null || reached.add(subscriber.connection))) {
                publication.text(); // the one write, outside any client's lock
                if (subscriber.connection.deliver(publication, subscriber)) {
                    taken++;
                }
            }
        }
        return taken;
    }

    /** Clients subscribed to {@code channel} now. */
    public int clients(Channel channel) {
        return channels.getOrDefault(channel, NONE).length;
    }

    public FanOutStats stats() {
        Map<ChannelKind, Integer> byKind = new EnumMap<>(ChannelKind.class);
        for (ChannelKind kind : ChannelKind.values()) {
            byKind.put(kind, subscriptionsByKind.get(kind.ordinal()));
        }
        long queued = 0;
        for (Connection connection : connections) {
            queued += connection.pendingMessages();
        }
        return new FanOutStats(connections.size(), byKind, published.sum(), sent.sum(), lagging.sum(),
                failedSends.sum(), refused.sum(), queued, queueHighWater.get(), queueBytesHighWater.get());
    }

    // --- called by Connection ---

    Admission subscribe(Connection connection, Subscriber subscriber, Supplier<String> first) {
        Channel channel = Objects.requireNonNull(subscriber.channel, "channel");
        Objects.requireNonNull(subscriber.filter, "filter");
        synchronized (connection) {
            if (!connection.openLocked()) {
                refused.increment();
                return new Admission.Refused(channel, "the connection is closed");
            }
            Admission.Refused refusal = index(subscriber);
            if (refusal != null) {
                refused.increment();
                return refusal;
            }
            Subscriber replaced = connection.subscriptions.put(channel, subscriber);
            if (replaced != null) {
                connection.deactivate(replaced);
            }
        }
        if (first != null) {
            String text;
            try {
                text = first.get();
            } catch (RuntimeException e) {
                synchronized (connection) {
                    if (connection.subscriptions.remove(channel, subscriber)) {
                        connection.deactivate(subscriber);
                        unindex(subscriber);
                    }
                }
                throw e;
            }
            connection.release(subscriber, text);
        }
        return new Admission.Accepted(channel);
    }

    /** Adds or replaces the connection's entry in its channel; a refusal when a keyed channel is full. */
    private Admission.Refused index(Subscriber subscriber) {
        Admission.Refused[] refusal = {null};
        boolean[] added = {false};
        channels.compute(subscriber.channel, (channel, subscribers) -> {
            if (subscribers == null) {
                added[0] = true;
                return new Subscriber[] {subscriber};
            }
            for (int i = 0; i < subscribers.length; i++) {
                if (subscribers[i].connection == subscriber.connection) {
                    Subscriber[] copy = subscribers.clone();
                    copy[i] = subscriber;
                    return copy;
                }
            }
            if (channel.kind().keyed() && subscribers.length >= limits.maxClientsPerChannel()) {
                refusal[0] = new Admission.Refused(channel, channel.name() + " already has " + subscribers.length
                        + " clients, the most one " + channel.kind().prefix() + " channel serves");
                return subscribers;
            }
            Subscriber[] copy = new Subscriber[subscribers.length + 1];
            System.arraycopy(subscribers, 0, copy, 0, subscribers.length);
            copy[subscribers.length] = subscriber;
            added[0] = true;
            return copy;
        });
        if (added[0]) {
            subscriptionsByKind.incrementAndGet(subscriber.channel.kind().ordinal());
        }
        return refusal[0];
    }

    /** Removes this subscriber from its channel's index, dropping the channel when it was the last. */
    void unindex(Subscriber subscriber) {
        boolean[] removed = {false};
        channels.computeIfPresent(subscriber.channel, (channel, subscribers) -> {
            for (int i = 0; i < subscribers.length; i++) {
                if (subscribers[i] == subscriber) {
                    removed[0] = true;
                    if (subscribers.length == 1) {
                        return null;
                    }
                    Subscriber[] copy = new Subscriber[subscribers.length - 1];
                    System.arraycopy(subscribers, 0, copy, 0, i);
                    System.arraycopy(subscribers, i + 1, copy, i, subscribers.length - i - 1);
                    return copy;
                }
            }
            return subscribers;
        });
        if (removed[0]) {
            subscriptionsByKind.decrementAndGet(subscriber.channel.kind().ordinal());
        }
    }

    /** A closed connection leaves every channel and the hub. */
    void forget(Connection connection) {
        for (Subscriber subscriber : connection.subscriptions.values()) {
            if (connection.subscriptions.remove(subscriber.channel, subscriber)) {
                unindex(subscriber);
            }
        }
        connections.remove(connection);
    }

    String laggingMessage() {
        return laggingMessage.get();
    }

    void highWater(int messages, long bytes) {
        if (messages > queueHighWater.get()) {
            queueHighWater.accumulateAndGet(messages, Math::max);
        }
        if (bytes > queueBytesHighWater.get()) {
            queueBytesHighWater.accumulateAndGet(bytes, Math::max);
        }
    }

    void sent() {
        sent.increment();
    }

    void lagging() {
        lagging.increment();
    }

    void failed() {
        failedSends.increment();
    }
}
