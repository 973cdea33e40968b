package io.vigil.monitor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * pipeline-service's and log-stream-service's history APIs as their contracts say, on a loopback port, serving
 * what a test put in: a run's stored events, a task's lines and status. A test may hold a run's answer back until
 * it lets it go, to publish live events while the gateway waits for history.
 */
public class OwnerStub implements QuarkusTestResourceLifecycleManager {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern RUN_EVENTS = Pattern.compile("/api/runs/([^/]+)/events");
    private static final Pattern TASK = Pattern.compile("/api/tasks/(.+)/(history|status)");

    static final Map<String, List<ObjectNode>> RUN_EVENTS_BY_RUN = new ConcurrentHashMap<>();
    static final Map<String, List<ObjectNode>> LINES_BY_TASK = new ConcurrentHashMap<>();
    static final Map<String, ObjectNode> STATUS_BY_TASK = new ConcurrentHashMap<>();
    static final Map<String, CountDownLatch> HELD = new ConcurrentHashMap<>();

    private HttpServer server;

    /** Stores a run's events with seqs 1..last, as pipeline-service would. */
    public static void run(String runId, long last) {
        List<ObjectNode> events = new java.util.ArrayList<>();
        for (long seq = 1; seq <= last; seq++) {
            ObjectNode event = JSON.createObjectNode().put("id", java.util.UUID.randomUUID().toString())
                    .put("type", "io.vigil.run.step.updated").put("seq", seq).put("time", "2024-01-01T00:00:00Z");
            event.putObject("data").put("run_id", runId).put("step", "s" + seq).put("status", "success");
            events.add(event);
        }
        RUN_EVENTS_BY_RUN.put(runId, events);
    }

    /** Stores a task's lines 1..last and whether it is finished. */
    public static void task(String taskId, long last, String status, boolean completed) {
        List<ObjectNode> lines = new java.util.ArrayList<>();
        for (long offset = 1; offset <= last; offset++) {
            lines.add(JSON.createObjectNode().put("offset", offset).put("time", "2024-01-01T00:00:00Z")
                    .put("level", "INFO").put("text", "line " + offset));
        }
        LINES_BY_TASK.put(taskId, lines);
        STATUS_BY_TASK.put(taskId, JSON.createObjectNode().put("task_id", taskId).put("status", status)
                .put("completed", completed).put("lines", last).put("finished_at", completed ? "2024-01-01T00:00:09Z" : null));
    }

    /** Holds the answers about {@code id} back until {@link #release}. */
    public static void hold(String id) {
        HELD.put(id, new CountDownLatch(1));
    }

    public static void release(String id) {
        HELD.remove(id).countDown();
    }

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::answer);
        server.createContext(ECHO, OwnerStub::echo);
        server.createContext("/api/runs/" + STATE_RUN_PREFIX, OwnerStub::runState);
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort();
        // ingest-service's REST client asks the stub, while the proxy's route to ingest-service stays at the %test
        // URL where nothing listens: the owner that is down in the proxy tests
        return Map.of("vigil.gateway.pipeline-url", url, "vigil.gateway.logs-url", url,
                "quarkus.rest-client.ingest.url", url);
    }

    private void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        Matcher run = RUN_EVENTS.matcher(path);
        Matcher task = TASK.matcher(path);
        if (run.matches() && RUN_EVENTS_BY_RUN.containsKey(run.group(1))) {
            await(run.group(1));
            List<ObjectNode> all = RUN_EVENTS_BY_RUN.get(run.group(1));
            long after = Long.parseLong(query.getOrDefault("after_seq", "0"));
            ObjectNode page = JSON.createObjectNode().put("last_seq", all.size());
            ArrayNode events = page.putArray("events");
            all.stream().filter(e -> e.get("seq").asLong() > after).forEach(events::add);
            reply(exchange, 200, page);
        } else if (task.matches() && LINES_BY_TASK.containsKey(task.group(1))) {
            await(task.group(1));
            if (task.group(2).equals("status")) {
                reply(exchange, 200, STATUS_BY_TASK.get(task.group(1)));
                return;
            }
            long after = Long.parseLong(query.getOrDefault("offset", "0"));
            List<ObjectNode> lines = LINES_BY_TASK.get(task.group(1)).stream()
                    .filter(l -> l.get("offset").asLong() > after).toList();
            long next = lines.isEmpty() ? after : lines.get(lines.size() - 1).get("offset").asLong();
            ObjectNode page = JSON.createObjectNode().put("task_id", task.group(1)).put("offset", after)
                    .put("next_offset", next).put("complete", STATUS_BY_TASK.get(task.group(1)).get("completed")
                            .asBoolean() && lines.isEmpty());
            page.putArray("lines").addAll(lines);
            reply(exchange, 200, page);
        } else if (!WorkflowOwnerStub.answer(exchange, query)) {
            reply(exchange, 404, JSON.createObjectNode().put("status", 404).put("detail", "no such thing"));
        }
    }

    private static void await(String id) {
        CountDownLatch latch = HELD.get(id);
        if (latch != null) {
            try {
                latch.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static Map<String, String> query(String query) {
        Map<String, String> values = new java.util.HashMap<>();
        if (query != null) {
            for (String pair : query.split("&")) {
                int equals = pair.indexOf('=');
                if (equals > 0) {
                    values.put(pair.substring(0, equals), pair.substring(equals + 1));
                }
            }
        }
        return values;
    }

    static void reply(HttpExchange exchange, int status, ObjectNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    // --- an owner's REST API behind the gateway's reverse proxy (OwnerRoutesTest) ---

    /** Part of pipeline-service's {@code /api/pipelines/**} (the rest is the workflow stub's), answered by {@link #echo}. */
    public static final String ECHO = "/api/pipelines/echo";

    /**
     * Answers with the request's body, byte for byte, and says what it received in {@code X-Echo-*} headers: the
     * method, the raw URI, each request header as {@code X-Echo-<name>}. {@code X-Echo-Status} and
     * {@code X-Echo-Content-Type} choose the answer's; {@code …/download?bytes=N} streams N bytes of a pattern;
     * {@code …/silent} answers nothing for 5 s.
     */
    private static void echo(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        if (path.endsWith("/silent")) {
            try {
                new CountDownLatch(1).await(5, TimeUnit.SECONDS); // longer than the gateway's test timeout
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        byte[] body = exchange.getRequestBody().readAllBytes();
        var headers = exchange.getResponseHeaders();
        headers.add("X-Frame-Options", "SAMEORIGIN"); // an owner's own copy of a header the gateway sets too
        headers.add("X-Echo-Method", exchange.getRequestMethod());
        headers.add("X-Echo-Uri", exchange.getRequestURI().getRawPath()
                + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery()));
        exchange.getRequestHeaders().forEach((name, values) -> headers.add("X-Echo-" + name, String.join(" | ", values)));
        String type = exchange.getRequestHeaders().getFirst("X-Echo-Content-Type");
        headers.add("Content-Type", type == null ? "application/octet-stream" : type);
        String status = exchange.getRequestHeaders().getFirst("X-Echo-Status");
        if (path.endsWith("/download")) {
            long size = Long.parseLong(query(exchange.getRequestURI().getRawQuery()).get("bytes"));
            exchange.sendResponseHeaders(200, 0); // chunked: the size is not announced
            try (var out = exchange.getResponseBody()) {
                byte[] chunk = new byte[65536];
                for (long sent = 0; sent < size; sent += chunk.length) {
                    int length = (int) Math.min(chunk.length, size - sent);
                    for (int i = 0; i < length; i++) {
                        chunk[i] = (byte) ((sent + i) % 251);
                    }
                    out.write(chunk, 0, length);
                }
            }
            return;
        }
        exchange.sendResponseHeaders(status == null ? 200 : Integer.parseInt(status), body.length == 0 ? -1 : body.length);
        try (var out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    // --- pipeline-service's GET /api/runs/{id}, what /ws/executions/{id}/ starts from (ExecutionSocketTest) ---

    /** Run ids whose state this stub serves begin with this; other run ids are served as above. */
    public static final String STATE_RUN_PREFIX = "e0000000-";
    static final Map<String, ObjectNode> RUN_STATE = new ConcurrentHashMap<>();

    /** A new run id for {@link #runState(String, ObjectNode)}. */
    public static String stateRunId() {
        return STATE_RUN_PREFIX + java.util.UUID.randomUUID().toString().substring(STATE_RUN_PREFIX.length());
    }

    /** Stores what {@code GET /api/runs/{id}} answers for the run. */
    public static void runState(String runId, ObjectNode run) {
        RUN_STATE.put(runId, run);
    }

    private static void runState(HttpExchange exchange) throws IOException {
        String runId = exchange.getRequestURI().getRawPath().substring("/api/runs/".length());
        ObjectNode run = RUN_STATE.get(runId);
        if (run == null) {
            reply(exchange, 404, JSON.createObjectNode().put("status", 404).put("detail", "no run " + runId));
        } else {
            reply(exchange, 200, run);
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
