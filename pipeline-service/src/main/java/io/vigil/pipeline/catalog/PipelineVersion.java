package io.vigil.pipeline.catalog;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One version of a pipeline's definition, immutable once written: runs pin it. */
@Entity
public class PipelineVersion extends PanacheEntityBase {

    @Embeddable
    public record Key(UUID pipelineId, int version) {
    }

    @EmbeddedId
    public Key key;
    /** Canonical JSON of the definition. */
    public String definition;
    /** The definition as its author wrote it (YAML or JSON). */
    public String source;
    public Instant createdAt;

    public static Optional<PipelineVersion> of(UUID pipelineId, int version) {
        return findByIdOptional(new Key(pipelineId, version));
    }

    /** A pipeline's versions, newest first. */
    public static List<PipelineVersion> history(UUID pipelineId) {
        return find("key.pipelineId = ?1 order by key.version desc", pipelineId).list();
    }
}
