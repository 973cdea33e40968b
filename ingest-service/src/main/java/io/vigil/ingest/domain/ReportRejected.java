package io.vigil.ingest.domain;

/** A report or request that contradicts what is stored (a rollback of a deployment that does not exist, say); names the field. */
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
