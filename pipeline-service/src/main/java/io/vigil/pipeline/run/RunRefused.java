package io.vigil.pipeline.run;

/** A run request that cannot be honoured, pointing at the offending value; answered 400 (or 409 for a state). */
public class RunRefused extends RuntimeException {

    private final String pointer;
    private final int status;

    public RunRefused(String pointer, String message) {
        this(400, pointer, message);
    }

    public RunRefused(int status, String pointer, String message) {
        super(message);
        this.pointer = pointer;
        this.status = status;
    }

    public String pointer() {
        return pointer;
    }

    public int status() {
        return status;
    }
}
