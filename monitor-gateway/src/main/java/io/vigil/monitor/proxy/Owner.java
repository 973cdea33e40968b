package io.vigil.monitor.proxy;

import java.net.URI;
import java.util.List;

/** A service that owns some of the paths port 8080 answers: its name, where it listens, the paths it serves. */
public record Owner(String name, URI url, List<String> routes) {

    public Owner {
        if (url.getHost() == null || !("http".equals(url.getScheme()) || "https".equals(url.getScheme()))) {
            throw new IllegalArgumentException(name + ": " + url + " is no http(s)://host[:port] URL");
        }
        routes = List.copyOf(routes);
    }

    public boolean tls() {
        return "https".equals(url.getScheme());
    }

    public int port() {
        return url.getPort() > 0 ? url.getPort() : tls() ? 443 : 80;
    }
}
