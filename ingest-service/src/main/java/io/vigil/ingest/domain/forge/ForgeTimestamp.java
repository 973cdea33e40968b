package io.vigil.ingest.domain.forge;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.util.Optional;

/**
 * Reads the times forges put in payloads: RFC 3339 (GitHub, newer GitLab fields) and GitLab's older
 * "2024-01-01 10:00:00 UTC" and "2024-01-01 12:00:00 +0200". Years outside 1970–9999 are refused: no forge
 * sends them, and PostgreSQL cannot store the far ones.
 */
final class ForgeTimestamp {

    private static final DateTimeFormatter LOCAL = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE).appendLiteral(' ').append(DateTimeFormatter.ISO_LOCAL_TIME)
            .toFormatter();
    private static final DateTimeFormatter WITH_OFFSET = new DateTimeFormatterBuilder()
            .append(LOCAL).appendLiteral(' ').appendOffset("+HHMM", "Z").toFormatter();
    private static final Instant EARLIEST = Instant.EPOCH;
    private static final Instant END = Instant.parse("+10000-01-01T00:00:00Z");

    private ForgeTimestamp() {
    }

    static Optional<Instant> parse(String text) {
        return read(text).filter(time -> !time.isBefore(EARLIEST) && time.isBefore(END));
    }

    private static Optional<Instant> read(String text) {
        try {
            if (text.endsWith(" UTC")) {
                return Optional.of(LocalDateTime.parse(text.substring(0, text.length() - 4), LOCAL)
                        .toInstant(ZoneOffset.UTC));
            }
            if (text.indexOf('T') > 0) {
                return Optional.of(OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant());
            }
            return Optional.of(OffsetDateTime.parse(text, WITH_OFFSET).toInstant());
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }
}
