package io.vigil.logs.parse;

/**
 * Removes terminal escape sequences (colours, cursor moves, window titles, hyperlinks) from a line, so that what
 * is left is the text a terminal would show. Handles the 7-bit forms that tools write: CSI ({@code ESC [ … final}),
 * OSC and the other string sequences ({@code ESC ] … BEL} or {@code … ESC \}), and two-character escapes. Lines
 * arrive decoded from UTF-8, where a raw 8-bit C1 byte is already U+FFFD, so the 8-bit forms are not looked for.
 */
public final class Ansi {

    static final char ESC = '\u001b';
    private static final char BEL = '\u0007';

    private Ansi() {
    }

    /** The text without its escape sequences; the same instance when it has none. A cut-off sequence is dropped. */
    public static String strip(String text) {
        int esc = text.indexOf(ESC);
        if (esc < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int copied = 0;
        int length = text.length();
        while (esc >= 0) {
            out.append(text, copied, esc);
            copied = sequenceEnd(text, esc, length);
            esc = text.indexOf(ESC, copied);
        }
        out.append(text, copied, length);
        return out.toString();
    }

    /** Index just past the escape sequence starting at {@code esc}. */
    private static int sequenceEnd(String text, int esc, int length) {
        int i = esc + 1;
        if (i == length) {
            return length;
        }
        char kind = text.charAt(i);
        if (kind == '[') {
            return csiEnd(text, i + 1, length);
        }
        if (kind == ']' || kind == 'P' || kind == 'X' || kind == '^' || kind == '_') {
            return stringEnd(text, i + 1, length);
        }
        // nF escapes (ESC ( B and the like) have intermediates 0x20-0x2F before their final byte; Fe/Fp/Fs have none.
        while (i < length && text.charAt(i) >= 0x20 && text.charAt(i) <= 0x2F) {
            i++;
        }
        if (i < length && text.charAt(i) >= 0x30 && text.charAt(i) <= 0x7E) {
            return i + 1;
        }
        return i;
    }

    /** CSI: parameter bytes 0x30-0x3F, intermediate bytes 0x20-0x2F, one final byte 0x40-0x7E. */
    private static int csiEnd(String text, int i, int length) {
        while (i < length) {
            char c = text.charAt(i);
            if (c >= 0x40 && c <= 0x7E) {
                return i + 1;
            }
            if (c < 0x20 || c > 0x3F) {
                // Not part of a CSI: the sequence was broken off; keep this character as text.
                return i;
            }
            i++;
        }
        return length;
    }

    /** OSC, DCS, SOS, PM, APC: everything up to BEL or ST ({@code ESC \}); unterminated, up to the end. */
    private static int stringEnd(String text, int i, int length) {
        while (i < length) {
            char c = text.charAt(i);
            if (c == BEL) {
                return i + 1;
            }
            if (c == ESC) {
                return i + 1 < length && text.charAt(i + 1) == '\\' ? i + 2 : i;
            }
            i++;
        }
        return length;
    }
}
