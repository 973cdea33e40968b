package io.vigil.pipeline.process;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import io.vigil.pipeline.process.ProcessOutcome.Ending;

/**
 * Starts step commands as OS processes ({@code setsid -w /bin/sh -c command}: the step gets a process group of
 * its own, see {@link ProcessTree}). A step that cannot start, because its log file or working directory
 * cannot be made or the shell cannot be run, still gets a {@link StepProcess}, already ended
 * {@code FAILED_TO_START}, and the reason is written to its log when the log could be opened. Linux only.
 *
 * <p>Forking a shell from a JVM costs milliseconds, so a step can be {@linkplain #prepare prepared}: its shell is
 * spawned and waits at a gate, a line on its stdin, before the command's first line. {@link StepProcess#open()}
 * lets it run; a step cancelled before that, or whose service dies (the pipe closes), exits without running
 * anything. The engine prepares a step while the decision to run it commits, and opens it once it has.
 */
public final class StepLauncher {

    /** How long a step's processes get to obey SIGTERM before SIGKILL. */
    public static final Duration DEFAULT_GRACE = Duration.ofSeconds(2);

    private static final String SHELL = "/bin/sh";
    /**
     * The script's first line: wait for the gate's line, exit 125 without running anything when the pipe closes
     * instead; then the command reads nothing more from the gate. Its own line, so a syntax error in the command
     * is only found once the gate is open.
     */
    static final String GATE = "read -r vigil_gate || exit 125; unset vigil_gate; exec </dev/null\n";

    /** What a step inherits of the service's environment: what a shell needs to behave as on the host. */
    static final Set<String> INHERITED = Set.of("PATH", "HOME", "USER", "LOGNAME", "SHELL", "LANG", "LC_ALL", "LC_CTYPE",
            "TZ", "TMPDIR", "JAVA_HOME");

    private final Duration grace;
    private final Clock clock;
    private final Optional<Path> setsid;

    public StepLauncher() {
        this(DEFAULT_GRACE, Clock.systemUTC());
    }

    public StepLauncher(Duration grace, Clock clock) {
        String os = System.getProperty("os.name", "");
        if (!os.toLowerCase(Locale.ROOT).startsWith("linux") || !Files.isExecutable(Path.of(SHELL))) {
            throw new UnsupportedOperationException(
                    "steps run as processes on Linux only (/bin/sh, process groups, /proc); this is " + os);
        }
        if (grace.isNegative()) {
            throw new IllegalArgumentException("grace: must not be negative");
        }
        this.grace = grace;
        this.clock = clock;
        // without setsid the step shares the service's process group, and only parent links find its processes
        this.setsid = Stream.of("/usr/bin/setsid", "/bin/setsid").map(Path::of).filter(Files::isExecutable).findFirst();
    }

    /** Starts the step; never throws for a step that cannot start, whose outcome is complete at once instead. */
    public StepProcess start(ProcessSpec spec) {
        return prepare(spec).open();
    }

    /**
     * Spawns the step held at its gate, to run once {@link StepProcess#open() opened}; its timeout counts from
     * then. Never throws, as {@link #start}.
     */
    public StepProcess prepare(ProcessSpec spec) {
        SecretMask mask = new SecretMask(spec.secrets().values());
        Instant startedAt = clock.instant();
        CappedLog log;
        try {
            log = CappedLog.open(spec.logFile(), spec.outputCap());
        } catch (IOException | RuntimeException e) {
            return failed(mask.apply("log file " + spec.logFile() + " cannot be written: " + e.getMessage()),
                    startedAt, 0);
        }
        Process process;
        try {
            process = builder(spec).start();
        } catch (IOException | RuntimeException e) {
            String reason = mask.apply("could not start: " + e.getMessage());
            log.note(reason);
            log.close();
            return failed(reason, startedAt, log.written());
        }
        ProcessTree tree = new ProcessTree(process.toHandle(), setsid.isPresent());
        return StepProcess.gated(process, tree, mask.over(log), log, spec.timeout(), grace, clock);
    }

    private ProcessBuilder builder(ProcessSpec spec) throws IOException {
        List<String> command = new ArrayList<>();
        // -w: should setsid ever have to fork, it still waits, so the pid we hold lives as long as the step
        setsid.ifPresent(path -> command.addAll(List.of(path.toString(), "-w")));
        command.addAll(List.of(SHELL, "-c", GATE + spec.command()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workdir(spec).toFile())
                .redirectErrorStream(true); // one pipe: stdout and stderr stay in the order they were written
        Map<String, String> environment = builder.environment();
        // not the service's own environment: it holds the database password and the broker's settings
        environment.keySet().retainAll(INHERITED);
        environment.putAll(spec.environment());
        environment.putAll(spec.secrets());
        return builder;
    }

    /** Creates the working directory; followed through symbolic links, it must still be inside the base. */
    private static Path workdir(ProcessSpec spec) throws IOException {
        try {
            Files.createDirectories(spec.workdir());
        } catch (FileAlreadyExistsException e) {
            throw new IOException("working directory " + spec.workdir() + " cannot be made: " + e.getFile()
                    + " is not a directory");
        }
        Path real = spec.workdir().toRealPath();
        if (!real.startsWith(spec.baseDir().toRealPath())) {
            throw new IOException("working directory " + spec.workdir() + " leads outside " + spec.baseDir());
        }
        return real;
    }

    private StepProcess failed(String reason, Instant startedAt, long written) {
        return StepProcess.failed(new ProcessOutcome(Ending.FAILED_TO_START, null, reason, startedAt, clock.instant(),
                written, false));
    }

    /**
     * Stops the process tree a step left behind when the instance running it died (kill -9): the step's shell,
     * {@code pid}, if it still runs and is that step's (started within seconds of {@code startedAt}, so a reused
     * pid is left alone). True when there was one to stop. A tree whose shell is already gone is out of reach.
     */
    public boolean stopLeftover(long pid, Instant startedAt) {
        Optional<ProcessHandle> root = ProcessHandle.of(pid);
        Optional<Instant> started = root.flatMap(r -> r.info().startInstant());
        if (started.isEmpty() || Duration.between(startedAt, started.get()).abs().compareTo(Duration.ofSeconds(10)) > 0) {
            return false;
        }
        new ProcessTree(root.get(), setsid.isPresent()).terminate(grace);
        return true;
    }
}
