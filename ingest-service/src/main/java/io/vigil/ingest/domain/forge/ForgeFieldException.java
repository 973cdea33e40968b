package io.vigil.ingest.domain.forge;

/**
 * A forge payload lacks a field Vigil needs, or holds one it cannot read. Names the JSON path
 * ("workflow_run.head_sha", "builds[2].status") so the delivery is refused with a 400 that says what to fix.
 */
public class ForgeFieldException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String field;
    private final String reason;

    public ForgeFieldException(String field, String reason) {
        super(field + ": " + reason);
        this.field = field;
        this.reason = reason;
    }

    /** The JSON path of the field, or the header's name when a header is at fault. */
    public String field() {
        return field;
    }

    /** Why the field cannot be used, without the field's name. */
    public String reason() {
        return reason;
    }
}
