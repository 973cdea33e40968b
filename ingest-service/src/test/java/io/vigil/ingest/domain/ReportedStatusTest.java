package io.vigil.ingest.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.vigil.events.Status;

class ReportedStatusTest {

    @ParameterizedTest
    @CsvSource({"success, SUCCESS", "SUCCESS, SUCCESS", " ok , SUCCESS", "failure, FAILED", "error, FAILED",
            "running, RUNNING", "in_progress, RUNNING", "skipped, SKIPPED", "canceled, CANCELLED", "queued, PENDING"})
    void readsTheWordsSendersUse(String word, Status expected) {
        assertThat(ReportedStatus.parse(word)).contains(expected);
    }

    @Test
    void unknownOrMissingWordsAreNotGuessed() {
        assertThat(ReportedStatus.parse("mostly-fine")).isEmpty();
        assertThat(ReportedStatus.parse(null)).isEmpty();
        assertThat(ReportedStatus.parse("")).isEmpty();
    }
}
