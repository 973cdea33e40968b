package io.vigil.monitor.workflows;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonRawValue;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A page of logged events, newest first; {@code next} is the cursor of the following page, null on the last. */
public record EventPage(List<Item> items, String next) {

    /** One logged event; {@code data} is its payload as published. */
    public record Item(UUID id, String type, String subject, String project, long seq, Instant time,
            @JsonRawValue @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.OBJECT)
            String data) {
    }
}
