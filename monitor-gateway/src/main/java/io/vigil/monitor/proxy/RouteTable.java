package io.vigil.monitor.proxy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which owner serves a path, by the routes each owner was given: {@code /api/runs/**} covers {@code /api/runs} and
 * everything under it, any other entry one exact path. The longest matching entry wins, so a narrower route can be
 * carved out of a wider one. Plain Java; immutable.
 */
public final class RouteTable {

    private static final String SUBTREE = "/**";

    private record Entry(String path, boolean subtree, String owner) {

        boolean covers(String requested) {
            return requested.equals(path)
                    || subtree && requested.startsWith(path) && requested.charAt(path.length()) == '/';
        }
    }

    private final List<Entry> entries;

    /** @param routes each owner's name and its paths, as configured */
    public RouteTable(Map<String, List<String>> routes) {
        List<Entry> all = new ArrayList<>();
        routes.forEach((owner, paths) -> paths.forEach(path -> all.add(entry(path, owner))));
        all.sort(Comparator.comparingInt((Entry entry) -> entry.path().length()).reversed());
        this.entries = List.copyOf(all);
    }

    private static Entry entry(String route, String owner) {
        if (!route.startsWith("/")) {
            throw new IllegalArgumentException("route " + route + " of " + owner + " must start with /");
        }
        boolean subtree = route.endsWith(SUBTREE);
        String path = subtree ? route.substring(0, route.length() - SUBTREE.length()) : route;
        if (path.contains("*")) {
            throw new IllegalArgumentException("route " + route + " of " + owner + ": only a trailing /** is a wildcard");
        }
        return new Entry(path, subtree, owner);
    }

    /** The owner serving {@code path} (a normalized request path, without query); empty when the gateway serves it. */
    public Optional<String> ownerOf(String path) {
        if (path == null) {
            return Optional.empty();
        }
        for (Entry entry : entries) {
            if (entry.covers(path)) {
                return Optional.of(entry.owner());
            }
        }
        return Optional.empty();
    }
}
