package io.vigil.pipeline.catalog;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import io.vigil.pipeline.definition.PipelineDefinition;

/**
 * The stored pipelines and their versions. Creating a pipeline writes version 1; an edit that changes the
 * definition writes the next version (an edit that changes nothing writes none); deleting keeps the versions,
 * which runs pin, and frees the name. Names are unique among pipelines not deleted.
 */
@ApplicationScoped
public class PipelineCatalog {

    /** Fired in the transaction of each change to the catalog; observers may act once it has committed. */
    public record Changed(UUID pipelineId) {
    }

    private final Event<Changed> changes;

    PipelineCatalog(Event<Changed> changes) {
        this.changes = changes;
    }

    /** A definition ready to store: its name, its canonical JSON, and the text its author wrote. */
    public record Draft(String name, String canonicalJson, String source) {
        public static Draft of(PipelineDefinition definition, String source) {
            return new Draft(definition.name(), definition.toJson(), source);
        }
    }

    @Transactional
    public Pipeline create(Draft draft) {
        if (Pipeline.liveNamed(draft.name()).isPresent()) {
            throw new NameTaken(draft.name());
        }
        Instant now = Instant.now();
        Pipeline pipeline = new Pipeline();
        pipeline.id = UUID.randomUUID();
        pipeline.name = draft.name();
        pipeline.currentVersion = 1;
        pipeline.createdAt = now;
        pipeline.updatedAt = now;
        pipeline.persist();
        writeVersion(pipeline, draft, now);
        changes.fire(new Changed(pipeline.id));
        return pipeline;
    }

    /** The pipeline after the edit; empty when there is no such pipeline. */
    @Transactional
    public Optional<Pipeline> update(UUID id, Draft draft) {
        Optional<Pipeline> found = Pipeline.live(id);
        if (found.isEmpty()) {
            return found;
        }
        Pipeline pipeline = found.get();
        Pipeline.getEntityManager().lock(pipeline, LockModeType.PESSIMISTIC_WRITE); // concurrent edits: one version each
        PipelineVersion current = PipelineVersion.of(id, pipeline.currentVersion).orElseThrow();
        if (current.definition.equals(draft.canonicalJson()) && current.source.equals(draft.source())) {
            return found;
        }
        if (!draft.name().equals(pipeline.name)) {
            Pipeline.liveNamed(draft.name()).ifPresent(other -> {
                throw new NameTaken(draft.name());
            });
            pipeline.name = draft.name();
        }
        Instant now = Instant.now();
        pipeline.currentVersion++;
        pipeline.updatedAt = now;
        writeVersion(pipeline, draft, now);
        changes.fire(new Changed(pipeline.id));
        return found;
    }

    /** True when a live pipeline was deleted. */
    @Transactional
    public boolean delete(UUID id) {
        return Pipeline.live(id).map(pipeline -> {
            pipeline.deletedAt = Instant.now();
            changes.fire(new Changed(pipeline.id));
            return true;
        }).orElse(false);
    }

    /** True when no pipeline was ever stored, deleted ones included. */
    @Transactional
    public boolean isEmpty() {
        return Pipeline.countAll() == 0;
    }

    private static void writeVersion(Pipeline pipeline, Draft draft, Instant now) {
        PipelineVersion version = new PipelineVersion();
        version.key = new PipelineVersion.Key(pipeline.id, pipeline.currentVersion);
        version.definition = draft.canonicalJson();
        version.source = draft.source();
        version.createdAt = now;
        version.persist();
    }

    /** Another live pipeline has this name; answered 409. */
    public static class NameTaken extends RuntimeException {
        public NameTaken(String name) {
            super("a pipeline named '" + name + "' exists already");
        }
    }
}
