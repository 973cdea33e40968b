package io.vigil.logs.config;

import java.nio.file.Path;
import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** Settings of log-stream-service ({@code vigil.logs.*}); each is listed in the service README. */
@ConfigMapping(prefix = "vigil.logs")
public interface LogStreamConfig {

    /** The only directory tree log files may be tailed from; no path may escape it. */
    @WithDefault("${java.io.tmpdir}/vigil/run-output")
    Path logRoot();

    /** How often the log root is looked through for new files and every open file for new bytes. */
    @WithDefault("200ms")
    Duration pollInterval();

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
}
