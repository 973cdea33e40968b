package io.vigil.pipeline.api;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestResponse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vigil.pipeline.api.PipelineViews.PipelinePage;
import io.vigil.pipeline.api.PipelineViews.PipelineSummary;
import io.vigil.pipeline.api.PipelineViews.PipelineView;
import io.vigil.pipeline.api.PipelineViews.VersionSummary;
import io.vigil.pipeline.api.PipelineViews.VersionView;
import io.vigil.pipeline.catalog.Pipeline;
import io.vigil.pipeline.catalog.PipelineCatalog;
import io.vigil.pipeline.catalog.PipelineVersion;
import io.vigil.problem.Problem;

/** Pipeline definitions, YAML or JSON in; every edit is a new version, and each version stays readable. */
@Path("/api/pipelines")
@Produces(MediaType.APPLICATION_JSON)
public class PipelineResource {

    private static final String EXAMPLE = """
            name: hello
            steps:
              - name: greet
                run: echo hello
              - name: done
                needs: [greet]
                run: echo done
            """;

    private final PipelineCatalog catalog;
    private final DefinitionReader reader;
    private final ObjectMapper json;

    PipelineResource(PipelineCatalog catalog, DefinitionReader reader, ObjectMapper json) {
        this.catalog = catalog;
        this.reader = reader;
        this.json = json;
    }

    @POST
    @Consumes({MediaType.APPLICATION_JSON, DefinitionReader.YAML, DefinitionReader.X_YAML, DefinitionReader.TEXT_YAML})
    @Operation(summary = "Define a pipeline", description = "Stores version 1. The body is YAML or JSON, as its"
            + " content type says; every problem found is answered at once, each at its JSON pointer.")
    @RequestBody(content = @Content(mediaType = DefinitionReader.YAML, examples = @ExampleObject(name = "hello",
            value = EXAMPLE)))
    @APIResponse(responseCode = "201", description = "Stored", content = @Content(
            schema = @Schema(implementation = PipelineView.class)))
    @APIResponse(responseCode = "400", description = "Invalid definition; each error names its JSON pointer",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Another pipeline has this name",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RestResponse<PipelineView> create(byte[] body, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType) {
        Pipeline pipeline = catalog.create(reader.read(body, contentType));
        return RestResponse.ResponseBuilder.<PipelineView>created(URI.create("/api/pipelines/" + pipeline.id))
                .entity(view(pipeline)).build();
    }

    @GET
    @Operation(summary = "List pipelines by name", description = "Pages of at most `limit` (1–500, default 100);"
            + " pass the answer's next_after as `after` for the next page.")
    public PipelinePage list(@QueryParam("after") String after, @QueryParam("limit") Integer limit) {
        int size = limit == null ? 100 : limit;
        if (size < 1 || size > 500) {
            throw new BadRequestException("limit must be between 1 and 500");
        }
        List<Pipeline> page = Pipeline.page(after, size + 1);
        List<PipelineSummary> items = page.stream().limit(size)
                .map(p -> new PipelineSummary(p.id, p.name, p.currentVersion, p.updatedAt)).toList();
        return new PipelinePage(items, page.size() > size ? items.get(size - 1).name() : null);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "A pipeline with its current definition")
    @APIResponse(responseCode = "404", description = "No such pipeline, or deleted")
    public PipelineView get(@PathParam("id") UUID id) {
        return view(live(id));
    }

    @PUT
    @Path("/{id}")
    @Consumes({MediaType.APPLICATION_JSON, DefinitionReader.YAML, DefinitionReader.X_YAML, DefinitionReader.TEXT_YAML})
    @Operation(summary = "Edit a pipeline", description = "Stores the next version when the definition changed;"
            + " runs already started keep the version they pinned.")
    public PipelineView update(@PathParam("id") UUID id, byte[] body,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType) {
        return view(catalog.update(id, reader.read(body, contentType)).orElseThrow(() -> notFound(id)));
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a pipeline", description = "Its versions stay for the runs that pinned them; its"
            + " name is free again.")
    @APIResponse(responseCode = "204", description = "Deleted")
    public void delete(@PathParam("id") UUID id) {
        if (!catalog.delete(id)) {
            throw notFound(id);
        }
    }

    @GET
    @Path("/{id}/versions")
    @Operation(summary = "A pipeline's versions, newest first")
    public List<VersionSummary> versions(@PathParam("id") UUID id) {
        live(id);
        return PipelineVersion.history(id).stream().map(v -> new VersionSummary(v.key.version(), v.createdAt)).toList();
    }

    @GET
    @Path("/{id}/versions/{version}")
    @Operation(summary = "One version of a pipeline, as stored and as written")
    public VersionView version(@PathParam("id") UUID id, @PathParam("version") int version) {
        PipelineVersion found = PipelineVersion.of(id, version)
                .orElseThrow(() -> new NotFoundException("pipeline " + id + " has no version " + version));
        return new VersionView(version, found.createdAt, tree(found.definition), found.source);
    }

    private static Pipeline live(UUID id) {
        return Pipeline.live(id).orElseThrow(() -> notFound(id));
    }

    private static NotFoundException notFound(UUID id) {
        return new NotFoundException("no pipeline " + id);
    }

    private PipelineView view(Pipeline p) {
        PipelineVersion current = PipelineVersion.of(p.id, p.currentVersion).orElseThrow();
        return new PipelineView(p.id, p.name, p.currentVersion, p.createdAt, p.updatedAt, tree(current.definition));
    }

    private JsonNode tree(String canonicalJson) {
        try {
            return json.readTree(canonicalJson.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("a stored definition is not JSON", e);
        }
    }
}
