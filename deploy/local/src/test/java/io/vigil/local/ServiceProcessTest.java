package io.vigil.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The command line a service is started with. */
class ServiceProcessTest {

    private static final Path RUN_JAR = Path.of("/s/quarkus-run.jar");
    private static final Path GUARD = Path.of("/g/guard.jar");

    @Test
    void extraOptionsComeAfterTheDefaultsSoTheyWin() {
        List<String> command = ServiceProcess.command(RUN_JAR, GUARD, "  -XX:TieredStopAtLevel=4   -Xmx512m ");

        int defaults = command.indexOf("-XX:TieredStopAtLevel=1");
        assertThat(defaults).isPositive();
        assertThat(command.subList(defaults + 1, defaults + 3)).containsExactly("-XX:TieredStopAtLevel=4", "-Xmx512m");
        assertThat(command.subList(defaults + 3, command.size())).containsExactly("-cp", GUARD + ":" + RUN_JAR,
                "io.vigil.testing.kafka.OrphanGuard", "io.quarkus.bootstrap.runner.QuarkusEntryPoint");
    }

    @Test
    void withoutExtraOptionsOnlyTheDefaultsPrecedeTheClassPath() {
        List<String> command = ServiceProcess.command(RUN_JAR, GUARD, "");

        assertThat(command.subList(1, command.indexOf("-cp"))).isEqualTo(ServiceProcess.JVM_OPTIONS);
    }
}
