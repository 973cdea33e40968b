package io.vigil.local;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A project the demo deploys, with the steps its deploy script runs and how each ends when all goes well. */
public record DemoProject(String name, String repository, String deployType, Map<String, String> steps) {

    public static final List<DemoProject> ALL = List.of(
            new DemoProject("demo-app", "acme/demo-app", "backend", steps("skipped", "skipped", "success")),
            new DemoProject("billing-api", "acme/billing-api", "backend", steps("success", "skipped", "success")),
            new DemoProject("web-portal", "acme/web-portal", "static", steps("skipped", "success", "skipped")));

    public String deployPath() {
        return "/srv/apps/" + name;
    }

    public String testUrl() {
        return "https://" + name + ".example.test/health";
    }

    private static Map<String, String> steps(String startService, String testStatic, String testBackend) {
        Map<String, String> steps = new LinkedHashMap<>();
        steps.put("validate_artifact", "success");
        steps.put("parse_secrets", "success");
        steps.put("server_init", "skipped");
        steps.put("deploy_project", "success");
        steps.put("configure_nginx", "success");
        steps.put("start_service", startService);
        steps.put("test_website_static", testStatic);
        steps.put("test_website_backend", testBackend);
        return steps;
    }
}
