package io.vigil.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vigil.events.Topics;
import io.vigil.testing.kafka.EmbeddedKafka;

/**
 * Gives a {@code @QuarkusTest} a real Kafka broker: the embedded KRaft broker in a temp directory,
 * or the external one named by {@code KAFKA_BOOTSTRAP_SERVERS}. Vigil's topics exist before the app starts.
 * One broker serves every test class of a JVM; {@link #broker()} hands it to fault tests.
 */
public class KafkaTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String EXTERNAL_ENV = "KAFKA_BOOTSTRAP_SERVERS";
    private static EmbeddedKafka broker;
    private static Path dir;

    @Override
    public Map<String, String> start() {
        String servers = bootstrapServers();
        if (isExternal()) {
            EmbeddedKafka.createTopics(servers, Topics.ALL, 3);
        }
        return Map.of("kafka.bootstrap.servers", servers);
    }

    @Override
    public void stop() {
        shutdown();
    }

    /** The bootstrap servers of the shared test broker, starting it on first use. */
    public static synchronized String bootstrapServers() {
        return isExternal() ? System.getenv(EXTERNAL_ENV).trim() : broker().bootstrapServers();
    }

    private static boolean isExternal() {
        String external = System.getenv(EXTERNAL_ENV);
        return external != null && !external.isBlank();
    }

    /** The embedded broker, to stop, kill and restart in fault tests. */
    public static synchronized EmbeddedKafka broker() {
        if (broker == null) {
            try {
                dir = Files.createTempDirectory("vigil-kafka-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            broker = EmbeddedKafka.builder(dir).build().start();
            broker.createTopics(Topics.ALL, 3);
            Runtime.getRuntime().addShutdownHook(new Thread(KafkaTestResource::shutdown));
        }
        return broker;
    }

    private static synchronized void shutdown() {
        if (broker == null) {
            return;
        }
        broker.stop();
        broker = null;
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp directory left behind is harmless
        }
    }
}
