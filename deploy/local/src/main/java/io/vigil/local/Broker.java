package io.vigil.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.OptionalLong;

import io.vigil.testing.kafka.EmbeddedKafka;

/** The Kafka broker of the stack: the embedded one in the data directory, or an external one the user named. */
public final class Broker {

    private final EmbeddedKafka embedded;
    private final String bootstrapServers;
    private final StackConsole console;
    private ChildLog log;

    private Broker(EmbeddedKafka embedded, String bootstrapServers, StackConsole console) {
        this.embedded = embedded;
        this.bootstrapServers = bootstrapServers;
        this.console = console;
    }

    /** An embedded broker keeping its data, and its output in broker.log, in {@code dir}; not started yet. */
    public static Broker embedded(Path dir, int port, StackConsole console) {
        EmbeddedKafka kafka = EmbeddedKafka.builder(dir).port(port).startTimeout(Duration.ofSeconds(60)).build();
        return new Broker(kafka, kafka.bootstrapServers(), console);
    }

    /** A broker this stack does not own: never started or stopped here. */
    public static Broker external(String bootstrapServers) {
        return new Broker(null, bootstrapServers, null);
    }

    public boolean isEmbedded() {
        return embedded != null;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Starts the embedded broker and returns once it answers; nothing for an external one. */
    public synchronized void start() {
        if (embedded != null) {
            log = ChildLog.follow(embedded.logFile(), console.tagged("kafka"), "kafka-output");
            embedded.start();
        }
    }

    /** The embedded broker's process id while it runs. */
    public OptionalLong pid() {
        return embedded == null || embedded.pid() < 0 ? OptionalLong.empty() : OptionalLong.of(embedded.pid());
    }

    /** Creates the topics that do not exist yet; existing ones keep their partitions and records. */
    public void createTopics(Collection<String> topics, int partitions) {
        EmbeddedKafka.createTopics(bootstrapServers, topics, partitions);
    }

    /** Stops the embedded broker cleanly; nothing for an external one. */
    public void stop() {
        if (embedded != null) {
            embedded.stop();
        }
        synchronized (this) {
            if (log != null) {
                log.close();
            }
        }
    }
}
