package io.vigil.pipeline.definition;

import static io.vigil.pipeline.definition.DefinitionFormat.JSON;
import static io.vigil.pipeline.definition.DefinitionFormat.YAML;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.vigil.events.Status;

class DefinitionParserTest {

    private static final String FULL_YAML = """
            name: release
            params:
              target: staging
              replicas: 3
            trigger:
              project: demo-app
              status: success
            steps:
              - name: checkout
                run: git --version
              - name: build
                run: make build
                needs: [checkout]
                env: {GOFLAGS: -mod=vendor, PORT: 8080}
                workdir: sub/dir
                timeout: 5m
                retries: {count: 2, backoff: 1s}
              - name: notify
                run: ./notify.sh
                needs: [build]
                allow_failure: true
                when: on_failure
            """;

    private static final String FULL_JSON = """
            {"name": "release",
             "params": {"target": "staging", "replicas": "3"},
             "trigger": {"project": "demo-app", "status": "success"},
             "steps": [
               {"name": "checkout", "run": "git --version"},
               {"name": "build", "run": "make build", "needs": ["checkout"],
                "env": {"GOFLAGS": "-mod=vendor", "PORT": 8080}, "workdir": "sub/dir", "timeout": "PT5M",
                "retries": {"count": 2, "backoff": "PT1S"}},
               {"name": "notify", "run": "./notify.sh", "needs": ["build"], "allow_failure": true, "when": "on_failure"}
             ]}
            """;

    @Test
    void readsEveryFieldOfAYamlDefinition() {
        PipelineDefinition definition = DefinitionParser.parse(FULL_YAML, YAML);

        assertThat(definition.name()).isEqualTo("release");
        assertThat(definition.params()).containsExactly(Map.entry("target", "staging"), Map.entry("replicas", "3"));
        assertThat(definition.trigger()).isEqualTo(new Trigger("demo-app", Status.SUCCESS));
        assertThat(definition.steps()).containsExactly(
                new StepDefinition("checkout", "git --version", List.of(), Map.of(), null, null, Retries.NONE, false,
                        When.ON_SUCCESS),
                new StepDefinition("build", "make build", List.of("checkout"), Map.of("GOFLAGS", "-mod=vendor", "PORT", "8080"),
                        "sub/dir", Duration.ofMinutes(5), new Retries(2, Duration.ofSeconds(1)), false, When.ON_SUCCESS),
                new StepDefinition("notify", "./notify.sh", List.of("build"), Map.of(), null, null, Retries.NONE, true,
                        When.ON_FAILURE));
    }

    @Test
    void yamlAndJsonFormsOfOnePipelineAreEqual() {
        assertThat(DefinitionParser.parse(FULL_JSON, JSON)).isEqualTo(DefinitionParser.parse(FULL_YAML, YAML));
    }

    @Test
    void leftOutFieldsTakeTheirDefaults() {
        PipelineDefinition definition = DefinitionParser.parse("""
                name: minimal
                steps:
                  - name: only
                    run: "true"
                    needs:
                    env: ~
                """, YAML);

        assertThat(definition).isEqualTo(new PipelineDefinition("minimal", Map.of(), null, List.of(
                new StepDefinition("only", "true", List.of(), Map.of(), null, null, Retries.NONE, false, When.ON_SUCCESS))));
    }

    @Test
    void retriesWithoutBackoffRetryAtOnce() {
        PipelineDefinition definition = DefinitionParser.parse(
                "{\"name\": \"p\", \"steps\": [{\"name\": \"a\", \"run\": \"x\", \"retries\": {\"count\": 3}}]}", JSON);

        assertThat(definition.steps().get(0).retries()).isEqualTo(new Retries(3, Duration.ZERO));
    }

    @Test
    void aTriggerWithoutStatusMatchesEveryStatusOfItsProject() {
        Trigger trigger = DefinitionParser.parse("""
                name: p
                trigger: {project: demo-app}
                steps: [{name: a, run: x}]
                """, YAML).trigger();

        assertThat(trigger).isEqualTo(new Trigger("demo-app", null));
        assertThat(trigger.matches("demo-app", Status.FAILED)).isTrue();
        assertThat(trigger.matches("other-app", Status.FAILED)).isFalse();
        assertThat(new Trigger("demo-app", Status.SUCCESS).matches("demo-app", Status.FAILED)).isFalse();
        assertThat(new Trigger("demo-app", Status.SUCCESS).matches("demo-app", Status.SUCCESS)).isTrue();
    }

    @ParameterizedTest
    @CsvSource({"500ms, PT0.5S", "30s, PT30S", "5m, PT5M", "1h, PT1H", "24h, PT24H", "PT30S, PT30S",
            "PT1H30M, PT1H30M", "pt2m, PT2M", "' 45s ', PT45S"})
    void timeoutsReadInShortAndIsoForm(String written, String expected) {
        PipelineDefinition definition = DefinitionParser.parse(
                "name: p\nsteps: [{name: a, run: x, timeout: '" + written + "'}]", YAML);

        assertThat(definition.steps().get(0).timeout()).isEqualTo(Duration.parse(expected));
    }

    @Test
    void yamlNumbersAndBooleansInEnvAndParamsKeepTheirText() {
        PipelineDefinition definition = DefinitionParser.parse("""
                name: p
                params: {version: 1.10, debug: true}
                steps: [{name: a, run: x, env: {PORT: 8080, RATIO: 0.50, VERBOSE: false, EMPTY: ''}}]
                """, YAML);

        assertThat(definition.params()).containsExactly(Map.entry("version", "1.10"), Map.entry("debug", "true"));
        assertThat(definition.steps().get(0).env()).containsExactly(Map.entry("PORT", "8080"),
                Map.entry("RATIO", "0.50"), Map.entry("VERBOSE", "false"), Map.entry("EMPTY", ""));
    }

    @Test
    void unknownKeysAreIgnored() {
        PipelineDefinition definition = DefinitionParser.parse("""
                name: p
                description: added by a newer Vigil
                steps: [{name: a, run: x, cache: true}]
                """, YAML);

        assertThat(definition).isEqualTo(DefinitionParser.parse("{\"name\":\"p\",\"steps\":[{\"name\":\"a\",\"run\":\"x\"}]}", JSON));
    }

    @Test
    void canonicalJsonWritesEveryFieldAndReadsBackEqual() {
        PipelineDefinition definition = DefinitionParser.parse(FULL_YAML, YAML);

        String json = definition.toJson();

        assertThat(json).isEqualTo("{\"name\":\"release\",\"params\":{\"target\":\"staging\",\"replicas\":\"3\"},"
                + "\"trigger\":{\"project\":\"demo-app\",\"status\":\"success\"},\"steps\":["
                + "{\"name\":\"checkout\",\"run\":\"git --version\",\"needs\":[],\"env\":{},"
                + "\"retries\":{\"count\":0,\"backoff\":\"PT0S\"},\"allow_failure\":false,\"when\":\"on_success\"},"
                + "{\"name\":\"build\",\"run\":\"make build\",\"needs\":[\"checkout\"],"
                + "\"env\":{\"GOFLAGS\":\"-mod=vendor\",\"PORT\":\"8080\"},\"workdir\":\"sub/dir\",\"timeout\":\"PT5M\","
                + "\"retries\":{\"count\":2,\"backoff\":\"PT1S\"},\"allow_failure\":false,\"when\":\"on_success\"},"
                + "{\"name\":\"notify\",\"run\":\"./notify.sh\",\"needs\":[\"build\"],\"env\":{},"
                + "\"retries\":{\"count\":0,\"backoff\":\"PT0S\"},\"allow_failure\":true,\"when\":\"on_failure\"}]}");
        assertThat(PipelineDefinition.fromJson(json)).isEqualTo(definition);
        assertThat(PipelineDefinition.fromJson(json).toJson()).isEqualTo(json);
    }

    @Test
    void aStepIsFoundByName() {
        PipelineDefinition definition = DefinitionParser.parse(FULL_YAML, YAML);

        assertThat(definition.step("build").map(StepDefinition::run)).contains("make build");
        assertThat(definition.step("deploy")).isEmpty();
    }

    @Test
    void malformedYamlIsOneErrorAtTheRootWithItsPlace() {
        assertThat(errors("name: p\nsteps: [\n  {name: a\n", YAML)).singleElement().satisfies(error -> {
            assertThat(error.pointer()).isEmpty();
            assertThat(error.message()).startsWith("is not valid YAML: ").contains("(line ").doesNotContain("\n");
        });
    }

    @Test
    void malformedJsonIsOneErrorAtTheRootWithItsPlace() {
        assertThat(errors("{\"name\": \"p\",}", JSON)).containsExactly(new DefinitionError("",
                "is not valid JSON: Unexpected character ('}' (code 125)): was expecting double-quote to start field name"
                        + " (line 1, column 14)"));
    }

    @Test
    void invalidUtf8IsMalformedInput() {
        byte[] document = {'n', 'a', 'm', 'e', ':', ' ', (byte) 0xC3, (byte) 0x28};

        assertThat(errorsOf(() -> DefinitionParser.parse(document, YAML))).singleElement()
                .satisfies(error -> assertThat(error.message()).startsWith("is not valid YAML"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   \n"})
    void anEmptyDocumentIsRefused(String document) {
        assertThat(errors(document, YAML)).containsExactly(new DefinitionError("", "is empty"));
        assertThat(errors(document, JSON)).containsExactly(new DefinitionError("", "is empty"));
    }

    @Test
    void aYamlDocumentOfCommentsOnlyIsEmpty() {
        assertThat(errors("# nothing yet\n", YAML)).containsExactly(new DefinitionError("", "is empty"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"- name: a\n- name: b\n", "just a scalar", "42", "null"})
    void aRootThatIsNoObjectIsRefused(String document) {
        assertThat(errors(document, YAML)).containsExactly(new DefinitionError("", "must be an object with a name and steps"));
    }

    @Test
    void aJsonArrayRootIsRefused() {
        assertThat(errors("[{\"name\": \"p\"}]", JSON)).containsExactly(
                new DefinitionError("", "must be an object with a name and steps"));
    }

    @Test
    void yamlAliasBombIsRefusedWithoutExpansion() {
        String bomb = """
                a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
                b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
                c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
                d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
                e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
                f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
                g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
                h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
                i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
                """;

        assertThat(errors(bomb, YAML)).containsExactly(
                new DefinitionError("", "is not valid YAML: YAML aliases (*a) are not supported (line 2, column 10)"));
    }

    @Test
    void evenAHarmlessAliasIsRefusedRatherThanReadAsItsAnchorName() {
        String document = """
                name: p
                steps:
                  - {name: a, run: x, env: &common {A: "1"}}
                  - {name: b, run: x, env: *common}
                """;

        assertThat(errors(document, YAML)).singleElement()
                .satisfies(error -> assertThat(error.message()).contains("YAML aliases (*common) are not supported"));
    }

    @Test
    void aDocumentOverOneMebibyteIsRefusedBeforeParsing() {
        String huge = "name: p\nsteps: [{name: a, run: x}]\n# " + "x".repeat(DefinitionParser.MAX_BYTES) + "\n";

        assertThat(errors(huge, YAML)).containsExactly(new DefinitionError("", "is larger than 1 MiB"));
        assertThat(errorsOf(() -> DefinitionParser.parse(huge.getBytes(StandardCharsets.UTF_8), JSON)))
                .containsExactly(new DefinitionError("", "is larger than 1 MiB"));
    }

    @Test
    void deepNestingIsRefused() {
        String deep = "name: p\nx: " + "[".repeat(40) + "]".repeat(40) + "\nsteps: [{name: a, run: x}]";

        assertThat(errors(deep, YAML)).containsExactly(new DefinitionError("",
                "is not valid YAML: nested deeper than 32 levels or holding too long a value"));
        assertThat(errors("{\"x\": " + "[".repeat(40) + "]".repeat(40) + "}", JSON)).containsExactly(
                new DefinitionError("", "is not valid JSON: nested deeper than 32 levels or holding too long a value"));
    }

    @Test
    void duplicateKeysAreRefused() {
        assertThat(errors("name: a\nname: b\nsteps: [{name: a, run: x}]", YAML)).singleElement()
                .satisfies(error -> assertThat(error.message()).startsWith("is not valid YAML: Duplicate field 'name'"));
        assertThat(errors("{\"name\": \"a\", \"name\": \"b\"}", JSON)).singleElement()
                .satisfies(error -> assertThat(error.message()).startsWith("is not valid JSON: Duplicate field 'name'"));
    }

    @Test
    void onlyOneDocumentIsRead() {
        assertThat(errors("name: p\nsteps: [{name: a, run: x}]\n---\nname: q\n", YAML))
                .containsExactly(new DefinitionError("", "must hold a single document"));
        assertThat(errors("{\"name\": \"p\"} {\"name\": \"q\"}", JSON))
                .containsExactly(new DefinitionError("", "must hold a single document"));
    }

    @Test
    void theExceptionMessageListsEveryError() {
        assertThatThrownBy(() -> DefinitionParser.parse("steps: []", YAML)).isInstanceOf(DefinitionInvalid.class)
                .hasMessage("/name is required; /steps must list at least one step");
        assertThatThrownBy(() -> DefinitionParser.parse("", YAML)).hasMessage("definition is empty");
    }

    /** Every prefix of a valid document, and many with bytes changed at random, parse or fail as DefinitionInvalid. */
    @Test
    void noInputEndsInAnythingButADefinitionOrDefinitionInvalid() {
        Random random = new Random(42);
        for (DefinitionFormat format : DefinitionFormat.values()) {
            byte[] valid = (format == YAML ? FULL_YAML : FULL_JSON).getBytes(StandardCharsets.UTF_8);
            for (int length = 0; length <= valid.length; length++) {
                parseOrRefuse(Arrays.copyOf(valid, length), format);
            }
            for (int i = 0; i < 2000; i++) {
                byte[] mutated = valid.clone();
                for (int changes = 1 + random.nextInt(4); changes > 0; changes--) {
                    mutated[random.nextInt(mutated.length)] = (byte) "{}[]:,-&*!|>'\"#\n \0xé".charAt(random.nextInt(20));
                }
                parseOrRefuse(mutated, format);
            }
        }
    }

    private static void parseOrRefuse(byte[] document, DefinitionFormat format) {
        try {
            assertThat(DefinitionParser.parse(document, format).steps()).isNotEmpty();
        } catch (DefinitionInvalid e) {
            assertThat(e.errors()).isNotEmpty().allSatisfy(error -> assertThat(error.message()).isNotBlank());
        }
    }

    @ParameterizedTest
    @CsvSource(nullValues = "none", value = {
            "application/json, JSON", "application/json; charset=UTF-8, JSON", "Application/JSON, JSON",
            "application/yaml, YAML", "application/x-yaml, YAML", "text/yaml, YAML", "text/x-yaml; charset=utf-8, YAML",
            "text/plain, none", "application/xml, none", "none, none"})
    void theContentTypeNamesTheFormat(String contentType, DefinitionFormat expected) {
        assertThat(DefinitionFormat.ofContentType(contentType)).isEqualTo(Optional.ofNullable(expected));
    }

    static List<DefinitionError> errors(String document, DefinitionFormat format) {
        return errorsOf(() -> DefinitionParser.parse(document, format));
    }

    static List<DefinitionError> errorsOf(Runnable parse) {
        try {
            parse.run();
        } catch (DefinitionInvalid e) {
            return e.errors();
        }
        throw new AssertionError("the definition was accepted");
    }
}
