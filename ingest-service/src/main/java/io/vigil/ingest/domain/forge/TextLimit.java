package io.vigil.ingest.domain.forge;

/**
 * How long a text taken from a forge payload may be, per kind of value: the bounds the deployment webhook
 * puts on the same report fields, so a forge cannot store what a deploy script may not. Values that name
 * things (project, repository, branch, commit, URL, status word) are refused when too long; values only
 * shown to people (step and user names, messages) are cut instead, because a forge legitimately sends longer
 * ones (GitLab job names up to 255 characters, GitHub step names made of a whole command line) and refusing
 * would lose the delivery. NUL is refused everywhere: PostgreSQL cannot store it in text.
 */
enum TextLimit {
    PROJECT(200, false), REPOSITORY(500, false), BRANCH(300, false), COMMIT(100, false), WORD(100, false),
    URL(2000, false), NAME(200, true), MESSAGE(10_000, true);

    private final int maxChars;
    private final boolean cut;

    TextLimit(int maxChars, boolean cut) {
        this.maxChars = maxChars;
        this.cut = cut;
    }

    /** The value, cut to size where allowed, or a {@link ForgeFieldException} naming {@code field}. */
    String check(String value, String field) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\0' || (this == PROJECT && Character.isISOControl(c))) {
                throw new ForgeFieldException(field, "must not contain control characters");
            }
        }
        if (value.length() <= maxChars) {
            return value;
        }
        if (!cut) {
            throw new ForgeFieldException(field, "must be at most " + maxChars + " characters");
        }
        int end = maxChars - 1;
        if (Character.isHighSurrogate(value.charAt(end - 1))) {
            end--;
        }
        return value.substring(0, end) + "…";
    }
}
