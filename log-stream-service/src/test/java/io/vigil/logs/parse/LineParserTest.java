package io.vigil.logs.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThatNoException;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class LineParserTest {

    private static final String ESC = "\u001b";
    private static final Instant NEW_YEAR = Instant.parse("2024-01-01T12:00:00Z");

    private final LineParser parser = new LineParser(ParseRules.NONE);

    private ParsedLine parse(String line) {
        return parser.parse(line);
    }

    private static ParsedLine level(Level level) {
        return new ParsedLine(null, level, null, null, null, null);
    }

    private static ParsedLine step(int step, int steps, String text) {
        return new ParsedLine(null, null, null, step, steps, text);
    }

    @Test
    void returnsNothingForLinesThatSayNothing() {
        assertThat(parse("Reading package lists...")).isSameAs(ParsedLine.NOTHING);
        assertThat(parse("")).isSameAs(ParsedLine.NOTHING);
        assertThat(parse(null)).isSameAs(ParsedLine.NOTHING);
    }

    @Nested
    class Timestamps {

        @ParameterizedTest(name = "[{index}] {0}")
        @ValueSource(strings = {
                "2024-01-01T12:00:00Z Starting",
                "2024-01-01T12:00:00 Starting",
                "2024-01-01 12:00:00 Starting",
                "2024-01-01t12:00:00z Starting",
                "2024-01-01T14:00:00+02:00 Starting",
                "2024-01-01T14:00:00+0200 Starting",
                "2024-01-01T07:00:00-05 Starting",
                "2024-01-01T12:00Z Starting",
                "[2024-01-01 12:00:00] Starting",
                "[2024-01-01T13:00:00+01:00] Starting",
                "2024/01/01 12:00:00 listening on :8080",
                "2024-01-01T12:00:00Z",
        })
        void readsIsoTimestampsAtTheStartAsUtcWhenNoZoneIsGiven(String line) {
            assertThat(parse(line).timestamp()).isEqualTo(NEW_YEAR);
        }

        @Test
        void keepsFractionsUpToNanoseconds() {
            assertThat(parse("2024-03-05T10:15:30.123456789+02:00 docker log line").timestamp())
                    .isEqualTo(Instant.parse("2024-03-05T08:15:30.123456789Z"));
            assertThat(parse("2024-03-05 10:15:30,25 INFO python logging").timestamp())
                    .isEqualTo(Instant.parse("2024-03-05T10:15:30.250Z"));
            assertThat(parse("2024-03-05T10:15:30.1234567891234Z too many digits").timestamp())
                    .isEqualTo(Instant.parse("2024-03-05T10:15:30.123456789Z"));
        }

        @Test
        void acceptsTheLeapDayOfLeapYearsOnly() {
            assertThat(parse("2024-02-29T00:00:00Z x").timestamp()).isEqualTo(Instant.parse("2024-02-29T00:00:00Z"));
            assertThat(parse("2023-02-29T00:00:00Z x").timestamp()).isNull();
        }

        @ParameterizedTest(name = "[{index}] {0}")
        @ValueSource(strings = {
                "2024-13-01T12:00:00Z month 13",
                "2024-04-31T12:00:00Z April has 30 days",
                "2024-01-01T24:00:00Z hour 24",
                "2024-01-01T12:60:00Z minute 60",
                "2024-01-01T12:00:61Z second 61",
                "2024-01-01T12:00:00+19:00 offset beyond 18 hours",
                "2024-01-01T12:00:00Zulu glued to a word",
                "2024-01-01 deployed on a date without a time",
                "2024-01/01T12:00:00Z mixed separators",
                "deployed at 2024-01-01T12:00:00Z, not at the start",
                "[2024-01-01 12:00:00 no closing bracket",
                "20240101T120000Z basic format",
        })
        void ignoresWhatIsNotATimestampAtTheStart(String line) {
            assertThat(parse(line).timestamp()).isNull();
        }

        @Test
        void readsJsonTimeFieldsThatAreIsoStrings() {
            assertThat(parse("{\"time\":\"2024-01-01T12:00:00Z\",\"msg\":\"x\"}").timestamp()).isEqualTo(NEW_YEAR);
            assertThat(parse("{\"timestamp\":\"2024-01-01 13:00:00+01:00\"}").timestamp()).isEqualTo(NEW_YEAR);
            assertThat(parse("{\"ts\":\"2024-01-01T12:00:00.000Z\",\"level\":\"info\"}").timestamp())
                    .isEqualTo(NEW_YEAR);
            assertThat(parse("{\"@timestamp\":\"2024-01-01T12:00:00Z\",\"message\":\"ecs\"}").timestamp())
                    .isEqualTo(NEW_YEAR);
        }

        @Test
        void ignoresEpochNumbersAndNonIsoStringsInJson() {
            assertThat(parse("{\"level\":30,\"time\":1704110400000,\"msg\":\"pino\"}").timestamp()).isNull();
            assertThat(parse("{\"ts\":1704110400.123,\"level\":\"info\"}").timestamp()).isNull();
            assertThat(parse("{\"time\":\"yesterday\",\"level\":\"info\"}").timestamp()).isNull();
        }

        @Test
        void prefersTimeOverTimestampOverTsInJson() {
            assertThat(parse("{\"ts\":\"2020-01-01T00:00:00Z\",\"time\":\"2024-01-01T12:00:00Z\"}").timestamp())
                    .isEqualTo(NEW_YEAR);
        }

        @Test
        void readsLogfmtTimeFields() {
            assertThat(parse("time=\"2024-01-01T12:00:00Z\" level=info msg=\"Starting\"").timestamp())
                    .isEqualTo(NEW_YEAR);
            assertThat(parse("ts=2024-01-01T12:00:00Z caller=main.go:42 level=warn").timestamp())
                    .isEqualTo(NEW_YEAR);
        }
    }

    @Nested
    class Levels {

        static Stream<Arguments> realisticLines() {
            return Stream.of(
                    Arguments.of("[INFO] Building vigil-events 0.1.0-SNAPSHOT", Level.INFO),
                    Arguments.of("[WARNING] Using platform encoding (UTF-8 actually) to copy filtered resources",
                            Level.WARN),
                    Arguments.of("[ERROR] Failed to execute goal org.apache.maven.plugins:maven-compiler-plugin",
                            Level.ERROR),
                    Arguments.of("[warn] 1234#0: conflicting server name", Level.WARN),
                    Arguments.of("[ debug ] padded tag", Level.DEBUG),
                    Arguments.of("[trace] detail", Level.DEBUG),
                    Arguments.of("[  OK  ] Started nginx.service - A high performance web server.", Level.SUCCESS),
                    Arguments.of("[FAILED] Failed to start postgresql.service.", Level.ERROR),
                    Arguments.of("[done] assets compiled", Level.SUCCESS),
                    Arguments.of("[SUCCEEDED] deploy web", Level.SUCCESS),
                    Arguments.of("INFO: Started server process [42]", Level.INFO),
                    Arguments.of("ERROR - connection refused", Level.ERROR),
                    Arguments.of("error | disk full", Level.ERROR),
                    Arguments.of("WARNING: Running pip as the 'root' user can result in broken permissions",
                            Level.WARN),
                    Arguments.of("ERROR: Could not find a version that satisfies the requirement foo==9.9",
                            Level.ERROR),
                    Arguments.of("Warning: apt-key is deprecated.", Level.WARN),
                    Arguments.of("WARNING:root:disk nearly full", Level.WARN),
                    Arguments.of("CRITICAL: out of memory", Level.ERROR),
                    Arguments.of("PANIC: runtime error", Level.ERROR),
                    Arguments.of("FATAL: password authentication failed for user \"app\"", Level.ERROR),
                    Arguments.of("DEBUG resolved 12 packages", Level.DEBUG),
                    Arguments.of("TRACE entering loop", Level.DEBUG),
                    Arguments.of("ERROR", Level.ERROR),
                    Arguments.of("E: Unable to locate package libfoo-dev", Level.ERROR),
                    Arguments.of("W: Some index files failed to download. They have been ignored.", Level.WARN),
                    Arguments.of("npm WARN deprecated inflight@1.0.6: This module is not supported", Level.WARN),
                    Arguments.of("npm ERR! code E404", Level.ERROR),
                    Arguments.of("npm warn deprecated glob@7.2.3: Glob versions prior to v9 are no longer supported",
                            Level.WARN),
                    Arguments.of("npm error code ERESOLVE", Level.ERROR),
                    Arguments.of("npm notice New major version of npm available!", Level.INFO),
                    Arguments.of("error: the server doesn't have a resource type \"deploymnt\"", Level.ERROR),
                    Arguments.of("fatal: [web1]: FAILED! => {\"changed\": false, \"msg\": \"No package matching\"}",
                            Level.ERROR),
                    Arguments.of("#8 ERROR: process \"/bin/sh -c npm ci\" did not complete successfully: exit code: 1",
                            Level.ERROR),
                    Arguments.of("WARN[0000] /srv/compose.yml: the attribute `version` is obsolete", Level.WARN),
                    Arguments.of("ERRO[0001] error waiting for container: context canceled", Level.ERROR),
                    Arguments.of("2024-01-01T00:00:00Z WARN disk low", Level.WARN),
                    Arguments.of("2024-01-01T00:00:00Z warn disk low", Level.WARN),
                    Arguments.of("2024-01-01T00:00:00Z Error connecting to db", Level.ERROR),
                    Arguments.of("2024-01-01T12:00:00.123+00:00  INFO 12345 --- [main] c.e.App : Started App",
                            Level.INFO),
                    Arguments.of("2024-01-01 12:00:00,123 [main] ERROR com.example.Bar - boom", Level.ERROR),
                    Arguments.of("2024-01-01 12:00:00,123 - myapp - WARNING - low disk", Level.WARN),
                    Arguments.of("[2024-01-01 12:00:00] production.ERROR: SQLSTATE[HY000] Connection refused",
                            Level.ERROR),
                    Arguments.of("[2024-01-01 12:00:00] [error] boom", Level.ERROR),
                    Arguments.of("2024/01/01 12:00:00 [crit] 12#12: *1 connect() failed", Level.ERROR),
                    Arguments.of(ESC + "[1;33mWARNING:" + ESC + "[0m deprecated option", Level.WARN),
                    Arguments.of(ESC + "[32m[ OK ]" + ESC + "[0m all green", Level.SUCCESS));
        }

        @ParameterizedTest(name = "[{index}] {0}")
        @MethodSource("realisticLines")
        void readsTheLevelOfCommonFormats(String line, Level expected) {
            assertThat(parse(line).level()).isEqualTo(expected);
        }

        @ParameterizedTest(name = "[{index}] {0}")
        @ValueSource(strings = {
                "everything ok",
                "ok: [web1]",
                "changed: [web1]",
                "Done.",
                "Reading package lists... Done",
                "Successfully built 5d3c2b1a9e0f",
                "Error handling is covered by retries",
                "error handling is covered by retries",
                "no errors found",
                "Found 0 warnings",
                "The build is ok: 3 modules",
                "TASK [Install packages] ***************************************",
                "Build finished, INFO follows",
                "[web1] error: not at the start and lower case",
                "2024-01-01T00:00:00Z done with everything",
                "2024-01-01T00:00:00Z checking for errors: none found",
                "x_level=error is not a logfmt key",
                "GET /api/logs?level=error 200",
                "{\"level\":{\"nested\":\"error\"}}",
                "{\"level\":\"verbose\"}",
                "{\"level\":35}",
        })
        void takesNoProseWordForALevel(String line) {
            assertThat(parse(line).level()).isNull();
        }

        @Test
        void readsLogfmtLevelFields() {
            assertThat(parse("time=\"2024-01-01T12:00:00Z\" level=info msg=\"Starting\"").level())
                    .isEqualTo(Level.INFO);
            assertThat(parse("level=\"error\" msg=\"boom\"").level()).isEqualTo(Level.ERROR);
            assertThat(parse("ts=2024-01-01T12:00:00Z lvl=warn msg=slow").level()).isEqualTo(Level.WARN);
            assertThat(parse("component=db severity=CRITICAL msg=down").level()).isEqualTo(Level.ERROR);
            assertThat(parse("task=deploy level=ok").level()).isEqualTo(Level.SUCCESS);
        }

        @Test
        void readsJsonLevelFields() {
            assertThat(parse("{\"level\":\"error\",\"msg\":\"boom\"}").level()).isEqualTo(Level.ERROR);
            assertThat(parse("  {\"severity\":\"WARNING\",\"message\":\"slow\"}  ").level()).isEqualTo(Level.WARN);
            assertThat(parse("{\"lvl\":\"dbug\",\"level\":\"debug\"}").level()).isEqualTo(Level.DEBUG);
            assertThat(parse("{\"@timestamp\":\"2024-01-01T12:00:00Z\",\"log.level\":\"warn\"}").level())
                    .isEqualTo(Level.WARN);
            assertThat(parse("{\"Level\":\"Information\",\"Message\":\"serilog\"}").level()).isNull();
            assertThat(parse("{\"status\":\"done\",\"level\":\"success\"}").level()).isEqualTo(Level.SUCCESS);
        }

        @Test
        void prefersLevelOverSeverityOverLvlInJson() {
            assertThat(parse("{\"lvl\":\"debug\",\"severity\":\"warning\",\"level\":\"error\"}").level())
                    .isEqualTo(Level.ERROR);
            assertThat(parse("{\"lvl\":\"debug\",\"severity\":\"warning\"}").level()).isEqualTo(Level.WARN);
        }

        @Test
        void readsPinoAndBunyanLevelNumbers() {
            assertThat(parse("{\"level\":30,\"msg\":\"listening\"}").level()).isEqualTo(Level.INFO);
            assertThat(parse("{\"level\":40,\"msg\":\"slow\"}").level()).isEqualTo(Level.WARN);
            assertThat(parse("{\"level\":60,\"msg\":\"dead\"}").level()).isEqualTo(Level.ERROR);
        }

        @Test
        void takesTheLevelFromTheJsonMessageWhenTheLineHasNoLevelField() {
            assertThat(parse("{\"msg\":\"ERROR: migration failed\"}").level()).isEqualTo(Level.ERROR);
            assertThat(parse("{\"level\":\"info\",\"msg\":\"ERROR: quoted\"}").level()).isEqualTo(Level.INFO);
        }

        @Test
        void fallsBackToTextWhenJsonIsMalformed() {
            ParsedLine truncated = parse("{\"level\":\"error\",\"msg\":\"Downloading 45%\"");
            assertThat(truncated.level()).isNull();
            assertThat(truncated.progress()).isEqualTo(45);

            assertThat(parse("{\"level\":\"error\",}").level()).isNull();
            assertThat(parse("{\"level\":\"error\"} and then text").level()).isNull();
            assertThat(parse("{oops} [3/5] Installing deps")).isEqualTo(step(3, 5, "Installing deps"));
            assertThat(parse("{level=error msg=\"not json but logfmt\"}").level()).isNull();
            assertThat(parse("{} level=error").level()).isEqualTo(Level.ERROR);
        }
    }

    @Nested
    class Progress {

        @ParameterizedTest(name = "[{index}] {0}")
        @ValueSource(strings = {
                "Downloading\u2026 45%",
                "Progress: [ 45%] [##########..............]",
                "45.5% complete",
                "45,9% fertig",
                " 45%|\u2588\u2588\u2588\u2588\u258c     | 45/100 [00:01<00:01, 30.00it/s]",
                "Unpacking (45%)",
                "CPU 150% then 45%",
                "  1%\r 20%\r 45%",
                "  1%\r 45%\r   ",
        })
        void readsTheFirstPercentageUpToOneHundred(String line) {
            assertThat(parse(line).progress()).isEqualTo(45);
        }

        @Test
        void readsTheBounds() {
            assertThat(parse("0% done").progress()).isZero();
            assertThat(parse("Download complete: 100%").progress()).isEqualTo(100);
            assertThat(parse("100.0%").progress()).isEqualTo(100);
        }

        @ParameterizedTest(name = "[{index}] {0}")
        @ValueSource(strings = {
                "150% of the quota",
                "100.5%",
                "1000%",
                "%",
                "% Total    % Received % Xferd  Average Speed   Time",
                "100 1234k  100 1234k    0     0  5432k      0 --:--:-- --:--:-- --:--:-- 5432k",
                "-5% since yesterday",
                "+5% since yesterday",
                "v45% is not a percentage",
                "GET /search?q=a%20b 200",
                "GET /x/100%25 200",
                "printf(\"%d%%\", n)",
                "45 % with a space",
                "1.2.45%",
                "Served 100/200 requests",
        })
        void ignoresWhatIsNotAProgressPercentage(String line) {
            assertThat(parse(line).progress()).isNull();
        }

        @Test
        void readsProgressFromTheJsonMessage() {
            assertThat(parse("{\"level\":\"info\",\"msg\":\"Downloading layer 45%\"}").progress()).isEqualTo(45);
            assertThat(parse("{\"level\":\"info\",\"percent\":\"45%\"}").progress()).isNull();
        }

        @Test
        void neverDerivesProgressFromAStepCounter() {
            assertThat(parse("[3/4] Linking dependencies...").progress()).isNull();
        }
    }

    @Nested
    class Steps {

        @Test
        void readsBracketedCountersAndTheTextAfterThem() {
            assertThat(parse("[3/5] Installing deps")).isEqualTo(step(3, 5, "Installing deps"));
            assertThat(parse("(2/10) installing curl")).isEqualTo(step(2, 10, "installing curl"));
            assertThat(parse("[1/4] \ud83d\udd0d  Resolving packages...")).isEqualTo(
                    step(1, 4, "\ud83d\udd0d  Resolving packages..."));
        }

        @Test
        void readsStepWordCounters() {
            assertThat(parse("Step 2 of 4: Configure nginx")).isEqualTo(step(2, 4, "Configure nginx"));
            assertThat(parse("STEP 2 OF 4 - configure nginx")).isEqualTo(step(2, 4, "configure nginx"));
            assertThat(parse("step 3/8 - run migrations")).isEqualTo(step(3, 8, "run migrations"));
            assertThat(parse("Step 2/7 : RUN apt-get update && apt-get install -y curl"))
                    .isEqualTo(step(2, 7, "RUN apt-get update && apt-get install -y curl"));
        }

        @Test
        void readsBuildKitCounters() {
            assertThat(parse("#5 [2/4] RUN npm ci")).isEqualTo(step(2, 4, "RUN npm ci"));
            assertThat(parse("#9 [ 3/10] COPY . .")).isEqualTo(step(3, 10, "COPY . ."));
            assertThat(parse("#7 [builder 3/6] RUN go build -o /app ./cmd/app")).isEqualTo(
                    step(3, 6, "RUN go build -o /app ./cmd/app"));
        }

        @Test
        void takesTheTextBeforeACounterThatEndsTheLine() {
            ParsedLine reactor = parse("[INFO] Building vigil-events 0.1.0-SNAPSHOT                          [2/9]");

            assertThat(reactor).isEqualTo(new ParsedLine(null, Level.INFO, null, 2, 9,
                    "Building vigil-events 0.1.0-SNAPSHOT"));
            assertThat(parse("Installing deps: (3/5)")).isEqualTo(step(3, 5, "Installing deps"));
        }

        @Test
        void dropsTheSeparatorBetweenCounterAndText() {
            assertThat(parse("[3/5]: Installing deps").stepText()).isEqualTo("Installing deps");
            assertThat(parse("[3/5] - Installing deps").stepText()).isEqualTo("Installing deps");
            assertThat(parse("(3/5), Installing deps").stepText()).isEqualTo("Installing deps");
            assertThat(parse("=> [3/5] => Installing deps").stepText()).isEqualTo("Installing deps");
        }

        @Test
        void hasNoTextWhenTheCounterStandsAlone() {
            assertThat(parse("[3/5]")).isEqualTo(step(3, 5, null));
            assertThat(parse("  [3/5] :   ")).isEqualTo(step(3, 5, null));
            assertThat(parse("2024-01-01T12:00:00Z [3/5]")).isEqualTo(new ParsedLine(NEW_YEAR, null, null, 3, 5,
                    null));
        }

        @Test
        void cutsLongStepTextWithoutSplittingACharacter() {
            String name = "x".repeat(199) + "\ud83d\ude80" + "y".repeat(500);

            String text = parse("[1/2] " + name).stepText();

            assertThat(text).isEqualTo("x".repeat(199));
        }

        @Test
        void takesTheLeftmostCounter() {
            assertThat(parse("Step 1 of 3: fetch [2/9]")).isEqualTo(step(1, 3, "fetch [2/9]"));
            assertThat(parse("[2/9] then step 1 of 3")).isEqualTo(step(2, 9, "then step 1 of 3"));
        }

        @Test
        void readsCountersInJsonMessagesAndAfterTimestampsAndLevels() {
            assertThat(parse("{\"level\":\"info\",\"msg\":\"[2/3] Migrating schema\"}"))
                    .isEqualTo(new ParsedLine(null, Level.INFO, null, 2, 3, "Migrating schema"));
            assertThat(parse("2024/01/01 12:00:00 [1/2] pulling image")).isEqualTo(
                    new ParsedLine(NEW_YEAR, null, null, 1, 2, "pulling image"));
        }

        @Test
        void readsTheCounterOfTheSegmentATerminalWouldShow() {
            assertThat(parse("[1/3] a\r[2/3] b\r[3/3] c")).isEqualTo(step(3, 3, "c"));
        }

        @ParameterizedTest(name = "[{index}] {0}")
        @ValueSource(strings = {
                "Served 100/200 requests",
                "ratio 1/2 of the time",
                "half (1/2 cup) of sugar",
                "[5/3] step beyond the count",
                "[0/0] no steps",
                "[99999999999/1] too big",
                "[1/99999999999] too big",
                "[12/ab]",
                "Step 2 of 1: beyond the count",
                "steps 2 of 4",
                "footstep 2 of 4",
                "step2 of 4",
                "Step 2 often",
                "Step 2/3x",
                "Waiting for deployment \"web\" rollout to finish: 1 of 3 updated replicas are available...",
                "Progress (1): 2.3/5.6 kB",
                "a1b2c3d4: Downloading [=====>      ]  12.3MB/45.6MB",
                "127.0.0.1 - - [10/Oct/2000:13:55:36 -0700] \"GET /a/1/2 HTTP/1.0\" 200 2326",
                "[2024/01/01] a date in brackets",
        })
        void ignoresFractionsThatAreNotStepCounters(String line) {
            ParsedLine parsed = parse(line);

            assertThat(parsed.step()).isNull();
            assertThat(parsed.steps()).isNull();
            assertThat(parsed.stepText()).isNull();
        }

        @Test
        void acceptsStepZero() {
            assertThat(parse("[0/4] preparing")).isEqualTo(step(0, 4, "preparing"));
        }
    }

    @Nested
    class RealisticLines {

        static Stream<Arguments> lines() {
            return Stream.of(
                    Arguments.of("Get:1 http://deb.debian.org/debian bookworm InRelease [151 kB]", ParsedLine.NOTHING),
                    Arguments.of("Setting up curl (7.88.1-10+deb12u5) ...", ParsedLine.NOTHING),
                    Arguments.of("added 1290 packages, and audited 1291 packages in 32s", ParsedLine.NOTHING),
                    Arguments.of("  Downloading requests-2.31.0-py3-none-any.whl (62 kB)", ParsedLine.NOTHING),
                    Arguments.of("Successfully installed certifi-2024.2.2 requests-2.31.0", ParsedLine.NOTHING),
                    Arguments.of("deployment.apps/web configured", ParsedLine.NOTHING),
                    Arguments.of("PLAY RECAP *********************************************************",
                            ParsedLine.NOTHING),
                    Arguments.of("[INFO] --- maven-surefire-plugin:3.2.5:test (default-test) @ app ---",
                            level(Level.INFO)),
                    Arguments.of("Step 4/7 : RUN npm ci --omit=dev", step(4, 7, "RUN npm ci --omit=dev")),
                    Arguments.of("#6 [2/5] RUN apt-get update", step(2, 5, "RUN apt-get update")),
                    Arguments.of("#6 0.812 Get:2 http://deb.debian.org/debian bookworm-updates InRelease [55.4 kB]",
                            ParsedLine.NOTHING),
                    Arguments.of("Progress: [ 67%] [######################################......]",
                            new ParsedLine(null, null, 67, null, null, null)),
                    Arguments.of("2024-01-01T12:00:00Z level=info msg=\"Downloading 45%\"",
                            new ParsedLine(NEW_YEAR, Level.INFO, 45, null, null, null)),
                    Arguments.of(
                            "{\"time\":\"2024-01-01T12:00:00Z\",\"level\":\"warn\",\"msg\":\"Step 2 of 4: migrate\"}",
                            new ParsedLine(NEW_YEAR, Level.WARN, null, 2, 4, "migrate")),
                    Arguments.of(ESC + "[32m[3/5]" + ESC + "[0m Installing " + ESC + "[1mdeps" + ESC + "[0m 60%",
                            new ParsedLine(null, null, 60, 3, 5, "Installing deps 60%")));
        }

        @ParameterizedTest(name = "[{index}] {0}")
        @MethodSource("lines")
        void parsesInstallBuildAndDeployOutput(String line, ParsedLine expected) {
            assertThat(parse(line)).isEqualTo(expected);
        }
    }

    @Nested
    class CustomRules {

        @Test
        void customLevelWinsOverTheBuiltIns() {
            LineParser custom = new LineParser(ParseRules.of("<(?<level>\\w+)>", null, null));

            assertThat(custom.parse("[INFO] <error> payment failed").level()).isEqualTo(Level.ERROR);
            assertThat(custom.parse("<Warning> slow disk").level()).isEqualTo(Level.WARN);
        }

        @Test
        void customLevelThatNamesNoLevelLeavesItToTheBuiltIns() {
            LineParser custom = new LineParser(ParseRules.of("<(?<level>\\w+)>", null, null));

            assertThat(custom.parse("[INFO] <verbose> hello").level()).isEqualTo(Level.INFO);
            assertThat(custom.parse("no tag at all").level()).isNull();
        }

        @Test
        void customProgressWinsOverTheBuiltInsWhenInRange() {
            LineParser custom = new LineParser(ParseRules.of(null, "progress=(?<progress>[0-9.]+)", null));

            assertThat(custom.parse("progress=70 shown as 45%").progress()).isEqualTo(70);
            assertThat(custom.parse("progress=33.9").progress()).isEqualTo(33);
            assertThat(custom.parse("progress=170 shown as 45%").progress()).isEqualTo(45);
            assertThat(custom.parse("progress=100.5 shown as 45%").progress()).isEqualTo(45);
            assertThat(custom.parse("progress=100.0").progress()).isEqualTo(100);
            assertThat(custom.parse("progress=1.2.3 shown as 45%").progress()).isEqualTo(45);
        }

        @Test
        void customStepWithATextGroup() {
            LineParser custom = new LineParser(
                    ParseRules.of(null, null, "Task (?<step>\\d+)/(?<steps>\\d+): (?<text>[^|]*)"));

            assertThat(custom.parse("Task 4/9: Install nginx | [1/2] other")).isEqualTo(step(4, 9, "Install nginx"));
        }

        @Test
        void customStepWithoutATextGroupTakesTheTextAfterTheMatch() {
            LineParser custom = new LineParser(ParseRules.of(null, null, "phase (?<step>\\d+) of (?<steps>\\d+)"));

            assertThat(custom.parse("phase 2 of 3 - deploy web [1/9]")).isEqualTo(step(2, 3, "deploy web [1/9]"));
        }

        @Test
        void customStepOutOfRangeLeavesItToTheBuiltIns() {
            LineParser custom = new LineParser(ParseRules.of(null, null, "phase (?<step>\\d+) of (?<steps>\\d+)"));

            assertThat(custom.parse("phase 5 of 3 [1/2] fetch")).isEqualTo(step(1, 2, "fetch"));
            assertThat(custom.parse("phase 99999999999 of 3 [1/2] fetch")).isEqualTo(step(1, 2, "fetch"));
        }

        @Test
        void customRulesSeeTheLineWithoutEscapes() {
            LineParser custom = new LineParser(ParseRules.of("^(?<level>\\w+)!", null, null));

            assertThat(custom.parse(ESC + "[31mfailed" + ESC + "[0m! boom").level()).isEqualTo(Level.ERROR);
        }

        @Test
        void blankRulesMeanTheBuiltInsOnly() {
            ParseRules rules = ParseRules.of(null, " ", "");

            assertThat(rules).isEqualTo(ParseRules.NONE);
            assertThat(new LineParser(rules).parse("[3/5] x")).isEqualTo(step(3, 5, "x"));
        }

        @Test
        void aRuleTooDeepForTheStackCountsAsNoMatch() {
            LineParser custom = new LineParser(ParseRules.of("(?<level>(?:a|b)*)c", null, null));
            String line = "[WARN] " + "ab".repeat(50_000);

            assertThat(custom.read(line).level()).isEqualTo(Level.WARN);
        }

        @Test
        void rejectsAPatternThatDoesNotCompileNamingWhichOne() {
            assertThatThrownBy(() -> ParseRules.of(null, null, "Step (?<step>\\d+"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("the step pattern is not a valid regular expression");
        }

        @Test
        void rejectsPatternsMissingTheirNamedGroupsNamingWhichOneAndWhichGroup() {
            assertThatThrownBy(() -> ParseRules.of("(?<lvl>\\w+):", null, null))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("the level pattern has no named group 'level'");
            assertThatThrownBy(() -> ParseRules.of(null, "(\\d+)%", null))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("the progress pattern has no named group 'progress'");
            assertThatThrownBy(() -> ParseRules.of(null, null, "(?<step>\\d+)/(?<total>\\d+)"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("the step pattern has no named group 'steps'");
        }

        @Test
        void doesNotTakeGroupLookalikesForGroups() {
            assertThatThrownBy(() -> ParseRules.of("\\Q(?<level>x)", null, null))
                    .hasMessageStartingWith("the level pattern has no named group 'level'");
            assertThatThrownBy(() -> ParseRules.of("\\(?<level>x\\)", null, null))
                    .hasMessageStartingWith("the level pattern has no named group 'level'");
            assertThatThrownBy(() -> ParseRules.of("(?x) (\\w+) # (?<level>x)", null, null))
                    .hasMessageStartingWith("the level pattern has no named group 'level'");
            assertThatThrownBy(() -> new ParseRules(Pattern.compile("(?<level>x)", Pattern.LITERAL), null, null))
                    .hasMessageStartingWith("the level pattern has no named group 'level'");
        }

        @Test
        void acceptsGroupsInAnyPatternSyntax() {
            assertThatNoException().isThrownBy(() -> ParseRules.of(
                    "(?x) \\[ (?<level> \\w+ ) \\]  # bracketed",
                    "(?<progress>\\d+)\\Q%\\E",
                    "(?<step>\\d+)\\s*/\\s*(?<steps>\\d+)\\Q)"));
            assertThatNoException().isThrownBy(() -> new ParseRules(null, null,
                    Pattern.compile("STEP (?<step>\\d+) OF (?<steps>\\d+)", Pattern.CASE_INSENSITIVE)));
        }
    }

    @Nested
    class HostileInput {

        static Stream<String> hostileLines() {
            return Stream.of(
                    "\u001b", "\u001b[", "\u001b]", "\u001b]0;never ended", "\u001b[999999999999999999m",
                    "%", "%%%%", "99999999999%", "[99999999999/1]", "[1/99999999999]", "(0/0)", "[/]", "[ / ]",
                    "\0\0\0", "\0[\0/\0]\0%", "\uFFFD\uFFFD[INFO\uFFFD]", "\ud800", "\udc00[1/2]\ud800",
                    "[", "]", "[[[[[[[[[[[[[", "]]]]]]]]", "[][][][][][][]", "()()()", "[]", "[ ]",
                    "{", "}", "{}", "{\"", "{\"level\":", "{\"level\":\"error\"", "{\"level\":null}",
                    "{\"level\":9999999999999999999999}", "{\"level\":-1}", "{\"level\":30.5}",
                    "{\"time\":\"\"}", "{\"msg\":null}", "{\"msg\":\"\\u001b[31m\"}",
                    "{\"a\":" + "[".repeat(5_000) + "}",
                    "{" + "\"a\":{".repeat(3_000) + "}",
                    "2024-", "2024-01-01T", "2024-01-01T12:", "2024-01-01T12:00:00.", "2024-01-01T12:00:00+",
                    "2024-01-01T12:00:00+1", "[2024-01-01 12:00:00", "9999-12-31T23:59:59.999999999-18:00",
                    "0000-01-01T00:00:00Z", "2024-01-01T12:00:00." + "9".repeat(10_000) + "Z",
                    "Step", "step ", "Step 1 of", "Step 1 of ", "step 1/", "step /2", "of of of", "stepstepstep",
                    "level=", "=", "==", "level=\"", "time=\"2024", "=level", "lvl= level= severity=",
                    "npm", "npm ", "E:", "W", "WARN[", "x.", "\t\t\t", "\r", "\r\r\r", " \r ", "#", "# #",
                    "1%1%1%1%", "45.%", ".5%", "0.5%", "1,%");
        }

        @ParameterizedTest(name = "[{index}]")
        @MethodSource("hostileLines")
        void neverThrows(String line) {
            // Groups that capture any junk, bounded so that the regexes themselves stay linear on long lines.
            LineParser custom = new LineParser(ParseRules.of("(?<level>\\S{1,20})", "(?<progress>\\S{1,20})",
                    "(?<step>[^/\\s]{1,20})/(?<steps>\\S{1,20})(?<text>.{0,50})"));

            assertThatNoException().isThrownBy(() -> parser.read(line));
            assertThatNoException().isThrownBy(() -> custom.read(line));
            assertThat(parser.parse(line)).isNotNull();
        }

        @Test
        void readsHugeLinesInLinearTime() {
            int size = 1 << 20;
            List<String> lines = List.of(
                    "a".repeat(size), "[".repeat(size), "%".repeat(size), "/".repeat(size), "1".repeat(size),
                    "1/".repeat(size / 2), "[1/".repeat(size / 3), "1%".repeat(size / 2), "9".repeat(size) + "%",
                    "=".repeat(size), "a=".repeat(size / 2), "level=".repeat(size / 6), "step ".repeat(size / 5),
                    "Step 1 of ".repeat(size / 10), "\u001b[".repeat(size / 2), "\u001b]".repeat(size / 2),
                    "\r".repeat(size), "\r a".repeat(size / 3), " ".repeat(size) + "x", "{" + " ".repeat(size) + "}",
                    "{\"msg\":\"" + "[1/2] ".repeat(size / 6) + "\"}", "[INFO] " + "x".repeat(size) + " 45% [2/3]");

            long started = System.nanoTime();
            for (String line : lines) {
                parser.read(line);
            }
            // Quadratic work on a megabyte line would take minutes; linear work takes milliseconds.
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
            assertThat(parser.read("[INFO] " + "x".repeat(size) + " 45% [2/3]"))
                    .isEqualTo(new ParsedLine(null, Level.INFO, 45, 2, 3, "x".repeat(200)));
        }
    }

    @Test
    void givesTheSameAnswersFromManyThreads() throws Exception {
        List<String> lines = new ArrayList<>();
        Levels.realisticLines().forEach(arguments -> lines.add((String) arguments.get()[0]));
        RealisticLines.lines().forEach(arguments -> lines.add((String) arguments.get()[0]));
        List<ParsedLine> expected = lines.stream().map(parser::parse).toList();
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                results.add(threads.submit(() -> {
                    for (int round = 0; round < 500; round++) {
                        if (!lines.stream().map(parser::parse).toList().equals(expected)) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> result : results) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            threads.shutdownNow();
        }
    }
}
