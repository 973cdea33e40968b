package io.vigil.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZonedDateTime;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import io.vigil.events.KafkaCloudEvents;
import io.vigil.events.VigilEvent;

/** Checks that an event reached the broker as Vigil's contract says: binary CloudEvent, subject as key, on its topic. */
public final class PublishedEvents {

    private PublishedEvents() {
    }

    /** Waits for the record carrying {@code event} and asserts every attribute and the payload read back equal. */
    public static ConsumerRecord<String, String> assertPublished(VigilEvent<?> event, Duration timeout) {
        ConsumerRecord<String, String> record = TopicReader.awaitRecord(event.type().topic(),
                r -> event.id().toString().equals(TopicReader.header(r, "ce_id")), timeout);
        assertThat(record.key()).as("record key").isEqualTo(event.subject());
        assertThat(TopicReader.header(record, "ce_specversion")).isEqualTo("1.0");
        assertThat(TopicReader.header(record, "ce_source")).isEqualTo(event.type().source().uri().toString());
        VigilEvent<?> readBack = KafkaCloudEvents.fromAttributes(TopicReader.header(record, "ce_id"),
                TopicReader.header(record, "ce_type"), TopicReader.header(record, "ce_subject"),
                ZonedDateTime.parse(TopicReader.header(record, "ce_time")), TopicReader.header(record, "ce_seq"),
                record.value()).orElseThrow();
        assertThat(readBack).isEqualTo(event);
        return record;
    }
}
