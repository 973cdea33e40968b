package io.vigil.events;

import static io.vigil.events.Fields.positive;
import static io.vigil.events.Fields.required;
import static io.vigil.events.Fields.requiredText;

import java.time.Instant;
import java.util.UUID;

/**
 * One Vigil event as a service holds it: the CloudEvents attributes Vigil uses, and the payload record.
 * On Kafka it travels as a binary-mode CloudEvent ({@link KafkaCloudEvents}).
 *
 * @param id      consumers dedupe on it
 * @param subject the entity (project, run, task, alert); also the Kafka record key, so one subject stays in order
 * @param seq     per-subject sequence 1, 2, 3 … without gaps, assigned by the owner in the change's transaction
 */
public record VigilEvent<T extends Record>(UUID id, EventType type, String subject, Instant time, long seq, T data) {

    public VigilEvent {
        required(id, "id");
        required(type, "type");
        requiredText(subject, "subject");
        required(time, "time");
        positive(seq, "seq");
        required(data, "data");
        if (!type.payloadType().isInstance(data)) {
            throw new IllegalArgumentException(type.ceType() + " carries " + type.payloadType().getSimpleName()
                    + ", not " + data.getClass().getSimpleName());
        }
    }

    /** A new event with a fresh id; the type follows from the payload. */
    public static <T extends Record> VigilEvent<T> of(String subject, long seq, Instant time, T data) {
        return new VigilEvent<>(UUID.randomUUID(), EventType.ofPayload(data.getClass()), subject, time, seq, data);
    }
}
