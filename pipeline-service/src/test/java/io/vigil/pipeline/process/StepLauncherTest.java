package io.vigil.pipeline.process;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.vigil.pipeline.process.ProcessOutcome.Ending;

/** Real processes under a temporary directory; every test leaves none of them running. */
class StepLauncherTest {

    private static final Duration GRACE = Duration.ofMillis(200);

    @TempDir
    Path base;

    private final StepLauncher launcher = new StepLauncher(GRACE, Clock.systemUTC());
    private final List<StepProcess> started = new ArrayList<>();
    private final List<Long> recordedPids = new ArrayList<>();

    @AfterEach
    void stopEverything() throws Exception {
        for (StepProcess step : started) {
            step.cancel().get(10, TimeUnit.SECONDS);
        }
        recordedPids.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
    }

    @Test
    void exitCodesAreRecorded() throws Exception {
        ProcessOutcome ok = run(spec("exit 0"));
        ProcessOutcome three = run(spec("exit 3"));

        assertThat(ok.ending()).isEqualTo(Ending.EXITED);
        assertThat(ok.exitCode()).isZero();
        assertThat(ok.succeeded()).isTrue();
        assertThat(ok.endedAt()).isAfterOrEqualTo(ok.startedAt());
        assertThat(three.ending()).isEqualTo(Ending.EXITED);
        assertThat(three.exitCode()).isEqualTo(3);
        assertThat(three.succeeded()).isFalse();
        assertThat(three.reason()).isNull();
    }

    @Test
    void environmentAndWorkdirAreApplied() throws Exception {
        ProcessSpec spec = new ProcessSpec("pwd; echo \"foo=$FOO\"", Map.of("FOO", "bar baz"), Map.of(), base,
                Path.of("a/b"), log(), ProcessSpec.DEFAULT_OUTPUT_CAP, null);

        run(spec);

        assertThat(logText()).isEqualTo(base.resolve("a/b").toRealPath() + "\nfoo=bar baz\n");
    }

    @Test
    void aStepSeesNoneOfTheServicesOwnEnvironment() throws Exception {
        Set<String> allowed = new java.util.HashSet<>(StepLauncher.INHERITED);
        allowed.addAll(Set.of("PWD", "OLDPWD", "SHLVL", "_", "FOO"));
        assertThat(System.getenv().keySet()).as("the test runs with variables a step must not see")
                .anyMatch(name -> !allowed.contains(name));

        run(new ProcessSpec("env", Map.of("FOO", "1"), Map.of(), base, Path.of("."), log(),
                ProcessSpec.DEFAULT_OUTPUT_CAP, null));

        Set<String> seen = logText().lines().filter(l -> l.contains("=")).map(l -> l.substring(0, l.indexOf('=')))
                .collect(java.util.stream.Collectors.toSet());
        assertThat(seen).contains("FOO", "PATH").isSubsetOf(allowed);
    }

    @Test
    void stdoutAndStderrLandInTheLogInTheOrderWritten() throws Exception {
        ProcessOutcome outcome = run(spec("echo out; echo err >&2; echo out again"));

        assertThat(logText()).isEqualTo("out\nerr\nout again\n");
        assertThat(outcome.bytesWritten()).isEqualTo(Files.size(log()));
    }

    @Test
    void stdinIsEmptySoAReadingStepDoesNotHang() throws Exception {
        run(spec("cat; echo after"));

        assertThat(logText()).isEqualTo("after\n");
    }

    @Test
    void timeoutStopsTheWholeTreeIncludingStubbornAndReparentedProcesses() throws Exception {
        Files.createDirectories(base.resolve("work"));
        Files.writeString(base.resolve("work/tree.sh"), """
                echo $$ > shell.pid
                sleep 1000 &
                echo $! > child.pid
                sh -c 'sleep 1000 & echo $! > grandchild.pid; wait' &
                sh -c 'trap "" TERM; sleep 1000 & echo $! > stubborn-child.pid; echo $$ > stubborn.pid; wait' &
                sh -c 'sleep 1000 > /dev/null 2>&1 & echo $! > orphan.pid' # its parent exits at once
                echo started
                wait
                """);
        ProcessSpec spec = withTimeout(spec(". ./tree.sh"), Duration.ofMillis(500));

        StepProcess step = start(spec);
        ProcessOutcome outcome = step.outcome().get(10, TimeUnit.SECONDS);

        List<Long> pids = recorded("shell", "child", "grandchild", "stubborn", "stubborn-child", "orphan");
        assertThat(outcome.ending()).isEqualTo(Ending.TIMED_OUT);
        assertThat(outcome.exitCode()).isNull();
        assertThat(outcome.reason()).isEqualTo("timed out after 0.5s");
        assertThat(outcome.duration()).isLessThan(Duration.ofSeconds(3));
        assertThat(pids.get(0)).isEqualTo(step.pid().orElseThrow()); // setsid runs the shell itself, not a child
        await().atMost(Duration.ofSeconds(3)).untilAsserted(() -> assertThat(pids).allMatch(StepLauncherTest::gone));
        assertThat(logText()).isEqualTo("started\n[vigil] timed out after 0.5s; the step's processes were stopped\n");
    }

    @Test
    void cancelStopsTheTree() throws Exception {
        StepProcess step = start(spec("sh -c 'sleep 1000 & echo $! > grandchild.pid; wait' & echo $! > child.pid; wait"));
        await().atMost(Duration.ofSeconds(5)).until(() -> Files.exists(base.resolve("work/grandchild.pid"))
                && Files.exists(base.resolve("work/child.pid")));
        List<Long> pids = recorded("child", "grandchild");

        ProcessOutcome outcome = step.cancel().get(10, TimeUnit.SECONDS);

        assertThat(outcome.ending()).isEqualTo(Ending.CANCELLED);
        assertThat(outcome.reason()).isEqualTo("cancelled");
        assertThat(step.pid()).isPresent();
        await().atMost(Duration.ofSeconds(3)).untilAsserted(() -> assertThat(pids).allMatch(StepLauncherTest::gone));
        assertThat(step.cancel().get(1, TimeUnit.SECONDS)).isEqualTo(outcome);
    }

    @Test
    void backgroundProcessesLeftBehindAreStoppedWhenTheStepExits() throws Exception {
        // the child keeps the output pipe open: the outcome must not wait for it
        ProcessOutcome outcome = run(spec("sleep 1000 & echo $! > child.pid; echo done"));

        assertThat(outcome.ending()).isEqualTo(Ending.EXITED);
        assertThat(outcome.exitCode()).isZero();
        List<Long> pids = recorded("child");
        await().atMost(Duration.ofSeconds(3)).untilAsserted(() -> assertThat(pids).allMatch(StepLauncherTest::gone));
        assertThat(logText()).isEqualTo("done\n");
    }

    @Test
    void aProcessThatLeftTheStepDoesNotHoldUpTheOutcome() throws Exception {
        // a session of its own, re-parented once the shell exits: out of reach, but holding the output pipe
        ProcessOutcome outcome = run(spec("setsid sleep 1000 & echo $! > detached.pid; echo done"));
        recorded("detached");

        assertThat(outcome.ending()).isEqualTo(Ending.EXITED);
        assertThat(outcome.duration()).isLessThan(Duration.ofSeconds(2));
        // whether the last scan still saw it in the group is a race; either way nothing waits for it
        assertThat(logText()).startsWith("done\n").doesNotContain("sleep");
    }

    @Test
    void largeOutputIsCappedAndTheProcessStillRunsToTheEnd() throws Exception {
        long cap = 64 * 1024;
        ProcessSpec spec = new ProcessSpec("head -c 50000000 /dev/zero; echo finished >&2", Map.of(), Map.of(), base,
                Path.of("work"), log(), cap, Duration.ofSeconds(20));

        ProcessOutcome outcome = run(spec);

        byte[] notice = "\n[vigil] output truncated at 65536 bytes\n".getBytes(UTF_8);
        assertThat(outcome.ending()).isEqualTo(Ending.EXITED);
        assertThat(outcome.exitCode()).isZero();
        assertThat(outcome.truncated()).isTrue();
        assertThat(Files.size(log())).isEqualTo(cap + notice.length).isEqualTo(outcome.bytesWritten());
        assertThat(logText()).endsWith(new String(notice, UTF_8));
    }

    @Test
    void outputAtTheCapExactlyIsNotTruncated() throws Exception {
        ProcessSpec spec = new ProcessSpec("printf 12345", Map.of(), Map.of(), base, Path.of("work"), log(), 5, null);

        ProcessOutcome outcome = run(spec);

        assertThat(outcome.truncated()).isFalse();
        assertThat(logText()).isEqualTo("12345");
    }

    @Test
    void nonUtf8BytesArePreservedExactly() throws Exception {
        run(spec("printf '\\377\\376\\200abc\\n'"));

        assertThat(Files.readAllBytes(log())).containsExactly(0xff, 0xfe, 0x80, 'a', 'b', 'c', '\n');
    }

    @Test
    void secretValuesNeverReachTheLog() throws Exception {
        String token = "s3cr3t-ToKeN-value";
        String command = """
                echo "token=$API_TOKEN"
                i=0; while [ $i -lt 100 ]; do printf '%s' "$API_TOKEN"; i=$((i+1)); done; echo
                printf 's3cr3t-'; sleep 0.05; printf 'ToKeN-value\\n'
                printf '\\377%s\\376\\n' "$API_TOKEN" >&2
                """;
        ProcessSpec spec = new ProcessSpec(command, Map.of(), Map.of("API_TOKEN", token), base, Path.of("work"),
                log(), ProcessSpec.DEFAULT_OUTPUT_CAP, null);

        ProcessOutcome outcome = run(spec);

        String text = new String(Files.readAllBytes(log()), ISO_8859_1);
        assertThat(outcome.exitCode()).isZero();
        assertThat(text).doesNotContain(token).doesNotContain("ToKeN")
                .isEqualTo("token=***\n" + "***".repeat(100) + "\n***\n\u00ff***\u00fe\n");
    }

    @Test
    void aWorkdirLeadingOutsideTheBaseThroughALinkFailsToStart() throws Exception {
        Path elsewhere = Files.createDirectories(base.resolveSibling(base.getFileName() + "-elsewhere"));
        try {
            Files.createSymbolicLink(base.resolve("link"), elsewhere);
            ProcessSpec spec = new ProcessSpec("touch escaped", Map.of(), Map.of(), base, Path.of("link"), log(),
                    ProcessSpec.DEFAULT_OUTPUT_CAP, null);

            ProcessOutcome outcome = run(spec);

            assertThat(outcome.ending()).isEqualTo(Ending.FAILED_TO_START);
            assertThat(outcome.reason()).contains("leads outside");
            assertThat(elsewhere.resolve("escaped")).doesNotExist();
        } finally {
            Files.deleteIfExists(elsewhere);
        }
    }

    @Test
    void aWorkdirThatIsAFileFailsToStartAndTheLogSaysWhy() throws Exception {
        Files.writeString(base.resolve("work"), "not a directory");

        StepProcess step = start(spec("echo never"));
        ProcessOutcome outcome = step.outcome().get(1, TimeUnit.SECONDS);

        assertThat(outcome.ending()).isEqualTo(Ending.FAILED_TO_START);
        assertThat(outcome.exitCode()).isNull();
        assertThat(outcome.reason()).contains("is not a directory");
        assertThat(step.pid()).isEmpty();
        assertThat(logText()).isEqualTo("[vigil] " + outcome.reason() + "\n");
        assertThat(outcome.bytesWritten()).isEqualTo(Files.size(log()));
    }

    @Test
    void anUnwritableLogFileFailsToStart() throws Exception {
        Files.writeString(base.resolve("logs"), "a file where the log directory should be");

        ProcessOutcome outcome = run(spec("echo never"));

        assertThat(outcome.ending()).isEqualTo(Ending.FAILED_TO_START);
        assertThat(outcome.reason()).startsWith("log file");
    }

    @Test
    void aPreparedStepRunsNothingUntilOpenedAndItsTimeoutCountsFromThen() throws Exception {
        StepProcess step = prepare(withTimeout(spec("echo ran > ran.txt; echo ran"), Duration.ofMillis(300)));

        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> !step.outcome().isDone());
        assertThat(base.resolve("work/ran.txt")).doesNotExist();
        ProcessOutcome outcome = step.open().outcome().get(20, TimeUnit.SECONDS);

        assertThat(outcome.ending()).isEqualTo(Ending.EXITED);
        assertThat(outcome.exitCode()).isZero();
        assertThat(logText()).isEqualTo("ran\n");
        assertThat(base.resolve("work/ran.txt")).exists();
    }

    @Test
    void aPreparedStepCancelledBeforeOpeningNeverRuns() throws Exception {
        StepProcess step = prepare(spec("echo ran > ran.txt"));

        ProcessOutcome outcome = step.cancel().get(20, TimeUnit.SECONDS);
        step.open();

        assertThat(outcome.ending()).isEqualTo(Ending.CANCELLED);
        assertThat(outcome.reason()).isEqualTo("cancelled before it started");
        assertThat(ProcessHandle.of(step.pid().orElseThrow()).filter(ProcessHandle::isAlive)).isEmpty();
        assertThat(base.resolve("work/ran.txt")).doesNotExist();
        assertThat(log()).doesNotExist();
    }

    @Test
    void aShellWaitingAtTheGateExitsWithoutRunningWhenItsServiceGoes() throws Exception {
        // the service's death closes the pipe: that is all the gate sees
        Files.createDirectories(base.resolve("work"));
        Process shell = new ProcessBuilder("/bin/sh", "-c", StepLauncher.GATE + "echo ran > ran.txt")
                .directory(base.resolve("work").toFile()).start();
        shell.getOutputStream().close();

        assertThat(shell.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(shell.exitValue()).isEqualTo(125);
        assertThat(base.resolve("work/ran.txt")).doesNotExist();
    }

    @Test
    void aSyntaxErrorInTheCommandIsTheStepsOwnFailure() throws Exception {
        ProcessOutcome outcome = run(spec("if then fi"));

        assertThat(outcome.ending()).isEqualTo(Ending.EXITED);
        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(logText()).contains("Syntax error");
    }

    private ProcessSpec spec(String command) {
        return new ProcessSpec(command, base, Path.of("work"), log());
    }

    private static ProcessSpec withTimeout(ProcessSpec spec, Duration timeout) {
        return new ProcessSpec(spec.command(), spec.environment(), spec.secrets(), spec.baseDir(), spec.workdir(),
                spec.logFile(), spec.outputCap(), timeout);
    }

    private StepProcess start(ProcessSpec spec) {
        StepProcess step = launcher.start(spec);
        started.add(step);
        return step;
    }

    private StepProcess prepare(ProcessSpec spec) {
        StepProcess step = launcher.prepare(spec);
        started.add(step);
        return step;
    }

    private ProcessOutcome run(ProcessSpec spec) throws Exception {
        return start(spec).outcome().get(20, TimeUnit.SECONDS);
    }

    private Path log() {
        return base.resolve("logs/step.log");
    }

    private String logText() throws IOException {
        return Files.readString(log(), UTF_8);
    }

    /** The pids the step wrote into {@code <name>.pid} files, kept for the clean-up too. */
    private List<Long> recorded(String... names) throws IOException {
        List<Long> pids = new ArrayList<>();
        for (String name : names) {
            pids.add(Long.parseLong(Files.readString(base.resolve("work/" + name + ".pid")).trim()));
        }
        recordedPids.addAll(pids);
        return pids;
    }

    /**
     * Zombies count as gone: they have ended, and only wait for init to collect them (which the JDK's handles
     * would wait for too).
     */
    private static boolean gone(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"), ISO_8859_1);
            return stat.charAt(stat.lastIndexOf(')') + 2) == 'Z';
        } catch (IOException e) {
            return true;
        }
    }
}
