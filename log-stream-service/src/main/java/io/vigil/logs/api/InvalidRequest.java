package io.vigil.logs.api;

/** A request value that cannot be taken: {@code field} names it (a query parameter or a body field). */
class InvalidRequest extends RuntimeException {

    private final String field;

    InvalidRequest(String field, String message) {
        super(message);
        this.field = field;
    }

    String field() {
        return field;
    }

    /** A task id from the URL or a query: checked before it reaches a query or a path. */
    static String taskId(String field, String id) {
        if (id == null || id.isBlank()) {
            throw new InvalidRequest(field, "is required");
        }
        if (!io.vigil.logs.source.TaskIds.valid(id)) {
            throw new InvalidRequest(field, "is not a task id: segments of letters, digits and _ . @ + -, separated"
                    + " by /, none of them . or .., at most 255 characters");
        }
        return id;
    }

    /** A whole number query parameter from {@code min} to {@code max}; {@code fallback} when absent. */
    static long number(String field, String text, long min, long max, long fallback) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            long value = Long.parseLong(text.trim());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new InvalidRequest(field, "must be a whole number from " + min + " to " + max);
    }
}
