package io.vigil.monitor.api;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Optional;

import org.jboss.logging.Logger;

import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.http.WebSocketBase;

/**
 * The Vert.x WebSocket under a websockets-next connection. The fan-out writes every event to every client: through
 * {@code WebSocketConnection.sendText} each write also builds a Uni and captures and restores the request context,
 * which cost more CPU than the write itself at a hundred thousand messages a second (measured, see
 * docs/benchmarks.md). websockets-next keeps the socket behind a package-private accessor, so it is reached by
 * reflection once per connection class; where that fails (another Quarkus version) the sink falls back to
 * {@code sendText}, and says so once.
 */
final class VertxWebSockets {

    private static final Logger LOG = Logger.getLogger(VertxWebSockets.class);
    private static final String ACCESSOR = "webSocket";

    private static volatile MethodHandle accessor;
    private static volatile boolean unavailable;

    private VertxWebSockets() {
    }

    static Optional<WebSocketBase> of(WebSocketConnection connection) {
        if (unavailable) {
            return Optional.empty();
        }
        try {
            return Optional.of((WebSocketBase) accessor(connection).invoke(connection));
        } catch (Throwable e) {
            unavailable = true;
            LOG.warnf("writing through websockets-next's sendText, slower: its Vert.x socket is out of reach (%s)", e);
            return Optional.empty();
        }
    }

    private static MethodHandle accessor(WebSocketConnection connection) throws ReflectiveOperationException {
        MethodHandle known = accessor;
        if (known == null) {
            Class<?> base = connection.getClass();
            while (base != null && !hasAccessor(base)) {
                base = base.getSuperclass();
            }
            if (base == null) {
                throw new NoSuchMethodException(connection.getClass().getName() + "." + ACCESSOR + "()");
            }
            known = MethodHandles.privateLookupIn(base, MethodHandles.lookup())
                    .findVirtual(base, ACCESSOR, MethodType.methodType(WebSocketBase.class));
            accessor = known;
        }
        return known;
    }

    private static boolean hasAccessor(Class<?> type) {
        try {
            return type.getDeclaredMethod(ACCESSOR).getReturnType() == WebSocketBase.class;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }
}
