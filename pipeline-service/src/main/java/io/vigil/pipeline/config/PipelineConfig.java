package io.vigil.pipeline.config;

import java.nio.file.Path;
import java.time.Duration;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** Settings of pipeline-service ({@code vigil.pipeline.*}); each is listed in the service README. */
@ConfigMapping(prefix = "vigil.pipeline")
public interface PipelineConfig {

    /**
     * Where step output files are written, {@code <run id>/<step>/<attempt>.log}; log-stream-service tails this
     * same directory (on Kubernetes a shared volume).
     */
    @WithDefault("${java.io.tmpdir}/vigil/run-output")
    Path runOutputDir();

    /** Where each run gets its working directory, {@code <run id>/}; a step's workdir is inside it. */
    @WithDefault("${java.io.tmpdir}/vigil/runs")
    Path runWorkDir();

    /** Most step processes this instance runs at once, over all runs. */
    @WithDefault("8")
    @Min(1)
    @Max(1024)
    int workers();

    /** Most step processes one run has at once. */
    @WithDefault("4")
    @Min(1)
    @Max(1024)
    int workersPerRun();

    /** A step's output beyond this is not kept (its log file says so). */
    @WithDefault("10M")
    MemorySize outputCap();

    /** How long a step's processes get after SIGTERM before SIGKILL. */
    @WithDefault("2s")
    Duration killGrace();

    /** How often this instance says it is alive, and looks for steps lost with an instance that is not. */
    @WithDefault("5s")
    Duration heartbeat();

    /** An instance silent this long is gone; its running steps are interrupted. */
    @WithDefault("30s")
    Duration instanceTimeout();
}
