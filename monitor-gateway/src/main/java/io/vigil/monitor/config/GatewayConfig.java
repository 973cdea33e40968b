package io.vigil.monitor.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;

/** Settings of monitor-gateway ({@code vigil.gateway.*}); each is listed in the service README. */
@ConfigMapping(prefix = "vigil.gateway")
public interface GatewayConfig {

    /** How many recent event ids are remembered to drop duplicate deliveries. */
    @WithDefault("10000")
    @Min(1)
    int dedupeWindow();

    /** Messages a client may have waiting before it is told it lags and is closed. */
    @WithDefault("1000")
    @Min(1)
    int maxQueuedMessages();

    /** Bytes a client may have waiting before it is told it lags and is closed. */
    @WithDefault("4194304")
    @Min(1024)
    long maxQueuedBytes();

    /** Clients one run's or one task's stream serves at most. */
    @WithDefault("100")
    @Min(1)
    int maxClientsPerChannel();

    /** A client not heard from for this long (no message, no pong to the protocol pings) is closed. */
    @WithDefault("600s")
    Duration idleTimeout();

    /** How often clients are looked at for the idle timeout. */
    @WithDefault("30s")
    Duration idleCheckInterval();

    /** Base URL of ingest-service, whose REST API the gateway asks for history. */
    @WithDefault("http://127.0.0.1:8081")
    String ingestUrl();

    /** Base URL of pipeline-service. */
    @WithDefault("http://127.0.0.1:8082")
    String pipelineUrl();

    /** Base URL of log-stream-service. */
    @WithDefault("http://127.0.0.1:8083")
    String logsUrl();

    /** WebSockets one client address may hold open at once, over every endpoint. */
    @WithDefault("200")
    @Min(1)
    int maxConnectionsPerAddress();

    /**
     * Browser origins besides the gateway's own that may open WebSockets ({@code https://dash.example.com}); a
     * browser on any other site is refused, so a page elsewhere cannot use a signed-in user's browser to listen.
     * Clients that send no {@code Origin} (scripts, CLIs) are not concerned.
     */
    Optional<List<String>> allowedOrigins();

    /** The owners' paths that port 8080 routes through to them; see {@link Routes}. */
    Routes routes();

    /**
     * Paths routed to each owner: {@code /api/runs/**} is the path and everything under it, any other entry one exact
     * path. Every entry starts with {@code /}.
     */
    interface Routes {

        String PATH = "/[^*\\s]*(/\\*\\*)?";

        @WithDefault("/api/webhook/**,/api/projects/**,/api/deployments/**")
        @NotEmpty
        List<@Pattern(regexp = PATH) String> ingest();

        @WithDefault("/api/pipelines/**,/api/runs/**")
        @NotEmpty
        List<@Pattern(regexp = PATH) String> pipeline();

        @WithDefault("/api/tasks/**,/api/templates/**,/api/secrets/**,/v1/soft/install,/v1/log/history,/v1/log/status")
        @NotEmpty
        List<@Pattern(regexp = PATH) String> logs();

        /** An owner that sends no byte for this long (to connect, answer, or go on streaming) gets a 504. */
        @WithDefault("30s")
        Duration timeout();

        /** How long connecting to an owner may take before it counts as down (502). */
        @WithDefault("2s")
        Duration connectTimeout();
    }
}
