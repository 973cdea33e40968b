package io.vigil.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.vigil.events.payload.DeploymentUpdated;
import io.vigil.events.payload.LogLines;
import io.vigil.events.payload.StepUpdated;

class EventCodecTest {

    @ParameterizedTest
    @EnumSource(EventType.class)
    void everyTypeSurvivesARoundTrip(EventType type) {
        Record payload = SamplePayloads.of(type);
        String json = EventCodec.encode(payload);
        assertThat(EventCodec.decode(type, json)).isEqualTo(payload);
    }

    @Test
    void writesSnakeCaseAndRfc3339Times() {
        String json = EventCodec.encode(SamplePayloads.of(EventType.STEP_UPDATED));
        assertThat(json).contains("\"deployment_id\":\"d-1\"", "\"step_type\":\"deployment\"",
                "\"status\":\"running\"", "\"reported_at\":\"2024-01-01T00:00:00Z\"");
    }

    @Test
    void toleratesUnknownFields() {
        String json = """
                {"deployment_id":"d-1","project":"p","name":"build","step_type":"other","status":"success",
                 "reported_at":"2024-01-01T00:00:00Z","added_in_v2":{"nested":[1,2]}}""";
        assertThat(EventCodec.decode(StepUpdated.class, json).name()).isEqualTo("build");
    }

    @Test
    void unknownStatusReadsAsUnknownRatherThanFailing() {
        String json = """
                {"deployment_id":"d-1","project":"p","name":"b","step_type":"other","status":"paused",
                 "reported_at":"2024-01-01T00:00:00Z"}""";
        assertThat(EventCodec.decode(StepUpdated.class, json).status()).isEqualTo(Status.UNKNOWN);
    }

    @Test
    void rejectsAMissingRequiredFieldNamingIt() {
        String json = """
                {"deployment_id":"d-1","name":"b","step_type":"other","status":"success",
                 "reported_at":"2024-01-01T00:00:00Z"}""";
        assertThatThrownBy(() -> EventCodec.decode(StepUpdated.class, json))
                .isInstanceOf(EventDecodingException.class)
                .hasMessageContaining("'project'");
    }

    @Test
    void rejectsAMissingFieldInANestedRecordNamingIt() {
        String json = """
                {"task_id":"t","lines":[{"offset":1,"level":"INFO"}]}""";
        assertThatThrownBy(() -> EventCodec.decode(LogLines.class, json))
                .isInstanceOf(EventDecodingException.class)
                .hasMessageContaining("'text'");
    }

    @Test
    void rejectsAFieldOfTheWrongShapeNamingIt() {
        String json = """
                {"deployment_id":"d-1","project":"p","status":"success","reported_at":"yesterday"}""";
        assertThatThrownBy(() -> EventCodec.decode(DeploymentUpdated.class, json))
                .isInstanceOf(EventDecodingException.class)
                .hasMessageContaining("reported_at");
    }

    @Test
    void rejectsMalformedAndEmptyJson() {
        assertThatThrownBy(() -> EventCodec.decode(StepUpdated.class, "{\"project\":"))
                .isInstanceOf(EventDecodingException.class).hasMessageContaining("malformed JSON");
        assertThatThrownBy(() -> EventCodec.decode(StepUpdated.class, ""))
                .isInstanceOf(EventDecodingException.class).hasMessageContaining("empty");
    }

    @Test
    void rejectsAnEmptyBatchOfLogLines() {
        assertThatThrownBy(() -> EventCodec.decode(LogLines.class, "{\"task_id\":\"t\",\"lines\":[]}"))
                .isInstanceOf(EventDecodingException.class).hasMessageContaining("'lines'");
    }
}
