package io.vigil.events;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.UUID;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;

import io.smallrye.reactive.messaging.ce.IncomingCloudEventMetadata;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Maps {@link VigilEvent}s to and from SmallRye Reactive Messaging messages carrying binary-mode CloudEvents
 * (attributes in {@code ce_} headers, payload JSON as the record value, subject as the record key).
 */
public final class KafkaCloudEvents {

    /** The CloudEvents extension attribute holding the per-subject sequence. */
    public static final String SEQ = "seq";
    static final String JSON = "application/json";

    private KafkaCloudEvents() {
    }

    /** The message to hand to an emitter; it goes to the type's topic whatever channel sends it. */
    public static Message<String> toMessage(VigilEvent<?> event) {
        OutgoingCloudEventMetadata<String> cloudEvent = OutgoingCloudEventMetadata.<String>builder()
                .withId(event.id().toString())
                .withSource(event.type().source().uri())
                .withType(event.type().ceType())
                .withSubject(event.subject())
                .withTimestamp(event.time().atZone(ZoneOffset.UTC))
                .withDataContentType(JSON)
                .withExtension(SEQ, event.seq())
                .build();
        OutgoingKafkaRecordMetadata<String> record = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(event.type().topic())
                .withKey(event.subject())
                .build();
        return Message.of(EventCodec.encode(event.data()), Metadata.of(cloudEvent, record));
    }

    /**
     * The event in an incoming message; empty when the message is no CloudEvent or has a type this
     * version does not know (newer writers may add types). A known type with bad data is an error.
     */
    public static Optional<VigilEvent<?>> fromMessage(Message<String> message) {
        @SuppressWarnings("unchecked")
        Optional<IncomingCloudEventMetadata<String>> metadata = message.getMetadata(IncomingCloudEventMetadata.class)
                .map(m -> (IncomingCloudEventMetadata<String>) m);
        return metadata.flatMap(ce -> fromAttributes(ce.getId(), ce.getType(), ce.getSubject().orElse(null),
                ce.getTimeStamp().orElse(null), ce.getExtension(SEQ).map(String::valueOf).orElse(null),
                message.getPayload()));
    }

    /** The event from its CloudEvents attributes as they arrive (extensions are strings in binary mode). */
    public static Optional<VigilEvent<?>> fromAttributes(String id, String ceType, String subject,
            ZonedDateTime time, String seq, String data) {
        Optional<EventType> type = EventType.ofCeType(ceType);
        if (type.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new VigilEvent<>(parseId(id), type.get(), subject,
                    time == null ? null : time.toInstant(), parseSeq(seq), EventCodec.decode(type.get(), data)));
        } catch (IllegalArgumentException e) {
            throw new EventDecodingException(ceType + " " + id + ": " + e.getMessage(), e);
        }
    }

    private static UUID parseId(String id) {
        try {
            return UUID.fromString(Fields.requiredText(id, "id"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage().startsWith("missing") ? e.getMessage()
                    : "attribute 'id' is not a UUID: " + id);
        }
    }

    private static long parseSeq(String seq) {
        try {
            return Long.parseLong(Fields.requiredText(seq, "seq"));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("attribute 'seq' is not a number: " + seq);
        }
    }
}
