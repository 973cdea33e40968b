package io.vigil.monitor.metrics;

import java.time.Instant;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;

import io.vigil.events.Status;
import io.vigil.events.VigilEvent;
import io.vigil.events.payload.DeploymentUpdated;
import io.vigil.events.payload.LogLines;
import io.vigil.events.payload.ProjectHealth;
import io.vigil.events.payload.RunUpdated;
import io.vigil.events.payload.StepUpdated;
import io.vigil.monitor.metrics.MetricsReport.GatewayMetrics;
import io.vigil.monitor.metrics.MetricsReport.PipelineMetrics;
import io.vigil.monitor.metrics.MetricsReport.ProjectMetrics;

/**
 * The aggregates the gateway keeps from the event feed: per project, per pipeline, per log task. Plain Java;
 * thread-safe (the feed writes, the update timers and REST requests read, each briefly under this lock).
 */
public final class MetricsBoard {

    /** The part that survives a restart: deployments and runs (task rates refill on their own). */
    public record State(Map<String, ProjectState> projects, Map<String, Outcomes.State> pipelines) {
    }

    /** One project's saved aggregates. */
    public record ProjectState(Outcomes.State deployments, long rollbacks, Boolean healthy, Instant healthCheckedAt,
            Instant lastActivity) {
    }

    /** How much each aggregate remembers: entities to count once, durations for avg and p90, the rate window. */
    public record Limits(int remembered, int durationSamples, Duration rateWindow) {
    }

    private static final class Project {
        final Outcomes deployments;
        long rollbacks;
        Boolean healthy;
        Instant healthCheckedAt;
        Instant lastActivity;

        Project(Outcomes deployments) {
            this.deployments = deployments;
        }
    }

    private final Limits limits;
    private final Map<String, Project> projects = new HashMap<>();
    private final Map<String, Outcomes> pipelines = new HashMap<>();
    private final TaskLineRates tasks;

    public MetricsBoard(Limits limits) {
        this.limits = limits;
        this.tasks = new TaskLineRates(limits.rateWindow());
    }

    /** Takes in one event (new, deduplicated); {@code received} is when the gateway got it. */
    public synchronized void observe(VigilEvent<?> event, Instant received) {
        if (event.data() instanceof DeploymentUpdated deployment) {
            Project project = project(deployment.project());
            if (deployment.rollbackOf() != null && !project.deployments.knows(deployment.deploymentId())) {
                project.rollbacks++;
            }
            Instant stepsStarted = deployment.steps().stream().map(DeploymentUpdated.StepState::startedAt)
                    .filter(java.util.Objects::nonNull).min(Comparator.naturalOrder()).orElse(null);
            project.deployments.report(deployment.deploymentId(), deployment.status(), deployment.reportedAt(),
                    stepsStarted, null);
            active(project, deployment.reportedAt());
        } else if (event.data() instanceof StepUpdated step) {
            Project project = project(step.project());
            project.deployments.started(step.deploymentId(),
                    step.startedAt() != null ? step.startedAt() : step.reportedAt());
            active(project, step.reportedAt());
        } else if (event.data() instanceof ProjectHealth health) {
            Project project = project(health.project());
            if (project.healthCheckedAt == null || !health.checkedAt().isBefore(project.healthCheckedAt)) {
                project.healthy = health.healthy();
                project.healthCheckedAt = health.checkedAt();
            }
        } else if (event.data() instanceof RunUpdated run) {
            pipelines.computeIfAbsent(run.pipeline(), name -> newOutcomes())
                    .report(run.runId(), run.status(), event.time(), run.startedAt(), run.finishedAt());
        } else if (event.data() instanceof LogLines lines) {
            tasks.add(lines, received);
        }
    }

    /** The aggregates now, projects and pipelines by name, with the gateway's own figures. */
    public synchronized MetricsReport report(Instant now, GatewayMetrics gateway) {
        List<ProjectMetrics> projectMetrics = new TreeMap<>(projects).entrySet().stream().map(e -> {
            Project project = e.getValue();
            Outcomes deployments = project.deployments;
            return new ProjectMetrics(e.getKey(), deployments.finished(), deployments.succeeded(),
                    deployments.failed(), deployments.successRate(), value(deployments.durations().average()),
                    value(deployments.durations().percentile(90)), deployments.withStatus(Status.RUNNING)
                            + deployments.withStatus(Status.PENDING),
                    project.rollbacks, project.healthy, project.lastActivity);
        }).toList();
        List<PipelineMetrics> pipelineMetrics = new TreeMap<>(pipelines).entrySet().stream().map(e -> {
            Outcomes runs = e.getValue();
            return new PipelineMetrics(e.getKey(), runs.finished(), runs.succeeded(), runs.failed(),
                    runs.successRate(), runs.withStatus(Status.RUNNING), runs.withStatus(Status.PENDING),
                    value(runs.durations().average()), value(runs.durations().percentile(90)));
        }).toList();
        List<MetricsReport.TaskMetrics> taskMetrics = tasks.rates(now).stream()
                .map(rates -> new MetricsReport.TaskMetrics(rates.taskId(), rates.linesPerSecond(),
                        rates.errorLinesPerSecond()))
                .toList();
        return new MetricsReport(now, projectMetrics, pipelineMetrics, taskMetrics, gateway);
    }

    public synchronized State state() {
        Map<String, ProjectState> savedProjects = new HashMap<>();
        projects.forEach((name, p) -> savedProjects.put(name, new ProjectState(p.deployments.state(), p.rollbacks,
                p.healthy, p.healthCheckedAt, p.lastActivity)));
        Map<String, Outcomes.State> savedPipelines = new HashMap<>();
        pipelines.forEach((name, runs) -> savedPipelines.put(name, runs.state()));
        return new State(savedProjects, savedPipelines);
    }

    /** Puts back what {@link #state} saved, in place of what this board holds. */
    public synchronized void restore(State state) {
        projects.clear();
        pipelines.clear();
        state.projects().forEach((name, saved) -> {
            Project project = new Project(Outcomes.restore(saved.deployments(), limits.remembered(),
                    limits.durationSamples()));
            project.rollbacks = saved.rollbacks();
            project.healthy = saved.healthy();
            project.healthCheckedAt = saved.healthCheckedAt();
            project.lastActivity = saved.lastActivity();
            projects.put(name, project);
        });
        state.pipelines().forEach((name, saved) -> pipelines.put(name,
                Outcomes.restore(saved, limits.remembered(), limits.durationSamples())));
    }

    private Project project(String name) {
        return projects.computeIfAbsent(name, n -> new Project(newOutcomes()));
    }

    private Outcomes newOutcomes() {
        return new Outcomes(limits.remembered(), limits.durationSamples());
    }

    private static void active(Project project, Instant at) {
        if (project.lastActivity == null || at.isAfter(project.lastActivity)) {
            project.lastActivity = at;
        }
    }

    private static Double value(OptionalDouble value) {
        return value.isPresent() ? value.getAsDouble() : null;
    }
}
