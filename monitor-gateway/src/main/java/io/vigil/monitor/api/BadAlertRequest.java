package io.vigil.monitor.api;

/** A request to the alert or silence APIs with a wrong field or parameter: answered 400, naming {@link #field()}. */
public class BadAlertRequest extends RuntimeException {

    private final String field;

    public BadAlertRequest(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }

    /** {@code value} as an int within {@code min..max}; absent, {@code otherwise}. */
    static int intParam(String field, String value, int otherwise, int min, int max) {
        if (value == null || value.isEmpty()) {
            return otherwise;
        }
        try {
            int number = Integer.parseInt(value);
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new BadAlertRequest(field, "must be a whole number from " + min + " to " + max + ", got '" + value + "'");
    }
}
