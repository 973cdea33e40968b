package io.vigil.logs.mask;

import static io.vigil.logs.mask.Ascii.isLetterOrDigit;
import static io.vigil.logs.mask.Ascii.isLowerOrDigit;
import static io.vigil.logs.mask.Ascii.isSpace;
import static io.vigil.logs.mask.Ascii.isUpper;

import java.util.Arrays;

/**
 * Finds the values given to keys that name a secret: {@code password=…}, {@code token: …},
 * {@code "api_key": "…"}, {@code --password=…} and {@code --password …}, {@code Authorization: Basic …}. The key
 * and separator stay; the value is masked, unless it is empty or already stars.
 *
 * <p>A key names a secret when its last words are one of {@link #KEYS}, words being split at {@code _ - .} and
 * where camelCase changes: {@code DB_PASSWORD}, {@code clientSecret}, {@code x-api-key} and
 * {@code aws_secret_access_key} do, {@code token_count}, {@code max_tokens} and {@code mypassword} do not.
 * Matching walks back from the separator over these few words only, so no line makes it quadratic.
 */
final class KeyValueSecrets {

    /** Lower-case words of the keys whose values are secrets. */
    private static final String[][] KEYS = {
            {"password"}, {"passwd"}, {"pwd"}, {"passphrase"}, {"secret"}, {"token"}, {"accesstoken"},
            {"apikey"}, {"api", "key"}, {"secretkey"}, {"secret", "key"}, {"secretaccesskey"},
            {"secret", "access", "key"}, {"privatekey"}, {"private", "key"}, {"authorization"}};
    private static final String[] PWD = KEYS[2];
    private static final String[] AUTHORIZATION = KEYS[KEYS.length - 1];
    /** HTTP authentication schemes, which an {@code Authorization} value starts with. */
    private static final String[] SCHEMES = {"basic", "bearer", "digest", "negotiate", "ntlm", "token"};
    /** The keys by the lower-case letter they end with: most separators in a log are past the first look. */
    private static final String[][][] KEYS_BY_LAST_LETTER = new String[26][][];

    static {
        for (char c = 'a'; c <= 'z'; c++) {
            char last = c;
            KEYS_BY_LAST_LETTER[c - 'a'] = Arrays.stream(KEYS)
                    .filter(words -> words[words.length - 1].endsWith(String.valueOf(last)))
                    .toArray(String[][]::new);
        }
    }

    private KeyValueSecrets() {
    }

    static Spans find(String line, Spans found) {
        found = separated(line, '=', found);
        found = separated(line, ':', found);
        return flags(line, found);
    }

    /** {@code key=value}, {@code key: value}, {@code "key": "value"} (also escaped inside a JSON string). */
    private static Spans separated(String line, char separator, Spans found) {
        int at = line.indexOf(separator);
        while (at >= 0) {
            int resume = at + 1;
            int valueFrom = valueFrom(line, at);
            String[] key = valueFrom < 0 ? null : secretKeyBefore(line, keyEnd(line, at));
            if (key != null && !(key == PWD && separator == '=' && isShellPwd(line, keyEnd(line, at)))) {
                long value = value(line, valueFrom, key == AUTHORIZATION);
                if (value >= 0) {
                    int end = (int) value;
                    found = Spans.add(found, (int) (value >>> 32), end);
                    resume = Math.max(resume, end); // a separator inside the value is part of the secret
                }
            }
            at = line.indexOf(separator, resume);
        }
        return found;
    }

    /**
     * Where the value after the separator at {@code at} may start, or -1 when the separator starts {@code ==},
     * {@code ::} or {@code :=}. (One that ends them, or {@code !=}, has no key before it.)
     */
    private static int valueFrom(String line, int at) {
        char after = at + 1 < line.length() ? line.charAt(at + 1) : ' ';
        if (line.charAt(at) == '=') {
            return after == '=' ? -1 : after == '>' ? at + 2 : at + 1; // a Ruby or PHP hash: password => "…"
        }
        return after == ':' || after == '=' ? -1 : at + 1;
    }

    /** Where the key before the separator at {@code at} ends: before blanks and a closing (escaped) quote. */
    private static int keyEnd(String line, int at) {
        int end = at;
        while (end > 0 && isSpace(line.charAt(end - 1))) {
            end--;
        }
        if (end > 0 && (line.charAt(end - 1) == '"' || line.charAt(end - 1) == '\'')) {
            end--;
            if (end > 0 && line.charAt(end - 1) == '\\') {
                end--;
            }
        }
        return end;
    }

    /** The key words the name ending at {@code end} ends with, or {@code null} when it does not name a secret. */
    private static String[] secretKeyBefore(String line, int end) {
        char last = end == 0 ? ' ' : (char) (line.charAt(end - 1) | 0x20); // ASCII lower case
        if (last < 'a' || last > 'z') {
            return null;
        }
        for (String[] key : KEYS_BY_LAST_LETTER[last - 'a']) {
            if (endsWithWords(line, end, key)) {
                return key;
            }
        }
        return null;
    }

    private static boolean endsWithWords(String line, int end, String[] words) {
        int at = end;
        for (int w = words.length - 1; w >= 0; w--) {
            String word = words[w];
            int start = at - word.length();
            if (start < 0 || !line.regionMatches(true, start, word, 0, word.length())) {
                return false;
            }
            boolean first = w == 0;
            if (start > 0 && isSeparator(line.charAt(start - 1))) {
                at = start - 1;
            } else if (start == 0 ? first : startsWord(line, start, end, first)) {
                at = start;
            } else {
                return false;
            }
        }
        return true;
    }

    private static boolean isSeparator(char c) {
        return c == '_' || c == '-' || c == '.';
    }

    /** Whether a word starts at {@code at}, not just continues (so {@code mypassword} is no password key). */
    private static boolean startsWord(String line, int at, int end, boolean first) {
        char before = line.charAt(at - 1);
        char c = line.charAt(at);
        if (isUpper(c) && (isLowerOrDigit(before)
                || isUpper(before) && at + 1 < end && !isUpper(line.charAt(at + 1)))) {
            return true; // camelCase, or the end of an acronym: dbPassword, APIKey
        }
        if (!first) {
            return false;
        }
        // -Dpassword=… on a Java or Maven command line
        return !isLetterOrDigit(before) || before == 'D' && at >= 2 && line.charAt(at - 2) == '-';
    }

    /** {@code PWD=/home/…} is the shell's working directory, printed by every {@code env}, not a password. */
    private static boolean isShellPwd(String line, int end) {
        return line.startsWith("PWD", end - 3) && (end == 3 || !isLetterOrDigit(line.charAt(end - 4))
                && !isSeparator(line.charAt(end - 4)));
    }

    /**
     * {@code --password value}: the value after a flag naming a secret and a blank ({@code --password=value}
     * is a key and separator like any other).
     */
    private static Spans flags(String line, Spans found) {
        int at = line.indexOf("--");
        while (at >= 0) {
            int resume = at + 2;
            if ((at == 0 || isSpace(line.charAt(at - 1)) || line.charAt(at - 1) == '"' || line.charAt(at - 1) == '\'')
                    && at + 2 < line.length() && Character.isLetter(line.charAt(at + 2))) {
                int end = at + 2;
                while (end < line.length() && (isLetterOrDigit(line.charAt(end)) || line.charAt(end) == '-'
                        || line.charAt(end) == '_')) {
                    end++;
                }
                resume = end;
                String[] key = end < line.length() && isSpace(line.charAt(end)) ? secretKeyBefore(line, end) : null;
                long value = key == null || line.startsWith("--", skipSpaces(line, end)) ? -1 : value(line, end, false);
                if (value >= 0) {
                    found = Spans.add(found, (int) (value >>> 32), (int) value);
                    resume = (int) value;
                }
            }
            at = line.indexOf("--", resume);
        }
        return found;
    }

    private static int skipSpaces(String line, int from) {
        int at = from;
        while (at < line.length() && isSpace(line.charAt(at))) {
            at++;
        }
        return at;
    }

    /**
     * The value starting after blanks at {@code from}, as {@code start << 32 | end}, or -1 when it is empty or
     * stars. Quoted, it runs to its closing quote (or the line's end); bare, to a blank, a quote or {@code &}
     * (the next query parameter). A password with a comma in it is masked whole: the value is allowed to take
     * too much of the line rather than let the end of a secret out. After {@code Authorization} the scheme
     * ({@code Basic}, {@code Bearer}, …) stays visible.
     */
    private static long value(String line, int from, boolean authorization) {
        int start = skipSpaces(line, from);
        if (start == line.length()) {
            return -1;
        }
        char quote = 0;
        boolean escaped = false;
        char c = line.charAt(start);
        if (c == '"' || c == '\'') {
            quote = c;
            start++;
        } else if (c == '\\' && start + 1 < line.length() && (line.charAt(start + 1) == '"' || line.charAt(start + 1) == '\'')) {
            quote = line.charAt(start + 1);
            escaped = true;
            start += 2;
        }
        int end = quote == 0 ? bareEnd(line, start) : closingQuote(line, start, quote, escaped);
        if (authorization) {
            int scheme = start;
            while (scheme < end && (Character.isLetter(line.charAt(scheme)) || line.charAt(scheme) == '-')) {
                scheme++;
            }
            int credential = skipSpaces(line, scheme);
            if (scheme > start && credential > scheme && credential < line.length()) {
                start = credential;
                end = quote == 0 ? bareEnd(line, start) : Math.min(bareEnd(line, start), closingQuote(line, start, quote, escaped));
            } else if (scheme == end && isScheme(line, start, end)) {
                return -1; // a scheme with no credential after it
            }
        }
        return end > start && !Ascii.allStars(line, start, end) ? (long) start << 32 | end : -1;
    }

    private static boolean isScheme(String line, int start, int end) {
        for (String scheme : SCHEMES) {
            if (end - start == scheme.length() && line.regionMatches(true, start, scheme, 0, scheme.length())) {
                return true;
            }
        }
        return false;
    }

    private static int bareEnd(String line, int from) {
        int end = from;
        while (end < line.length()) {
            char c = line.charAt(end);
            if (isSpace(c) || c == '&' || c == '"' || c == '\'') {
                break;
            }
            end++;
        }
        return end;
    }

    /** Where the quoted value from {@code from} ends: its closing quote, past backslash escapes, or the line's end. */
    private static int closingQuote(String line, int from, char quote, boolean escaped) {
        for (int at = from; at < line.length(); at++) {
            char c = line.charAt(at);
            if (escaped) {
                if (c == '\\' && at + 1 < line.length() && line.charAt(at + 1) == quote) {
                    return at;
                }
            } else if (c == '\\' && quote == '"') {
                at++; // \" and \\ inside a JSON string
            } else if (c == quote) {
                return at;
            }
        }
        return line.length();
    }
}
