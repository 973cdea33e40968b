package io.vigil.monitor.api;

import java.time.Clock;

import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnPongMessage;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.buffer.Buffer;
import io.vigil.monitor.domain.ClientRequest;
import io.vigil.monitor.domain.LatestDeployments;
import io.vigil.monitor.domain.MonitorMessage;
import io.vigil.monitor.fanout.Channel;
import io.vigil.monitor.fanout.Connection;
import io.vigil.monitor.fanout.Filter;

/**
 * {@code /ws/monitor}: a snapshot on connect, then every event, optionally filtered by a {@code subscribe}
 * message; {@code ping} is answered with {@code pong}. Replies go through the client's queue, in order with
 * the events.
 */
@WebSocket(path = "/ws/monitor")
public class MonitorSocket {

    private final GatewayClients clients;
    private final LatestDeployments latest;
    private final Clock clock;

    MonitorSocket(GatewayClients clients, LatestDeployments latest, Clock clock) {
        this.clients = clients;
        this.latest = latest;
        this.clock = clock;
    }

    @OnOpen
    public void onOpen(WebSocketConnection socket) {
        clients.open(socket).subscribe(Channel.MONITOR, Filter.EVERYTHING,
                () -> MonitorMessage.snapshot(latest.all(), clock.instant()));
    }

    @OnTextMessage
    public void onMessage(String text, WebSocketConnection socket) {
        clients.of(socket).ifPresent(connection -> connection.send(reply(text, connection)));
    }

    private String reply(String text, Connection connection) {
        try {
            ClientRequest request = ClientRequest.parse(text);
            if (request instanceof ClientRequest.Subscribe subscribe) {
                connection.subscribe(Channel.MONITOR, subscribe.subscription().filter());
                return MonitorMessage.subscribed(subscribe.subscription(), clock.instant());
            }
            return MonitorMessage.pong(clock.instant());
        } catch (IllegalArgumentException e) {
            return MonitorMessage.error(e.getMessage(), clock.instant());
        }
    }

    @OnPongMessage
    public void onPong(Buffer data, WebSocketConnection socket) {
        clients.of(socket);
    }

    @OnClose
    public void onClose(WebSocketConnection socket) {
        clients.closed(socket);
    }
}
