package io.vigil.pipeline.process;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * One step's command as it is to be run: {@code /bin/sh -c command} in {@code workdir}, with {@code environment}
 * and {@code secrets} added to the service's own environment, stdout and stderr merged into {@code logFile}.
 * Secret values reach the process but never the log file, nor {@link #toString()}.
 *
 * <p>{@code workdir} may be relative (to {@code baseDir}) or absolute; either way it is kept normalised and
 * absolute, and must lie inside {@code baseDir}, so {@code ../x} is refused here, before anything runs.
 * {@code outputCap} bounds the bytes of output kept; a null {@code timeout} lets the step run as long as it likes.
 */
public record ProcessSpec(
        String command,
        Map<String, String> environment,
        Map<String, String> secrets,
        Path baseDir,
        Path workdir,
        Path logFile,
        long outputCap,
        Duration timeout) {

    public static final long DEFAULT_OUTPUT_CAP = 10L * 1024 * 1024;

    public ProcessSpec {
        if (command == null || command.isBlank()) {
            throw new IllegalArgumentException("command: must not be blank");
        }
        environment = checked("environment", environment);
        secrets = checked("secrets", secrets);
        if (baseDir == null || workdir == null || logFile == null) {
            throw new IllegalArgumentException("baseDir, workdir and logFile are required");
        }
        baseDir = baseDir.toAbsolutePath().normalize();
        workdir = baseDir.resolve(workdir).normalize();
        if (!workdir.startsWith(baseDir)) {
            throw new IllegalArgumentException("workdir: must stay inside " + baseDir);
        }
        logFile = logFile.toAbsolutePath().normalize();
        if (outputCap <= 0) {
            throw new IllegalArgumentException("outputCap: must be positive");
        }
        if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
            throw new IllegalArgumentException("timeout: must be positive");
        }
    }

    /** A step with no environment of its own, no secrets, the default cap and no timeout. */
    public ProcessSpec(String command, Path baseDir, Path workdir, Path logFile) {
        this(command, Map.of(), Map.of(), baseDir, workdir, logFile, DEFAULT_OUTPUT_CAP, null);
    }

    /**
     * The process environment refuses names with '=' or NUL and values with NUL, in messages quoting the value;
     * checking here names only the variable, so no secret ends up in an exception.
     */
    private static Map<String, String> checked(String field, Map<String, String> variables) {
        if (variables == null) {
            return Map.of();
        }
        variables.forEach((name, value) -> {
            if (name == null || name.isEmpty() || name.indexOf('=') >= 0 || name.indexOf('\0') >= 0) {
                throw new IllegalArgumentException(field + ": '" + name + "' is not a variable name");
            }
            if (value == null || value.indexOf('\0') >= 0) {
                throw new IllegalArgumentException(field + "." + name + ": must be a value without NUL characters");
            }
        });
        return Map.copyOf(variables);
    }

    @Override
    public String toString() {
        return "ProcessSpec[command=" + command + ", environment=" + environment + ", secrets=" + secrets.keySet()
                + ", workdir=" + workdir + ", logFile=" + logFile + ", outputCap=" + outputCap + ", timeout=" + timeout
                + "]";
    }
}
