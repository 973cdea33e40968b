package io.vigil.monitor.alerts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What makes an alert the same alert: its rule and its identifying labels. As in Alertmanager, the fingerprint is a
 * hash of them, so every replica computes the same one for the same condition and the database can refuse a
 * second open alert with it.
 */
public record AlertKey(String rule, Map<String, String> labels) {

    public AlertKey {
        if (rule == null || rule.isBlank()) {
            throw new IllegalArgumentException("an alert key needs a rule");
        }
        labels = Map.copyOf(labels == null ? Map.of() : labels);
    }

    public static AlertKey of(String rule, String label, String value) {
        return new AlertKey(rule, Map.of(label, value));
    }

    /**
     * 16 hex digits of SHA-256 over the rule and the labels in name order, written as JSON so that no value can pass
     * for a label boundary.
     */
    public String fingerprint() {
        String text = Sql.json(List.of(rule, new TreeMap<>(labels)));
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
