package io.vigil.monitor.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.vigil.monitor.metrics.LegacyMetrics;
import io.vigil.monitor.metrics.MetricsUpdates;

/** {@code GET /api/v1/group-ai/monitor/system}: the totals, in the replaced system's shape. */
@Path("/api/v1/group-ai/monitor/system")
@Tag(name = "Metrics (legacy)", description = "The replaced system's metrics API; accounts are projects")
public class LegacySystemResource {

    private final MetricsUpdates metrics;

    LegacySystemResource(MetricsUpdates metrics) {
        this.metrics = metrics;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Totals over all projects", description = "total_accounts: projects; online_accounts: "
            + "projects whose last health probe passed; total_messages / total_replies / total_errors: deployments "
            + "finished / succeeded / failed (plus failed runs); total_redpackets: rollbacks; average_reply_time: "
            + "average deployment duration in seconds.")
    @APIResponse(responseCode = "200", description = "The totals now",
            content = @Content(schema = @Schema(implementation = LegacyMetrics.SystemMetrics.class)))
    public LegacyMetrics.SystemMetrics system() {
        return LegacyMetrics.system(metrics.report());
    }
}
