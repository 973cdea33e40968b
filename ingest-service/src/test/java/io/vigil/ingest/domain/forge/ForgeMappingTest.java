package io.vigil.ingest.domain.forge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.vigil.events.Status;
import io.vigil.ingest.domain.DeploymentReport;

class ForgeMappingTest {

    private static final DeploymentReport REPORT = new DeploymentReport("demo-app", null, null, "abc1234",
            Status.RUNNING, null, null, "workflow", null, null, null, Instant.EPOCH, List.of());

    @Test
    void isExactlyOneOfReportPingOrIgnored() {
        assertThat(ForgeMapping.report(REPORT)).isEqualTo(new ForgeMapping(Optional.of(REPORT), false, null));
        assertThat(ForgeMapping.forPing().report()).isEmpty();
        assertThat(ForgeMapping.ignored("why").isIgnored()).isTrue();
        assertThatThrownBy(() -> new ForgeMapping(Optional.of(REPORT), true, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ForgeMapping(null, false, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ForgeMapping(Optional.empty(), true, "why"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
