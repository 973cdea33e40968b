package io.vigil.pipeline.definition;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the cycles the steps' needs form, by depth-first search in declaration order. Each cycle found is one
 * error at the cycle's first-declared step, with the path read as "needs": {@code a → b → c → a}.
 */
final class NeedsCycles {

    private final List<StepDefinition> steps;
    private final Map<String, Integer> indexByName = new HashMap<>();
    private final boolean[] visited;
    private final List<Integer> path = new ArrayList<>();
    private final List<DefinitionError> cycles = new ArrayList<>();

    private NeedsCycles(List<StepDefinition> steps) {
        this.steps = steps;
        this.visited = new boolean[steps.size()];
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i) != null && steps.get(i).name() != null) {
                indexByName.putIfAbsent(steps.get(i).name(), i);
            }
        }
    }

    /** Tolerates what a faulty definition holds: null steps, null names, needs of no step. */
    static List<DefinitionError> find(List<StepDefinition> steps) {
        NeedsCycles search = new NeedsCycles(steps);
        search.indexByName.values().stream().sorted().forEach(search::visit);
        return search.cycles;
    }

    private void visit(int step) {
        if (visited[step]) {
            return;
        }
        visited[step] = true;
        path.add(step);
        for (String need : steps.get(step).needs()) {
            Integer next = indexByName.get(need);
            if (next != null && path.contains(next)) {
                report(path.subList(path.indexOf(next), path.size()));
            } else if (next != null) {
                visit(next);
            }
        }
        path.remove(path.size() - 1);
    }

    private void report(List<Integer> cycle) {
        List<Integer> rotated = new ArrayList<>(cycle);
        Collections.rotate(rotated, -rotated.indexOf(Collections.min(rotated)));
        rotated.add(rotated.get(0));
        List<String> names = rotated.stream().map(i -> steps.get(i).name()).toList();
        cycles.add(new DefinitionError("/steps/" + rotated.get(0), "needs form a cycle: " + String.join(" → ", names)));
    }
}
