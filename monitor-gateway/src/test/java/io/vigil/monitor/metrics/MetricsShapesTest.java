package io.vigil.monitor.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.vigil.events.EventCodec;
import io.vigil.monitor.metrics.MetricsReport.GatewayMetrics;
import io.vigil.monitor.metrics.MetricsReport.PipelineMetrics;
import io.vigil.monitor.metrics.MetricsReport.ProjectMetrics;
import io.vigil.monitor.metrics.MetricsReport.TaskMetrics;

/** The messages and values a report becomes: Vigil's envelope, the legacy shape, the snapshot's series. */
class MetricsShapesTest {

    static final Instant T = Instant.parse("2026-11-25T10:00:00Z");

    static final MetricsReport REPORT = new MetricsReport(T,
            List.of(new ProjectMetrics("demo", 4, 3, 1, 0.75, 20.0, 30.0, 1, 1, true, T.minusSeconds(5)),
                    new ProjectMetrics("idle \"x\"", 0, 0, 0, null, null, null, 0, 0, null, null)),
            List.of(new PipelineMetrics("build", 2, 1, 1, 0.5, 1, 2, 10.0, 12.0)),
            List.of(new TaskMetrics("t-1", 2.5, 0.5)),
            new GatewayMetrics(Map.of("/ws/metrics", 2L), 4.0, 120, 1));

    @Test
    void anUpdateCarriesTheReportInTheProtocolEnvelope() throws Exception {
        JsonNode message = EventCodec.mapper().readTree(MetricsMessages.update(REPORT));

        assertThat(message.get("type").asText()).isEqualTo("metrics_update");
        assertThat(message.get("timestamp").asText()).isEqualTo("2026-11-25T10:00:00Z");
        assertThat(message.get("data").has("at")).isFalse();
        assertThat(message.get("data").get("projects").get(0).toString()).isEqualTo("{\"project\":\"demo\","
                + "\"deployments_total\":4,\"deployments_succeeded\":3,\"deployments_failed\":1,\"success_rate\":0.75,"
                + "\"duration_avg_seconds\":20.0,\"duration_p90_seconds\":30.0,\"in_progress\":1,\"rollbacks\":1,"
                + "\"healthy\":true,\"last_activity\":\"2026-11-25T09:59:55Z\"}");
        assertThat(message.get("data").get("projects").get(1).has("success_rate")).isFalse();
        assertThat(message.get("data").get("pipelines").get(0).toString()).isEqualTo("{\"pipeline\":\"build\","
                + "\"runs_total\":2,\"runs_succeeded\":1,\"runs_failed\":1,\"success_rate\":0.5,\"running\":1,"
                + "\"queued\":2,\"duration_avg_seconds\":10.0,\"duration_p90_seconds\":12.0}");
        assertThat(message.get("data").get("tasks").get(0).toString())
                .isEqualTo("{\"task_id\":\"t-1\",\"lines_per_second\":2.5,\"error_lines_per_second\":0.5}");
        assertThat(message.get("data").get("gateway").toString()).isEqualTo("{\"connections\":{\"/ws/metrics\":2},"
                + "\"messages_sent_per_second\":4.0,\"messages_sent\":120,\"lagging_disconnects\":1}");
    }

    @Test
    void theLegacyUpdateKeepsEveryFieldOfTheReplacedSystemAtTheTopLevel() throws Exception {
        JsonNode message = EventCodec.mapper().readTree(MetricsMessages.legacyUpdate(REPORT));

        assertThat(message.get("type").asText()).isEqualTo("metrics_update");
        assertThat(message.get("timestamp").asText()).isEqualTo("2026-11-25T10:00:00Z");
        assertThat(message.has("data")).isFalse();
        assertThat(message.get("system_metrics").toString()).isEqualTo("{\"total_accounts\":2,\"online_accounts\":1,"
                + "\"total_messages\":4,\"total_replies\":3,\"total_redpackets\":1,\"total_errors\":2,"
                + "\"average_reply_time\":20.0,\"deployments_in_progress\":1,\"runs_running\":1,"
                + "\"timestamp\":\"2026-11-25T10:00:00Z\"}");
        assertThat(message.get("account_metrics").get(0).toString()).isEqualTo("{\"account_id\":\"demo\","
                + "\"message_count\":4,\"reply_count\":3,\"redpacket_count\":1,\"error_count\":1,"
                + "\"last_activity\":\"2026-11-25T09:59:55Z\",\"success_rate\":0.75,\"in_progress\":1}");
        assertThat(message.get("account_metrics").get(1).get("last_activity").isNull())
                .as("the legacy field is there even when unknown").isTrue();
    }

    @Test
    void aSnapshotNamesItsValuesLikePrometheusSeries() {
        Map<String, Double> values = SnapshotValues.of(REPORT);

        assertThat(values).containsEntry("deployments_total", 4.0)
                .containsEntry("deployments_failed_total", 1.0)
                .containsEntry("deployments_total{project=\"demo\"}", 4.0)
                .containsEntry("deployment_duration_seconds_p90{project=\"demo\"}", 30.0)
                .containsEntry("deployments_total{project=\"idle \\\"x\\\"\"}", 0.0)
                .containsEntry("runs_queued{pipeline=\"build\"}", 2.0)
                .containsEntry("run_success_ratio{pipeline=\"build\"}", 0.5)
                .containsEntry("log_lines_per_second", 2.5)
                .containsEntry("log_error_lines_per_second", 0.5)
                .containsEntry("gateway_connections{endpoint=\"/ws/metrics\"}", 2.0)
                .containsEntry("gateway_messages_sent_total", 120.0)
                .containsEntry("gateway_lagging_disconnects_total", 1.0)
                .doesNotContainKey("deployment_success_ratio{project=\"idle \\\"x\\\"\"}");
    }
}
