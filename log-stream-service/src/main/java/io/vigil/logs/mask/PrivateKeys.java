package io.vigil.logs.mask;

/**
 * Masks private keys written out in PEM or PGP armor ({@code -----BEGIN RSA PRIVATE KEY-----} …
 * {@code -----END RSA PRIVATE KEY-----}): every line between the two marker lines, which stay visible, is masked
 * whole and counts once. A key written on one line (JSON with {@code \n} escapes) has what lies between its
 * markers masked.
 *
 * <p>A block spans lines, so where the stream stands is kept in {@link MaskState}. A {@code BEGIN} marker with
 * more text after it on its line (a {@code grep} for the marker, say) masks that text but opens no block. A block
 * whose {@code END} never comes stops being masked after {@value #MAX_LINES} lines: that is far more than the
 * largest key, and it keeps a lone marker line from masking the rest of a log.
 */
final class PrivateKeys {

    static final int MAX_LINES = 1000;

    private static final String BEGIN = "-----BEGIN ";
    private static final String END = "-----END ";
    private static final String DASHES = "-----";
    /** The longest label between the markers' dashes looked at, e.g. {@code ENCRYPTED PRIVATE KEY}. */
    private static final int MAX_LABEL = 64;

    /** What masking private keys made of a line: the ranges found, whether the whole line is key, the state after. */
    record Scan(Spans found, boolean wholeLine, MaskState after) {
    }

    private PrivateKeys() {
    }

    /** Whether {@code line} needs a {@link #scan}: a key is open, or the line may open one. */
    static boolean concerns(String line, MaskState state) {
        return state.inPrivateKey() || line.contains(BEGIN);
    }

    static Scan scan(String line, MaskState state) {
        int lines = state.privateKeyLines();
        if (lines >= MAX_LINES) {
            lines = 0; // an END that never came
        }
        Spans found = null;
        boolean wholeLine = false;
        int at = 0;
        while (at <= line.length()) {
            if (lines > 0) {
                int end = marker(line, END, at);
                if (end < 0) {
                    wholeLine = !blank(line, at, line.length());
                    found = Spans.add(found, at, wholeLine ? line.length() : at);
                    lines++;
                    break;
                }
                if (!blank(line, at, end)) {
                    found = Spans.add(found, at, end);
                }
                lines = 0;
                at = markerEnd(line, end);
            } else {
                int begin = marker(line, BEGIN, at);
                if (begin < 0) {
                    break;
                }
                int body = markerEnd(line, begin);
                int end = marker(line, END, body);
                if (end >= 0) {
                    found = Spans.add(found, body, end);
                    at = markerEnd(line, end);
                } else if (hasKeyText(line, body)) {
                    found = Spans.add(found, body, line.length()); // the key's start, or a mention of the marker
                    break;
                } else {
                    lines = 1;
                    break;
                }
            }
        }
        return new Scan(found, wholeLine, lines == state.privateKeyLines() ? state : MaskState.of(lines));
    }

    /** Where the next {@code -----BEGIN/END … PRIVATE KEY…-----} marker from {@code from} starts, or -1. */
    private static int marker(String line, String start, int from) {
        int at = line.indexOf(start, from);
        while (at >= 0) {
            int labelStart = at + start.length();
            int labelEnd = line.indexOf(DASHES, labelStart);
            if (labelEnd >= 0 && labelEnd - labelStart <= MAX_LABEL
                    && line.substring(labelStart, labelEnd).contains("PRIVATE KEY")) {
                return at;
            }
            at = line.indexOf(start, labelStart);
        }
        return -1;
    }

    /** Where the marker starting at {@code at} ends, after its closing dashes. */
    private static int markerEnd(String line, int at) {
        return line.indexOf(DASHES, at + DASHES.length()) + DASHES.length();
    }

    /** Whether what follows a {@code BEGIN} marker holds letters or digits: key text, not just a closing quote. */
    private static boolean hasKeyText(String line, int from) {
        for (int i = from; i < line.length(); i++) {
            if (Ascii.isLetterOrDigit(line.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    private static boolean blank(String line, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!Ascii.isSpace(line.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
