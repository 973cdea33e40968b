package io.vigil.ingest.domain.forge;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ForgeTimestampTest {

    @ParameterizedTest
    @CsvSource({
            "2024-01-01T10:00:00Z, 2024-01-01T10:00:00Z",
            "2024-01-01T10:00:00.123Z, 2024-01-01T10:00:00.123Z",
            "2024-01-01T12:00:00+02:00, 2024-01-01T10:00:00Z",
            "2024-01-01 10:00:00 UTC, 2024-01-01T10:00:00Z",
            "2024-01-01 10:00:00.5 UTC, 2024-01-01T10:00:00.5Z",
            "2024-01-01 12:00:00 +0200, 2024-01-01T10:00:00Z",
            "2024-01-01 05:00:00 -0500, 2024-01-01T10:00:00Z"})
    void readsTheFormsForgesSend(String text, Instant expected) {
        assertThat(ForgeTimestamp.parse(text)).contains(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"yesterday", "2024-01-01", "2024-13-01T10:00:00Z", "2024-01-01T10:00:00",
            "2024-01-01 10:00:00", "2024-01-01 10:00:00 CEST", " UTC", "T", "+999999999-01-01T00:00:00Z",
            "1969-12-31T23:59:59Z"})
    void refusesAnythingElse(String text) {
        assertThat(ForgeTimestamp.parse(text)).isEmpty();
    }
}
