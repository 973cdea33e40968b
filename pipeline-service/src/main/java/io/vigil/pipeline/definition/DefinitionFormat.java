package io.vigil.pipeline.definition;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** The languages a definition is written in; both describe the same structure. */
public enum DefinitionFormat {
    JSON, YAML;

    private static final Set<String> YAML_TYPES = Set.of("application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml");

    /** The format a Content-Type names, parameters such as charset ignored; empty for any other type. */
    public static Optional<DefinitionFormat> ofContentType(String contentType) {
        if (contentType == null) {
            return Optional.empty();
        }
        String type = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (type.equals("application/json")) {
            return Optional.of(JSON);
        }
        return YAML_TYPES.contains(type) ? Optional.of(YAML) : Optional.empty();
    }
}
