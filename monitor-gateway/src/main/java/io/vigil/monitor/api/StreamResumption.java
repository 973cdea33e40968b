package io.vigil.monitor.api;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.LongFunction;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;

import org.jboss.logging.Logger;

import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import io.vigil.monitor.domain.ClientRequest;
import io.vigil.monitor.domain.MonitorMessage;
import io.vigil.monitor.fanout.Admission;
import io.vigil.monitor.fanout.Channel;
import io.vigil.monitor.fanout.Connection;
import io.vigil.monitor.fanout.Publication;

/**
 * What the resumable streams ({@code /ws/runs/…}, {@code /ws/logs/…}) share: subscribe live first, fetch what
 * the client missed from the owner, send it, then the live messages history did not have; the first message
 * says whether everything was recovered. Client messages: {@code ping} only.
 */
@ApplicationScoped
class StreamResumption {

    private static final Logger LOG = Logger.getLogger(StreamResumption.class);
    /** Closed because the request cannot be served: an application code, so a client does not retry blindly. */
    static final int REFUSED = 4400;
    static final int UNAVAILABLE = 1011;

    private final GatewayClients clients;
    private final Clock clock;

    StreamResumption(GatewayClients clients, Clock clock) {
        this.clients = clients;
        this.clock = clock;
    }

    /**
     * Resumes {@code channel} for {@code socket} after {@code fromParameter}'s value in the query (0 when absent):
     * {@code history} fetches what follows it; {@code then} is sent after the replay, if anything.
     */
    Uni<Void> resume(WebSocketConnection socket, Channel channel, String fromParameter,
            LongFunction<Uni<List<Publication>>> history, Uni<String> then) {
        return resume(socket, channel, fromParameter, history, then, true);
    }

    /** As above; without {@code announce}, no {@code recovered} message (for clients that know none). */
    Uni<Void> resume(WebSocketConnection socket, Channel channel, String fromParameter,
            LongFunction<Uni<List<Publication>>> history, Uni<String> then, boolean announce) {
        Connection connection = clients.open(socket);
        OptionalLong from = from(socket.handshakeRequest().query(), fromParameter);
        if (from.isEmpty()) {
            return refuse(socket, connection, fromParameter + " must be a whole number ≥ 0");
        }
        Admission admission = connection.resume(channel, from.getAsLong());
        if (admission instanceof Admission.Refused refused) {
            return refuse(socket, connection, refused.reason());
        }
        return history.apply(from.getAsLong())
                .invoke(found -> connection.replay(channel, found, recovery -> announce ? MonitorMessage.recovered(
                        fromParameter, from.getAsLong(), recovery.missing(), clock.instant()) : null))
                .chain(found -> then)
                .invoke(last -> {
                    if (last != null) {
                        connection.send(last);
                    }
                })
                .replaceWithVoid()
                .onFailure().recoverWithUni(failure -> unavailable(socket, connection, channel, failure));
    }

    /** A client's message on a resumable stream: ping, or an error (the connection stays). */
    void onMessage(WebSocketConnection socket, String text) {
        clients.of(socket).ifPresent(connection -> {
            String reply;
            try {
                reply = ClientRequest.parse(text) instanceof ClientRequest.Ping ? MonitorMessage.pong(clock.instant())
                        : MonitorMessage.error("this stream takes only ping", clock.instant());
            } catch (IllegalArgumentException e) {
                reply = MonitorMessage.error(e.getMessage(), clock.instant());
            }
            connection.send(reply);
        });
    }

    /** The client answered a protocol ping: it is alive. */
    void heard(WebSocketConnection socket) {
        clients.of(socket);
    }

    void onClose(WebSocketConnection socket) {
        clients.closed(socket);
    }

    /** Refuses a stream before it starts: an {@code error} message, then the socket closes (4400). */
    Uni<Void> refuse(WebSocketConnection socket, String reason) {
        return refuse(socket, clients.open(socket), reason);
    }

    private Uni<Void> refuse(WebSocketConnection socket, Connection connection, String reason) {
        connection.send(MonitorMessage.error(reason, clock.instant()));
        return socket.close(new CloseReason(REFUSED, "refused"));
    }

    private Uni<Void> unavailable(WebSocketConnection socket, Connection connection, Channel channel,
            Throwable failure) {
        boolean missing = failure instanceof WebApplicationException web && web.getResponse().getStatus() == 404;
        String reason = missing ? "no " + channel.name() : "the history of " + channel.name()
                + " cannot be read now; reconnect later";
        if (!missing) {
            LOG.warnf("resuming %s failed: %s", channel.name(), failure.getMessage());
        }
        connection.send(MonitorMessage.error(reason, clock.instant()));
        return socket.close(new CloseReason(missing ? REFUSED : UNAVAILABLE, missing ? "not found" : "unavailable"));
    }

    /** The value of {@code name} in {@code query}: 0 when absent, empty when it is no whole number ≥ 0. */
    static OptionalLong from(String query, String name) {
        String value = parameter(query, name);
        if (value == null) {
            return OptionalLong.of(0);
        }
        return value.matches("[0-9]{1,18}") ? OptionalLong.of(Long.parseLong(value)) : OptionalLong.empty();
    }

    /** The decoded value of {@code name} in {@code query}; null when absent. */
    static String parameter(String query, String name) {
        if (query == null || query.isEmpty()) {
            return null;
        }
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0 && pair.substring(0, equals).equals(name)) {
                return URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }
}
