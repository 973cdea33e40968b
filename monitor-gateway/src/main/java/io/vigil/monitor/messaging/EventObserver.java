package io.vigil.monitor.messaging;

import io.vigil.events.VigilEvent;

/**
 * Keeps state of its own from the event feed (metrics, alerts, the event log). Every bean of this type sees each
 * new event once, after the clients got it, on the feed's thread: it must be quick and must not block. One that
 * throws is logged and does not keep the others from the event.
 */
public interface EventObserver {

    void observe(VigilEvent<?> event);
}
