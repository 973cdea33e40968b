package io.vigil.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneOffset;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;

import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vigil.events.payload.StepUpdated;

class KafkaCloudEventsTest {

    private final VigilEvent<Record> event = VigilEvent.of("demo-app", 7, SamplePayloads.T,
            SamplePayloads.of(EventType.STEP_UPDATED));

    @Test
    void outgoingMessageCarriesEveryAttributeAndTheSubjectAsKey() {
        Message<String> message = KafkaCloudEvents.toMessage(event);

        OutgoingCloudEventMetadata<?> ce = message.getMetadata(OutgoingCloudEventMetadata.class).orElseThrow();
        assertThat(ce.getId()).isEqualTo(event.id().toString());
        assertThat(ce.getType()).isEqualTo("io.vigil.step.updated");
        assertThat(ce.getSource()).hasToString("/vigil/ingest");
        assertThat(ce.getSubject()).contains("demo-app");
        assertThat(ce.getExtension(KafkaCloudEvents.SEQ)).contains(7L);
        assertThat(ce.getDataContentType()).contains("application/json");

        OutgoingKafkaRecordMetadata<?> kafka = message.getMetadata(OutgoingKafkaRecordMetadata.class).orElseThrow();
        assertThat(kafka.getKey()).isEqualTo("demo-app");
        assertThat(kafka.getTopic()).isEqualTo(Topics.DEPLOYMENTS);
        assertThat(message.getPayload()).contains("\"deploy_project\"");
    }

    @Test
    void attributesAsTheyArriveDecodeToTheSameEvent() {
        VigilEvent<?> decoded = KafkaCloudEvents.fromAttributes(event.id().toString(), "io.vigil.step.updated",
                "demo-app", event.time().atZone(ZoneOffset.UTC), "7", EventCodec.encode(event.data())).orElseThrow();
        assertThat(decoded).isEqualTo(event);
        assertThat(decoded.data()).isInstanceOf(StepUpdated.class);
    }

    @Test
    void unknownTypesAreSkippedNotFailed() {
        assertThat(KafkaCloudEvents.fromAttributes("x", "io.vigil.future.thing", "s", null, "1", "{}")).isEmpty();
    }

    @Test
    void badAttributesAreRejectedNamingThem() {
        String data = EventCodec.encode(event.data());
        assertThatThrownBy(() -> KafkaCloudEvents.fromAttributes(event.id().toString(), "io.vigil.step.updated",
                "demo-app", event.time().atZone(ZoneOffset.UTC), "seven", data))
                .isInstanceOf(EventDecodingException.class).hasMessageContaining("'seq'");
        assertThatThrownBy(() -> KafkaCloudEvents.fromAttributes("not-a-uuid", "io.vigil.step.updated",
                "demo-app", event.time().atZone(ZoneOffset.UTC), "1", data))
                .isInstanceOf(EventDecodingException.class).hasMessageContaining("'id'");
        assertThatThrownBy(() -> KafkaCloudEvents.fromAttributes(event.id().toString(), "io.vigil.step.updated",
                null, event.time().atZone(ZoneOffset.UTC), "1", data))
                .isInstanceOf(EventDecodingException.class).hasMessageContaining("'subject'");
    }

    @Test
    void anEventMustCarryThePayloadOfItsType() {
        assertThatThrownBy(() -> new VigilEvent<>(event.id(), EventType.RUN_UPDATED, "s", SamplePayloads.T, 1,
                event.data())).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("RunUpdated");
    }
}
