package io.vigil.logs.source;

import java.util.regex.Pattern;

/**
 * What a task id may look like: {@code /}-separated segments of letters, digits and {@code _ . @ + -}, none of
 * them {@code .} or {@code ..}, 255 characters at most. Ids come from URLs and file names; anything else is
 * refused before it reaches a query or a path.
 */
public final class TaskIds {

    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.@+-]{0,127}");
    static final int MAX_LENGTH = 255;
    private static final int MAX_SEGMENTS = 16;

    private TaskIds() {
    }

    public static boolean valid(String id) {
        if (id == null || id.isEmpty() || id.length() > MAX_LENGTH) {
            return false;
        }
        String[] segments = id.split("/", -1);
        if (segments.length > MAX_SEGMENTS) {
            return false;
        }
        for (String segment : segments) {
            if (!SEGMENT.matcher(segment).matches() || segment.equals("..")) {
                return false;
            }
        }
        return true;
    }

    /** The pipeline run a step's task id ({@code <run id>/<step>/<attempt>}) belongs to; the id itself otherwise. */
    public static String scopeOf(String id) {
        int slash = id.indexOf('/');
        return slash < 0 ? id : id.substring(0, slash);
    }
}
