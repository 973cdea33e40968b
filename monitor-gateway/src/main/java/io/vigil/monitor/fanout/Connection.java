package io.vigil.monitor.fanout;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One client of the hub: its subscriptions and its bounded send queue.
 *
 * <p>Messages go to the {@link ClientSink} one at a time, in the order they were queued; the next goes when the
 * previous send completes. Live messages waiting (queued, held for a first message, buffered for a replay) are
 * bounded by {@link FanOutLimits}: when one more would cross a bound, the client is sent the lagging message
 * (bypassing its queue), closed with {@link Disconnect#LAGGING} and removed. A failed send closes it with
 * {@link Disconnect#SEND_FAILED}. One-off messages the caller bounds itself (a subscription's first message,
 * a replay's recovery notice and history) are queued in order but not counted against the bounds.
 *
 * <p>Thread-safe. Each connection has its own lock, held briefly to queue or take a message; no call waits for
 * the transport.
 */
public final class Connection {

    private record Direct(String text, int bytes) {
    }

    private record Unbounded(String text) {
    }

    private final Hub hub;
    private final String id;
    private final ClientSink sink;
    private final FanOutLimits limits;
    final Map<Channel, Subscriber> subscriptions = new ConcurrentHashMap<>(4);

    // guarded by this
    private final ArrayDeque<Object> queue = new ArrayDeque<>();
    private int pendingMessages;
    private long pendingBytes;
    private boolean sending;
    private boolean open = true;
    private Disconnect disconnect;

    Connection(Hub hub, String id, ClientSink sink, FanOutLimits limits) {
        this.hub = hub;
        this.id = id;
        this.sink = sink;
        this.limits = limits;
    }

    public String id() {
        return id;
    }

    /** Subscribes to a channel, or changes the filter of a subscription it has. */
    public Admission subscribe(Channel channel, Filter filter) {
        return hub.subscribe(this, new Subscriber(this, channel, filter), null);
    }

    /**
     * Subscribes, sending {@code first} (a snapshot, the recent alerts) before any live message of the channel.
     * {@code first} is called after the subscription is live, outside any lock, so the snapshot is at least as new as
     * any message held back meanwhile; it is not counted against the queue bounds.
     */
    public Admission subscribe(Channel channel, Filter filter, Supplier<String> first) {
        Subscriber subscriber = new Subscriber(this, channel, filter);
        subscriber.held = new ArrayList<>();
        return hub.subscribe(this, subscriber, Objects.requireNonNull(first, "first"));
    }

    /**
     * Subscribes to a {@code run:} or {@code logs:} channel as a client that has every seq up to {@code after}
     * (0: none). Live messages are buffered until {@link #replay} is given the owner's history.
     */
    public Admission resume(Channel channel, long after) {
        Subscriber subscriber = new Subscriber(this, channel, Filter.EVERYTHING);
        subscriber.replay = new ReplaySwitch(after);
        return hub.subscribe(this, subscriber, null);
    }

    /** The lowest seq buffered on a resumed channel: history needs to reach just below it. */
    public OptionalLong firstBufferedSeq(Channel channel) {
        synchronized (this) {
            Subscriber subscriber = subscriptions.get(channel);
            return subscriber == null || subscriber.replay == null ? OptionalLong.empty()
                    : subscriber.replay.firstBufferedSeq();
        }
    }

    /**
     * Switches a resumed channel to live: queues the recovery notice ({@code notice} may return null to send none),
     * then {@code history} (seq &gt; after, as the owner returned it), then the buffered live messages it did not
     * cover, atomically with respect to later live messages. Returns the recovery, or empty when the client is gone.
     *
     * @throws IllegalStateException when the channel was not resumed, or was switched already
     */
    public Optional<Recovery> replay(Channel channel, List<Publication> history, Function<Recovery, String> notice) {
        for (Publication publication : history) {
            publication.text(); // written outside the lock, so live delivery to this client does not wait on it
        }
        Object first;
        Recovery recovery;
        synchronized (this) {
            if (!open) {
                return Optional.empty();
            }
            Subscriber subscriber = subscriptions.get(channel);
            if (subscriber == null || subscriber.replay == null) {
                throw new IllegalStateException(id + " did not resume " + channel);
            }
            ReplaySwitch replay = subscriber.replay;
            int heldMessages = replay.bufferedCount();
            long heldBytes = replay.bufferedBytes();
            ReplaySwitch.Replay switched = replay.history(history);
            pendingMessages -= heldMessages;
            pendingBytes -= heldBytes;
            recovery = switched.recovery();
            String text = notice.apply(recovery);
            if (text != null) {
                queue.add(new Unbounded(text));
            }
            for (Publication publication : switched.history()) {
                queue.add(new Unbounded(publication.text()));
            }
            for (Publication publication : switched.live()) {
                queueCounted(publication, publication.bytes());
            }
            first = overBoundsOrStart();
        }
        dispatch(first);
        return Optional.of(recovery);
    }

    /** Leaves a channel; no message of it is queued after this returns. */
    public boolean unsubscribe(Channel channel) {
        synchronized (this) {
            Subscriber subscriber = subscriptions.remove(channel);
            if (subscriber == null) {
                return false;
            }
            deactivate(subscriber);
            hub.unindex(subscriber);
            return true;
        }
    }

    /** Queues a message for this client alone (a pong, an error), behind what is queued; counted against the bounds. */
    public boolean send(String text) {
        Object first;
        synchronized (this) {
            if (!open) {
                return false;
            }
            int bytes = Publication.utf8Length(text);
            queueCounted(new Direct(text, bytes), bytes);
            first = overBoundsOrStart();
        }
        dispatch(first);
        return first != LAGGING;
    }

    /** The transport closed: stop queueing, forget the queue, leave every channel. Does not call the sink. */
    public void closed() {
        synchronized (this) {
            if (!open) {
                return;
            }
            shut();
        }
        hub.forget(this);
    }

    public synchronized boolean isOpen() {
        return open;
    }

    /** Why the hub closed this client; empty while open or when the transport closed on its own. */
    public synchronized Optional<Disconnect> disconnect() {
        return Optional.ofNullable(disconnect);
    }

    /** Live messages waiting (queued, held, buffered), what the message bound counts. */
    public synchronized int pendingMessages() {
        return pendingMessages;
    }

    /** Their size in UTF-8, what the byte bound counts. */
    public synchronized long pendingBytes() {
        return pendingBytes;
    }

    @Override
    public String toString() {
        return "Connection " + id;
    }

    // --- the hub's side ---

    /** Called by the hub, with the subscriber's connection lock not held. True when the message was taken. */
    boolean deliver(Publication publication, Subscriber subscriber) {
        Object first;
        synchronized (this) {
            if (!open || !subscriber.active) {
                return false;
            }
            if (subscriber.held != null) {
                subscriber.held.add(publication);
                pendingMessages++;
                pendingBytes += publication.bytes();
            } else if (subscriber.replay != null) {
                ReplaySwitch replay = subscriber.replay;
                int heldMessages = replay.bufferedCount();
                long heldBytes = replay.bufferedBytes();
                List<Publication> now = replay.live(publication);
                pendingMessages += replay.bufferedCount() - heldMessages;
                pendingBytes += replay.bufferedBytes() - heldBytes;
                for (Publication part : now) {
                    queueCounted(part, part.bytes());
                }
            } else {
                queueCounted(publication, publication.bytes());
            }
            first = overBoundsOrStart();
        }
        dispatch(first);
        return first != LAGGING;
    }

    /** Sends a subscription's first message, then what was held back meanwhile. */
    void release(Subscriber subscriber, String firstText) {
        Object first;
        synchronized (this) {
            if (!open || !subscriber.active) {
                return;
            }
            queue.add(new Unbounded(firstText));
            for (Publication publication : subscriber.held) {
                queue.add(publication); // already counted while held
            }
            subscriber.held = null;
            first = overBoundsOrStart();
        }
        dispatch(first);
    }

    /** Must hold this lock. Marks a replaced or removed subscription inactive and drops what it held. */
    void deactivate(Subscriber subscriber) {
        subscriber.active = false;
        if (subscriber.held != null) {
            for (Publication publication : subscriber.held) {
                pendingMessages--;
                pendingBytes -= publication.bytes();
            }
            subscriber.held = null;
        }
        if (subscriber.replay != null) {
            pendingMessages -= subscriber.replay.bufferedCount();
            pendingBytes -= subscriber.replay.bufferedBytes();
            subscriber.replay = null;
        }
    }

    /** Must hold this lock. */
    boolean openLocked() {
        return open;
    }

    // --- the queue ---

    private static final Object LAGGING = new Object();

    private void queueCounted(Object item, int bytes) {
        queue.add(item);
        pendingMessages++;
        pendingBytes += bytes;
    }

    /**
     * Under the lock, after queueing: {@link #LAGGING} when a bound is crossed (the client is shut), the message to
     * send when nothing is in flight, else null.
     */
    private Object overBoundsOrStart() {
        if (pendingMessages > limits.maxQueuedMessages() || pendingBytes > limits.maxQueuedBytes()) {
            disconnect = Disconnect.LAGGING;
            shut();
            return LAGGING;
        }
        hub.highWater(pendingMessages, pendingBytes);
        if (sending || queue.isEmpty()) {
            return null;
        }
        sending = true;
        return takeLocked();
    }

    private Object takeLocked() {
        Object item = queue.poll();
        if (item instanceof Publication publication) {
            pendingMessages--;
            pendingBytes -= publication.bytes();
        } else if (item instanceof Direct direct) {
            pendingMessages--;
            pendingBytes -= direct.bytes();
        }
        return item;
    }

    private void shut() {
        open = false;
        queue.clear();
        pendingMessages = 0;
        pendingBytes = 0;
        for (Subscriber subscriber : subscriptions.values()) {
            subscriber.active = false;
            subscriber.held = null;
            subscriber.replay = null;
        }
    }

    private void dispatch(Object first) {
        if (first == LAGGING) {
            hub.lagging();
            try {
                sink.send(hub.laggingMessage());
            } catch (RuntimeException ignored) {
                // the client is being dropped either way
            }
            closeSink(Disconnect.LAGGING);
        } else if (first != null) {
            sendFrom(first);
        }
    }

    /** Sends {@code item} and whatever follows it, looping while sends complete at once (no recursion). */
    private void sendFrom(Object item) {
        while (item != null) {
            Send send = new Send();
            try {
                CompletionStage<Void> stage = item instanceof Publication publication
                        ? sink.send(publication.text(), publication.utf8(), publication.eventTime())
                        : sink.send(textOf(item));
                stage.whenComplete(send);
            } catch (RuntimeException e) {
                failed();
                return;
            }
            if (send.compareAndSet(Send.PENDING, Send.LEFT_TO_CALLBACK)) {
                return;
            }
            item = next();
        }
    }

    private Object next() {
        synchronized (this) {
            if (!open) {
                sending = false;
                return null;
            }
            Object item = takeLocked();
            if (item == null) {
                sending = false;
            }
            return item;
        }
    }

    private void failed() {
        synchronized (this) {
            if (!open) {
                return;
            }
            disconnect = Disconnect.SEND_FAILED;
            shut();
        }
        hub.failed();
        closeSink(Disconnect.SEND_FAILED);
    }

    private void closeSink(Disconnect reason) {
        try {
            sink.close(reason.code(), reason.reason());
        } catch (RuntimeException ignored) {
            // the client is being dropped either way
        }
        hub.forget(this);
    }

    private static String textOf(Object item) {
        if (item instanceof Publication publication) {
            return publication.text();
        } else if (item instanceof Direct direct) {
            return direct.text();
        }
        return ((Unbounded) item).text();
    }

    /**
     * The completion of one send. Whoever comes second of the send loop and the completion continues with the next
     * message: the loop when the stage completed at once, the callback otherwise.
     */
    private final class Send extends AtomicInteger implements BiConsumer<Void, Throwable> {

        static final int PENDING = 0;
        static final int COMPLETED = 1;
        static final int LEFT_TO_CALLBACK = 2;

        @Override
        public void accept(Void ignored, Throwable failure) {
            if (failure != null) {
                failed();
                return;
            }
            hub.sent();
            if (!compareAndSet(PENDING, COMPLETED)) {
                Object item = next();
                if (item != null) {
                    sendFrom(item);
                }
            }
        }
    }
}
