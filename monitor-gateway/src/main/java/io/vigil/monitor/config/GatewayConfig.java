package io.vigil.monitor.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Min;

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
}
