package io.vigil.bench.ingest;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.FileSystemOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;

/**
 * The harness's HTTP client: Vert.x core's, HTTP/1.1 with keep-alive, on one event loop. At 3,000 requests/s the
 * JDK's HttpClient (selector thread, executor hand-offs, CompletableFuture chains) kept most of a core busy, which
 * on a 2-core box starved the service being measured; this one needs about a fifth of that. A second event loop
 * (connections spread over both) cost slightly more, since every request comes from the one scheduler thread.
 */
final class Http implements AutoCloseable {

    /** A request built before it is sent: method, URI, headers and timeout, and the body if any. */
    record Request(RequestOptions options, Buffer body) {
        Request header(String name, String value) {
            options.putHeader(name, value);
            return this;
        }
    }

    /** A response read to its end. */
    record Answer(int status, Buffer body) {
        String text() {
            return body.toString(StandardCharsets.UTF_8);
        }
    }

    private final Vertx vertx;
    private final HttpClient client;

    /** At most {@code maxConnections} kept-alive connections; a TCP connect gives up after 5 s. */
    Http(int maxConnections) {
        this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1)
                .setInternalBlockingPoolSize(1)
                // no file serving here: without this Vert.x would set up a file cache under /tmp
                .setFileSystemOptions(new FileSystemOptions().setClassPathResolvingEnabled(false)
                        .setFileCachingEnabled(false)));
        this.client = vertx.createHttpClient(new HttpClientOptions().setProtocolVersion(HttpVersion.HTTP_1_1)
                .setKeepAlive(true).setPipelining(false).setMaxPoolSize(maxConnections).setConnectTimeout(5_000));
    }

    static Request get(URI uri, long timeoutMillis) {
        return new Request(options(HttpMethod.GET, uri, timeoutMillis), null);
    }

    static Request postJson(URI uri, long timeoutMillis, byte[] body) {
        RequestOptions options = options(HttpMethod.POST, uri, timeoutMillis).putHeader("Content-Type", "application/json");
        return new Request(options, Buffer.buffer(body));
    }

    /** Both a wait for a pooled connection and a silence of the server longer than the timeout fail the request. */
    private static RequestOptions options(HttpMethod method, URI uri, long timeoutMillis) {
        return new RequestOptions().setMethod(method).setAbsoluteURI(uri.toString()).setTimeout(timeoutMillis);
    }

    /** Sends from any thread; the future completes on the event loop once the whole response is read. */
    Future<Answer> send(Request request) {
        return client.request(request.options())
                .compose(r -> request.body() == null ? r.send() : r.send(request.body()))
                .compose(response -> response.body().map(body -> new Answer(response.statusCode(), body)));
    }

    /** For the few calls outside the measured load: sends and waits (the request's own timeout bounds the wait). */
    Answer call(Request request) throws Exception {
        try {
            return send(request).toCompletionStage().toCompletableFuture().get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    @Override
    public void close() {
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            System.err.println("could not close the HTTP client: " + e);
        }
    }
}
