package io.vigil.logs.mask;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * Masks the secrets in log lines with {@code ***} before they leave the service. It finds, on each line:
 * <ul>
 * <li>the values registered for the task or its pipeline run, with their URL-encoded and base64 forms;</li>
 * <li>AWS access key ids ({@code AKIA…}, {@code ASIA…}), GitHub tokens ({@code ghp_ gho_ ghu_ ghs_ ghr_},
 * {@code github_pat_}), GitLab tokens ({@code glpat- gldt- glrt-} …) and JWTs;</li>
 * <li>the values of keys naming a secret ({@code password=}, {@code "token": "…"}, {@code --api-key …},
 * {@code aws_secret_access_key = …}, {@code Authorization: Basic …}) and {@code Bearer} credentials;</li>
 * <li>the password of a URL ({@code https://user:password@host});</li>
 * <li>private keys, over the lines between {@code -----BEGIN … PRIVATE KEY-----} and its {@code END};</li>
 * <li>the matches of the patterns configured.</li>
 * </ul>
 * Immutable and thread-safe: build one and share it; a task's secret values make a derived one
 * ({@link #withValues}). What crosses lines (an open private key) is the caller's {@link MaskState}, one per task.
 *
 * <p>A line goes through a few {@code indexOf} calls and the look at each {@code =} or {@code :}; regular
 * expressions run only for configured patterns. A line with nothing to mask comes back as the same instance.
 */
public final class SecretMasker {

    private final SecretValues values;
    private final List<ConfiguredPattern> patterns;

    private SecretMasker(SecretValues values, List<ConfiguredPattern> patterns) {
        this.values = values;
        this.patterns = patterns;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * {@code value}, if it can be registered as a secret: at least 4 characters besides blanks (in one of its
     * lines, for a value of several lines). Masking shorter ones would mask that text everywhere in the logs.
     *
     * @throws IllegalArgumentException saying why it cannot (never repeating the value)
     */
    public static String checkValue(String value) {
        return SecretValues.check(value);
    }

    /** A masker that also masks {@code values} (each {@link #checkValue checked}), sharing everything else with this one. */
    public SecretMasker withValues(Collection<String> values) {
        return new SecretMasker(this.values.plus(values), patterns);
    }

    /**
     * {@code line} masked, given the state its task's previous line left ({@link MaskState#CLEAR} for the first).
     * {@link Masked#count()} is the number of masks put in: each line of a private key counts once.
     */
    public Masked mask(String line, MaskState state) {
        Objects.requireNonNull(line, "line");
        Objects.requireNonNull(state, "state");
        Spans found = null;
        MaskState after = state;
        if (PrivateKeys.concerns(line, state)) {
            PrivateKeys.Scan scan = PrivateKeys.scan(line, state);
            if (scan.wholeLine()) {
                return scan.found().apply(line, scan.after());
            }
            found = scan.found();
            after = scan.after();
        }
        found = KnownTokens.find(line, found);
        found = KeyValueSecrets.find(line, found);
        found = UrlCredentials.find(line, found);
        found = values.find(line, found);
        for (ConfiguredPattern pattern : patterns) {
            found = pattern.find(line, found);
        }
        return found == null ? new Masked(line, 0, after) : found.apply(line, after);
    }

    /**
     * A line as it may leave the service: {@code text} with every secret found replaced by {@code ***},
     * {@code count} the number of masks put in (secrets overlapping each other make one), and the {@code state}
     * to mask the task's next line with. When nothing was found, {@code text} is the very line given.
     */
    public record Masked(String text, int count, MaskState state) {
    }

    /** Collects the secret values and the configured patterns of a {@link SecretMasker}; the built-in ones are always in. */
    public static final class Builder {

        private final List<String> values = new ArrayList<>();
        private final List<ConfiguredPattern> patterns = new ArrayList<>();

        private Builder() {
        }

        /** Masks every occurrence of {@code value}; see {@link SecretMasker#checkValue}. */
        public Builder value(String value) {
            values.add(checkValue(value));
            return this;
        }

        public Builder values(Collection<String> values) {
            values.forEach(this::value);
            return this;
        }

        /**
         * Masks what {@code regex} matches, or its group named {@code secret} if it has one.
         *
         * @throws IllegalArgumentException naming {@code regex} when it is not a valid Java regular expression
         */
        public Builder pattern(String regex) {
            patterns.add(ConfiguredPattern.compile(regex));
            return this;
        }

        public SecretMasker build() {
            return new SecretMasker(SecretValues.NONE.plus(values), List.copyOf(patterns));
        }
    }
}
