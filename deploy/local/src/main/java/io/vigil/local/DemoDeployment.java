package io.vigil.local;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One made-up deployment as a deploy script reports it to the webhook: first while it runs, with the
 * steps done so far, then once finished.
 *
 * @param stepsDone   how many steps have ended when the running report is sent
 * @param failingStep the step that fails, or null when the deployment succeeds
 */
public record DemoDeployment(DemoProject project, String commitHash, String triggeredBy, int stepsDone, String failingStep) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> PEOPLE = List.of("axi-deploy", "maria", "ci-bot");
    private static final double FAILURE_RATE = 0.15;

    /** A random deployment of a random project; about one in seven fails. */
    public static DemoDeployment next(RandomGenerator random) {
        DemoProject project = DemoProject.ALL.get(random.nextInt(DemoProject.ALL.size()));
        String commit = String.format("%07x", random.nextInt(0x10000000));
        String failing = null;
        if (random.nextDouble() < FAILURE_RATE) {
            failing = random.nextBoolean() ? "deploy_project" : "test_website_" + ("static".equals(project.deployType())
                    ? "static" : "backend");
        }
        int stepsDone = 1 + random.nextInt(project.steps().size() - 2);
        return new DemoDeployment(project, commit, PEOPLE.get(random.nextInt(PEOPLE.size())), stepsDone, failing);
    }

    /** The report sent mid-deployment: status running, the first steps ended, the next one running. */
    public String runningBody(Instant now) {
        Map<String, String> steps = new LinkedHashMap<>();
        List<String> names = new ArrayList<>(project.steps().keySet());
        for (int i = 0; i < stepsDone; i++) {
            steps.put(names.get(i), project.steps().get(names.get(i)));
        }
        steps.put(names.get(stepsDone), "running");
        return body("running", "deploying " + commitHash, now, steps);
    }

    /** The final report: every step's outcome, or the steps up to the one that failed. */
    public String finalBody(Instant now) {
        Map<String, String> steps = new LinkedHashMap<>();
        for (Map.Entry<String, String> step : project.steps().entrySet()) {
            if (step.getKey().equals(failingStep)) {
                steps.put(step.getKey(), "failed");
                break;
            }
            steps.put(step.getKey(), step.getValue());
        }
        return failingStep == null
                ? body("success", "deployed", now, steps)
                : body("failed", failingStep + " failed", now, steps);
    }

    public String finalStatus() {
        return failingStep == null ? "success" : "failed";
    }

    private String body(String status, String message, Instant now, Map<String, String> steps) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("project", project.name());
        body.put("repository", project.repository());
        body.put("branch", "main");
        body.put("commit_hash", commitHash);
        body.put("status", status);
        body.put("triggered_by", triggeredBy);
        body.put("trigger_type", "manual");
        body.put("deploy_type", project.deployType());
        body.put("deploy_path", project.deployPath());
        body.put("test_url", project.testUrl());
        body.put("message", message);
        body.put("timestamp", now.truncatedTo(ChronoUnit.SECONDS).toString());
        body.put("step_details", steps);
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a demo body", e);
        }
    }
}
