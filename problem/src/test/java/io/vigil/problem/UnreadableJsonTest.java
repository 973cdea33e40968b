package io.vigil.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

class UnreadableJsonTest {

    private final ObjectMapper json = new ObjectMapper();

    record Step(String name, int attempts) {
    }

    record Report(String project, List<Step> steps, Map<String, Step> byName) {
    }

    private JsonProcessingException reading(String body) {
        return catchThrowableOfType(JsonProcessingException.class, () -> json.readValue(body, Report.class));
    }

    @Test
    void aDocumentThatIsNotJsonIsTheBody() {
        JsonProcessingException e = reading("{\"project\":");

        assertThat(UnreadableJson.field(e)).isEqualTo("body");
        Problem problem = UnreadableJson.problem(e, "/api/x");
        assertThat(problem.extensions().get("field")).isEqualTo("body");
        assertThat(problem.detail()).startsWith("body: not valid JSON: Unexpected end-of-input");
    }

    @Test
    void aValueOfTheWrongTypeIsNamedByItsPath() {
        assertThat(UnreadableJson.field(reading("{\"project\":[1]}"))).isEqualTo("project");
        assertThat(UnreadableJson.field(reading("{\"steps\":[{\"name\":\"a\"},{\"attempts\":\"many\"}]}")))
                .isEqualTo("steps.[1].attempts");
        assertThat(UnreadableJson.field(reading("{\"by_name\":null,\"byName\":{\"build\":{\"attempts\":{}}}}")))
                .isEqualTo("byName.build.attempts");
    }

    @Test
    void aValueThatCannotBeReadSaysSoOnOneLine() {
        Problem problem = UnreadableJson.problem(reading("{\"steps\":{}}"), "/api/x");

        assertThat(problem.detail()).startsWith("steps: cannot be read: Cannot deserialize value of type")
                .doesNotContain("\n");
        assertThat(problem.extensions().get("errors")).asList().singleElement()
                .isEqualTo(new Problem.FieldError("steps", problem.detail().substring("steps: ".length())));
    }
}
