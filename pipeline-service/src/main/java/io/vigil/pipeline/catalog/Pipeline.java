package io.vigil.pipeline.catalog;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A named pipeline; what it runs is its current version's definition. */
@Entity
public class Pipeline extends PanacheEntityBase {

    @Id
    public UUID id;
    public String name;
    public int currentVersion;
    public Instant createdAt;
    public Instant updatedAt;
    public Instant deletedAt;

    /** A pipeline not deleted. */
    public static Optional<Pipeline> live(UUID id) {
        return find("id = ?1 and deletedAt is null", id).firstResultOptional();
    }

    static Optional<Pipeline> liveNamed(String name) {
        return find("name = ?1 and deletedAt is null", name).firstResultOptional();
    }

    /** Pipelines not deleted, by name, after {@code afterName} (null: from the first), at most {@code limit}. */
    public static List<Pipeline> page(String afterName, int limit) {
        return (afterName == null ? find("deletedAt is null order by name")
                : find("deletedAt is null and name > ?1 order by name", afterName)).page(0, limit).list();
    }

    static long countAll() {
        return count();
    }
}
