package io.vigil.logs.source;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.vigil.logs.config.LogStreamConfig;

/** Every tree tailed: pipeline-service's step logs, the logs of tasks started here, and the configured sources. */
@ApplicationScoped
public class LogSources {

    private final LogSource.Steps steps;
    private final LogSource.Tasks tasks;
    private final List<LogSource> all;

    LogSources(LogStreamConfig config) {
        steps = new LogSource.Steps(config.logRoot().toAbsolutePath().normalize());
        tasks = new LogSource.Tasks(config.taskRoot().toAbsolutePath().normalize());
        List<LogSource> sources = new ArrayList<>(List.of(steps, tasks));
        config.sources().forEach((name, source) -> sources.add(
                LogSource.Files.of(name, source.root().toAbsolutePath().normalize(), source.glob())));
        all = List.copyOf(sources);
    }

    public List<LogSource> all() {
        return all;
    }

    public LogSource.Tasks tasks() {
        return tasks;
    }

    public Optional<LogSource> named(String name) {
        return all.stream().filter(source -> source.name().equals(name)).findFirst();
    }

    /** The source whose root {@code dir} lies in, deepest root first; empty for a directory outside them all. */
    public Optional<LogSource> containing(Path dir) {
        return all.stream().filter(source -> dir.startsWith(source.root()))
                .max((a, b) -> Integer.compare(a.root().getNameCount(), b.root().getNameCount()));
    }
}
