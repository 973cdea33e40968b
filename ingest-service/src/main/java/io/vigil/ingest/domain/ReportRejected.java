package io.vigil.ingest.domain;

/** A field of a report or request the service cannot accept (a bad value, a rollback of a deployment that does not exist); answered 400 naming it. */
public class ReportRejected extends IllegalArgumentException {
    private final String field;

    public ReportRejected(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
