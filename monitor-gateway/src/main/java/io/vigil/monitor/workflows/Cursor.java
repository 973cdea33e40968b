package io.vigil.monitor.workflows;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * Where a newest-first page stopped: the last item's time and a key that orders items of the same time. Opaque to
 * clients (base64url), so that pages never shift while new items arrive (keyset paging).
 */
public record Cursor(Instant time, String key) {

    public String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((time + "|" + key).getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor {@code text} encodes; IllegalArgumentException when it is none this service gave. */
    public static Cursor decode(String text) {
        try {
            String plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
            int bar = plain.indexOf('|');
            if (bar < 0 || bar == plain.length() - 1) {
                throw new IllegalArgumentException("no key");
            }
            return new Cursor(Instant.parse(plain.substring(0, bar)), plain.substring(bar + 1));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("is not a cursor this service gave", e);
        }
    }
}
