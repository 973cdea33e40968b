package io.vigil.pipeline.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** Step output and working directories in a temporary directory of the test run, removed after it. */
public class RunDirectories implements QuarkusTestResourceLifecycleManager {

    private Path root;

    @Override
    public Map<String, String> start() {
        try {
            root = Files.createTempDirectory("vigil-pipeline-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("vigil.pipeline.run-output-dir", root.resolve("output").toString(),
                "vigil.pipeline.run-work-dir", root.resolve("runs").toString(),
                "vigil.pipeline.kill-grace", "300ms");
    }

    @Override
    public void stop() {
        try (Stream<Path> all = Files.walk(root)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
