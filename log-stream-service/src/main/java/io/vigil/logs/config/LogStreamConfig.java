package io.vigil.logs.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** Settings of log-stream-service ({@code vigil.logs.*}); each is listed in the service README. */
@ConfigMapping(prefix = "vigil.logs")
public interface LogStreamConfig {

    /** pipeline-service's step logs, {@code <run id>/<step>/<attempt>.log}: the source named {@code steps}. */
    @WithDefault("${java.io.tmpdir}/vigil/run-output")
    Path logRoot();

    /** Where tasks started here run and write their logs, {@code <task id>.log}: the source named {@code tasks}. */
    @WithDefault("${java.io.tmpdir}/vigil/tasks")
    Path taskRoot();

    /** Further trees of log files to tail, by source name: each file is the task {@code <source>/<path>}. */
    Map<String, Source> sources();

    /** Line patterns by source name ({@code steps}, {@code tasks} or a configured one), tried before the built-in ones. */
    Map<String, ParsePatterns> parse();

    /** How often every open file is read for new bytes when no change was announced by the file system. */
    @WithDefault("200ms")
    Duration pollInterval();

    /**
     * After the file system announces a change, how long to gather further changes before reading: lines
     * written in a stream are then recorded a few milliseconds' worth at a time, not one transaction per write.
     */
    @WithDefault("5ms")
    Duration batchLinger();

    /** How often each root is looked through in full, in case the file system's watch missed a new file. */
    @WithDefault("10s")
    Duration rescanInterval();

    /** How long a line may wait for its newline before it is handed out as it is. */
    @WithDefault("2s")
    Duration partialFlushAfter();

    /** A file with nothing new for this long is closed; it is reopened from its checkpoint when it changes. */
    @WithDefault("30s")
    Duration idleClose();

    /** Longer lines are cut, with a marker saying so. */
    @WithDefault("65536")
    @WithName("max-line-bytes")
    int maxLineBytes();

    /** Most lines one history request returns. */
    @WithDefault("5000")
    int historyLimit();

    /** Finished tasks, their lines and the logs of tasks run here are removed this long after their last line. */
    @WithDefault("7d")
    Duration retention();

    /** How often retention runs. */
    @WithDefault("1h")
    Duration retentionSweepInterval();

    /** More patterns to mask, besides the built-in ones: a whole match, or its group named {@code secret}. */
    Optional<List<String>> maskPatterns();

    /** What {@code POST /api/tasks} may start, by template name. */
    Map<String, Template> templates();

    /** The template the existing clients' {@code POST /v1/soft/install} starts, its body being the parameters. */
    @WithDefault("demo-install")
    String legacyInstallTemplate();

    /** A tree of log files tailed as tasks. */
    interface Source {
        Path root();

        /** Which files under the root, as a glob on their path relative to it. */
        @WithDefault("**.log")
        String glob();
    }

    /** Regular expressions for one source's lines; see the README for the named groups each needs. */
    interface ParsePatterns {
        Optional<String> level();

        Optional<String> progress();

        Optional<String> step();
    }

    /** A task that can be started: a command or a shell script, and the parameters it takes. */
    interface Template {
        Optional<String> description();

        /** Run by {@code /bin/sh -c}; the parameters are in its environment, never spliced into its text. */
        Optional<String> script();

        /** Or a command line: an argument that is exactly {@code {name}} becomes that parameter's value. */
        Optional<List<String>> command();

        Map<String, Parameter> params();

        /** A task still running this long is stopped and fails. */
        @WithDefault("1h")
        Duration timeout();
    }

    /** One parameter of a template, passed as the environment variable of its name in capitals. */
    interface Parameter {
        /** What a value must match in full. */
        @WithDefault("[A-Za-z0-9][A-Za-z0-9._+:@~-]{0,127}")
        String pattern();

        @WithDefault("true")
        boolean required();

        /** Its value is masked in the task's lines, and not stored with the task. */
        @WithDefault("false")
        boolean secret();

        Optional<String> description();
    }
}
