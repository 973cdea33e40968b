package io.vigil.logs.mask;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import io.vigil.logs.mask.SecretMasker.Masked;

/**
 * How many lines a second one thread masks: a plain program, not a test (timings in a shared build lie). Lines
 * are made from realistic apt, npm, Maven, Docker and shell output, a few with secrets in them, masked with a
 * masker holding three registered values and one configured pattern, as a pipeline step's task has.
 *
 * <p>Run: {@code java -cp target/classes:target/test-classes io.vigil.logs.mask.SecretMaskerThroughput [clean]}; with
 * {@code clean} the masker has no registered value and no configured pattern (the built-in ones only).
 */
public final class SecretMaskerThroughput {

    private static final String[] CLEAN = {
            "Get:%d http://deb.debian.org/debian bookworm/main amd64 libssl3 amd64 3.0.%d-1~deb12u1 [2025 kB]",
            "Selecting previously unselected package libcurl4:amd64.",
            "Preparing to unpack .../%d-libcurl4_7.88.1-10+deb12u%d_amd64.deb ...",
            "Setting up ca-certificates (20230311) ...",
            "Processing triggers for libc-bin (2.36-9+deb12u%d) ...",
            "Fetched %d kB in 2s (4873 kB/s)",
            "npm WARN deprecated inflight@1.0.%d: This module is not supported, and leaks memory.",
            "added %d packages, and audited 1204 packages in 14s",
            "npm notice New minor version of npm available! 10.2.%d -> 10.8.2",
            "> app@1.0.0 build /builds/web/app",
            "[INFO] Downloading from central: https://repo.maven.apache.org/maven2/org/slf4j/slf4j-api/2.0.%d/slf4j-api-2.0.%d.pom",
            "[INFO] Downloaded from central: https://repo.maven.apache.org/maven2/io/quarkus/quarkus-core/3.15.%d/quarkus-core-3.15.1.jar (%d kB at 2.1 MB/s)",
            "[INFO] --- maven-compiler-plugin:3.13.0:compile (default-compile) @ app ---",
            "[INFO] ------------------------------------------------------------------------",
            "[INFO] Tests run: %d, Failures: 0, Errors: 0, Skipped: 0, Time elapsed: 0.%d s -- in io.vigil.AppTest",
            "[WARNING] Parameter 'session' is deprecated: Use injection of MavenSession instead",
            "#%d [build 3/7] RUN npm ci --omit=dev",
            "#%d sha256:4f4fb700ef54461cfa02571ae0db9a0dc1e0cdb5577484a6d75e68dc38e8acc1 %d.2MB / 28.2MB 1.4s",
            "#%d exporting layers 0.%ds done",
            "Step %d/9 : ENV PATH=/usr/local/bin:$PATH JAVA_OPTS=-Xmx512m",
            "Successfully tagged registry.example.com/team/app:1.0.%d",
            "2024-05-01T10:00:%02dZ INFO  [io.quarkus] app 1.0.0 on JVM started in 1.%ds. Listening on: http://0.0.0.0:8080",
            "+ export CI=true BUILD_NUMBER=%d",
            "error: failed to push some refs to 'git@github.com:team/app.git' (attempt %d)",
            "  Compiling serde v1.0.%d",
            "test result: ok. %d passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.%ds"};

    private static final String[] SECRET = {
            "+ docker login -u deploy --password hunter2-%d registry.example.com",
            "export GITHUB_TOKEN=ghp_%036d",
            "curl -H 'Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIx%dIn0.c2lnbmF0dXJl' https://api.example.com",
            "DATABASE_URL=postgres://app:pw%d@db:5432/app",
            "{\"user\": \"ci\", \"password\": \"s3cr3t-%d\"}",
            "using registered value task-secret-%d",
            "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA%d\nx4YhPWr4aSPVNaRFyzq%d\n-----END RSA PRIVATE KEY-----"};

    private SecretMaskerThroughput() {
    }

    public static void main(String[] args) {
        SecretMasker masker = args.length > 0 && args[0].equals("clean") ? SecretMasker.builder().build()
                : SecretMasker.builder().pattern("corp-[0-9a-f]{16}").build()
                        .withValues(List.of("task-secret-7", "run-secret-value", "p@ss w0rd"));
        Random random = new Random(42);
        List<String> clean = lines(CLEAN, 100_000, random);
        List<String> mixed = new ArrayList<>(clean);
        for (int i = 0; i < mixed.size() - 4; i += 50) { // 2% of lines hold a secret, or start a private key
            String[] secret = String.format(SECRET[random.nextInt(SECRET.length)], random.nextInt(100), random.nextInt(100))
                    .split("\n");
            for (int j = 0; j < secret.length; j++) {
                mixed.set(i + j, secret[j]);
            }
        }
        for (int round = 0; round < 5; round++) {
            report("clean", masker, clean);
            report("mixed", masker, mixed);
        }
    }

    private static List<String> lines(String[] templates, int count, Random random) {
        List<String> lines = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            lines.add(String.format(templates[random.nextInt(templates.length)], random.nextInt(100), random.nextInt(100)));
        }
        return lines;
    }

    private static void report(String name, SecretMasker masker, List<String> lines) {
        int passes = 20;
        long masks = 0;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpuStart = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        for (int pass = 0; pass < passes; pass++) {
            MaskState state = MaskState.CLEAR;
            for (String line : lines) {
                Masked masked = masker.mask(line, state);
                state = masked.state();
                masks += masked.count();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
        double total = (double) passes * lines.size();
        // per CPU second too: on a loaded machine the wall clock also counts the time the thread waited for a core
        System.out.printf("%-5s %,12.0f lines/s  %,12.0f lines/CPU-s  (%,d masks a pass)%n", name, total / seconds,
                total / cpuSeconds, masks / passes);
    }
}
