package io.vigil.ingest.api;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.vigil.ingest.config.IngestConfig;
import io.vigil.ingest.domain.WebhookSignature;

/**
 * Decides whether a webhook request comes from a sender Vigil knows: a configured sender, with a valid
 * signature when it has a secret, or explicitly allowed to post unsigned. Secrets are never logged.
 */
@ApplicationScoped
public class WebhookSenders {

    private static final Logger LOG = Logger.getLogger(WebhookSenders.class);
    private final IngestConfig.Webhook config;

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
        return name;
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
