package io.vigil.local;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;

/** A base port with ten free ports from it, for a stack started with {@code --ports-from}. */
final class FreePorts {

    private FreePorts() {
    }

    static int base() {
        for (int attempt = 0; attempt < 200; attempt++) {
            int base = ThreadLocalRandom.current().nextInt(20_000, 40_000);
            if (IntStream.range(base, base + 10).allMatch(FreePorts::isFree)) {
                return base;
            }
        }
        throw new IllegalStateException("no ten consecutive free ports between 20000 and 40000");
    }

    static boolean isFree(int port) {
        try (ServerSocket ignored = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
