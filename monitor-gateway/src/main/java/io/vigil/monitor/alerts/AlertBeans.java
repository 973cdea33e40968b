package io.vigil.monitor.alerts;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.vigil.monitor.alerts.rules.ConsumerLagRule;
import io.vigil.monitor.alerts.rules.DeploymentFailedRule;
import io.vigil.monitor.alerts.rules.FailureRateRule;
import io.vigil.monitor.alerts.rules.LogErrorsRule;
import io.vigil.monitor.alerts.rules.ProjectDownRule;
import io.vigil.monitor.alerts.rules.RunFailedRule;
import io.vigil.monitor.alerts.rules.StepOverdueRule;
import io.vigil.monitor.alerts.rules.StuckRunRule;
import io.vigil.monitor.messaging.ConsumerLag;

/** The rules as configured ({@code vigil.alerts.rules.*}, disabled ones left out), and the open-alert cache. */
@ApplicationScoped
public class AlertBeans {

    @Produces
    @ApplicationScoped
    RuleBook rules(AlertsConfig config, ConsumerLag lag,
            @ConfigProperty(name = "mp.messaging.incoming.vigil-events.group.id") String consumerGroup) {
        AlertsConfig.Rules r = config.rules();
        List<AlertRule> rules = new ArrayList<>();
        if (r.deploymentFailed().enabled()) {
            rules.add(new DeploymentFailedRule(r.deploymentFailed().severity()));
        }
        if (r.failureRate().enabled()) {
            rules.add(new FailureRateRule(r.failureRate().severity(), r.failureRate().threshold(),
                    r.failureRate().window(), r.failureRate().minOutcomes()));
        }
        if (r.stepOverdue().enabled()) {
            rules.add(new StepOverdueRule(r.stepOverdue().severity(), r.stepOverdue().factor(),
                    r.stepOverdue().minimum(), r.stepOverdue().samples(), r.stepOverdue().minSamples()));
        }
        if (r.runFailed().enabled()) {
            rules.add(new RunFailedRule(r.runFailed().severity()));
        }
        if (r.logErrors().enabled()) {
            rules.add(new LogErrorsRule(r.logErrors().severity(), r.logErrors().perMinute()));
        }
        if (r.projectDown().enabled()) {
            rules.add(new ProjectDownRule(r.projectDown().severity(), r.projectDown().failures()));
        }
        if (r.consumerLag().enabled()) {
            rules.add(new ConsumerLagRule(r.consumerLag().severity(), r.consumerLag().threshold(), lag::records,
                    consumerGroup));
        }
        if (r.runStuck().enabled()) {
            rules.add(new StuckRunRule(r.runStuck().severity(), r.runStuck().after()));
        }
        return new RuleBook(rules);
    }

    @Produces
    @ApplicationScoped
    OpenFingerprints openFingerprints() {
        return new OpenFingerprints();
    }
}
