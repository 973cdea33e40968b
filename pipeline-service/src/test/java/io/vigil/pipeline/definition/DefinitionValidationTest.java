package io.vigil.pipeline.definition;

import static io.vigil.pipeline.definition.DefinitionFormat.JSON;
import static io.vigil.pipeline.definition.DefinitionFormat.YAML;
import static io.vigil.pipeline.definition.DefinitionParserTest.errors;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DefinitionValidationTest {

    @Test
    void aMissingNameAndStepsAreBothReported() {
        assertThat(errors("params: {a: b}", YAML)).containsExactly(
                new DefinitionError("/name", "is required"), new DefinitionError("/steps", "is required"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "\"\"          | must not be blank",
            "\"   \"       | must not be blank",
            "42            | must be a string",
            "'-leading'    | must start with a letter or digit and hold only letters, digits, '_', '.' and '-'",
            "'has space'   | must start with a letter or digit and hold only letters, digits, '_', '.' and '-'",
            "'a/b'         | must start with a letter or digit and hold only letters, digits, '_', '.' and '-'"})
    void aBadPipelineNameIsReported(String name, String message) {
        assertThat(errors("name: " + name + "\nsteps: [{name: a, run: x}]", YAML))
                .containsExactly(new DefinitionError("/name", message));
    }

    @Test
    void namesMayBeAHundredCharactersLongButNoLonger() {
        String hundred = "n".repeat(100);

        assertThat(DefinitionParser.parse("name: " + hundred + "\nsteps: [{name: " + hundred + ", run: x}]", YAML).name())
                .isEqualTo(hundred);
        assertThat(errors("name: " + hundred + "x\nsteps: [{name: " + hundred + "x, run: x}]", YAML)).containsExactly(
                new DefinitionError("/name", "must be at most 100 characters"),
                new DefinitionError("/steps/0/name", "must be at most 100 characters"));
    }

    @Test
    void stepNamesMayHoldDotsDashesAndUnderscores() {
        assertThat(DefinitionParser.parse("name: v1.2_rc-3\nsteps: [{name: 0build.linux_x86-64, run: x}]", YAML)
                .steps().get(0).name()).isEqualTo("0build.linux_x86-64");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "[]                 | must list at least one step",
            "{a: b}             | must be a list of steps",
            "run everything     | must be a list of steps"})
    void stepsMustBeANonEmptyList(String steps, String message) {
        assertThat(errors("name: p\nsteps: " + steps, YAML)).containsExactly(new DefinitionError("/steps", message));
    }

    @Test
    void atMostTwoHundredStepsAreAllowed() {
        String steps = IntStream.rangeClosed(0, 200).mapToObj(i -> "{name: s" + i + ", run: x}")
                .collect(Collectors.joining(", ", "[", "]"));

        assertThat(errors("name: p\nsteps: " + steps, YAML))
                .containsExactly(new DefinitionError("/steps", "must list at most 200 steps"));
    }

    @Test
    void aStepThatIsNoObjectIsReportedAtItsIndex() {
        assertThat(errors("name: p\nsteps: [{name: a, run: x}, echo hi]", YAML))
                .containsExactly(new DefinitionError("/steps/1", "must be an object with a name and a command to run"));
    }

    @Test
    void aDuplicateStepNameIsReportedAtItsSecondOccurrence() {
        assertThat(errors("""
                name: p
                steps:
                  - {name: build, run: x}
                  - {name: test, run: x}
                  - {name: build, run: y}
                """, YAML)).containsExactly(new DefinitionError("/steps/2/name", "is already the name of /steps/0"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{name: a}                  | /steps/0/run | is required",
            "{name: a, run: \"\"}       | /steps/0/run | must not be blank",
            "{name: a, run: \"  \"}     | /steps/0/run | must not be blank",
            "{name: a, run: [ls]}       | /steps/0/run | must be a string",
            "{name: a, run: \"x\\0y\"}  | /steps/0/run | must not contain NUL characters",
            "{run: x}                   | /steps/0/name | is required"})
    void aStepNeedsANameAndACommand(String step, String pointer, String message) {
        assertThat(errors("name: p\nsteps: [" + step + "]", YAML)).containsExactly(new DefinitionError(pointer, message));
    }

    @Test
    void badNeedsAreReportedAtTheirEntries() {
        assertThat(errors("""
                name: p
                steps:
                  - {name: a, run: x, needs: [a]}
                  - {name: b, run: x, needs: [a, missing, a, 7]}
                  - {name: c, run: x, needs: a}
                """, YAML)).containsExactly(
                new DefinitionError("/steps/0/needs/0", "names the step itself; a step cannot need itself"),
                new DefinitionError("/steps/1/needs/1", "names no step of this pipeline: 'missing'"),
                new DefinitionError("/steps/1/needs/2", "repeats 'a'"),
                new DefinitionError("/steps/1/needs/3", "must be the name of a step"),
                new DefinitionError("/steps/2/needs", "must be a list of step names"));
    }

    @Test
    void aCycleIsOneErrorAtItsFirstDeclaredStepGivingItsPath() {
        assertThat(errors("""
                name: p
                steps:
                  - {name: start, run: x}
                  - {name: c, run: x, needs: [start, a]}
                  - {name: a, run: x, needs: [b]}
                  - {name: b, run: x, needs: [c]}
                  - {name: after, run: x, needs: [b]}
                """, YAML)).containsExactly(new DefinitionError("/steps/1", "needs form a cycle: c → a → b → c"));
    }

    @Test
    void aCycleReachedFromALaterStepStillStartsAtItsFirstDeclaredStep() {
        assertThat(errors("""
                name: p
                steps:
                  - {name: a, run: x, needs: [b]}
                  - {name: b, run: x, needs: [a]}
                  - {name: entry, run: x, needs: [a]}
                """, YAML)).containsExactly(new DefinitionError("/steps/0", "needs form a cycle: a → b → a"));
        assertThat(errors("""
                name: p
                steps:
                  - {name: entry, run: x, needs: [b]}
                  - {name: a, run: x, needs: [b]}
                  - {name: b, run: x, needs: [a]}
                """, YAML)).containsExactly(new DefinitionError("/steps/1", "needs form a cycle: a → b → a"));
    }

    @Test
    void separateCyclesAreReportedEach() {
        assertThat(errors("""
                name: p
                steps:
                  - {name: a, run: x, needs: [b]}
                  - {name: b, run: x, needs: [a]}
                  - {name: c, run: x, needs: [d]}
                  - {name: d, run: x, needs: [e]}
                  - {name: e, run: x, needs: [c]}
                """, YAML)).containsExactly(
                new DefinitionError("/steps/0", "needs form a cycle: a → b → a"),
                new DefinitionError("/steps/2", "needs form a cycle: c → d → e → c"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "soon       | must be a duration such as 500ms, 30s, 5m, 1h or PT30S",
            "30         | must be a duration such as 500ms, 30s, 5m, 1h or PT30S",
            "1.5h       | must be a duration such as 500ms, 30s, 5m, 1h or PT30S",
            "-5s        | must be a duration such as 500ms, 30s, 5m, 1h or PT30S",
            "0s         | must be longer than zero",
            "PT0S       | must be longer than zero",
            "PT-5S      | must be longer than zero",
            "25h        | must be at most 24h",
            "PT24H0.001S | must be at most 24h",
            "P2D        | must be at most 24h"})
    void aBadTimeoutIsReported(String timeout, String message) {
        assertThat(errors("name: p\nsteps: [{name: a, run: x, timeout: " + timeout + "}]", YAML))
                .containsExactly(new DefinitionError("/steps/0/timeout", message));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "3                      | /steps/0/retries         | must be an object with a count and optionally a backoff",
            "{backoff: 1s}          | /steps/0/retries/count   | is required",
            "{count: 11}            | /steps/0/retries/count   | must be a whole number from 0 to 10",
            "{count: -1}            | /steps/0/retries/count   | must be a whole number from 0 to 10",
            "{count: 1.5}           | /steps/0/retries/count   | must be a whole number from 0 to 10",
            "{count: \"2\"}         | /steps/0/retries/count   | must be a whole number from 0 to 10",
            "{count: 2, backoff: x} | /steps/0/retries/backoff | must be a duration such as 500ms, 30s, 5m, 1h or PT30S",
            "{count: 2, backoff: PT-1S} | /steps/0/retries/backoff | must not be negative",
            "{count: 2, backoff: 25h}   | /steps/0/retries/backoff | must be at most 24h"})
    void badRetriesAreReported(String retries, String pointer, String message) {
        assertThat(errors("name: p\nsteps: [{name: a, run: x, retries: " + retries + "}]", YAML))
                .containsExactly(new DefinitionError(pointer, message));
    }

    @Test
    void retriesFromNoneToTenWithNoBackoffAreFine() {
        assertThat(DefinitionParser.parse("name: p\nsteps: [{name: a, run: x, retries: {count: 0, backoff: 0s}},"
                + " {name: b, run: x, retries: {count: 10}}]", YAML).steps())
                .extracting(step -> step.retries().count()).containsExactly(0, 10);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sometimes", "ON_SUCCESS", "'on success'", "1", "[always]"})
    void anUnknownWhenIsReported(String when) {
        assertThat(errors("name: p\nsteps: [{name: a, run: x, when: " + when + "}]", YAML))
                .containsExactly(new DefinitionError("/steps/0/when", "must be one of on_success, on_failure, always"));
    }

    @Test
    void allowFailureMustBeABoolean() {
        assertThat(errors("{\"name\": \"p\", \"steps\": [{\"name\": \"a\", \"run\": \"x\", \"allow_failure\": \"yes\"}]}", JSON))
                .containsExactly(new DefinitionError("/steps/0/allow_failure", "must be true or false"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "/srv/app      | must be a path relative to the run's directory",
            "'\\\\server'  | must be a path relative to the run's directory",
            "'C:\\app'     | must be a path relative to the run's directory",
            "..            | must not leave the run's directory ('..')",
            "../up         | must not leave the run's directory ('..')",
            "a/../../b     | must not leave the run's directory ('..')",
            "'a\\..\\b'    | must not leave the run's directory ('..')",
            "\"\"          | must not be blank"})
    void aWorkdirMustStayInsideTheRun(String workdir, String message) {
        assertThat(errors("name: p\nsteps: [{name: a, run: x, workdir: " + workdir + "}]", YAML))
                .containsExactly(new DefinitionError("/steps/0/workdir", message));
    }

    @ParameterizedTest
    @ValueSource(strings = {"sub/dir", "./build", "a..b/c", "..hidden"})
    void aRelativeWorkdirIsKept(String workdir) {
        assertThat(DefinitionParser.parse("name: p\nsteps: [{name: a, run: x, workdir: '" + workdir + "'}]", YAML)
                .steps().get(0).workdir()).isEqualTo(workdir);
    }

    @Test
    void badEnvironmentAndParametersAreReportedAtTheirKeys() {
        assertThat(errors("""
                name: p
                params: {1st: a, ok: [1, 2]}
                steps:
                  - name: a
                    run: x
                    env: {GOOD: 1, A-B: x, "a/b~c": y, NESTED: {x: 1}, NOTHING: ~, NUL: "a\\0b"}
                  - {name: b, run: x, env: [A=1]}
                """, YAML)).containsExactly(
                new DefinitionError("/params/1st", "has a name that is not a variable name (letters, digits and '_', not starting with a digit)"),
                new DefinitionError("/params/ok", "must be a string, number or boolean"),
                new DefinitionError("/steps/0/env/A-B", "has a name that is not a variable name (letters, digits and '_', not starting with a digit)"),
                new DefinitionError("/steps/0/env/a~1b~0c", "has a name that is not a variable name (letters, digits and '_', not starting with a digit)"),
                new DefinitionError("/steps/0/env/NESTED", "must be a string, number or boolean"),
                new DefinitionError("/steps/0/env/NOTHING", "must be a string, number or boolean"),
                new DefinitionError("/steps/0/env/NUL", "must not contain NUL characters"),
                new DefinitionError("/steps/1/env", "must be an object of names to values"));
    }

    @Test
    void aBadTriggerIsReported() {
        assertThat(errors("name: p\ntrigger: demo-app\nsteps: [{name: a, run: x}]", YAML)).containsExactly(
                new DefinitionError("/trigger", "must be an object with a project and optionally a status"));
        assertThat(errors("name: p\ntrigger: {status: done}\nsteps: [{name: a, run: x}]", YAML)).containsExactly(
                new DefinitionError("/trigger/project", "is required"),
                new DefinitionError("/trigger/status", "must be one of pending, running, success, failed, skipped, cancelled"));
        assertThat(errors("name: p\ntrigger: {project: " + "p".repeat(201) + "}\nsteps: [{name: a, run: x}]", YAML))
                .containsExactly(new DefinitionError("/trigger/project", "must be at most 200 characters"));
    }

    @Test
    void everyProblemIsReportedAtOnceInDocumentOrder() {
        assertThat(errors("""
                name: ""
                steps:
                  - name: build
                    run: ""
                    timeout: 0s
                  - name: test
                    run: make test
                    needs: [build, lint]
                    when: maybe
                    retries: {count: 99}
                  - name: build
                    run: x
                    workdir: /etc
                  - {name: x, run: x, needs: [y]}
                  - {name: y, run: x, needs: [x]}
                """, YAML)).containsExactly(
                new DefinitionError("/name", "must not be blank"),
                new DefinitionError("/steps/0/run", "must not be blank"),
                new DefinitionError("/steps/0/timeout", "must be longer than zero"),
                new DefinitionError("/steps/1/needs/1", "names no step of this pipeline: 'lint'"),
                new DefinitionError("/steps/1/retries/count", "must be a whole number from 0 to 10"),
                new DefinitionError("/steps/1/when", "must be one of on_success, on_failure, always"),
                new DefinitionError("/steps/2/name", "is already the name of /steps/0"),
                new DefinitionError("/steps/2/workdir", "must be a path relative to the run's directory"),
                new DefinitionError("/steps/3", "needs form a cycle: x → y → x"));
    }
}
