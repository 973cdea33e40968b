package io.vigil.bench.pipeline;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/** A pipeline as the benchmark needs it: steps with their commands and needs, and the parameters' defaults. */
record Dag(String name, Map<String, String> params, List<Dag.Step> steps) {

    record Step(String name, String run, List<String> needs) {
    }

    /**
     * Every benchmark step: stamps its start and its end (epoch ns) into files named after the step, in the run's
     * directory, so process start and end are read from the processes themselves, not from any scheduler's books.
     * {@code true} is the step's whole work.
     */
    static final String STAMPED = "date +%s%N >\"$VIGIL_STEP.s\"; true; date +%s%N >\"$VIGIL_STEP.e\"";

    /** s000 → s001 → … : every step waits for one, so every edge is paid in full, one after another. */
    static Dag chain(String name, int steps) {
        List<Step> out = new ArrayList<>();
        for (int i = 0; i < steps; i++) {
            out.add(new Step(step(i), STAMPED, i == 0 ? List.of() : List.of(step(i - 1))));
        }
        return new Dag(name, Map.of(), out);
    }

    /** root → (steps − 2) leaves in parallel → join: one decision starts many steps, one waits for many. */
    static Dag fan(String name, int steps) {
        List<Step> out = new ArrayList<>();
        out.add(new Step("root", STAMPED, List.of()));
        List<String> leaves = new ArrayList<>();
        for (int i = 0; i < steps - 2; i++) {
            leaves.add(step(i));
            out.add(new Step(step(i), STAMPED, List.of("root")));
        }
        out.add(new Step("join", STAMPED, leaves));
        return new Dag(name, Map.of(), out);
    }

    private static String step(int i) {
        return String.format("s%03d", i);
    }

    /** From the canonical JSON definition {@code GET /api/pipelines/{id}} answers. */
    static Dag fromDefinition(JsonNode definition) {
        Map<String, String> params = new LinkedHashMap<>();
        definition.path("params").properties().forEach(e -> params.put(e.getKey(), e.getValue().asText()));
        List<Step> steps = new ArrayList<>();
        for (JsonNode s : definition.path("steps")) {
            List<String> needs = new ArrayList<>();
            s.path("needs").forEach(n -> needs.add(n.asText()));
            steps.add(new Step(s.path("name").asText(), s.path("run").asText(), needs));
        }
        return new Dag(definition.path("name").asText(), params, steps);
    }

    /** The definition in YAML; commands single-quoted (a quote doubled), which takes any text. */
    String yaml() {
        StringBuilder y = new StringBuilder("name: " + name + "\nsteps:\n");
        for (Step s : steps) {
            y.append("  - name: ").append(s.name()).append('\n');
            y.append("    run: '").append(s.run().replace("'", "''")).append("'\n");
            if (!s.needs().isEmpty()) {
                y.append("    needs: [").append(String.join(", ", s.needs())).append("]\n");
            }
        }
        return y.toString();
    }

    Step step(String name) {
        return steps.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    /**
     * The steps by depth, each layer needing exactly all of the one before: then "start a layer's steps, wait for
     * all of them" (what the shell baseline does) is the DAG's own order, not an approximation of it. Refuses a
     * DAG that is not layered so.
     */
    List<List<Step>> layers() {
        Map<String, Integer> depth = new HashMap<>();
        List<List<Step>> layers = new ArrayList<>();
        for (Step s : steps) { // definitions list a step after its needs (the shapes here and the example do)
            int d = 0;
            for (String n : s.needs()) {
                Integer nd = depth.get(n);
                if (nd == null) {
                    throw new IllegalArgumentException(name + ": " + s.name() + " is listed before its need " + n);
                }
                d = Math.max(d, nd + 1);
            }
            depth.put(s.name(), d);
            while (layers.size() <= d) {
                layers.add(new ArrayList<>());
            }
            layers.get(d).add(s);
        }
        for (int d = 1; d < layers.size(); d++) {
            Set<String> before = new HashSet<>();
            layers.get(d - 1).forEach(s -> before.add(s.name()));
            for (Step s : layers.get(d)) {
                if (!new HashSet<>(s.needs()).equals(before)) {
                    throw new IllegalArgumentException(name + ": " + s.name() + " does not need exactly the layer before it");
                }
            }
        }
        return layers;
    }
}
