package io.vigil.monitor.workflows;

/** A request parameter that is wrong: answered as a 400 problem naming {@code field}. */
public class InvalidParameter extends RuntimeException {

    private final String field;

    public InvalidParameter(String field, String message) {
        super(message, null, false, false);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
