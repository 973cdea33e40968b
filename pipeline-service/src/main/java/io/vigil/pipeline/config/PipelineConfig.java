package io.vigil.pipeline.config;

import java.nio.file.Path;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of pipeline-service ({@code vigil.pipeline.*}); each is listed in the service README. */
@ConfigMapping(prefix = "vigil.pipeline")
public interface PipelineConfig {

    /**
     * Where step output files are written, one per step run; log-stream-service tails this same
     * directory (on Kubernetes a shared volume).
     */
    @WithDefault("${java.io.tmpdir}/vigil/run-output")
    Path runOutputDir();
}
