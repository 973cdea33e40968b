package io.vigil.ingest.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

import io.vigil.ingest.config.IngestConfig;
import io.vigil.ingest.domain.WebhookSignature;

/**
 * Decides whether a webhook request comes from a sender Vigil knows: a configured sender, with a valid
 * signature when it has a secret, or explicitly allowed to post unsigned; and whether that sender is within
 * its rate limit. Secrets are never logged.
 */
@ApplicationScoped
public class WebhookSenders {

    private static final Logger LOG = Logger.getLogger(WebhookSenders.class);
    private final IngestConfig.Webhook config;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    WebhookSenders(IngestConfig config) {
        this.config = config.webhook();
    }

    /** How a request proves its sender: an HMAC signature of the body, or a shared token (GitLab). */
    public sealed interface Proof {
        /** {@code sha256=<hex>} in {@code header} (X-Vigil-Signature, X-Hub-Signature-256). */
        record Signature(String header, String value, byte[] body) implements Proof {
        }

        /** The secret itself in {@code header} (X-Gitlab-Token), compared in constant time. */
        record Token(String header, String value) implements Proof {
        }

        String header();

        String value();
    }

    /** The sender's name once verified and within its rate limit; throws {@link Unauthorized} or {@link TooManyRequests}. */
    public String verify(String requested, String fallback, Proof proof) {
        String name = requested == null || requested.isBlank() ? fallback : requested.trim();
        IngestConfig.Sender sender = config.senders().get(name);
        if (sender == null) {
            throw refuse(name, "unknown sender '" + name + "'");
        }
        if (sender.secret().isPresent()) {
            if (proof.value() == null) {
                throw refuse(name, proof.header() + " is required for sender '" + name + "'");
            }
            if (!matches(proof, sender.secret().get())) {
                throw refuse(name, proof.header() + " does not match");
            }
        } else if (!sender.unsigned()) {
            throw refuse(name, "sender '" + name + "' has no secret configured and is not allowed to post unsigned");
        }
        ConsumptionProbe probe = buckets.computeIfAbsent(name, n -> bucket(sender.rateLimit())).tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            throw new TooManyRequests(name, Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999) / 1_000_000_000));
        }
        return name;
    }

    /** The default sender of Vigil's own format, for requests without {@code X-Vigil-Sender}. */
    public String defaultSender() {
        return config.defaultSender();
    }

    private static boolean matches(Proof proof, String secret) {
        if (proof instanceof Proof.Signature signature) {
            return WebhookSignature.matches(signature.value(), secret, signature.body());
        }
        return MessageDigest.isEqual(proof.value().getBytes(StandardCharsets.UTF_8), secret.getBytes(StandardCharsets.UTF_8));
    }

    private static Bucket bucket(int perSecond) {
        return Bucket.builder().addLimit(limit -> limit.capacity(perSecond).refillGreedy(perSecond, Duration.ofSeconds(1)))
                .build();
    }

    /** A sender over its rate limit; answered 429 with {@code Retry-After}. */
    public static class TooManyRequests extends RuntimeException {
        private final long retryAfterSeconds;

        public TooManyRequests(String sender, long retryAfterSeconds) {
            super("sender '" + sender + "' is over its rate limit; retry after " + retryAfterSeconds + " s");
            this.retryAfterSeconds = retryAfterSeconds;
        }

        public long retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }

    private static Unauthorized refuse(String sender, String reason) {
        LOG.warnf("refused a webhook from sender %s: %s", sender, reason);
        return new Unauthorized(reason);
    }

    /** A request that cannot be attributed to a known sender; answered 401. */
    public static class Unauthorized extends RuntimeException {
        public Unauthorized(String message) {
            super(message);
        }
    }
}
