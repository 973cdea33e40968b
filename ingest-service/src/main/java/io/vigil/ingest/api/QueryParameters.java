package io.vigil.ingest.api;

import io.vigil.ingest.domain.ReportRejected;

/** Reading query parameters strictly, so a bad one is a 400 naming it rather than a silent default. */
final class QueryParameters {

    private QueryParameters() {
    }

    static int between(String name, String text, int min, int max) {
        try {
            int value = Integer.parseInt(text.trim());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new ReportRejected(name, "must be a whole number from " + min + " to " + max);
    }
}
