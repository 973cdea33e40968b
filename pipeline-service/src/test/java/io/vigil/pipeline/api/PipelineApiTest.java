package io.vigil.pipeline.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vigil.testing.KafkaTestResource;
import io.vigil.testing.PostgresTestResource;

/** Pipeline definitions over HTTP: YAML and JSON in, versions, validation as problem JSON, deletion. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "prefix", value = "pipeline"))
class PipelineApiTest {

    static final String YAML = "application/yaml";

    static String name() {
        return "p-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static String yaml(String name, String command) {
        return """
                name: %s
                steps:
                  - name: build
                    run: %s
                    timeout: 30s
                  - name: test
                    needs: [build]
                    run: echo test
                """.formatted(name, command);
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static Response create(String contentType, String body) {
        return given().contentType(contentType).body(body.getBytes(StandardCharsets.UTF_8)).post("/api/pipelines");
    }

    static String createdId(String body) {
        return create(YAML, body).then().statusCode(201).extract().path("id");
    }

    @Test
    void theExamplePipelineIsDefinedOnFirstStart() {
        String id = given().get("/api/pipelines?limit=500").then().statusCode(200)
                .extract().jsonPath().param("n", "example").getString("items.find { it.name == n }.id");
        assertThat(id).isNotNull();

        given().get("/api/pipelines/" + id).then().statusCode(200)
                .body("definition.steps.size()", equalTo(6))
                .body("definition.steps.findAll { it.needs.size() == 3 }.name",
                        hasItems("unit-tests", "build", "deploy-check"));
    }

    @Test
    void yamlAndJsonDefineTheSameAndTheAnswerPointsAtTheNewPipeline() {
        String fromYaml = name();
        Response created = create(YAML, yaml(fromYaml, "echo build"));
        created.then().statusCode(201).header("Location", containsString("/api/pipelines/"))
                .body("name", equalTo(fromYaml)).body("version", equalTo(1));
        String fromJson = name();
        String json = """
                {"name":"%s","steps":[{"name":"build","run":"echo build","timeout":"30s"},
                  {"name":"test","needs":["build"],"run":"echo test"}]}""".formatted(fromJson);
        Response second = create("application/json", json);
        second.then().statusCode(201);

        Map<String, Object> a = given().get(created.header("Location")).then().statusCode(200)
                .extract().path("definition");
        Map<String, Object> b = second.then().extract().path("definition");
        assertThat(a.get("steps")).isEqualTo(b.get("steps"));
    }

    @Test
    void anInvalidDefinitionIsAProblemListingEveryErrorAtItsPointer() {
        String body = """
                name: %s
                steps:
                  - name: a
                    run: echo a
                    needs: [c]
                  - name: b
                    run: "  "
                    needs: [ghost]
                  - name: a
                    run: echo again
                  - name: c
                    run: echo c
                    needs: [a]
                    timeout: forever
                """.formatted(name());

        create(YAML, body).then().statusCode(400).contentType(startsWith("application/problem+json"))
                .body("status", equalTo(400))
                .body("errors.pointer", hasItems("/steps/1/run", "/steps/1/needs/0", "/steps/2/name", "/steps/3/timeout"))
                .body("errors.find { it.pointer == '/steps/1/needs/0' }.detail", containsString("ghost"));
    }

    @Test
    void aCycleIsReportedWithItsPath() {
        String body = """
                {"name":"%s","steps":[{"name":"x","run":"true","needs":["z"]},{"name":"y","run":"true","needs":["x"]},
                 {"name":"z","run":"true","needs":["y"]}]}""".formatted(name());

        create("application/json", body).then().statusCode(400)
                .body("errors.detail", hasItem(containsString("x → z → y → x")));
    }

    @Test
    void unreadableBodiesAndWrongTypesAreProblemsNeverServerErrors() {
        create(YAML, "name: [unclosed").then().statusCode(400).body("errors[0].pointer", equalTo(""));
        create("application/json", "{\"name\":").then().statusCode(400);
        create(YAML, "- just\n- a list\n").then().statusCode(400);
        create(YAML, "").then().statusCode(400);
        create("text/plain", yaml(name(), "echo")).then().statusCode(415)
                .contentType(startsWith("application/problem+json"));
    }

    @Test
    void aNameInUseIsAConflictAtSlashName() {
        String name = name();
        createdId(yaml(name, "echo one"));

        create(YAML, yaml(name, "echo two")).then().statusCode(409)
                .contentType(startsWith("application/problem+json")).body("errors[0].pointer", equalTo("/name"));
    }

    @Test
    void anEditIsANewVersionAndEveryVersionStaysReadable() {
        String name = name();
        String id = createdId(yaml(name, "echo one"));

        given().contentType(YAML).body(bytes(yaml(name, "echo two"))).put("/api/pipelines/" + id).then().statusCode(200)
                .body("version", equalTo(2)).body("definition.steps[0].run", equalTo("echo two"));
        given().contentType(YAML).body(bytes(yaml(name, "echo two"))).put("/api/pipelines/" + id).then().statusCode(200)
                .body("version", equalTo(2));

        List<Integer> versions = given().get("/api/pipelines/" + id + "/versions").then().statusCode(200)
                .extract().path("version");
        assertThat(versions).containsExactly(2, 1);
        given().get("/api/pipelines/" + id + "/versions/1").then().statusCode(200)
                .body("definition.steps[0].run", equalTo("echo one")).body("source", containsString("echo one"));
        given().get("/api/pipelines/" + id + "/versions/3").then().statusCode(404);
    }

    @Test
    void anInvalidEditChangesNothing() {
        String name = name();
        String id = createdId(yaml(name, "echo one"));

        given().contentType(YAML).body(bytes(yaml(name, "''"))).put("/api/pipelines/" + id).then().statusCode(400);

        given().get("/api/pipelines/" + id).then().body("version", equalTo(1))
                .body("definition.steps[0].run", equalTo("echo one"));
    }

    @Test
    void deletingFreesTheNameAndKeepsTheVersionsForRuns() {
        String name = name();
        String id = createdId(yaml(name, "echo one"));

        given().delete("/api/pipelines/" + id).then().statusCode(204);

        given().get("/api/pipelines/" + id).then().statusCode(404).contentType(startsWith("application/problem+json"));
        given().delete("/api/pipelines/" + id).then().statusCode(404);
        given().contentType(YAML).body(bytes(yaml(name, "echo x"))).put("/api/pipelines/" + id).then().statusCode(404);
        given().get("/api/pipelines/" + id + "/versions/1").then().statusCode(200);
        createdId(yaml(name, "echo again"));
    }

    @Test
    void theListPagesByName() {
        String prefix = "page-" + UUID.randomUUID().toString().substring(0, 6) + "-";
        for (String suffix : List.of("a", "b", "c")) {
            createdId(yaml(prefix + suffix, "echo ok"));
        }

        Response first = given().get("/api/pipelines?limit=2&after=" + prefix);
        first.then().statusCode(200).body("items.name", equalTo(List.of(prefix + "a", prefix + "b")))
                .body("next_after", equalTo(prefix + "b"));
        given().get("/api/pipelines?limit=2&after=" + prefix + "b").then()
                .body("items[0].name", equalTo(prefix + "c"));
        given().get("/api/pipelines?limit=0").then().statusCode(400);
        given().get("/api/pipelines?limit=501").then().statusCode(400);
        given().get("/api/pipelines?limit=500&after=zzzzzz").then().statusCode(200).body("next_after", nullValue());
    }

    @Test
    void anUnknownOrMalformedIdIsNotFound() {
        given().get("/api/pipelines/" + UUID.randomUUID()).then().statusCode(404);
        given().get("/api/pipelines/not-a-uuid").then().statusCode(404);
    }

    @Test
    void theApiIsDescribedInOpenApi() {
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths.'/api/pipelines'.post.summary", equalTo("Define a pipeline"))
                .body("paths.'/api/pipelines/{id}/versions/{version}'.get", org.hamcrest.Matchers.notNullValue());
    }
}
