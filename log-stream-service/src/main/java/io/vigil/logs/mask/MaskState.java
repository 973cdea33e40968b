package io.vigil.logs.mask;

/**
 * Where a task's log stands for masking between two lines: how many lines of a private key block opened by
 * {@code -----BEGIN … PRIVATE KEY-----} have been seen without its {@code END} line, 0 outside one. The caller
 * keeps one per task and stores it ({@link #persisted()}) with the task's checkpoint, so that a restart in the
 * middle of a key goes on masking it.
 */
public record MaskState(int privateKeyLines) {

    /** Outside any private key: the state of a new task. */
    public static final MaskState CLEAR = new MaskState(0);

    private static final String PRIVATE_KEY = "private-key:";

    public MaskState {
        if (privateKeyLines < 0) {
            throw new IllegalArgumentException("privateKeyLines must be 0 or more, not " + privateKeyLines);
        }
    }

    public static MaskState of(int privateKeyLines) {
        return privateKeyLines == 0 ? CLEAR : new MaskState(privateKeyLines);
    }

    /**
     * The state {@link #persisted()} wrote: {@link #CLEAR} for {@code null}.
     *
     * @throws IllegalArgumentException for text {@code persisted()} does not write
     */
    public static MaskState restore(String persisted) {
        if (persisted == null) {
            return CLEAR;
        }
        if (persisted.startsWith(PRIVATE_KEY)) {
            try {
                int lines = Integer.parseInt(persisted.substring(PRIVATE_KEY.length()));
                if (lines > 0) {
                    return new MaskState(lines);
                }
            } catch (NumberFormatException e) {
                // refused below
            }
        }
        throw new IllegalArgumentException("not a stored mask state: " + persisted);
    }

    /** This state as a short text to store, e.g. {@code private-key:12}; {@code null} for {@link #CLEAR}. */
    public String persisted() {
        return inPrivateKey() ? PRIVATE_KEY + privateKeyLines : null;
    }

    public boolean inPrivateKey() {
        return privateKeyLines > 0;
    }
}
