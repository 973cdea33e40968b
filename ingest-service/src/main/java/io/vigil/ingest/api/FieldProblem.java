package io.vigil.ingest.api;

/** A request field whose value the service cannot accept; answered as a 400 problem naming the field. */
public class FieldProblem extends RuntimeException {
    private final String field;

    public FieldProblem(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
