package io.vigil.pipeline.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.vigil.pipeline.definition.DefinitionFormat;
import io.vigil.pipeline.definition.DefinitionParser;

/**
 * On a first start (no pipeline ever stored) defines the example pipeline, so a new user has something to
 * run: six steps in two parallel batches of three, done in a few seconds.
 */
@ApplicationScoped
class ExamplePipeline {

    static final String RESOURCE = "pipelines/example.yaml";
    private static final Logger LOG = Logger.getLogger(ExamplePipeline.class);

    void onStart(@Observes StartupEvent start, PipelineCatalog catalog) {
        if (!catalog.isEmpty()) {
            return;
        }
        String source = read();
        try {
            Pipeline example = catalog.create(PipelineCatalog.Draft.of(DefinitionParser.parse(source,
                    DefinitionFormat.YAML), source));
            LOG.infof("defined the example pipeline '%s' (%s)", example.name, example.id);
        } catch (PipelineCatalog.NameTaken e) {
            // another replica defined it first
        }
    }

    static String read() {
        try (InputStream in = ExamplePipeline.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the service's jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
