package io.vigil.monitor.fanout;

/** The hub's answer to a subscription: accepted, or refused with a reason a client can read. */
public sealed interface Admission {

    Channel channel();

    default boolean accepted() {
        return this instanceof Accepted;
    }

    record Accepted(Channel channel) implements Admission {
    }

    record Refused(Channel channel, String reason) implements Admission {
    }
}
