package io.vigil.monitor.api;

import java.time.Clock;
import java.util.List;
import java.util.Set;

import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnPongMessage;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.buffer.Buffer;
import io.vigil.monitor.alerts.Alert;
import io.vigil.monitor.alerts.AlertMessages;
import io.vigil.monitor.alerts.AlertStore;
import io.vigil.monitor.alerts.AlertsConfig;
import io.vigil.monitor.fanout.Channel;
import io.vigil.monitor.fanout.Connection;
import io.vigil.monitor.fanout.Filter;

/**
 * The existing clients' {@code /api/v1/group-ai/monitor/ws/alerts}, unchanged: on connect the most recent alerts one
 * {@code alert} message each (oldest first, as they came), then each fired or resolved alert live.
 */
@WebSocket(path = "/api/v1/group-ai/monitor/ws/alerts")
public class LegacyAlertSocket {

    private static final Filter LEGACY = new Filter(Set.of(), Set.of(AlertMessages.LEGACY));

    private final GatewayClients clients;
    private final AlertStore alerts;
    private final AlertsConfig config;
    private final Clock clock;

    LegacyAlertSocket(GatewayClients clients, AlertStore alerts, AlertsConfig config, Clock clock) {
        this.clients = clients;
        this.alerts = alerts;
        this.config = config;
        this.clock = clock;
    }

    @OnOpen
    public void onOpen(WebSocketConnection socket) {
        Connection connection = clients.open(socket);
        // subscribed before reading, so an alert firing meanwhile is not missed (at worst it comes twice)
        connection.subscribe(Channel.ALERTS, LEGACY);
        List<Alert> recent = alerts.recent(config.recentOnConnect());
        for (int i = recent.size() - 1; i >= 0; i--) {
            connection.send(AlertMessages.legacy(recent.get(i)));
        }
    }

    @OnTextMessage
    public void onMessage(String text, WebSocketConnection socket) {
        clients.of(socket).ifPresent(connection -> connection.send(AlertSocket.reply(text, clock.instant())));
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
