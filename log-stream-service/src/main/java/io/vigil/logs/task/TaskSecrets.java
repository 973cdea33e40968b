package io.vigil.logs.task;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.vigil.logs.config.LogStreamConfig;
import io.vigil.logs.mask.SecretMasker;
import io.vigil.logs.source.TaskIds;

/**
 * The values to mask in a task's lines: those registered for the task, and for the pipeline run a step task
 * belongs to, on top of the built-in and configured patterns. Kept in the database, so masking goes on after a
 * restart; cached per scope, since every batch of lines needs them.
 */
@ApplicationScoped
public class TaskSecrets {

    private static final int CACHED_MASKERS = 10_000;

    private final SecretMasker patterns;
    private final Clock clock;
    private final Map<String, List<String>> valuesByScope = new ConcurrentHashMap<>();
    private final Map<String, SecretMasker> maskers = new ConcurrentHashMap<>();

    TaskSecrets(LogStreamConfig config, Clock clock) {
        SecretMasker.Builder builder = SecretMasker.builder();
        config.maskPatterns().orElse(List.of()).forEach(pattern -> {
            try {
                builder.pattern(pattern);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("vigil.logs.mask-patterns: " + e.getMessage(), e);
            }
        });
        this.patterns = builder.build();
        this.clock = clock;
    }

    /** Registers {@code values} for a task or a run ({@code scope}); each is masked in the lines read from now on. */
    @Transactional
    public void register(String scope, Collection<String> values) {
        values.forEach(SecretMasker::checkValue);
        for (String value : values) {
            LogTask.getEntityManager().createNativeQuery("INSERT INTO registered_secret (scope, value, created_at)"
                    + " VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING").setParameter(1, scope).setParameter(2, value)
                    .setParameter(3, clock.instant()).executeUpdate();
        }
        valuesByScope.remove(scope);
        maskers.clear();
    }

    SecretMasker maskerFor(String taskId) {
        if (maskers.size() > CACHED_MASKERS) {
            maskers.clear(); // tasks long finished need none; those still running build theirs again
        }
        return maskers.computeIfAbsent(taskId, id -> {
            List<String> values = new ArrayList<>(values(id));
            String run = TaskIds.scopeOf(id);
            if (!run.equals(id)) {
                values.addAll(values(run));
            }
            return values.isEmpty() ? patterns : patterns.withValues(values);
        });
    }

    private List<String> values(String scope) {
        return valuesByScope.computeIfAbsent(scope, s -> LogTask.getEntityManager()
                .createNativeQuery("SELECT value FROM registered_secret WHERE scope = ?1", String.class)
                .setParameter(1, s).getResultList());
    }
}
