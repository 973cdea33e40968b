package io.vigil.monitor.proxy;

import java.util.List;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyResponse;

/**
 * Tells an owner who asked ({@code X-Forwarded-For/-Proto/-Host}) and keeps hop-by-hop headers to their hop, both
 * ways: the proxy drops the standard ones from requests only, and neither those a {@code Connection} header names.
 * Everything else, signature headers included, passes as it came.
 */
final class ForwardedHeaders implements ProxyInterceptor {

    private static final List<String> HOP_BY_HOP = List.of("connection", "keep-alive", "proxy-connection",
            "proxy-authenticate", "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade");

    @Override
    public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
        HttpServerRequest client = context.request().proxiedRequest();
        MultiMap headers = context.request().headers();
        dropConnectionListed(headers);
        String address = client.remoteAddress() == null ? "unknown" : client.remoteAddress().hostAddress();
        String earlier = headers.get("X-Forwarded-For");
        headers.set("X-Forwarded-For", earlier == null ? address : earlier + ", " + address);
        headers.set("X-Forwarded-Proto", client.scheme());
        if (client.authority() != null) {
            headers.set("X-Forwarded-Host", client.authority().toString());
        }
        return context.sendRequest();
    }

    @Override
    public Future<Void> handleProxyResponse(ProxyContext context) {
        MultiMap headers = context.response().headers();
        dropConnectionListed(headers);
        HOP_BY_HOP.forEach(headers::remove);
        // the gateway's own headers on every answer (security headers) stand alone, not beside the owner's copies
        context.request().proxiedRequest().response().headers().names().forEach(headers::remove);
        return context.sendResponse();
    }

    /** RFC 9110 §7.6.1: the headers a Connection header names are for this hop only. */
    private static void dropConnectionListed(MultiMap headers) {
        for (String connection : headers.getAll("Connection")) {
            for (String name : connection.split(",")) {
                if (!name.isBlank()) {
                    headers.remove(name.trim());
                }
            }
        }
    }
}
