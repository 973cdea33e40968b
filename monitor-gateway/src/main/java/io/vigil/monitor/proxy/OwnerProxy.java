package io.vigil.monitor.proxy;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.Router;
import io.vertx.httpproxy.HttpProxy;
import io.vigil.monitor.config.GatewayConfig;

/**
 * Makes port 8080 the one address users need: requests for an owner's paths ({@link RouteTable}) go through a
 * streaming reverse proxy to that owner, body byte for byte both ways, never buffered whole; every other path is
 * the gateway's own. The route sits ahead of the gateway's REST and WebSocket routes and passes on what it does not
 * route.
 */
@ApplicationScoped
public class OwnerProxy {

    /** After Quarkus's own filters (CORS, body limits), ahead of every application route. */
    static final int ORDER = -1;

    private final List<Owner> owners;
    private final GatewayConfig.Routes config;
    private final Vertx vertx;
    private final MeterRegistry registry;
    private final ObjectMapper json;

    OwnerProxy(GatewayConfig config, Vertx vertx, MeterRegistry registry, ObjectMapper json) {
        GatewayConfig.Routes routes = config.routes();
        this.owners = List.of(new Owner("ingest-service", URI.create(config.ingestUrl()), routes.ingest()),
                new Owner("pipeline-service", URI.create(config.pipelineUrl()), routes.pipeline()),
                new Owner("log-stream-service", URI.create(config.logsUrl()), routes.logs()));
        this.config = routes;
        this.vertx = vertx;
        this.registry = registry;
        this.json = json;
    }

    void route(@Observes Router router) {
        // the owners' own encodings pass through untouched: no decompression, no compression here
        HttpClient client = vertx.createHttpClient(new HttpClientOptions().setDecompressionSupported(false)
                .setMaxPoolSize(50));
        Map<String, HttpProxy> proxies = new LinkedHashMap<>();
        Map<String, List<String>> routes = new LinkedHashMap<>();
        for (Owner owner : owners) {
            proxies.put(owner.name(), proxy(client, owner));
            routes.put(owner.name(), owner.routes());
        }
        RouteTable table = new RouteTable(routes);
        router.route().order(ORDER).handler(context -> table.ownerOf(context.normalizedPath()).map(proxies::get)
                .ifPresentOrElse(proxy -> proxy.handle(context.request()), context::next));
    }

    private HttpProxy proxy(HttpClient client, Owner owner) {
        RequestOptions origin = new RequestOptions().setHost(owner.url().getHost()).setPort(owner.port())
                .setSsl(owner.tls()).setConnectTimeout(config.connectTimeout().toMillis())
                .setIdleTimeout(config.timeout().toMillis());
        return HttpProxy.reverseProxy(client)
                .origin(context -> context.client().request(new RequestOptions(origin)))
                .addInterceptor(new ProxyOutcomes(owner.name(), registry, json))
                .addInterceptor(new ForwardedHeaders());
    }
}
