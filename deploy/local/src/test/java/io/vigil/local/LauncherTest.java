package io.vigil.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.vigil.events.Topics;
import io.vigil.testing.kafka.EmbeddedKafka;

/**
 * The launcher against the real broker and PostgreSQL, with stand-in services: start, readiness, the state file,
 * and that neither {@code down}, SIGTERM nor a failed start leaves a process behind.
 */
class LauncherTest {

    @TempDir
    static Path fakeRoot;

    @TempDir
    Path work;

    private StackDatabases databases;
    private int base;
    private Path dataDir;

    @BeforeAll
    static void buildFakeServices() {
        FakeServices.createRoot(fakeRoot);
    }

    @BeforeEach
    void chooseStack() {
        databases = StackDatabases.fresh("launcher");
        base = FreePorts.base();
        dataDir = work.resolve("data");
    }

    @AfterEach
    void dropDatabases() {
        databases.dropAll();
    }

    @Test
    void upWithoutBuiltServicesSaysToBuildFirst() {
        StringBuilder output = new StringBuilder();
        int code = LauncherRun.run(work.resolve("empty-root"), work, Map.of(), output, upArgs());

        assertThat(code).isEqualTo(1);
        assertThat(output.toString())
                .contains("the services are not built")
                .contains("ingest-service/target/quarkus-app/quarkus-run.jar")
                .contains("build first");
        assertThat(dataDir.resolve("stack.json")).doesNotExist();
    }

    @Test
    void unreachablePostgresIsOneLineSayingHowToStartIt() {
        StringBuilder output = new StringBuilder();
        int code = LauncherRun.run(fakeRoot, work, Map.of("PGHOST", "127.0.0.1", "PGPORT", String.valueOf(base + 5)),
                output, upArgs());

        assertThat(code).isEqualTo(1);
        assertThat(output.toString().lines().toList()).singleElement().asString()
                .contains("PostgreSQL is not reachable at 127.0.0.1:" + (base + 5))
                .contains("pg_ctlcluster --skip-systemctl-redirect 15 main start")
                .contains("PGHOST/PGPORT/PGUSER/PGPASSWORD");
    }

    @Test
    void upStartsBrokerAndServicesAndDownStopsEveryChild() throws Exception {
        try (LauncherRun launcher = LauncherRun.start(fakeRoot, work, Map.of(), upArgs())) {
            StackState state = awaitReady(launcher);

            assertThat(state.pid()).isEqualTo(launcher.process().pid());
            assertThat(state.ports()).isEqualTo(Ports.from(base));
            assertThat(state.bootstrapServers()).isEqualTo("127.0.0.1:" + (base + 9));
            assertThat(state.pids()).containsOnlyKeys("kafka", "gateway", "ingest", "pipeline", "logs");
            assertThat(databases.existing()).containsExactlyInAnyOrder(databases.prefix() + "ingest",
                    databases.prefix() + "logs", databases.prefix() + "monitor", databases.prefix() + "pipeline");
            assertThat(get(base, "/env")).contains(
                    "QUARKUS_HTTP_PORT=" + base,
                    "KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:" + (base + 9),
                    "QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://", "/" + databases.prefix() + "monitor",
                    "VIGIL_INGEST_URL=http://127.0.0.1:" + (base + 1),
                    "VIGIL_PIPELINE_URL=http://127.0.0.1:" + (base + 2),
                    "VIGIL_LOGS_URL=http://127.0.0.1:" + (base + 3));
            assertThat(get(base + 3, "/env")).contains("/" + databases.prefix() + "logs").doesNotContain("VIGIL_INGEST_URL");
            assertThat(launcher.output())
                    .contains("all ready in ", "ws://127.0.0.1:" + base + "/ws/monitor",
                            "http://127.0.0.1:" + (base + 1) + "/api/webhook/deployment")
                    .containsPattern("(?m)^kafka   \\| ")
                    .containsPattern("(?m)^ingest  \\| fake service listening on " + (base + 1))
                    .containsPattern("(?m)^pipeline\\| ")
                    .containsPattern("(?m)^gateway \\| ");

            StringBuilder downOutput = new StringBuilder();
            int code = LauncherRun.run(fakeRoot, work, Map.of(), downOutput, "down", "--data-dir", dataDir.toString());

            assertThat(code).as(downOutput.toString()).isZero();
            assertThat(downOutput.toString()).contains("stopped");
            assertThat(launcher.process().isAlive()).isFalse();
            assertAllGone(state.pids().values());
            assertThat(dataDir.resolve("stack.json")).doesNotExist();
            assertThat(dataDir.resolve("kafka/cluster.id")).as("the broker's data stays for the next up").exists();
        }
    }

    @Test
    void sigtermStopsTheServicesBeforeTheBroker() {
        try (LauncherRun launcher = LauncherRun.start(fakeRoot, work, Map.of(), upArgs())) {
            StackState state = awaitReady(launcher);

            launcher.process().destroy();

            assertThat(launcher.awaitExit(Duration.ofSeconds(60))).isEqualTo(143);
            assertAllGone(state.pids().values());
            String output = launcher.output();
            assertThat(output).contains("fake service stopping", "vigil   | stopped");
            assertThat(output.indexOf("vigil   | stopped")).as(output)
                    .isGreaterThan(output.lastIndexOf("fake service stopping"));
            assertThat(dataDir.resolve("stack.json")).doesNotExist();
        }
    }

    @Test
    void aServiceThatExitsBeforeReadyFailsTheStartAndStopsTheBroker() {
        try (LauncherRun launcher = LauncherRun.start(fakeRoot, work, Map.of("FAKE_SERVICE_EXIT", "3"), upArgs())) {
            assertThat(launcher.awaitExit(Duration.ofSeconds(90))).isEqualTo(1);

            assertThat(launcher.output()).contains("exited with code 3 before it was ready").contains("vigil   | stopped");
            assertThat(processesMentioning(dataDir)).as("the broker runs from the data directory").isEmpty();
            assertThat(dataDir.resolve("stack.json")).doesNotExist();
        }
    }

    @Test
    void anExternalBrokerIsUsedAndLeftRunning() throws Exception {
        try (EmbeddedKafka external = EmbeddedKafka.builder(work.resolve("external-kafka")).build().start();
             LauncherRun launcher = LauncherRun.start(fakeRoot, work,
                     Map.of("KAFKA_BOOTSTRAP_SERVERS", external.bootstrapServers()), upArgs())) {
            StackState state = awaitReady(launcher);

            assertThat(state.bootstrapServers()).isEqualTo(external.bootstrapServers());
            assertThat(state.pids()).doesNotContainKey("kafka");
            assertThat(get(base + 1, "/env")).contains("KAFKA_BOOTSTRAP_SERVERS=" + external.bootstrapServers());
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, external.bootstrapServers()))) {
                assertThat(admin.describeTopics(Topics.ALL).allTopicNames().get(30, TimeUnit.SECONDS).values())
                        .allSatisfy(topic -> assertThat(topic.partitions()).hasSize(3));
            }
            assertThat(dataDir.resolve("kafka")).doesNotExist();

            launcher.process().destroy();

            assertThat(launcher.awaitExit(Duration.ofSeconds(60))).isEqualTo(143);
            assertAllGone(state.pids().values());
            assertThat(external.isRunning()).as("a broker the stack does not own is not stopped").isTrue();
        }
    }

    private String[] upArgs() {
        return new String[] {"up", "--data-dir", dataDir.toString(), "--ports-from", String.valueOf(base),
                "--db-prefix", databases.prefix()};
    }

    private StackState awaitReady(LauncherRun launcher) {
        StackFile file = new StackFile(dataDir);
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100))
                .failFast("the launcher ended:\n" + launcher.output(), () -> !launcher.process().isAlive())
                .until(() -> file.read().map(StackState::ready).orElse(false));
        return file.read().orElseThrow();
    }

    private void assertAllGone(Collection<Long> pids) {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(pids)
                .allSatisfy(pid -> assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).as("pid " + pid)
                        .isNotEqualTo(java.util.Optional.of(true))));
        assertThat(IntStream.range(base, base + 4).allMatch(FreePorts::isFree)).as("service ports free").isTrue();
        assertThat(FreePorts.isFree(base + 9)).as("broker port free").isTrue();
    }

    private static List<ProcessHandle> processesMentioning(Path dir) {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains(dir.toString())).orElse(false))
                .toList();
    }

    private static String get(int port, String path) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        return response.body();
    }
}
