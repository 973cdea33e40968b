package io.vigil.ingest.domain;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.vigil.events.Status;

/** Reads the status words deploy scripts send ("success", "failure", "error", "ok" …) as a {@link Status}. */
public final class ReportedStatus {

    private static final Map<String, Status> WORDS = Map.ofEntries(
            Map.entry("pending", Status.PENDING), Map.entry("queued", Status.PENDING),
            Map.entry("running", Status.RUNNING), Map.entry("in_progress", Status.RUNNING),
            Map.entry("started", Status.RUNNING),
            Map.entry("success", Status.SUCCESS), Map.entry("succeeded", Status.SUCCESS), Map.entry("ok", Status.SUCCESS),
            Map.entry("completed", Status.SUCCESS),
            Map.entry("failed", Status.FAILED), Map.entry("failure", Status.FAILED), Map.entry("error", Status.FAILED),
            Map.entry("skipped", Status.SKIPPED), Map.entry("skip", Status.SKIPPED),
            Map.entry("cancelled", Status.CANCELLED), Map.entry("canceled", Status.CANCELLED));

    private ReportedStatus() {
    }

    public static Optional<Status> parse(String word) {
        return word == null ? Optional.empty() : Optional.ofNullable(WORDS.get(word.trim().toLowerCase(Locale.ROOT)));
    }

    public static String accepted() {
        return String.join(", ", new java.util.TreeSet<>(WORDS.keySet()));
    }
}
