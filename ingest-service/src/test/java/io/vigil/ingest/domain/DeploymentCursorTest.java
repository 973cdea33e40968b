package io.vigil.ingest.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class DeploymentCursorTest {

    @Test
    void aCursorSurvivesItsRoundTripToTheNanosecond() {
        DeploymentCursor cursor = new DeploymentCursor(Instant.parse("2024-01-01T00:00:00.123456789Z"), UUID.randomUUID());
        assertThat(DeploymentCursor.decode(cursor.encode())).isEqualTo(cursor);
        assertThat(cursor.encode()).doesNotContain("=", "/", "+");
    }

    @Test
    void anythingElseIsRefused() {
        for (String text : new String[] {"", "!!!", "bm90IGEgY3Vyc29y", "MS4yLm5vdC1hLXV1aWQ"}) {
            assertThatThrownBy(() -> DeploymentCursor.decode(text)).as(text).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
