package io.vigil.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.core.Response;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;

class ProblemTest {

    /** As the services configure Jackson: snake_case properties, which must not rename extension members. */
    private final ObjectMapper json = new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

    record Pointer(String pointer, String detail) {
    }

    @Test
    void extensionsFollowTheStandardMembersAtTheTopLevelInTheOrderAdded() throws JsonProcessingException {
        Problem problem = Problem.of(409, "Conflict", "taken", "/api/pipelines")
                .with("zeta", 1)
                .with("errors", List.of(new Pointer("/name", "taken")))
                .with("retryAfterSeconds", 5);

        assertThat(json.writeValueAsString(problem)).isEqualTo("{\"type\":\"about:blank\",\"title\":\"Conflict\","
                + "\"status\":409,\"detail\":\"taken\",\"instance\":\"/api/pipelines\",\"zeta\":1,"
                + "\"errors\":[{\"pointer\":\"/name\",\"detail\":\"taken\"}],\"retryAfterSeconds\":5}");
    }

    @Test
    void absentMembersAreLeftOut() throws JsonProcessingException {
        assertThat(json.writeValueAsString(Problem.of(404, null, null)))
                .isEqualTo("{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":404}");
    }

    @Test
    void theTitleIsTheReasonPhraseOfTheStatus() {
        assertThat(Problem.of(429, "slow down", "/x").title()).isEqualTo("Too Many Requests");
        assertThat(Problem.of(422, "no", "/x").title()).isEqualTo("HTTP 422");
    }

    @Test
    void withIsACopyAndReplacesAnExtensionInPlace() {
        Problem first = Problem.of(400, "bad", "/x").with("a", 1).with("b", 2);
        Problem second = first.with("a", 3);

        assertThat(first.extensions()).containsExactly(Map.entry("a", 1), Map.entry("b", 2));
        assertThat(second.extensions()).containsExactly(Map.entry("a", 3), Map.entry("b", 2));
        assertThatThrownBy(() -> first.extensions().put("c", 4)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void anExtensionCannotShadowAStandardMemberOrBeNull() {
        Problem problem = Problem.of(400, "bad", "/x");

        assertThatThrownBy(() -> problem.with("status", 200)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> problem.with("field", null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void anInvalidFieldIsA400NamingItInFieldAndErrors() throws JsonProcessingException {
        Problem problem = Problem.invalidField("/api/deployments", "limit", "must be a whole number from 1 to 500");

        assertThat(problem.status()).isEqualTo(400);
        assertThat(problem.type()).isEqualTo(URI.create("/problems/invalid-request"));
        assertThat(json.writeValueAsString(problem)).isEqualTo("{\"type\":\"/problems/invalid-request\","
                + "\"title\":\"Invalid request\",\"status\":400,\"detail\":\"limit: must be a whole number from 1 to 500\","
                + "\"instance\":\"/api/deployments\",\"field\":\"limit\","
                + "\"errors\":[{\"field\":\"limit\",\"message\":\"must be a whole number from 1 to 500\"}]}");
    }

    @Test
    void manyInvalidFieldsAreCountedAndTheFirstIsNamed() {
        Problem problem = Problem.invalid("/api/webhook/deployment/steps", List.of(
                new Problem.FieldError("project", "must not be blank"),
                new Problem.FieldError("status", "must not be blank")));

        assertThat(problem.detail()).isEqualTo("2 invalid fields, first project: must not be blank");
        assertThat(problem.extensions()).containsEntry("field", "project");
        assertThat(problem.extensions().get("errors")).asList().hasSize(2);
    }

    @Test
    void theResponseIsProblemJsonWithTheStatus() {
        Problem problem = Problem.of(503, "later", "/x");

        Response response = problem.toResponse();

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getMediaType().toString()).isEqualTo("application/problem+json");
        assertThat(response.getEntity()).isSameAs(problem);
    }
}
