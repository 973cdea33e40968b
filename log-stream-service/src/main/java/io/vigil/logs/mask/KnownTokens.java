package io.vigil.logs.mask;

import static io.vigil.logs.mask.Ascii.isBase64Url;
import static io.vigil.logs.mask.Ascii.isLetterOrDigit;
import static io.vigil.logs.mask.Ascii.isSpace;

import java.util.List;
import java.util.function.IntPredicate;

/**
 * Finds credentials by their shape wherever they stand: AWS access key ids, GitHub and GitLab tokens, JWTs and
 * the credential after {@code Bearer}. Each is looked for only where its literal start occurs (one
 * {@code indexOf} per start), and a token must not follow a letter or digit, so that every character of a line
 * is scanned a bounded number of times however hostile the line.
 */
final class KnownTokens {

    /** A token: a literal prefix, then at least {@code min} and at most {@code max} characters of {@code body}. */
    private record Shape(String prefix, IntPredicate body, int min, int max) {
    }

    private static final IntPredicate UPPER_ALNUM = c -> c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
    private static final IntPredicate ALNUM = c -> c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
    private static final IntPredicate ALNUM_UNDERSCORE = c -> ALNUM.test(c) || c == '_';
    /** GitLab's tokens are base64url; the routable ones add {@code .}-separated parts. */
    private static final IntPredicate GITLAB = c -> isBase64Url((char) c) || c == '.';

    /** The shapes, each under the literal that starts it, searched for once per line. */
    private static final List<List<Shape>> BY_START = List.of(
            List.of(new Shape("AKIA", UPPER_ALNUM, 16, 16)),
            List.of(new Shape("ASIA", UPPER_ALNUM, 16, 16)),
            // GitHub: personal, OAuth, user-to-server, server-to-server, refresh; fine-grained personal
            List.of(new Shape("ghp_", ALNUM, 36, Integer.MAX_VALUE), new Shape("gho_", ALNUM, 36, Integer.MAX_VALUE),
                    new Shape("ghu_", ALNUM, 36, Integer.MAX_VALUE), new Shape("ghs_", ALNUM, 36, Integer.MAX_VALUE),
                    new Shape("ghr_", ALNUM, 36, Integer.MAX_VALUE)),
            List.of(new Shape("github_pat_", ALNUM_UNDERSCORE, 22, Integer.MAX_VALUE)),
            // GitLab's documented token prefixes (docs.gitlab.com/security/tokens, "Token prefixes")
            List.of(gitlab("glpat-"), gitlab("gloas-"), gitlab("gldt-"), gitlab("glrt-"), gitlab("glrtr-"),
                    gitlab("glcbt-"), gitlab("glptt-"), gitlab("glft-"), gitlab("glimt-"), gitlab("glagent-")));

    private KnownTokens() {
    }

    private static Shape gitlab(String prefix) {
        return new Shape(prefix, GITLAB, 20, Integer.MAX_VALUE);
    }

    static Spans find(String line, Spans found) {
        for (List<Shape> shapes : BY_START) {
            found = shaped(line, shapes, found);
        }
        found = jwts(line, found);
        found = bearer(line, "earer", found);
        return bearer(line, "EARER", found);
    }

    private static Spans shaped(String line, List<Shape> shapes, Spans found) {
        String start = commonStart(shapes);
        int at = line.indexOf(start);
        while (at >= 0) {
            int resume = at + 1;
            if (at == 0 || !isLetterOrDigit(line.charAt(at - 1))) {
                for (Shape shape : shapes) {
                    int end = tokenEnd(line, at, shape);
                    if (end > at) {
                        found = Spans.add(found, at, end);
                        resume = end;
                        break;
                    }
                }
            }
            at = line.indexOf(start, resume);
        }
        return found;
    }

    /** The first characters all the shapes share (their stem), to search for once. */
    private static String commonStart(List<Shape> shapes) {
        String stem = shapes.get(0).prefix();
        for (Shape shape : shapes) {
            int same = 0;
            while (same < stem.length() && same < shape.prefix().length() && stem.charAt(same) == shape.prefix().charAt(same)) {
                same++;
            }
            stem = stem.substring(0, same);
        }
        return stem;
    }

    /** Where the token of {@code shape} at {@code at} ends, or {@code at} when there is none. */
    private static int tokenEnd(String line, int at, Shape shape) {
        if (!line.startsWith(shape.prefix(), at)) {
            return at;
        }
        int bodyStart = at + shape.prefix().length();
        int end = bodyStart;
        while (end < line.length() && shape.body().test(line.charAt(end))) {
            end++;
        }
        while (end > bodyStart && line.charAt(end - 1) == '.') {
            end--; // a sentence's full stop after a routable GitLab token
        }
        int length = end - bodyStart;
        boolean whole = end == line.length() || !isLetterOrDigit(line.charAt(end));
        return length >= shape.min() && length <= shape.max() && whole ? end : at;
    }

    /** JSON Web Tokens: {@code eyJ} (a JSON object's start, base64url), then two or more {@code .}-parts. */
    private static Spans jwts(String line, Spans found) {
        int at = line.indexOf("eyJ");
        while (at >= 0) {
            int resume = at + 1;
            if (at == 0 || !isBase64Url(line.charAt(at - 1)) && line.charAt(at - 1) != '.') {
                int header = segmentEnd(line, at);
                resume = header;
                if (header - at >= 10 && dotAt(line, header)) {
                    int payload = segmentEnd(line, header + 1);
                    if (payload - header - 1 >= 2 && dotAt(line, payload)) {
                        int end = segmentEnd(line, payload + 1); // the signature; empty when unsigned
                        while (dotAt(line, end) && end + 1 < line.length() && isBase64Url(line.charAt(end + 1))) {
                            end = segmentEnd(line, end + 1); // the further parts of an encrypted token
                        }
                        found = Spans.add(found, at, end);
                        resume = end;
                    }
                }
            }
            at = line.indexOf("eyJ", resume);
        }
        return found;
    }

    private static int segmentEnd(String line, int from) {
        int end = from;
        while (end < line.length() && isBase64Url(line.charAt(end))) {
            end++;
        }
        return end;
    }

    private static boolean dotAt(String line, int at) {
        return at < line.length() && line.charAt(at) == '.';
    }

    /**
     * The credential after {@code Bearer} (any case of its first letter, or all capitals), as RFC 6750 writes it.
     * Outside an {@code Authorization} header the word also appears in prose ("Bearer authentication"): a
     * credential is at least 8 characters not all letters, or at least 20.
     */
    private static Spans bearer(String line, String tail, Spans found) {
        int at = line.indexOf(tail, 1);
        while (at >= 0) {
            int resume = at + tail.length();
            char first = line.charAt(at - 1);
            boolean word = (first == 'B' || first == 'b') && (at == 1 || !isLetterOrDigit(line.charAt(at - 2)));
            int credential = resume;
            while (credential < line.length() && isSpace(line.charAt(credential))) {
                credential++;
            }
            if (word && credential > resume) {
                int end = credential;
                boolean lettersOnly = true;
                while (end < line.length() && isToken68(line.charAt(end))) {
                    lettersOnly &= Character.isLetter(line.charAt(end));
                    end++;
                }
                int length = end - credential;
                if (length >= 20 || length >= 8 && !lettersOnly) {
                    found = Spans.add(found, credential, end);
                    resume = end;
                }
            }
            at = line.indexOf(tail, resume);
        }
        return found;
    }

    private static boolean isToken68(char c) {
        return isBase64Url(c) || c == '.' || c == '~' || c == '+' || c == '/' || c == '=';
    }
}
