package io.vigil.bench.pipeline;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** pipeline-service's API, as much of it as the benchmark uses (the load is small: the JDK client will do). */
final class Service {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    Service(URI base) {
        this.base = base;
    }

    /** Defines the pipeline; its id. */
    String define(Dag dag) throws IOException, InterruptedException {
        return JSON.readTree(body(send(request("/api/pipelines").header("Content-Type", "application/yaml")
                .POST(HttpRequest.BodyPublishers.ofString(dag.yaml())).build()), 201)).path("id").asText();
    }

    /** The id of the pipeline of that name (the first page of 500 holds it in a benchmark stack). */
    String pipelineId(String name) throws IOException, InterruptedException {
        for (JsonNode p : get("/api/pipelines?limit=500").path("items")) {
            if (name.equals(p.path("name").asText())) {
                return p.path("id").asText();
            }
        }
        throw new IllegalStateException("no pipeline named " + name);
    }

    JsonNode get(String path) throws IOException, InterruptedException {
        return JSON.readTree(body(send(request(path).GET().build()), 200));
    }

    /** Starts a run with the defaults; completes with the answer, whatever its status. */
    CompletableFuture<HttpResponse<String>> startRun(String pipelineId) {
        return http.sendAsync(request("/api/pipelines/" + pipelineId + "/runs").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The run id of a 201 answer to {@link #startRun}. */
    static String runId(HttpResponse<String> response) throws IOException {
        return JSON.readTree(body(response, 201)).path("id").asText();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT);
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String body(HttpResponse<String> response, int expected) {
        if (response.statusCode() != expected) {
            throw new IllegalStateException(response.request().method() + " " + response.request().uri() + " answered "
                    + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }
}
