package io.vigil.monitor.fanout;

import java.util.HashSet;
import java.util.Set;

/**
 * Which publications of a channel one client wants: by project and by type. An empty set means everything. The
 * project filter only applies to publications that name a project (an alert or a metrics snapshot names none and
 * passes). Types are short names ({@code deployment.updated}); a CloudEvents type ({@code io.vigil.deployment.updated})
 * is accepted and shortened.
 */
public record Filter(Set<String> projects, Set<String> types) {

    public static final Filter EVERYTHING = new Filter(Set.of(), Set.of());

    static final String TYPE_PREFIX = "io.vigil.";

    public Filter {
        projects = projects == null ? Set.of() : Set.copyOf(projects);
        types = types == null ? Set.of() : shortNames(types);
    }

    public boolean accepts(Publication publication) {
        if (!types.isEmpty() && (publication.type() == null || !types.contains(publication.type()))) {
            return false;
        }
        return projects.isEmpty() || publication.project() == null || projects.contains(publication.project());
    }

    static String shortName(String type) {
        return type != null && type.startsWith(TYPE_PREFIX) ? type.substring(TYPE_PREFIX.length()) : type;
    }

    private static Set<String> shortNames(Set<String> types) {
        Set<String> names = new HashSet<>();
        for (String type : types) {
            names.add(shortName(type));
        }
        return Set.copyOf(names);
    }
}
