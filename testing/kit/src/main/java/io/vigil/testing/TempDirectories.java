package io.vigil.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Directories of a test run in one temporary directory, removed with everything in it when the application
 * stops. Each init argument names a configuration property and the subdirectory it is set to; the argument
 * {@code prefix} names the temporary directory.
 */
public class TempDirectories implements QuarkusTestResourceLifecycleManager {

    private final Map<String, String> subdirectories = new HashMap<>();
    private String prefix = "vigil-test";
    private Path root;

    @Override
    public void init(Map<String, String> args) {
        args.forEach((property, subdirectory) -> {
            if (property.equals("prefix")) {
                prefix = subdirectory;
            } else {
                subdirectories.put(property, subdirectory);
            }
        });
    }

    @Override
    public Map<String, String> start() {
        try {
            root = Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> config = new HashMap<>();
        subdirectories.forEach((property, subdirectory) -> config.put(property, root.resolve(subdirectory).toString()));
        return config;
    }

    @Override
    public void stop() {
        if (root == null) {
            return;
        }
        try (Stream<Path> all = Files.walk(root)) {
            all.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
