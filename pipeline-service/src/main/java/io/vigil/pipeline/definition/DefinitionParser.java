package io.vigil.pipeline.definition;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.TSFBuilder;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;

/**
 * Reads a pipeline definition written in YAML or JSON (snake_case keys) into a validated
 * {@link PipelineDefinition}. Any fault, from unreadable syntax to a cycle among needs, ends as a
 * {@link DefinitionInvalid} listing every problem found; no input makes it throw anything else.
 *
 * <p>A document is one object of at most 1 MiB, nested at most 32 deep. Duplicate keys are refused, and so are
 * YAML aliases ({@code *name}): Jackson reads an alias as its anchor's name rather than the anchored value, so
 * refusing them is both the honest answer and the end of alias bombs. Unknown keys are ignored.
 */
public final class DefinitionParser {

    public static final int MAX_BYTES = 1024 * 1024;
    private static final int MAX_DEPTH = 32;

    private static final ObjectMapper JSON = mapper(JsonFactory.builder());
    // the builder, unlike the YAMLFactory constructor, reads "key:" with no value as "" unless told otherwise
    private static final ObjectMapper YAML = mapper(YAMLFactory.builder().loaderOptions(loaderOptions())
            .enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL));

    private DefinitionParser() {
    }

    /** Whether {@code name} may name a parameter or an environment variable: letters, digits and '_', not starting with a digit. */
    public static boolean isVariableName(String name) {
        return DocumentReader.isVariableName(name);
    }

    public static PipelineDefinition parse(String document, DefinitionFormat format) {
        return parse(document.getBytes(StandardCharsets.UTF_8), format);
    }

    public static PipelineDefinition parse(byte[] document, DefinitionFormat format) {
        if (document.length > MAX_BYTES) {
            throw DefinitionInvalid.of("", "is larger than 1 MiB");
        }
        return DocumentReader.read(tree(document, format));
    }

    private static JsonNode tree(byte[] document, DefinitionFormat format) {
        ObjectMapper mapper = format == DefinitionFormat.JSON ? JSON : YAML;
        JsonNode root;
        boolean more;
        try (JsonParser parser = new WithoutAliases(mapper.createParser(document))) {
            root = mapper.readTree(parser);
            more = root != null && parser.nextToken() != null;
        } catch (JsonProcessingException e) {
            throw DefinitionInvalid.of("", "is not valid " + format + ": " + reason(e));
        } catch (IOException | RuntimeException e) {
            throw DefinitionInvalid.of("", "is not valid " + format);
        }
        if (root == null) {
            throw DefinitionInvalid.of("", "is empty");
        } else if (more) {
            throw DefinitionInvalid.of("", "must hold a single document");
        }
        return root;
    }

    /** The parser's complaint in one short line with its place, without its echo of the input. */
    private static String reason(JsonProcessingException e) {
        if (e instanceof StreamConstraintsException) {
            return "nested deeper than " + MAX_DEPTH + " levels or holding too long a value";
        }
        String problem = e.getOriginalMessage();
        JsonLocation location = e.getLocation();
        int line = location == null ? -1 : location.getLineNr();
        int column = location == null ? -1 : location.getColumnNr();
        if (e.getCause() instanceof MarkedYAMLException yaml && yaml.getProblemMark() != null) {
            Mark mark = yaml.getProblemMark();
            problem = yaml.getProblem();
            line = mark.getLine() + 1;
            column = mark.getColumn() + 1;
        }
        problem = problem == null ? "unreadable" : problem.lines().findFirst().orElse("unreadable");
        if (problem.length() > 200) {
            problem = problem.substring(0, 199) + "…";
        }
        return line > 0 ? problem + " (line " + line + ", column " + column + ")" : problem;
    }

    private static ObjectMapper mapper(TSFBuilder<?, ?> factory) {
        return new ObjectMapper(factory.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
                .build())
                // keeps "VERSION: 1.10" as 1.10 rather than 1.1 when YAML reads it as a number
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);
    }

    /** Bounds on what SnakeYAML reads beneath Jackson, whatever Jackson makes of it. */
    private static LoaderOptions loaderOptions() {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(MAX_BYTES);
        options.setMaxAliasesForCollections(50);
        options.setNestingDepthLimit(MAX_DEPTH);
        options.setAllowDuplicateKeys(false);
        return options;
    }

    /** Fails at the first YAML alias instead of handing on the anchor's name as if it were the value. */
    private static final class WithoutAliases extends JsonParserDelegate {

        WithoutAliases(JsonParser parser) {
            super(parser);
        }

        @Override
        public JsonToken nextToken() throws IOException {
            JsonToken token = super.nextToken();
            if (delegate() instanceof YAMLParser yaml && yaml.isCurrentAlias()) {
                throw new JsonParseException(this, "YAML aliases (*" + yaml.getText() + ") are not supported");
            }
            return token;
        }
    }
}
