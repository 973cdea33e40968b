package io.vigil.pipeline.run;

import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import java.nio.charset.StandardCharsets;

/** Where a page of runs ended: opaque to clients (base64 of "epoch-micros:id"). */
public record RunCursor(Instant createdAt, UUID id) {

    public String encode() {
        long micros = createdAt.getEpochSecond() * 1_000_000 + createdAt.getNano() / 1_000;
        return Base64.getUrlEncoder().withoutPadding().encodeToString((micros + ":" + id).getBytes(StandardCharsets.UTF_8));
    }

    /** Null for a cursor this service did not write. */
    public static RunCursor decode(String text) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8).split(":", 2);
            long micros = Long.parseLong(parts[0]);
            return new RunCursor(Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000), Math.floorMod(micros, 1_000_000) * 1_000L),
                    UUID.fromString(parts[1]));
        } catch (RuntimeException e) {
            return null;
        }
    }
}
