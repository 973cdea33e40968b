package io.vigil.monitor.api;

import java.util.List;
import java.util.regex.Pattern;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.vigil.monitor.metrics.LegacyMetrics;
import io.vigil.monitor.metrics.MetricsUpdates;
import io.vigil.problem.Problem;

/** {@code GET /api/v1/group-ai/monitor/accounts/metrics}: per project, in the replaced system's account shape. */
@Path("/api/v1/group-ai/monitor/accounts")
@Tag(name = "Metrics (legacy)", description = "The replaced system's metrics API; accounts are projects")
public class LegacyAccountsResource {

    /** What could name a project: 1 to 200 characters, none of them a control character. */
    private static final Pattern PROJECT = Pattern.compile("[^\\p{Cntrl}]{1,200}");

    private final MetricsUpdates metrics;

    LegacyAccountsResource(MetricsUpdates metrics) {
        this.metrics = metrics;
    }

    @GET
    @Path("/metrics")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Per project", description = "account_id: the project; message_count / reply_count / "
            + "error_count: its deployments finished / succeeded / failed; redpacket_count: its rollbacks; "
            + "last_activity: its last deployment or step report.")
    @APIResponse(responseCode = "200", description = "Every project, or the one asked for (none when unknown)",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY,
                    implementation = LegacyMetrics.AccountMetrics.class)))
    @APIResponse(responseCode = "400", description = "account_id is no project name",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response accounts(
            @Parameter(description = "Only this project") @QueryParam("account_id") String accountId,
            @jakarta.ws.rs.core.Context UriInfo uri) {
        if (accountId != null && (accountId.isBlank() || !PROJECT.matcher(accountId).matches())) {
            return Problem.invalidField(uri.getPath(), "account_id",
                    "must be a project name: 1 to 200 characters, not blank, no control characters").toResponse();
        }
        List<LegacyMetrics.AccountMetrics> accounts = LegacyMetrics.accounts(metrics.report()).stream()
                .filter(account -> accountId == null || account.accountId().equals(accountId)).toList();
        return Response.ok(accounts).build();
    }
}
