package io.vigil.monitor.api;

import java.time.Clock;
import java.util.List;
import java.util.Locale;

import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.vigil.monitor.alerts.Alert;
import io.vigil.monitor.alerts.AlertEvaluation;
import io.vigil.monitor.alerts.AlertLedger;
import io.vigil.monitor.alerts.AlertStore;
import io.vigil.monitor.alerts.Severity;
import io.vigil.problem.Problem;

/** {@code /api/alerts}: the alert history (open and resolved), one alert, resolving one, evaluating the rules now. */
@Path("/api/alerts")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Alerts", description = "Alerts fired by the rules (vigil.alerts.rules.*), open and resolved")
public class AlertResource {

    /** One page of alerts, newest first. */
    public record AlertPage(List<Alert> alerts, int page, int size, long total) {
    }

    /** Who resolves the alert; {@code api} when the body or the field is absent. */
    public record ResolveRequest(String resolvedBy) {
    }

    /** What an evaluation fired and resolved. */
    public record CheckResult(List<Alert> fired, List<Alert> resolved) {
    }

    static final int MAX_PAGE_SIZE = 200;

    private final AlertStore alerts;
    private final AlertLedger ledger;
    private final AlertEvaluation evaluation;
    private final Clock clock;

    AlertResource(AlertStore alerts, AlertLedger ledger, AlertEvaluation evaluation, Clock clock) {
        this.alerts = alerts;
        this.ledger = ledger;
        this.evaluation = evaluation;
        this.clock = clock;
    }

    @GET
    @Operation(summary = "List alerts, newest first")
    @APIResponse(responseCode = "200", description = "a page of alerts")
    @APIResponse(responseCode = "400", description = "a bad parameter, named in `field`",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public AlertPage list(
            @Parameter(description = "open, resolved or all (default)") @QueryParam("state") String state,
            @Parameter(description = "critical, warning or info; all when absent") @QueryParam("severity") String severity,
            @Parameter(description = "page number from 0") @QueryParam("page") String page,
            @Parameter(description = "alerts a page, 1–" + MAX_PAGE_SIZE + " (default 50)") @QueryParam("size") String size) {
        int number = BadAlertRequest.intParam("page", page, 0, 0, 1_000_000);
        int count = BadAlertRequest.intParam("size", size, 50, 1, MAX_PAGE_SIZE);
        AlertStore.Page found = alerts.page(state(state), severity(severity), number, count);
        return new AlertPage(found.alerts(), number, count, found.total());
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One alert")
    @APIResponse(responseCode = "200", description = "the alert")
    @APIResponse(responseCode = "404", description = "no alert with this id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Alert get(@PathParam("id") String id) {
        return alerts.find(id).orElseThrow(() -> unknown(id));
    }

    @POST
    @Path("{id}/resolve")
    @Operation(summary = "Resolve an open alert by hand (it is published as alert.resolved)")
    @APIResponse(responseCode = "200", description = "the alert, resolved")
    @APIResponse(responseCode = "400", description = "a bad resolved_by",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "no alert with this id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "the alert is resolved already",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Alert resolve(@PathParam("id") String id, ResolveRequest request) {
        String by = request == null || request.resolvedBy() == null ? "api" : request.resolvedBy().strip();
        if (by.isEmpty() || by.length() > 100) {
            throw new BadAlertRequest("resolved_by", "must be 1 to 100 characters");
        }
        return ledger.resolveById(id, by, clock.instant()).orElseThrow(() -> {
            Alert alert = alerts.find(id).orElseThrow(() -> unknown(id));
            return new ClientErrorException("alert " + id + " was resolved at " + alert.resolvedAt() + " by "
                    + alert.resolvedBy(), 409);
        });
    }

    @POST
    @Path("check")
    @Operation(summary = "Evaluate every rule now; answers what fired and what resolved")
    @APIResponse(responseCode = "200", description = "the alerts this evaluation fired and resolved")
    public CheckResult check() {
        AlertEvaluation.Changes changes = evaluation.evaluate();
        return new CheckResult(changes.fired(), changes.resolved());
    }

    static NotFoundException unknown(String id) {
        return new NotFoundException("no alert " + id);
    }

    private static AlertStore.State state(String state) {
        if (state == null || state.isEmpty()) {
            return AlertStore.State.ALL;
        }
        try {
            return AlertStore.State.valueOf(state.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadAlertRequest("state", "must be open, resolved or all, got '" + state + "'");
        }
    }

    private static Severity severity(String severity) {
        try {
            return severity == null || severity.isEmpty() ? null : Severity.fromWire(severity);
        } catch (IllegalArgumentException e) {
            throw new BadAlertRequest("severity", e.getMessage());
        }
    }
}
