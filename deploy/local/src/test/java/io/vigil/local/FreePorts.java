package io.vigil.local;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;

/**
 * A base port with ten free ports from it, for a stack started with {@code --ports-from}. Taken below the kernel's
 * ephemeral range: a port free when checked there can be taken by any outgoing connection (Kafka clients, the
 * database pool) before the stack binds it.
 */
final class FreePorts {

    private static final int LOWEST = 20_000;
    private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");

    private FreePorts() {
    }

    static int base() {
        int highest = Math.max(LOWEST + 100, ephemeralLow() - 10);
        for (int attempt = 0; attempt < 200; attempt++) {
            int base = ThreadLocalRandom.current().nextInt(LOWEST, highest);
            if (IntStream.range(base, base + 10).allMatch(FreePorts::isFree)) {
                return base;
            }
        }
        throw new IllegalStateException("no ten consecutive free ports between " + LOWEST + " and " + highest);
    }

    static boolean isFree(int port) {
        try (ServerSocket ignored = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The first port the kernel hands out to outgoing connections; Linux's default where it cannot be read. */
    private static int ephemeralLow() {
        try {
            return Integer.parseInt(Files.readString(EPHEMERAL_RANGE).trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return 32_768;
        }
    }
}
