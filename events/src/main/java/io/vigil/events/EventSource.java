package io.vigil.events;

import java.net.URI;

/** The CloudEvents {@code source} of each Vigil service. */
public enum EventSource {
    INGEST("/vigil/ingest"),
    PIPELINE("/vigil/pipeline"),
    LOGS("/vigil/logs"),
    MONITOR("/vigil/monitor");

    private final URI uri;

    EventSource(String uri) {
        this.uri = URI.create(uri);
    }

    public URI uri() {
        return uri;
    }
}
