package io.vigil.monitor.workflows;

import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.smallrye.mutiny.Uni;
import io.vigil.monitor.history.DeploymentClient;
import io.vigil.monitor.history.RunClient;
import io.vigil.monitor.history.TaskClient;

/**
 * A workflow with its steps, from the service that owns it, in the one shape of {@link WorkflowView}. Its 404 is
 * ours ({@link WorkflowNotFound}); any other failure is the owner's ({@link OwnerUnavailable}). Ids are checked
 * before anything is sent, so no request reaches an owner's other paths.
 */
@ApplicationScoped
public class WorkflowDetails {

    /** log-stream-service's task ids: segments of safe characters separated by {@code /}, never . or .. */
    private static final Pattern TASK_ID = Pattern.compile("(?!.*(^|/)\\.{1,2}(/|$))[A-Za-z0-9_.@+-]+(/[A-Za-z0-9_.@+-]+)*");
    private static final int MAX_ID = 255;

    private final DeploymentClient deployments;
    private final RunClient runs;
    private final TaskClient tasks;
    private final WorkflowStore known;

    WorkflowDetails(@RestClient DeploymentClient deployments, @RestClient RunClient runs,
            @RestClient TaskClient tasks, WorkflowStore known) {
        this.deployments = deployments;
        this.runs = runs;
        this.tasks = tasks;
        this.known = known;
    }

    /** Throws {@link InvalidParameter} ({@code id}) for an id its owner could never hold. */
    public static String checkedId(WorkflowType type, String id) {
        boolean valid = id != null && id.length() <= MAX_ID && switch (type) {
            case DEPLOYMENT, RUN -> isUuid(id);
            case TASK -> TASK_ID.matcher(id).matches();
        };
        if (!valid) {
            throw new InvalidParameter("id", type == WorkflowType.TASK
                    ? "must be a task id: segments of letters, digits and _ . @ + - separated by /"
                    : "must be a " + type.wire() + " id (a UUID)");
        }
        return id;
    }

    public Uni<WorkflowView> get(WorkflowType type, String id) {
        checkedId(type, id);
        Uni<WorkflowView> view = switch (type) {
            case DEPLOYMENT -> deployments.get(id).map(WorkflowDetails::deployment);
            case RUN -> {
                String project = projectOf(type, id); // read here: the answer arrives on an event loop
                yield runs.run(id).map(run -> run(run, project));
            }
            case TASK -> tasks.status(id).map(WorkflowDetails::task);
        };
        return view.onFailure().transform(failure -> translated(type, id, failure));
    }

    /** Runs name their project only in their events: the log's, when it has seen one. */
    private String projectOf(WorkflowType type, String id) {
        return known.find(type, id).map(WorkflowState::project).orElse(null);
    }

    private static WorkflowView deployment(DeploymentClient.Deployment d) {
        return new WorkflowView(WorkflowType.DEPLOYMENT, d.id(), d.project(), d.commitHash(), d.status(),
                d.startedAt(), d.finishedAt(), d.progressPercent(), d.steps() == null ? List.of() : d.steps().stream()
                        .map(s -> new WorkflowView.Step(s.name(), s.status(), s.startedAt(), s.finishedAt(), s.error(),
                                s.logUrl()))
                        .toList());
    }

    private static WorkflowView run(RunClient.Run r, String project) {
        return new WorkflowView(WorkflowType.RUN, r.id(), project, r.pipeline(), r.status(),
                r.startedAt() != null ? r.startedAt() : r.createdAt(), r.finishedAt(), r.progressPercent(),
                r.steps() == null ? List.of() : r.steps().stream()
                        .map(s -> new WorkflowView.Step(s.name(), s.status(), s.startedAt(), s.finishedAt(),
                                s.reason(), s.logTaskId()))
                        .toList());
    }

    private static WorkflowView task(TaskClient.Task t) {
        return new WorkflowView(WorkflowType.TASK, t.taskId(), null, t.template(), t.status(), t.startedAt(),
                t.finishedAt(), t.progress(), List.of());
    }

    private static RuntimeException translated(WorkflowType type, String id, Throwable failure) {
        if (failure instanceof WebApplicationException http && http.getResponse().getStatus() == 404) {
            return new WorkflowNotFound(type, id);
        }
        return new OwnerUnavailable(type.owner(), failure);
    }

    private static boolean isUuid(String id) {
        try {
            return UUID.fromString(id).toString().equalsIgnoreCase(id);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
