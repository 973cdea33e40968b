package io.vigil.monitor.api;

import java.time.Clock;

import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.vigil.monitor.domain.ClientRequest;
import io.vigil.monitor.domain.LatestDeployments;
import io.vigil.monitor.domain.MonitorMessage;

/**
 * {@code /ws/monitor}: a snapshot on connect, then every event, optionally filtered by a
 * {@code subscribe} message; {@code ping} is answered with {@code pong}.
 */
@WebSocket(path = "/ws/monitor", endpointId = MonitorSocket.ID)
public class MonitorSocket {

    static final String ID = "monitor";

    private final MonitorFanOut fanOut;
    private final LatestDeployments latest;
    private final Clock clock;

    MonitorSocket(MonitorFanOut fanOut, LatestDeployments latest, Clock clock) {
        this.fanOut = fanOut;
        this.latest = latest;
        this.clock = clock;
    }

    @OnOpen
    public String onOpen() {
        return MonitorMessage.snapshot(latest.all(), clock.instant());
    }

    @OnTextMessage
    public String onMessage(String text, WebSocketConnection connection) {
        try {
            ClientRequest request = ClientRequest.parse(text);
            if (request instanceof ClientRequest.Subscribe subscribe) {
                fanOut.subscribe(connection.id(), subscribe.subscription());
                return MonitorMessage.subscribed(subscribe.subscription(), clock.instant());
            }
            return MonitorMessage.pong(clock.instant());
        } catch (IllegalArgumentException e) {
            return MonitorMessage.error(e.getMessage(), clock.instant());
        }
    }

    @OnClose
    public void onClose(WebSocketConnection connection) {
        fanOut.forget(connection.id());
    }
}
