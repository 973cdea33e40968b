package io.vigil.monitor.alerts.rules;

import java.util.List;
import java.util.Map;

import io.vigil.events.Status;
import io.vigil.events.VigilEvent;
import io.vigil.events.payload.DeploymentUpdated;
import io.vigil.monitor.alerts.AlertKey;
import io.vigil.monitor.alerts.AlertRule;
import io.vigil.monitor.alerts.Severity;
import io.vigil.monitor.alerts.Verdict;

/** A project's deployment failed; the project's next successful deployment resolves it. */
public final class DeploymentFailedRule implements AlertRule {

    public static final String NAME = "deployment-failed";

    private final Severity severity;

    public DeploymentFailedRule(Severity severity) {
        this.severity = severity;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Verdict> observe(VigilEvent<?> event) {
        if (!(event.data() instanceof DeploymentUpdated deployment)) {
            return List.of();
        }
        AlertKey key = AlertKey.of(NAME, "project", deployment.project());
        if (deployment.status() == Status.FAILED) {
            String why = deployment.message() == null || deployment.message().isBlank() ? "" : ": " + deployment.message();
            return List.of(new Verdict.Fire(key, severity, "deployment " + deployment.deploymentId() + " of "
                    + deployment.project() + " failed" + why, Map.of("deployment", deployment.deploymentId()),
                    event.time()));
        }
        return deployment.status() == Status.SUCCESS ? List.of(new Verdict.Clear(key, event.time())) : List.of();
    }
}
