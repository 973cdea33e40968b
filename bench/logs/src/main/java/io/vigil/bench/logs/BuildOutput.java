package io.vigil.bench.logs;

/**
 * What a step writes: mixed build and install output (Maven, apt, npm, cargo, CMake, Docker, git, tests),
 * 3 % of it carrying a secret the service must mask (a password assignment, a GitHub or GitLab token, a bearer
 * credential, an AWS secret key). Line {@code n} of any file is always the same text, so the harness knows which
 * lines must arrive masked; each line ends with its append time ({@link Stamp}).
 */
final class BuildOutput {

    /** Percent of lines carrying a secret. */
    static final int SECRET_PERCENT = 3;

    private static final String[] ARTIFACTS = {"netty-codec-http", "jackson-databind", "commons-lang3", "hibernate-core",
            "kafka-clients", "postgresql", "slf4j-api", "micrometer-core", "vertx-core", "guava"};
    private static final String[] PACKAGES = {"libssl3", "libcurl4", "ca-certificates", "openjdk-17-jre-headless",
            "git-man", "libpq5", "python3-minimal", "libsqlite3-0", "zlib1g", "tzdata"};
    private static final String[] NPM = {"inflight", "glob", "rimraf", "uuid", "querystring", "request", "har-validator",
            "source-map-resolve", "urix", "resolve-url"};
    private static final String[] CRATES = {"serde_json", "tokio", "hyper", "regex-syntax", "syn", "proc-macro2",
            "libc", "rustls", "mio", "bytes"};
    /** What precedes the secret in each kind of secret line. */
    private static final String[] SECRET_KEYS = {"DB_PASSWORD=", "x-access-token:", "Bearer ", "AWS_SECRET_ACCESS_KEY="};
    private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private BuildOutput() {
    }

    /** Whether line {@code n} carries a secret. */
    static boolean secret(long n) {
        return Math.floorMod(mix(n) >>> 20, 100) < SECRET_PERCENT;
    }

    /** Line {@code n} (from 1) without its stamp and newline: about 60 to 100 bytes of ASCII. */
    static String line(long n) {
        long h = mix(n);
        int a = (int) Math.floorMod(h, 10);
        int b = (int) Math.floorMod(h >>> 8, 97) + 1;
        int c = (int) Math.floorMod(h >>> 16, 899) + 100;
        if (secret(n)) {
            return secretLine(h, a, b);
        }
        return switch ((int) Math.floorMod(h >>> 32, 14)) {
            case 0 -> "[INFO] Downloaded from central: " + ARTIFACTS[a] + "-" + b % 9 + "." + b + ".0.jar (" + c
                    + " kB at " + (c * 3) + " kB/s)";
            case 1 -> "Get:" + b + " http://deb.debian.org/debian bookworm/main amd64 " + PACKAGES[a] + " amd64 1." + b
                    + "-" + a + " [" + c + " kB]";
            case 2 -> "Unpacking " + PACKAGES[a] + ":amd64 (3.0." + b + "-1~deb12u" + a + ") over (3.0." + (b + 1)
                    + ") ...";
            case 3 -> "Setting up " + PACKAGES[a] + ":amd64 (1." + b + "." + a + "-" + c + "+deb12u1) ...";
            case 4 -> "npm WARN deprecated " + NPM[a] + "@" + a + "." + b
                    + ".0: This module is not supported, and leaks memory.";
            case 5 -> "   Compiling " + CRATES[a] + " v1." + b + "." + c
                    + " (registry+https://github.com/rust-lang/crates.io-index)";
            case 6 -> "[" + b + "/" + (b + c) + "] Building CXX object src/core/CMakeFiles/core.dir/" + CRATES[a] + "_" + c
                    + ".cpp.o";
            case 7 -> "12:0" + a + ":" + (10 + b % 50) + ".1" + c
                    + " INFO  [main] o.h.e.t.j.p.i.JtaPlatformInitiator - HHH000489: no JTA";
            case 8 -> "Step " + (a + 1) + "/12 : RUN apt-get install -y --no-install-recommends " + PACKAGES[a] + " "
                    + PACKAGES[(a + 3) % 10];
            case 9 -> "[ERROR] /src/main/java/io/vigil/" + CRATES[a] + "/Main.java:[" + c + "," + b + "] cannot find symbol";
            case 10 -> "WARNING: " + ARTIFACTS[a] + " " + b + ".0 is deprecated and will be removed in a future release";
            case 11 -> "test " + CRATES[a] + "::tests::parses_line_" + c + " ... ok (" + b + " ms)";
            case 12 -> "Progress: resolved " + c * 3 + ", reused " + c + ", downloaded " + b + ", added " + (b + c)
                    + ", done " + b + "%";
            default -> "Receiving objects:  " + b + "% (" + c * b + "/" + c * 100 + "), " + a + "." + b + " MiB | " + c
                    + " KiB/s";
        };
    }

    /**
     * Whether {@code text} shows (part of) a secret of these lines unmasked, whatever number it arrived under: what
     * follows each secret's key is not {@code ***}, or a token's prefix is still there.
     */
    static boolean showsSecret(String text) {
        for (String key : SECRET_KEYS) {
            int at = text.indexOf(key);
            if (at >= 0 && !text.startsWith("***", at + key.length())) {
                return true;
            }
        }
        return text.contains("ghp_") || text.contains("glpat-");
    }

    private static String secretLine(long h, int a, int b) {
        return switch ((int) Math.floorMod(h >>> 40, 5)) {
            case 0 -> "+ export DB_PASSWORD=" + random(h, 16) + " && ./gradlew flywayMigrate --info";
            case 1 -> "+ git clone https://x-access-token:ghp_" + random(h, 36) + "@github.com/acme/" + CRATES[a] + ".git";
            case 2 -> "curl -sS -H 'Authorization: Bearer " + random(h, 32) + "' https://api.example.com/v" + b;
            case 3 -> "Using registry token glpat-" + random(h, 20) + " for registry.gitlab.com/acme/" + NPM[a];
            default -> "AWS_SECRET_ACCESS_KEY=" + random(h, 40) + " aws s3 cp dist/ s3://acme-builds/" + b + "/";
        };
    }

    private static String random(long seed, int length) {
        StringBuilder s = new StringBuilder(length);
        long x = seed;
        for (int i = 0; i < length; i++) {
            x = mix(x + i);
            s.append(ALNUM.charAt((int) Math.floorMod(x, ALNUM.length())));
        }
        return s.toString();
    }

    private static long mix(long n) { // SplitMix64's finaliser: every bit of n reaches every bit of the result
        long z = n * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
