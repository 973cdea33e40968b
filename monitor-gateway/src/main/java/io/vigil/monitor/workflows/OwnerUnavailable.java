package io.vigil.monitor.workflows;

/** The service that owns a workflow did not answer as it should (502): down, slow or failing. */
public class OwnerUnavailable extends RuntimeException {

    public OwnerUnavailable(String owner, Throwable cause) {
        super(owner + " did not answer: " + reason(cause), cause);
    }

    /** A short reason for clients: the failure's message, never a stack trace. */
    public static String reason(Throwable cause) {
        String message = cause.getMessage();
        return message == null || message.isBlank() ? cause.getClass().getSimpleName() : message;
    }
}
