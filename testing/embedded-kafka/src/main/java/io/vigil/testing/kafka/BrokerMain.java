package io.vigil.testing.kafka;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Entry point of the broker's JVM: formats the storage on first start, then runs {@code kafka.Kafka}.
 * Kafka is reached by reflection so that this class compiles without the broker on the caller's classpath.
 * Arguments: {@code <server.properties> <log dir> <cluster id>}.
 */
public final class BrokerMain {

    private BrokerMain() {
    }

    public static void main(String[] args) throws Exception {
        OrphanGuard.exitWhenParentExits();
        String config = args[0];
        Path logDir = Path.of(args[1]);
        String clusterId = args[2];
        if (!Files.exists(logDir.resolve("meta.properties"))) {
            int code = (int) Class.forName("kafka.tools.StorageTool")
                    .getMethod("execute", String[].class, PrintStream.class)
                    .invoke(null, new String[] {"format", "--cluster-id", clusterId, "--config", config}, System.out);
            if (code != 0) {
                System.err.println("formatting the broker's storage failed with exit code " + code);
                System.exit(code);
            }
        }
        Class.forName("kafka.Kafka").getMethod("main", String[].class).invoke(null, (Object) new String[] {config});
    }
}
