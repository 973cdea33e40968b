package io.vigil.pipeline.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ProcessSpecTest {

    private static final Path BASE = Path.of("/srv/vigil/runs/42");
    private static final Path LOG = Path.of("/srv/vigil/output/42/build.log");

    @Test
    void aRelativeWorkdirIsResolvedInsideTheBase() {
        assertThat(spec(Path.of("app/./src/../build")).workdir()).isEqualTo(BASE.resolve("app/build"));
        assertThat(spec(Path.of("")).workdir()).isEqualTo(BASE);
        assertThat(spec(BASE.resolve("app")).workdir()).isEqualTo(BASE.resolve("app"));
    }

    @Test
    void aWorkdirOutsideTheBaseIsRejected() {
        for (String escape : new String[] {"..", "../x", "app/../../x", "/tmp/elsewhere", "/srv/vigil/runs/420"}) {
            assertThatThrownBy(() -> spec(Path.of(escape)), escape)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("workdir:");
        }
    }

    @Test
    void secretValuesStayOutOfTheDescription() {
        ProcessSpec spec = new ProcessSpec("deploy", Map.of("MODE", "fast"), Map.of("API_TOKEN", "hunter2"), BASE,
                Path.of("app"), LOG, 1024, Duration.ofMinutes(5));

        assertThat(spec.toString()).contains("API_TOKEN", "MODE=fast").doesNotContain("hunter2");
    }

    @Test
    void aSecretTheProcessEnvironmentWouldRefuseIsRejectedWithoutQuotingIt() {
        assertThatThrownBy(() -> new ProcessSpec("deploy", Map.of(), Map.of("API_TOKEN", "hun\0ter2"), BASE,
                Path.of("app"), LOG, 1024, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("secrets.API_TOKEN")
                .hasMessageNotContaining("hun");
        assertThatThrownBy(() -> new ProcessSpec("deploy", Map.of("A=B", "x"), Map.of(), BASE, Path.of("app"), LOG,
                1024, null)).hasMessageContaining("environment");
    }

    @Test
    void blankCommandsAndNonPositiveLimitsAreRejected() {
        assertThatThrownBy(() -> new ProcessSpec(" ", BASE, Path.of("app"), LOG)).hasMessageStartingWith("command:");
        assertThatThrownBy(() -> new ProcessSpec("x", Map.of(), Map.of(), BASE, Path.of("app"), LOG, 0, null))
                .hasMessageStartingWith("outputCap:");
        assertThatThrownBy(() -> new ProcessSpec("x", Map.of(), Map.of(), BASE, Path.of("app"), LOG, 1, Duration.ZERO))
                .hasMessageStartingWith("timeout:");
    }

    private static ProcessSpec spec(Path workdir) {
        return new ProcessSpec("make", BASE, workdir, LOG);
    }
}
