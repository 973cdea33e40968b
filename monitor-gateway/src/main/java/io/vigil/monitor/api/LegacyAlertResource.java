package io.vigil.monitor.api;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

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
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.vigil.monitor.alerts.Alert;
import io.vigil.monitor.alerts.AlertEvaluation;
import io.vigil.monitor.alerts.AlertLedger;
import io.vigil.monitor.alerts.AlertStore;
import io.vigil.monitor.alerts.LegacyAlert;
import io.vigil.monitor.alerts.RuleBook;
import io.vigil.monitor.alerts.Severity;
import io.vigil.problem.Problem;

/**
 * The existing clients' alert API, with the shapes of the system Vigil replaces: {@code alert_type} is the severity's
 * old name (error, warning, info), {@code account_id} the project. Resolving an alert resolved already succeeds, as
 * it did there.
 */
@Path("/api/v1/group-ai/monitor/alerts")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Alerts (existing clients)", description = "The alert API of the system Vigil replaces, unchanged")
public class LegacyAlertResource {

    /** An alert in a list. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record AlertItem(String alertId, String alertType, String accountId, String message, String timestamp,
            boolean resolved) {

        static AlertItem of(Alert alert) {
            LegacyAlert legacy = LegacyAlert.of(alert);
            return new AlertItem(legacy.alertId(), legacy.alertType(), legacy.accountId(), legacy.message(),
                    alert.firedAt().toString(), legacy.resolved());
        }
    }

    /** An alert a check fired. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record CheckedAlert(String alertId, String alertType, String accountId, String message, String timestamp) {
    }

    public record CheckResult(String message, int rulesChecked, int newAlerts, List<CheckedAlert> alerts) {
    }

    public record Resolved(String message, String alertId) {
    }

    private final AlertStore alerts;
    private final AlertLedger ledger;
    private final AlertEvaluation evaluation;
    private final RuleBook rules;
    private final Clock clock;

    LegacyAlertResource(AlertStore alerts, AlertLedger ledger, AlertEvaluation evaluation, RuleBook rules, Clock clock) {
        this.alerts = alerts;
        this.ledger = ledger;
        this.evaluation = evaluation;
        this.rules = rules;
        this.clock = clock;
    }

    @GET
    @Operation(summary = "Recent alerts, newest first (limit 1–500, alert_type error|warning|info, resolved, check_rules)")
    @APIResponse(responseCode = "200", description = "the alerts")
    @APIResponse(responseCode = "400", description = "a bad parameter, named in `field`",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public List<AlertItem> list(@QueryParam("limit") String limit, @QueryParam("alert_type") String alertType,
            @QueryParam("resolved") String resolved, @QueryParam("check_rules") String checkRules) {
        int count = BadAlertRequest.intParam("limit", limit, 50, 1, 500);
        Severity severity = null;
        if (alertType != null && !alertType.isEmpty()) {
            try {
                severity = Severity.fromLegacyType(alertType);
            } catch (IllegalArgumentException e) {
                throw new BadAlertRequest("alert_type", e.getMessage());
            }
        }
        AlertStore.State state = resolved == null || resolved.isEmpty() ? AlertStore.State.ALL
                : switch (resolved) {
                    case "true" -> AlertStore.State.RESOLVED;
                    case "false" -> AlertStore.State.OPEN;
                    default -> throw new BadAlertRequest("resolved", "must be true or false, got '" + resolved + "'");
                };
        if ("true".equals(checkRules)) {
            evaluation.evaluate();
        }
        return alerts.page(state, severity, 0, count).alerts().stream().map(AlertItem::of).toList();
    }

    @POST
    @Path("check")
    @Operation(summary = "Evaluate every rule now; answers the alerts that fired")
    @APIResponse(responseCode = "200", description = "what the check found")
    public CheckResult check() {
        List<CheckedAlert> fired = evaluation.evaluate().fired().stream()
                .map(AlertItem::of)
                .map(a -> new CheckedAlert(a.alertId(), a.alertType(), a.accountId(), a.message(), a.timestamp()))
                .toList();
        return new CheckResult("告警規則檢查完成", rules.names().size(), fired.size(), fired);
    }

    @POST
    @Path("{alert_id}/resolve")
    @Operation(summary = "Resolve an alert")
    @APIResponse(responseCode = "200", description = "resolved (or resolved already)")
    @APIResponse(responseCode = "404", description = "no alert with this id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Resolved resolve(@PathParam("alert_id") String alertId) {
        Instant now = clock.instant();
        if (ledger.resolveById(alertId, "api", now).isEmpty() && alerts.find(alertId).isEmpty()) {
            throw new NotFoundException("告警 " + alertId + " 不存在");
        }
        return new Resolved("告警已解決", alertId);
    }
}
