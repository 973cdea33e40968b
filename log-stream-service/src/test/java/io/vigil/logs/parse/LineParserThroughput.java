package io.vigil.logs.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Lines per second {@link LineParser} reads on one thread, over mixed install, build and deploy output: apt, npm,
 * pip, Maven, docker build (classic and BuildKit), kubectl, Ansible, JSON lines, logfmt, some coloured. Not a test:
 * run its {@code main} (e.g. from the IDE, or {@code java -cp <test classpath>}) when changing the parser. The
 * service needs 100,000 lines/s end to end on two cores, so the parser should stay well above 500,000 here.
 */
public final class LineParserThroughput {

    private static final String ESC = "\u001b";
    private static final int LINES = 200_000;
    private static final int WARM_UP_ROUNDS = 15;
    private static final int MEASURED_ROUNDS = 15;

    private static final String[] TEXT_LINES = {
        "Hit:1 http://deb.debian.org/debian bookworm InRelease",
        "Get:%d http://deb.debian.org/debian bookworm-updates/main amd64 Packages [%d kB]",
        "Reading package lists... Done",
        "Building dependency tree... Done",
        "Unpacking libcurl4:amd64 (7.88.1-10+deb12u%d) ...",
        "Setting up curl (7.88.1-10+deb12u%d) ...",
        "Progress: [ %d%%] [##########################..........................]",
        "E: Unable to locate package libfoo-dev",
        "W: Some index files failed to download. They have been ignored, or old ones used instead.",
        "npm WARN deprecated inflight@1.0.%d: This module is not supported, and leaks memory.",
        "npm ERR! code E404",
        "added %d packages, and audited 1291 packages in 32s",
        "[%d/4] Linking dependencies...",
        "  Downloading requests-2.31.0-py3-none-any.whl (%d kB)",
        "     " + "\u2501".repeat(12) + " 62.6/62.6 kB 5.1 MB/s eta 0:00:00",
        "Successfully installed certifi-2024.2.2 charset-normalizer-3.3.2 idna-3.%d requests-2.31.0",
        "[INFO] Building vigil-events 0.1.0-SNAPSHOT                                [%d/9]",
        "[INFO] --- maven-compiler-plugin:3.11.0:compile (default-compile) @ vigil-events ---",
        "[INFO] Compiling %d source files with javac [debug release 17] to target/classes",
        "[WARNING] Using platform encoding (UTF-8 actually) to copy filtered resources",
        "[INFO] Tests run: %d, Failures: 0, Errors: 0, Skipped: 0, Time elapsed: 0.148 s",
        "Downloaded from central: https://repo.maven.apache.org/maven2/org/x/y/1.%d/y-1.0.jar (12 kB at 98 kB/s)",
        "Step %d/7 : RUN apt-get update && apt-get install -y curl",
        " ---> Running in 4f9c%d2a1b",
        "#%d [2/5] RUN npm ci --omit=dev",
        "#6 0.%d Get:2 http://deb.debian.org/debian bookworm-updates InRelease [55.4 kB]",
        "#8 ERROR: process \"/bin/sh -c npm ci\" did not complete successfully: exit code: %d",
        "a1b2c3d4e5f6: Downloading [=====>                  ]  %d.3MB/45.6MB",
        "deployment.apps/web%d configured",
        "Waiting for deployment \"web\" rollout to finish: %d of 3 updated replicas are available...",
        "TASK [Install packages] ********************************************************",
        "ok: [web%d]",
        "fatal: [web1]: FAILED! => {\"changed\": false, \"msg\": \"No package matching 'foo%d' found\"}",
        "2024-01-01T12:00:%02dZ INFO Starting server on :8080",
        "2024-01-01 12:00:00,%03d - myapp - WARNING - disk nearly full",
        "time=\"2024-01-01T12:00:%02dZ\" level=info msg=\"Downloading layer 45%%\" component=puller",
        "ts=2024-01-01T12:00:%02dZ caller=main.go:42 level=warn msg=\"slow query\" duration=1.2s",
        "  at com.example.Service.handle(Service.java:%d)",
        ESC + "[32m[3/5]" + ESC + "[0m Installing " + ESC + "[1mdeps" + ESC + "[0m %d%%",
        ESC + "[1;33mWARNING:" + ESC + "[0m deprecated option --foo used %d times",
    };

    private static final String[] JSON_LINES = {
        "{\"time\":\"2024-01-01T12:00:%02dZ\",\"level\":\"info\",\"msg\":\"request done\",\"status\":200,\"ms\":12}",
        "{\"level\":30,\"time\":1704110400000,\"pid\":%d,\"hostname\":\"web\",\"msg\":\"listening\"}",
        "{\"@timestamp\":\"2024-01-01T12:00:00.%03dZ\",\"log.level\":\"warn\",\"message\":\"Step 2 of 4: migrate\"}",
        "{\"ts\":\"2024-01-01T12:00:%02dZ\",\"severity\":\"ERROR\",\"msg\":\"boom\",\"err\":{\"code\":\"E1\"}}",
    };

    private LineParserThroughput() {
    }

    public static void main(String[] args) {
        LineParser parser = new LineParser(ParseRules.NONE);
        List<String> mixed = lines(TEXT_LINES, JSON_LINES, 1);
        List<String> textOnly = lines(TEXT_LINES, new String[0], 0);
        List<String> jsonOnly = lines(new String[0], JSON_LINES, 1);
        measure("mixed (1 JSON line in 11)", parser, mixed);
        measure("text lines only", parser, textOnly);
        measure("JSON lines only", parser, jsonOnly);
    }

    /** Lines drawn at random from the templates, with JSON lines taking {@code jsonShare} of every 11. */
    private static List<String> lines(String[] text, String[] json, int jsonShare) {
        Random random = new Random(42);
        List<String> lines = new ArrayList<>(LINES);
        for (int i = 0; i < LINES; i++) {
            boolean pickJson = text.length == 0 || json.length > 0 && random.nextInt(11) < jsonShare;
            String[] templates = pickJson ? json : text;
            int number = random.nextInt(60);
            lines.add(String.format(templates[random.nextInt(templates.length)], number, number));
        }
        return lines;
    }

    private static void measure(String name, LineParser parser, List<String> lines) {
        long found = 0;
        for (int round = 0; round < WARM_UP_ROUNDS; round++) {
            found += parseAll(parser, lines);
        }
        long started = System.nanoTime();
        for (int round = 0; round < MEASURED_ROUNDS; round++) {
            found += parseAll(parser, lines);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        double perSecond = (double) lines.size() * MEASURED_ROUNDS / seconds;
        System.out.printf("%-28s %,12.0f lines/s  (%.0f ns/line; %d facts)%n", name, perSecond,
                1e9 / perSecond, found);
    }

    /** Counts what was found, so that the work cannot be optimised away. */
    private static long parseAll(LineParser parser, List<String> lines) {
        long found = 0;
        for (String line : lines) {
            ParsedLine parsed = parser.parse(line);
            if (parsed != ParsedLine.NOTHING) {
                found++;
            }
        }
        return found;
    }
}
