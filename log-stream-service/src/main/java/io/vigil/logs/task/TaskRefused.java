package io.vigil.logs.task;

/** A task that cannot be started as asked: {@code field} names the request field at fault. */
public class TaskRefused extends RuntimeException {

    private final String field;

    public TaskRefused(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
