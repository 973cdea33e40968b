package io.vigil.monitor.metrics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.vigil.events.EventCodec;

/**
 * The {@code metrics_update} messages: Vigil's envelope ({@code {"type","data","timestamp"}}) on {@code /ws/metrics},
 * and the replaced system's shape ({@code system_metrics} and {@code account_metrics} at the top level) on its alias.
 */
public final class MetricsMessages {

    public static final String TYPE = "metrics_update";
    private static final ObjectMapper JSON = EventCodec.mapper();

    private MetricsMessages() {
    }

    public static String update(MetricsReport report) {
        ObjectNode message = envelope(report);
        ObjectNode data = JSON.valueToTree(report);
        data.remove("at");
        message.set("data", data);
        return write(message);
    }

    public static String legacyUpdate(MetricsReport report) {
        ObjectNode message = envelope(report);
        message.set("system_metrics", JSON.valueToTree(LegacyMetrics.system(report)));
        message.set("account_metrics", JSON.valueToTree(LegacyMetrics.accounts(report)));
        return write(message);
    }

    /** The answer to a {@code period} request: the period now in force. */
    public static String period(int seconds, java.time.Instant now) {
        ObjectNode message = JSON.createObjectNode().put("type", "period");
        message.putObject("data").put("seconds", seconds);
        message.put("timestamp", now.toString());
        return write(message);
    }

    private static ObjectNode envelope(MetricsReport report) {
        return JSON.createObjectNode().put("type", TYPE).put("timestamp", report.at().toString());
    }

    private static String write(ObjectNode message) {
        try {
            return JSON.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a metrics message", e);
        }
    }
}
