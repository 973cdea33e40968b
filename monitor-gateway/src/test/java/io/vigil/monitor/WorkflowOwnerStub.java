package io.vigil.monitor;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;

/**
 * ingest-service's deployments and pipeline-service's pipelines and runs as their read APIs answer them, for the
 * stats and workflow APIs; part of {@link OwnerStub}. A path prefix marked {@link #down} answers 503.
 */
public final class WorkflowOwnerStub {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern DEPLOYMENT = Pattern.compile("/api/deployments/([^/]+)");
    private static final Pattern RUN = Pattern.compile("/api/runs/([^/]+)");

    static final Map<String, ObjectNode> DEPLOYMENTS = new ConcurrentSkipListMap<>();
    static final Map<String, ObjectNode> RUNS = new ConcurrentHashMap<>();
    static final Map<String, ObjectNode> PIPELINES = new ConcurrentSkipListMap<>();
    static final Set<String> DOWN = ConcurrentHashMap.newKeySet();

    private WorkflowOwnerStub() {
    }

    /** Stores a deployment with two steps, as ingest-service's GET /api/deployments/{id} answers it. */
    public static ObjectNode deployment(String id, String project, String status) {
        ObjectNode d = JSON.createObjectNode().put("id", id).put("project", project).put("branch", "main")
                .put("commit_hash", "9f2c1e7").put("status", status).put("triggered_by", "axi-deploy")
                .put("started_at", "2026-11-25T10:00:00Z").put("finished_at", "2026-11-25T10:02:00Z")
                .put("duration_ms", 120000).put("progress_percent", 100);
        d.putArray("steps").add(JSON.createObjectNode().put("name", "validate_artifact").put("step_type", "validation")
                .put("status", "success").put("started_at", "2026-11-25T10:00:00Z")
                .put("finished_at", "2026-11-25T10:00:30Z").put("duration_ms", 30000))
                .add(JSON.createObjectNode().put("name", "deploy_project").put("step_type", "deployment")
                        .put("status", status).put("started_at", "2026-11-25T10:00:30Z")
                        .put("finished_at", "2026-11-25T10:02:00Z").put("error", "exit 1")
                        .put("log_url", "https://ci.example.test/1"));
        DEPLOYMENTS.put(id, d);
        return d;
    }

    /** Stores a run with one step, as pipeline-service's GET /api/runs/{id} answers it. */
    public static ObjectNode run(String id, String pipeline, String status) {
        ObjectNode r = JSON.createObjectNode().put("id", id).put("pipeline_id", "p-" + pipeline)
                .put("pipeline", pipeline).put("version", 1).put("status", status)
                .put("created_at", "2026-11-25T11:00:00Z").put("started_at", "2026-11-25T11:00:01Z")
                .put("finished_at", "2026-11-25T11:00:09Z").put("progress_percent", 100);
        r.putArray("steps").add(JSON.createObjectNode().put("name", "build").put("status", status).put("attempt", 1)
                .put("exit_code", 0).put("started_at", "2026-11-25T11:00:01Z")
                .put("finished_at", "2026-11-25T11:00:09Z").put("log_task_id", id + "/build/1"));
        RUNS.put(id, r);
        return r;
    }

    public static void pipelines(int count) {
        PIPELINES.clear();
        for (int i = 0; i < count; i++) {
            String name = String.format("pipeline-%03d", i);
            PIPELINES.put(name, JSON.createObjectNode().put("id", "id-" + name).put("name", name).put("version", 1));
        }
    }

    /** Makes every request under {@code pathPrefix} fail with 503 until {@link #up}. */
    public static void down(String pathPrefix) {
        DOWN.add(pathPrefix);
    }

    public static void up(String pathPrefix) {
        DOWN.remove(pathPrefix);
    }

    /** Answers the request if it is one of these owners' read APIs; false if not. */
    static boolean answer(HttpExchange exchange, Map<String, String> query) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        if (DOWN.stream().anyMatch(path::startsWith)) {
            OwnerStub.reply(exchange, 503, JSON.createObjectNode().put("status", 503).put("detail", "down"));
            return true;
        }
        Matcher deployment = DEPLOYMENT.matcher(path);
        Matcher run = RUN.matcher(path);
        if (path.equals("/api/deployments")) {
            int limit = Integer.parseInt(query.getOrDefault("limit", "50"));
            ObjectNode page = JSON.createObjectNode();
            page.putArray("items").addAll(DEPLOYMENTS.values().stream().limit(limit).toList());
            OwnerStub.reply(exchange, 200, page);
        } else if (path.equals("/api/pipelines")) {
            int limit = Integer.parseInt(query.getOrDefault("limit", "100"));
            String after = query.getOrDefault("after", "");
            List<ObjectNode> items = PIPELINES.entrySet().stream().filter(e -> e.getKey().compareTo(after) > 0)
                    .limit(limit).map(Map.Entry::getValue).toList();
            ObjectNode page = JSON.createObjectNode();
            page.putArray("items").addAll(items);
            boolean more = PIPELINES.keySet().stream().filter(name -> name.compareTo(after) > 0).count() > limit;
            page.put("next_after", more ? items.get(items.size() - 1).get("name").asText() : null);
            OwnerStub.reply(exchange, 200, page);
        } else if (deployment.matches() && DEPLOYMENTS.containsKey(deployment.group(1))) {
            OwnerStub.reply(exchange, 200, DEPLOYMENTS.get(deployment.group(1)));
        } else if (run.matches() && RUNS.containsKey(run.group(1))) {
            OwnerStub.reply(exchange, 200, RUNS.get(run.group(1)));
        } else {
            return false;
        }
        return true;
    }
}
