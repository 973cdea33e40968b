package io.vigil.ingest.domain;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * Where a page of deployments ended: the last one's receive time and id. Pages go newest first, so the next
 * page starts strictly before this key; rows arriving meanwhile never shift or repeat a page.
 */
public record DeploymentCursor(Instant receivedAt, UUID id) {

    public String encode() {
        String key = receivedAt.getEpochSecond() + "." + receivedAt.getNano() + "." + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key.getBytes(StandardCharsets.UTF_8));
    }

    /** Reads a cursor a client got from {@link #encode()}; throws {@link IllegalArgumentException} for anything else. */
    public static DeploymentCursor decode(String text) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8).split("\\.", 3);
            if (parts.length != 3) {
                throw new IllegalArgumentException("not a cursor");
            }
            return new DeploymentCursor(Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1])),
                    UUID.fromString(parts[2]));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a cursor this service gave out", e);
        }
    }

    public static DeploymentCursor after(Deployment deployment) {
        return new DeploymentCursor(deployment.receivedAt, deployment.id);
    }
}
