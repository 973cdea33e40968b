package io.vigil.ingest.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** Settings of ingest-service ({@code vigil.ingest.*}); each is listed in the service README. */
@ConfigMapping(prefix = "vigil.ingest")
public interface IngestConfig {

    /** The deployment webhook. */
    Webhook webhook();

    /** Storing reports: lanes of group commit. */
    Writer writer();

    /** Probing projects' test URLs. */
    HealthProbe healthProbe();

    /** How long deployments are kept; empty (the default) keeps them forever. */
    Optional<Duration> retention();

    interface HealthProbe {
        /** Off by default: Vigil never calls out unless told to. */
        @WithDefault("false")
        boolean enabled();

        @WithDefault("60s")
        Duration interval();

        @WithDefault("5s")
        Duration timeout();

        /** The only hosts a test URL may point at; a project whose URL names another host is not probed. */
        Optional<List<String>> allowedHosts();
    }

    interface Webhook {
        /** Largest body accepted; a larger one is answered 413. */
        @WithDefault("1M")
        MemorySize maxBody();

        /** The sender a request belongs to when it names none in {@code X-Vigil-Sender}. */
        @WithDefault("scripts")
        String defaultSender();

        /** How long reports of the same project, commit and trigger continue one deployment (when the sender gives no deployment_id). */
        @WithDefault("1h")
        Duration sameDeploymentWindow();

        /** Known senders by name; a request from any other is refused. */
        Map<String, Sender> senders();
    }

    interface Sender {
        /** HMAC-SHA256 key: requests must carry {@code X-Vigil-Signature: sha256=<hex>} of their raw body. */
        Optional<String> secret();

        /** Accept unsigned requests from this sender (existing scripts that cannot sign); ignored when a secret is set. */
        @WithDefault("false")
        boolean unsigned();

        /** Requests per second this sender may make (and as a burst); more are answered 429 with Retry-After. */
        @WithDefault("5000")
        @Min(1)
        int rateLimit();
    }

    interface Writer {
        /**
         * Writers storing reports in parallel, each in its own transactions; a project's reports always go to
         * the same one, so they are stored in the order they came.
         */
        @WithDefault("4")
        @Min(1)
        @Max(64)
        int lanes();

        /** Most reports one transaction stores: whatever waits in a lane, up to this many, is committed together. */
        @WithDefault("500")
        @Min(1)
        @Max(10_000)
        int maxBatch();

        /** Reports that may wait in one lane; when it is full, webhooks are answered 503 with Retry-After. */
        @WithDefault("10000")
        @Min(1)
        int queueCapacity();
    }
}
