package io.vigil.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.ObjectMapper;

class JsonLimitsTest {

    private final ObjectMapper mapper = new ObjectMapper();

    JsonLimitsTest() {
        new JsonLimits().customize(mapper);
    }

    @Test
    void aDocumentAsDeepAsTheLimitIsRead() throws Exception {
        int depth = JsonLimits.MAX_NESTING_DEPTH;
        assertThat(mapper.readTree("[".repeat(depth) + "]".repeat(depth)).isArray()).isTrue();
    }

    @Test
    void oneLevelDeeperIsRefusedWhileReading() {
        int depth = JsonLimits.MAX_NESTING_DEPTH + 1;
        assertThatThrownBy(() -> mapper.readTree("{\"a\":".repeat(depth) + "1" + "}".repeat(depth)))
                .isInstanceOf(StreamConstraintsException.class).hasMessageContaining("nesting depth");
    }

    @Test
    void aStringLongerThanTheLimitIsRefused() {
        String json = "\"" + "x".repeat(JsonLimits.MAX_STRING_LENGTH + 1) + "\"";
        assertThatThrownBy(() -> mapper.readTree(json)).isInstanceOf(StreamConstraintsException.class);
    }
}
