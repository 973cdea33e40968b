package io.vigil.logs.mask;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.net.URLEncoder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Finds the exact values registered as secrets (a template's secret parameters), and their URL-encoded and
 * base64 forms, which scripts make of them before printing (a query string, a Basic header, an
 * {@code echo | base64}). A value of several lines is looked for line by line, as logs are masked; its lines of
 * fewer than {@value #MIN_LENGTH} characters are left out. Every occurrence is found, overlapping ones too, so
 * that the longest (or the union of overlapping ones) is what gets masked.
 *
 * <p>Each value is one {@code indexOf} per line: a few dozen values cost well under a microsecond a line.
 */
final class SecretValues {

    static final int MIN_LENGTH = 4;
    static final SecretValues NONE = new SecretValues(List.of());

    /** The values as registered, kept to derive a larger set from. */
    private final List<String> registered;
    /** What is looked for: every line of every value, and its encodings. */
    private final String[] forms;

    private SecretValues(List<String> registered) {
        this.registered = List.copyOf(registered);
        Set<String> all = new LinkedHashSet<>();
        for (String value : registered) {
            value.lines().filter(SecretValues::maskable).forEach(line -> {
                all.add(line);
                all.addAll(encodings(line));
            });
        }
        forms = all.toArray(String[]::new);
    }

    /** These values and {@code more}, each checked by {@link #check(String)}. */
    SecretValues plus(Collection<String> more) {
        List<String> values = new ArrayList<>(registered);
        for (String value : more) {
            values.add(check(value));
        }
        return new SecretValues(values);
    }

    /**
     * {@code value}, if it can be masked: at least one of its lines has {@value #MIN_LENGTH} characters or more
     * (code points) besides blanks. The message never holds the value.
     */
    static String check(String value) {
        Objects.requireNonNull(value, "secret value");
        if (value.lines().noneMatch(SecretValues::maskable)) {
            throw new IllegalArgumentException("a secret value must have at least " + MIN_LENGTH
                    + " characters (on one line, not all blank): masking a shorter one would mask that text"
                    + " everywhere in the logs; this one has " + value.codePointCount(0, value.length()));
        }
        return value;
    }

    private static boolean maskable(String line) {
        return line.codePointCount(0, line.length()) >= MIN_LENGTH && !line.isBlank();
    }

    /** The forms of {@code value} other than itself that scripts commonly print. */
    private static List<String> encodings(String value) {
        byte[] bytes = value.getBytes(UTF_8);
        String base64 = Base64.getEncoder().withoutPadding().encodeToString(bytes);
        String base64Url = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        String urlEncoded = URLEncoder.encode(value, UTF_8);
        return List.of(base64, base64Url, urlEncoded, urlEncoded.replace("+", "%20")).stream()
                .filter(form -> !form.equals(value))
                .toList();
    }

    boolean isEmpty() {
        return forms.length == 0;
    }

    Spans find(String line, Spans found) {
        for (String form : forms) {
            int at = line.indexOf(form);
            while (at >= 0) {
                found = Spans.add(found, at, at + form.length());
                at = line.indexOf(form, at + 1);
            }
        }
        return found;
    }
}
