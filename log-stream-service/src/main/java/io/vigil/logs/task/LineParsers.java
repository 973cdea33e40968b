package io.vigil.logs.task;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.vigil.logs.config.LogStreamConfig;
import io.vigil.logs.parse.LineParser;
import io.vigil.logs.parse.ParseRules;

/** The parser of each source's lines: its configured patterns first, then the built-in ones. */
@ApplicationScoped
class LineParsers {

    private final Map<String, LineParser> bySource = new ConcurrentHashMap<>();
    private final LineParser builtIn = new LineParser(ParseRules.NONE);

    LineParsers(LogStreamConfig config) {
        config.parse().forEach((source, patterns) -> {
            try {
                bySource.put(source, new LineParser(ParseRules.of(patterns.level().orElse(null),
                        patterns.progress().orElse(null), patterns.step().orElse(null))));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("vigil.logs.parse." + source + ": " + e.getMessage(), e);
            }
        });
    }

    LineParser forSource(String source) {
        return bySource.getOrDefault(source, builtIn);
    }
}
