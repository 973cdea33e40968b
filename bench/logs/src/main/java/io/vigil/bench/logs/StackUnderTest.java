package io.vigil.bench.logs;

import java.nio.file.Path;
import java.util.Map;

/**
 * The running stack as the cases see it: the broker, log-stream-service's log root, the processes whose CPU is
 * read, the service's database, and how long any one case may take.
 */
record StackUnderTest(String bootstrap, Path logRoot, Map<String, Long> pids, String database, int timeoutSeconds) {

    static final String LOGS_TOPIC = "vigil.logs";
    /** The stack.json name of log-stream-service's process. */
    static final String SERVICE = "logs";
    /** After creating a case's files and before the first append: the service and tail see them and watch them. */
    static final long SETTLE_MS = 1500;

    CpuUse cpu() {
        return CpuUse.sample(pids, database);
    }

    long deadline() {
        return System.nanoTime() + timeoutSeconds * 1_000_000_000L;
    }

    static void settle() throws InterruptedException {
        Thread.sleep(SETTLE_MS);
    }
}
