package io.vigil.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

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
        Map<String, Object> config = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15000);
        try (Admin admin = Admin.create(config)) {
            for (String topic : topics) {
                try {
                    admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + topic + " on " + bootstrapServers + ": "
                                + e.getCause().getMessage(), e);
                    }
                }
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException("the broker at " + bootstrapServers + " did not answer within 30 s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        }
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
