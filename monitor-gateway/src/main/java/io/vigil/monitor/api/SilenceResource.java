package io.vigil.monitor.api;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.vigil.monitor.alerts.Matcher;
import io.vigil.monitor.alerts.Silence;
import io.vigil.monitor.alerts.SilenceScopes;
import io.vigil.monitor.alerts.SilenceStore;
import io.vigil.problem.Problem;

/**
 * {@code /api/silences}: silences mute the alerts whose labels match all their matchers, for a time or for the length
 * of a deployment or a run. A muted alert is still recorded (marked silenced) but not pushed nor published as firing.
 */
@Path("/api/silences")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Silences", description = "Mute matching alerts for a time, or while a deployment or a run goes on")
public class SilenceResource {

    /** One condition on a label: equal to {@code value}, or with {@code regex} matching it as a whole. */
    public record MatcherBody(String name, String value, Boolean regex) {
    }

    /**
     * A new silence: its matchers, and either {@code ends_at} (from {@code starts_at}, default now) or a
     * {@code deployment_id} or {@code run_id} it lasts for ({@code ends_at} then caps it).
     */
    public record SilenceRequest(List<MatcherBody> matchers, Instant startsAt, Instant endsAt, String deploymentId,
            String runId, String comment, String createdBy) {
    }

    /** A silence as listed; {@code state} is pending (scoped, not started), active or expired. */
    public record SilenceView(UUID id, List<Matcher> matchers, String deploymentId, String runId, Instant activeFrom,
            Instant endsAt, String comment, String createdBy, Instant createdAt, String state) {
    }

    private static final int MAX_MATCHERS = 20;

    private final SilenceStore silences;
    private final SilenceScopes scopes;
    private final Clock clock;

    SilenceResource(SilenceStore silences, SilenceScopes scopes, Clock clock) {
        this.silences = silences;
        this.scopes = scopes;
        this.clock = clock;
    }

    @GET
    @Operation(summary = "List silences, newest first: those not expired, or all")
    @APIResponse(responseCode = "200", description = "the silences")
    @APIResponse(responseCode = "400", description = "a bad parameter, named in `field`",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public List<SilenceView> list(
            @Parameter(description = "current (default: pending and active) or all") @QueryParam("state") String state) {
        if (state != null && !state.equals("current") && !state.equals("all")) {
            throw new BadAlertRequest("state", "must be current or all, got '" + state + "'");
        }
        Instant now = clock.instant();
        return silences.list("all".equals(state), now).stream().map(s -> view(s, now)).toList();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a silence")
    @APIResponse(responseCode = "201", description = "the silence")
    @APIResponse(responseCode = "400", description = "a bad field, named in `field`",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(SilenceRequest request) {
        Instant now = clock.instant();
        Silence created = scopes.catchUp(silences.create(silence(request, now)), now);
        return Response.status(Response.Status.CREATED).entity(view(created, now)).build();
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "End a silence now (it stays listed as expired)")
    @APIResponse(responseCode = "200", description = "the silence, expired")
    @APIResponse(responseCode = "404", description = "no silence with this id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public SilenceView expire(@PathParam("id") String id) {
        Instant now = clock.instant();
        return silences.expire(uuid(id), now).map(s -> view(s, now))
                .orElseThrow(() -> new NotFoundException("no silence " + id));
    }

    private static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("no silence " + id);
        }
    }

    private static Silence silence(SilenceRequest request, Instant now) {
        if (request == null) {
            throw new BadAlertRequest("body", "a silence is required");
        }
        List<Matcher> matchers = matchers(request.matchers());
        if (request.deploymentId() != null && request.runId() != null) {
            throw new BadAlertRequest("run_id", "give deployment_id or run_id, not both");
        }
        Silence.Scope scope = request.deploymentId() != null ? scope(Silence.Scope.DEPLOYMENT, "deployment_id",
                request.deploymentId()) : request.runId() != null ? scope(Silence.Scope.RUN, "run_id", request.runId())
                        : null;
        if (scope != null && request.startsAt() != null) {
            throw new BadAlertRequest("starts_at", "a silence scoped to a deployment or a run starts with it");
        }
        Instant startsAt = request.startsAt() != null ? request.startsAt() : now;
        if (scope == null && request.endsAt() == null) {
            throw new BadAlertRequest("ends_at", "is required, unless the silence lasts for a deployment_id or run_id");
        }
        if (request.endsAt() != null && !request.endsAt().isAfter(scope == null ? startsAt : now)) {
            throw new BadAlertRequest("ends_at", "must be after " + (scope == null ? "starts_at" : "now"));
        }
        return new Silence(UUID.randomUUID(), matchers, scope, scope == null ? startsAt : null, request.endsAt(),
                text("comment", request.comment(), 1000), text("created_by", request.createdBy(), 100), now);
    }

    private static List<Matcher> matchers(List<MatcherBody> bodies) {
        if (bodies == null || bodies.isEmpty() || bodies.size() > MAX_MATCHERS) {
            throw new BadAlertRequest("matchers", "1 to " + MAX_MATCHERS + " matchers are required");
        }
        List<Matcher> matchers = new ArrayList<>();
        for (int i = 0; i < bodies.size(); i++) {
            MatcherBody body = bodies.get(i);
            if (body == null) {
                throw new BadAlertRequest("matchers[" + i + "]", "must be an object {name, value, regex}");
            }
            try {
                matchers.add(new Matcher(body.name(), body.value(), Boolean.TRUE.equals(body.regex())));
            } catch (Matcher.InvalidPart e) {
                throw new BadAlertRequest("matchers[" + i + "]." + e.part(), e.getMessage());
            }
        }
        return matchers;
    }

    private static Silence.Scope scope(String kind, String field, String id) {
        if (id.isBlank() || id.length() > 255) {
            throw new BadAlertRequest(field, "must be 1 to 255 characters");
        }
        return new Silence.Scope(kind, id);
    }

    private static String text(String field, String value, int max) {
        if (value != null && value.length() > max) {
            throw new BadAlertRequest(field, "must be at most " + max + " characters");
        }
        return value;
    }

    private static SilenceView view(Silence silence, Instant now) {
        Silence.Scope scope = silence.scope();
        return new SilenceView(silence.id(), silence.matchers(),
                scope != null && scope.kind().equals(Silence.Scope.DEPLOYMENT) ? scope.id() : null,
                scope != null && scope.kind().equals(Silence.Scope.RUN) ? scope.id() : null, silence.activeFrom(),
                silence.endsAt(), silence.comment(), silence.createdBy(), silence.createdAt(), silence.state(now));
    }
}
