package io.vigil.monitor.workflows;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.vigil.monitor.api.OpenSockets;
import io.vigil.monitor.history.DeploymentClient;
import io.vigil.monitor.history.RunClient;

/**
 * Builds {@link Stats}: counts from the event log's workflows (one query each, however busy the owners), the
 * pipeline count and recent deployments from their owners, asked at once. An owner that fails costs its part only.
 */
@ApplicationScoped
public class GatewayStats {

    static final int RECENT_DEPLOYMENTS = 5;
    static final int PIPELINE_PAGE = 500;
    /** Pipelines are counted over at most this many pages; more is not a dashboard's case. */
    static final int MAX_PIPELINE_PAGES = 20;
    private static final Logger LOG = Logger.getLogger(GatewayStats.class);

    private final WorkflowStore workflows;
    private final OpenSockets sockets;
    private final DeploymentClient deployments;
    private final RunClient runs;
    private final EventLogConfig config;
    private final Clock clock;

    GatewayStats(WorkflowStore workflows, OpenSockets sockets, @RestClient DeploymentClient deployments,
            @RestClient RunClient runs, EventLogConfig config, Clock clock) {
        this.workflows = workflows;
        this.sockets = sockets;
        this.deployments = deployments;
        this.runs = runs;
        this.config = config;
        this.clock = clock;
    }

    /** Call on a worker thread: the counts are read from the database before the owners are asked. */
    public Uni<Stats> current() {
        Instant now = clock.instant();
        Map<String, Long> deploymentCounts = workflows.countByStatus(WorkflowType.DEPLOYMENT);
        Stats.Counts runCounts = Stats.Counts.of(workflows.countByStatus(WorkflowType.RUN));
        Stats.Counts taskCounts = Stats.Counts.of(workflows.countByStatus(WorkflowType.TASK));
        Map<String, Long> byEndpoint = sockets.byEndpoint();
        Stats.Connections connections = new Stats.Connections(
                byEndpoint.values().stream().mapToLong(Long::longValue).sum(), byEndpoint);
        Map<String, String> unavailable = new LinkedHashMap<>();
        Uni<Optional<Long>> pipelines = known(countPipelines(null, 0, 0), "pipelines", "pipeline-service", unavailable);
        Uni<Optional<List<DeploymentClient.Summary>>> recent = known(
                deployments.list(RECENT_DEPLOYMENTS).map(DeploymentClient.Page::items), "deployments.recent",
                "ingest-service", unavailable);
        return Uni.combine().all().unis(pipelines, recent).asTuple().map(parts -> {
            Stats.Counts counted = Stats.Counts.of(deploymentCounts);
            return new Stats(now, now.minus(config.retention()),
                    parts.getItem1().map(Stats.Pipelines::new).orElse(null), runCounts,
                    new Stats.Deployments(counted.total(), counted.byStatus(), parts.getItem2().orElse(null)),
                    taskCounts, connections, new java.util.TreeMap<>(unavailable));
        });
    }

    private Uni<Long> countPipelines(String after, long counted, int pages) {
        return runs.pipelines(after, PIPELINE_PAGE).flatMap(page -> {
            long total = counted + page.items().size();
            boolean more = page.nextAfter() != null && pages + 1 < MAX_PIPELINE_PAGES;
            return more ? countPipelines(page.nextAfter(), total, pages + 1) : Uni.createFrom().item(total);
        });
    }

    /** The part, or empty with its reason in {@code unavailable} when its owner failed. */
    private static <T> Uni<Optional<T>> known(Uni<T> part, String name, String owner, Map<String, String> unavailable) {
        return part.map(Optional::of).onFailure().recoverWithItem(failure -> {
            LOG.warnf("stats without %s: %s", name, OwnerUnavailable.reason(failure));
            synchronized (unavailable) {
                unavailable.put(name, new OwnerUnavailable(owner, failure).getMessage());
            }
            return Optional.empty();
        });
    }
}
