package io.vigil.pipeline.api;

import java.nio.charset.StandardCharsets;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.NotSupportedException;

import io.vigil.pipeline.catalog.PipelineCatalog;
import io.vigil.pipeline.definition.DefinitionFormat;
import io.vigil.pipeline.definition.DefinitionParser;

/** A request body as a definition to store, read as its content type says: YAML or JSON. */
@ApplicationScoped
public class DefinitionReader {

    static final String YAML = "application/yaml";
    static final String X_YAML = "application/x-yaml";
    static final String TEXT_YAML = "text/yaml";

    public PipelineCatalog.Draft read(byte[] body, String contentType) {
        DefinitionFormat format = DefinitionFormat.ofContentType(contentType).orElseThrow(() -> new NotSupportedException(
                "a definition is application/json or application/yaml, not " + contentType));
        return PipelineCatalog.Draft.of(DefinitionParser.parse(body, format), new String(body, StandardCharsets.UTF_8));
    }
}
