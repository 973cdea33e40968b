package io.vigil.monitor.alerts.rules;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.vigil.events.Status;
import io.vigil.events.VigilEvent;
import io.vigil.events.payload.RunUpdated;
import io.vigil.monitor.alerts.AlertKey;
import io.vigil.monitor.alerts.AlertRule;
import io.vigil.monitor.alerts.Severity;
import io.vigil.monitor.alerts.Verdict;

/** A pipeline's run failed; the pipeline's next successful run (of the same project) resolves it. */
public final class RunFailedRule implements AlertRule {

    public static final String NAME = "run-failed";

    private final Severity severity;

    public RunFailedRule(Severity severity) {
        this.severity = severity;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Verdict> observe(VigilEvent<?> event) {
        if (!(event.data() instanceof RunUpdated run)) {
            return List.of();
        }
        Map<String, String> labels = new HashMap<>();
        labels.put("pipeline", run.pipeline());
        if (run.project() != null) {
            labels.put("project", run.project());
        }
        AlertKey key = new AlertKey(NAME, labels);
        if (run.status() == Status.FAILED) {
            return List.of(new Verdict.Fire(key, severity, "run " + run.runId() + " of pipeline " + run.pipeline()
                    + " failed", Map.of("run", run.runId()), event.time()));
        }
        return run.status() == Status.SUCCESS ? List.of(new Verdict.Clear(key, event.time())) : List.of();
    }
}
