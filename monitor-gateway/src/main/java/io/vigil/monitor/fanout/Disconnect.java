package io.vigil.monitor.fanout;

/**
 * Why the hub closed a client, with the WebSocket close code it used.
 *
 * <p>{@link #LAGGING} is {@code 4008}: a private-use code (4000–4999) that mirrors 1008 (policy violation) but lets a
 * client tell "you fell behind, reconnect and resume with from_seq/from_offset" apart from a real policy or
 * authentication failure, which it must not retry blindly. Centrifugo draws the same line with its own {@code 3008 slow}.
 */
public record Disconnect(int code, String reason) {

    /** The client's send queue would have overflowed; it was told {@code lagging} first. */
    public static final Disconnect LAGGING = new Disconnect(4008, "lagging");

    /** The transport failed to send; the connection is most likely gone already. */
    public static final Disconnect SEND_FAILED = new Disconnect(1011, "send failed");
}
