package io.vigil.logs.config;

import java.nio.file.Path;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of log-stream-service ({@code vigil.logs.*}); each is listed in the service README. */
@ConfigMapping(prefix = "vigil.logs")
public interface LogStreamConfig {

    /** The only directory tree log files may be tailed from; no path may escape it. */
    @WithDefault("${java.io.tmpdir}/vigil/run-output")
    Path logRoot();
}
