package io.vigil.monitor.api;

import java.time.Clock;
import java.util.regex.Pattern;

import jakarta.ws.rs.WebApplicationException;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnPongMessage;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.PathParam;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vigil.monitor.domain.ExecutionMessage;
import io.vigil.monitor.domain.ExecutionSteps;
import io.vigil.monitor.domain.MonitorMessage;
import io.vigil.monitor.fanout.Admission;
import io.vigil.monitor.fanout.Channel;
import io.vigil.monitor.fanout.Connection;
import io.vigil.monitor.fanout.Filter;
import io.vigil.monitor.fanout.Hub;
import io.vigil.monitor.history.RunStateClient;

/**
 * {@code /ws/executions/{id}} for the existing pipeline-execution monitors (with or without
 * the trailing slash they use): the run's state from pipeline-service on connect ({@code execution_update}),
 * then its updates (with how many of its steps ended and which one runs), its steps' updates and their log lines
 * live ({@link ExecutionMessage}). A run that does not
 * exist gets an {@code error} and close 4400; {@code ping} is answered, any other message gets an {@code error}.
 */
@WebSocket(path = "/ws/executions/{id}")
public class ExecutionSocket {

    private static final Logger LOG = Logger.getLogger(ExecutionSocket.class);
    /** pipeline-service names runs by UUID; anything else never reaches it. */
    private static final Pattern RUN_ID = Pattern.compile("[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}");

    private final GatewayClients clients;
    private final StreamResumption streams;
    private final RunStateClient runs;
    private final ExecutionSteps steps;
    private final Hub hub;
    private final Clock clock;

    ExecutionSocket(GatewayClients clients, StreamResumption streams, @RestClient RunStateClient runs,
            ExecutionSteps steps, Hub hub, Clock clock) {
        this.clients = clients;
        this.streams = streams;
        this.runs = runs;
        this.steps = steps;
        this.hub = hub;
        this.clock = clock;
    }

    @OnOpen
    public Uni<Void> onOpen(WebSocketConnection socket, @PathParam String id) {
        return open(socket, id);
    }

    /** Sends the run's state, then follows it. */
    Uni<Void> open(WebSocketConnection socket, String runId) {
        Connection connection = clients.open(socket);
        if (!RUN_ID.matcher(runId).matches()) {
            return close(socket, connection, "id must be a run id (a UUID), got '" + runId + "'",
                    StreamResumption.REFUSED);
        }
        return runs.run(runId).chain(run -> {
            steps.watch(runId, run.steps());
            Admission admission = connection.subscribe(Channel.execution(runId), Filter.EVERYTHING,
                    () -> ExecutionMessage.state(run, clock.instant()));
            return admission instanceof Admission.Refused refused
                    ? close(socket, connection, refused.reason(), StreamResumption.REFUSED)
                    : Uni.createFrom().voidItem();
        }).onFailure().recoverWithUni(failure -> {
            if (failure instanceof WebApplicationException web && web.getResponse().getStatus() == 404) {
                return close(socket, connection, "no run " + runId, StreamResumption.REFUSED);
            }
            LOG.warnf("execution %s: pipeline-service cannot tell its state: %s", runId, failure.getMessage());
            return close(socket, connection, "the state of run " + runId + " cannot be read now; reconnect later",
                    StreamResumption.UNAVAILABLE);
        });
    }

    private Uni<Void> close(WebSocketConnection socket, Connection connection, String reason, int code) {
        connection.send(MonitorMessage.error(reason, clock.instant()));
        return socket.close(new CloseReason(code, code == StreamResumption.REFUSED ? "refused" : "unavailable"));
    }

    @OnTextMessage
    public void onMessage(String text, WebSocketConnection socket) {
        streams.onMessage(socket, text);
    }

    @OnPongMessage
    public void onPong(Buffer data, WebSocketConnection socket) {
        streams.heard(socket);
    }

    @OnClose
    public void onClose(WebSocketConnection socket) {
        streams.onClose(socket);
        String runId = socket.pathParam("id");
        if (runId != null && hub.clients(Channel.execution(runId)) == 0) {
            steps.forget(runId);
        }
    }
}
