package io.vigil.testing.kafka;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * A real single-node Apache Kafka broker in KRaft mode, run as a child JVM from the Kafka jars.
 * It keeps its data, ports and cluster id in one directory, so it can be stopped and started again
 * (fault tests, and a second start of the local stack) and comes back with its topics and records.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final String CLASSPATH_RESOURCE = "broker.classpath";
    private static final String PORTS_FILE = "ports";
    private static final String CLUSTER_ID_FILE = "cluster.id";

    private final Path dir;
    private final int port;
    private final int controllerPort;
    private final Duration startTimeout;
    private final Consumer<String> output;
    private final List<String> jvmOptions;
    private Process process;

    private EmbeddedKafka(Builder builder) {
        this.dir = builder.dir;
        this.startTimeout = builder.startTimeout;
        this.output = builder.output;
        this.jvmOptions = List.copyOf(builder.jvmOptions);
        int[] ports = ports(builder.port);
        this.port = ports[0];
        this.controllerPort = ports[1];
    }

    public static Builder builder(Path dataDir) {
        return new Builder(dataDir);
    }

    /** {@code 127.0.0.1:<port>}, for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public Path directory() {
        return dir;
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Starts the broker and returns once it answers metadata requests. */
    public synchronized EmbeddedKafka start() {
        if (isRunning()) {
            return this;
        }
        if (portOpen()) {
            throw new IllegalStateException("cannot start the embedded Kafka broker: port " + port
                    + " is already in use by another program");
        }
        try {
            Files.createDirectories(dir.resolve("data"));
            Path config = writeConfig();
            Path log4j = writeLog4jConfig();
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(jvmOptions);
            command.add("-Dlog4j2.configurationFile=" + log4j);
            command.add("-cp");
            command.add(classpath());
            command.add(BrokerMain.class.getName());
            command.add(config.toString());
            command.add(dir.resolve("data").toString());
            command.add(clusterId());
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            if (output == null) {
                builder.redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()));
            }
            process = builder.start();
            if (output != null) {
                pump(process.getInputStream(), output);
            }
            awaitReady();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded Kafka broker in " + dir, e);
        }
    }

    /** Stops the broker cleanly (SIGTERM, then waits for its controlled shutdown). */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    /** Kills the broker at once (SIGKILL), as a crash would. */
    public synchronized void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    /** The broker's own process id, or -1 when it is not running. */
    public synchronized long pid() {
        return isRunning() ? process.pid() : -1;
    }

    /** Creates the topics that do not exist yet. */
    public void createTopics(Collection<String> topics, int partitions) {
        createTopics(bootstrapServers(), topics, partitions);
    }

    /** Creates the topics that do not exist yet on any broker, the embedded one or an external one. */
    public static void createTopics(String bootstrapServers, Collection<String> topics, int partitions) {
        try (Admin admin = Admin.create(adminConfig(bootstrapServers))) {
            for (String topic : topics) {
                try {
                    admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + topic + ": " + e.getCause().getMessage(), e);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics " + topics, e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("cannot create topics " + topics + " on " + bootstrapServers, e);
        }
    }

    @Override
    public void close() {
        stop();
    }

    public Path logFile() {
        return dir.resolve("broker.log");
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + startTimeout.toNanos();
        while (!portOpen()) {
            checkAlive();
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the embedded Kafka broker did not open port " + port + " within "
                        + startTimeout + tail());
            }
            pause();
        }
        try (Admin admin = Admin.create(adminConfig(bootstrapServers()))) {
            while (true) {
                checkAlive();
                try {
                    if (!admin.describeCluster().nodes().get(2, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                } catch (ExecutionException | TimeoutException e) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("the embedded Kafka broker is not ready after " + startTimeout
                                + ": " + e.getMessage() + tail(), e);
                    }
                }
                pause();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the broker", e);
        }
    }

    private static Map<String, Object> adminConfig(String bootstrapServers) {
        return Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000);
    }

    private boolean portOpen() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private void checkAlive() {
        if (!process.isAlive()) {
            throw new IllegalStateException("the embedded Kafka broker exited with code " + process.exitValue() + tail());
        }
    }

    private String tail() {
        if (output != null || !Files.exists(logFile())) {
            return "";
        }
        try {
            List<String> lines = Files.readAllLines(logFile(), StandardCharsets.UTF_8);
            return "; last lines of " + logFile() + ":\n  "
                    + String.join("\n  ", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (IOException e) {
            return "";
        }
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the broker", e);
        }
    }

    private Path writeConfig() throws IOException {
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", "1");
        p.setProperty("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.setProperty("log.dirs", dir.resolve("data").toString());
        p.setProperty("num.partitions", "3");
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("offsets.topic.num.partitions", "3");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        // a lone consumer joins its group at once instead of after the default 3 s
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        p.setProperty("auto.create.topics.enable", "true");
        Path file = dir.resolve("server.properties");
        try (var out = Files.newBufferedWriter(file)) {
            p.store(out, "written by EmbeddedKafka; rewritten at every start");
        }
        return file;
    }

    private Path writeLog4jConfig() throws IOException {
        Path file = dir.resolve("log4j2.properties");
        Files.writeString(file, String.join("\n",
                "status = error",
                "appender.out.type = Console",
                "appender.out.name = OUT",
                "appender.out.layout.type = PatternLayout",
                "appender.out.layout.pattern = %d{HH:mm:ss.SSS} %-5p [%c{1}] %m%n",
                "rootLogger.level = WARN",
                "rootLogger.appenderRef.out.ref = OUT",
                "logger.started.name = kafka.server.KafkaRaftServer",
                "logger.started.level = INFO",
                ""));
        return file;
    }

    private String clusterId() throws IOException {
        Path file = dir.resolve(CLUSTER_ID_FILE);
        if (!Files.exists(file)) {
            Files.writeString(file, Uuid.randomUuid().toString());
        }
        return Files.readString(file).trim();
    }

    /** Broker and controller ports: those of the last start in this directory, else the requested or free ones. */
    private int[] ports(int requested) {
        Path file = dir.resolve(PORTS_FILE);
        try {
            if (Files.exists(file)) {
                String[] saved = Files.readString(file).trim().split(",");
                int savedPort = Integer.parseInt(saved[0]);
                if (requested == 0 || requested == savedPort) {
                    return new int[] {savedPort, Integer.parseInt(saved[1])};
                }
            }
            int[] ports = {requested == 0 ? freePort() : requested, freePort()};
            Files.createDirectories(dir);
            Files.writeString(file, ports[0] + "," + ports[1]);
            return ports;
        } catch (IOException | NumberFormatException e) {
            throw new IllegalStateException("cannot choose ports for the broker in " + dir + ": " + e.getMessage(), e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String classpath() throws IOException {
        try (InputStream in = EmbeddedKafka.class.getResourceAsStream(CLASSPATH_RESOURCE)) {
            Objects.requireNonNull(in, "the broker classpath resource is missing: build the vigil-embedded-kafka module");
            String brokerJars = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            return ownLocation() + java.io.File.pathSeparator + brokerJars;
        }
    }

    private static String ownLocation() {
        try {
            return Path.of(EmbeddedKafka.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void pump(InputStream in, Consumer<String> lines) {
        Thread thread = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                reader.lines().forEach(lines);
            } catch (IOException | UncheckedIOException e) {
                // the broker's output closed: it has stopped
            }
        }, "kafka-broker-output");
        thread.setDaemon(true);
        thread.start();
    }

    /** Options of an {@link EmbeddedKafka}. */
    public static final class Builder {
        private final Path dir;
        private int port;
        private Duration startTimeout = Duration.ofSeconds(60);
        private Consumer<String> output;
        private final List<String> jvmOptions = new ArrayList<>(List.of(
                "-Xms64m", "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto"));

        private Builder(Path dir) {
            this.dir = dir.toAbsolutePath();
        }

        /** The broker's client port; 0 (the default) picks a free one on first start and keeps it. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder startTimeout(Duration timeout) {
            this.startTimeout = timeout;
            return this;
        }

        /** Receives the broker's output line by line; by default it goes to {@code broker.log} in the directory. */
        public Builder output(Consumer<String> lines) {
            this.output = lines;
            return this;
        }

        public EmbeddedKafka build() {
            return new EmbeddedKafka(this);
        }
    }
}
