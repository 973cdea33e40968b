package io.vigil.logs.mask;

import static io.vigil.logs.mask.Ascii.isLetterOrDigit;
import static io.vigil.logs.mask.Ascii.isSpace;

/**
 * Finds the password of a URL's user info, {@code scheme://user:password@host}: the user and host stay. The
 * authority ends at the first {@code / ? #}, so a password holding one of those unencoded (which a URL does not
 * allow) is not recognized; one holding {@code @} is, the host starting after the last {@code @}.
 */
final class UrlCredentials {

    private UrlCredentials() {
    }

    static Spans find(String line, Spans found) {
        if (line.indexOf('@') < 0) {
            return found; // most URLs in logs have no user info: no need to look at their authority
        }
        int at = line.indexOf("://");
        while (at >= 0) {
            int from = at + 3;
            int end = from;
            int colon = -1;
            int lastAt = -1;
            while (end < line.length()) {
                char c = line.charAt(end);
                if (c == '/' || c == '?' || c == '#' || c == '"' || c == '\'' || c == '<' || c == '>' || isSpace(c)) {
                    break;
                }
                if (c == ':' && colon < 0) {
                    colon = end;
                } else if (c == '@') {
                    lastAt = end;
                }
                end++;
            }
            if (at > 0 && isLetterOrDigit(line.charAt(at - 1)) && colon >= 0 && colon + 1 < lastAt
                    && !Ascii.allStars(line, colon + 1, lastAt)) {
                found = Spans.add(found, colon + 1, lastAt);
            }
            at = line.indexOf("://", end);
        }
        return found;
    }
}
