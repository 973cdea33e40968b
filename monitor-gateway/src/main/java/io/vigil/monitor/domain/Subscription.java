package io.vigil.monitor.domain;

import java.util.Optional;
import java.util.Set;

import io.vigil.events.payload.DeploymentUpdated;
import io.vigil.events.payload.ProjectHealth;
import io.vigil.events.payload.RunUpdated;
import io.vigil.events.payload.StepUpdated;
import io.vigil.monitor.fanout.Filter;

/**
 * What a {@code /ws/monitor} client asked to see. Empty sets mean everything. The project filter applies
 * to events that name a project; types match the short name ({@code deployment.updated}) or the CloudEvents type.
 */
public record Subscription(Set<String> projects, Set<String> types) {

    public static final Subscription EVERYTHING = new Subscription(Set.of(), Set.of());

    public Subscription {
        projects = Set.copyOf(projects);
        types = Set.copyOf(types);
    }

    /** The fan-out filter that keeps what this subscription asked for. */
    public Filter filter() {
        return new Filter(projects, types);
    }

    public static Optional<String> projectOf(Record payload) {
        if (payload instanceof DeploymentUpdated d) {
            return Optional.of(d.project());
        } else if (payload instanceof StepUpdated s) {
            return Optional.of(s.project());
        } else if (payload instanceof ProjectHealth h) {
            return Optional.of(h.project());
        } else if (payload instanceof RunUpdated r) {
            return Optional.ofNullable(r.project());
        }
        return Optional.empty();
    }
}
