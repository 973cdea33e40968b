package io.vigil.monitor.api;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import io.vigil.monitor.domain.MonitorMessage;
import io.vigil.monitor.fanout.Admission;
import io.vigil.monitor.fanout.Connection;
import io.vigil.monitor.metrics.MetricsMessages;
import io.vigil.monitor.metrics.MetricsRequest;
import io.vigil.monitor.metrics.MetricsUpdates;
import io.vigil.monitor.metrics.UpdateGroup;

/**
 * What {@code /ws/metrics} and its legacy alias share: the period from {@code ?period=N} (a bad one is refused with
 * an {@code error} and close code 4400, as the resumable streams refuse a bad {@code from_seq}), then updates on that
 * period; the client may send {@code ping} or {@code {"type":"period","seconds":N}}, and a bad message gets an
 * {@code error} while the connection stays.
 */
@ApplicationScoped
class MetricsStreams {

    private final GatewayClients clients;
    private final StreamResumption streams;
    private final MetricsUpdates updates;
    private final Clock clock;

    MetricsStreams(GatewayClients clients, StreamResumption streams, MetricsUpdates updates, Clock clock) {
        this.clients = clients;
        this.streams = streams;
        this.updates = updates;
        this.clock = clock;
    }

    Uni<Void> open(WebSocketConnection socket, UpdateGroup.Shape shape) {
        String asked = StreamResumption.parameter(socket.handshakeRequest().query(), "period");
        int seconds;
        try {
            seconds = asked == null ? updates.defaultSeconds() : MetricsRequest.seconds(asked);
        } catch (IllegalArgumentException e) {
            return streams.refuse(socket, e.getMessage());
        }
        Admission admission = updates.join(clients.open(socket), new UpdateGroup(shape, seconds));
        if (admission instanceof Admission.Refused refused) {
            return streams.refuse(socket, refused.reason());
        }
        return Uni.createFrom().voidItem();
    }

    void onMessage(WebSocketConnection socket, String text) {
        clients.of(socket).ifPresent(connection -> connection.send(reply(connection, text)));
    }

    private String reply(Connection connection, String text) {
        try {
            MetricsRequest request = MetricsRequest.parse(text);
            if (request instanceof MetricsRequest.Period period) {
                UpdateGroup.Shape shape = updates.groupOf(connection.id()).map(UpdateGroup::shape)
                        .orElseThrow(() -> new IllegalArgumentException("this connection gets no updates"));
                updates.move(connection, new UpdateGroup(shape, period.seconds()));
                return MetricsMessages.period(period.seconds(), clock.instant());
            }
            return MonitorMessage.pong(clock.instant());
        } catch (IllegalArgumentException e) {
            return MonitorMessage.error(e.getMessage(), clock.instant());
        }
    }

    void heard(WebSocketConnection socket) {
        clients.of(socket);
    }

    void onClose(WebSocketConnection socket) {
        updates.leave(socket.id());
        clients.closed(socket);
    }
}
