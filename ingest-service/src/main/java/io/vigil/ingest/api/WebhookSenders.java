package io.vigil.ingest.api;

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

    /** The sender's name, once verified; throws {@link Unauthorized} otherwise. */
    public String verify(String senderHeader, String signature, byte[] body) {
        String name = senderHeader == null || senderHeader.isBlank() ? config.defaultSender() : senderHeader.trim();
        IngestConfig.Sender sender = config.senders().get(name);
        if (sender == null) {
            throw refuse(name, "unknown sender '" + name + "'");
        }
        if (sender.secret().isPresent()) {
            if (signature == null) {
                throw refuse(name, "X-Vigil-Signature is required for sender '" + name + "'");
            }
            if (!WebhookSignature.matches(signature, sender.secret().get(), body)) {
                throw refuse(name, "X-Vigil-Signature does not match the body");
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
