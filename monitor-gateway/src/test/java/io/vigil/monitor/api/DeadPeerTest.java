package io.vigil.monitor.api;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vigil.monitor.GatewayTestResources;
import io.vigil.testing.WsTestClient;

/**
 * A peer that never answers the protocol pings is closed after the idle timeout (3 s in tests); one whose
 * WebSocket stack answers them stays, however long it says nothing itself.
 */
@QuarkusTest
@GatewayTestResources
class DeadPeerTest {

    @TestHTTPResource("/ws/monitor")
    URI monitor;

    @Test
    void aSilentPeerIsClosedAndALiveOneStays() throws Exception {
        try (WsTestClient live = WsTestClient.connect(monitor.toString().replaceFirst("^http", "ws"));
                Socket dead = new Socket(monitor.getHost(), monitor.getPort())) {
            handshake(dead);
            dead.setSoTimeout((int) Duration.ofSeconds(20).toMillis());

            assertThat(readUntilClosed(dead.getInputStream())).as("the server closed the silent peer").isTrue();
            assertThat(live.isClosed()).as("the client answering pings is still open").isFalse();
        }
    }

    /** Upgrades the socket to WebSocket by hand, then never answers anything. */
    private void handshake(Socket socket) throws Exception {
        byte[] key = new byte[16];
        ThreadLocalRandom.current().nextBytes(key);
        OutputStream out = socket.getOutputStream();
        out.write(("GET /ws/monitor HTTP/1.1\r\nHost: " + monitor.getHost() + ":" + monitor.getPort()
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: "
                + Base64.getEncoder().encodeToString(key) + "\r\n\r\n").getBytes(US_ASCII));
        out.flush();
        StringBuilder head = new StringBuilder();
        InputStream in = socket.getInputStream();
        while (!head.toString().endsWith("\r\n\r\n")) {
            head.append((char) in.read());
        }
        assertThat(head.toString()).startsWith("HTTP/1.1 101");
    }

    /** Reads frames (snapshot, pings) until the server closes: a close frame (opcode 8) or the end of the stream. */
    private static boolean readUntilClosed(InputStream in) throws Exception {
        while (true) {
            int first = in.read();
            if (first < 0) {
                return true;
            }
            if ((first & 0x0f) == 8) {
                return true;
            }
            int length = in.read() & 0x7f;
            if (length == 126) {
                length = (in.read() << 8) | in.read();
            } else if (length == 127) {
                long big = 0;
                for (int i = 0; i < 8; i++) {
                    big = (big << 8) | in.read();
                }
                length = (int) big;
            }
            in.readNBytes(length);
        }
    }
}
