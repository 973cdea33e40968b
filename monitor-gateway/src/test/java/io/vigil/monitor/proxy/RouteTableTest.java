package io.vigil.monitor.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.smallrye.config.WithDefault;
import io.vigil.monitor.config.GatewayConfig;

/** Which owner serves a path, with the routes the gateway ships with. */
class RouteTableTest {

    private static final RouteTable DEFAULTS = new RouteTable(defaults());

    /** The table as GatewayConfig.Routes's defaults make it, so the test follows them. */
    private static Map<String, List<String>> defaults() {
        Map<String, List<String>> routes = new LinkedHashMap<>();
        for (String owner : List.of("ingest", "pipeline", "logs")) {
            try {
                String value = GatewayConfig.Routes.class.getMethod(owner).getAnnotation(WithDefault.class).value();
                routes.put(owner, List.of(value.split(",")));
            } catch (NoSuchMethodException e) {
                throw new AssertionError(e);
            }
        }
        return routes;
    }

    @Test
    void eachOwnersPathsAndWhatIsUnderThemGoToIt() {
        assertThat(DEFAULTS.ownerOf("/api/webhook/deployment")).contains("ingest");
        assertThat(DEFAULTS.ownerOf("/api/webhook/github")).contains("ingest");
        assertThat(DEFAULTS.ownerOf("/api/projects")).contains("ingest");
        assertThat(DEFAULTS.ownerOf("/api/projects/demo-app/stats")).contains("ingest");
        assertThat(DEFAULTS.ownerOf("/api/deployments/42/steps")).contains("ingest");
        assertThat(DEFAULTS.ownerOf("/api/pipelines/7/runs")).contains("pipeline");
        assertThat(DEFAULTS.ownerOf("/api/runs")).contains("pipeline");
        assertThat(DEFAULTS.ownerOf("/api/runs/3f1c/events")).contains("pipeline");
        assertThat(DEFAULTS.ownerOf("/api/tasks/r/build/1/history")).contains("logs");
        assertThat(DEFAULTS.ownerOf("/api/templates")).contains("logs");
        assertThat(DEFAULTS.ownerOf("/api/secrets/db")).contains("logs");
        assertThat(DEFAULTS.ownerOf("/v1/soft/install")).contains("logs");
        assertThat(DEFAULTS.ownerOf("/v1/log/history")).contains("logs");
        assertThat(DEFAULTS.ownerOf("/v1/log/status")).contains("logs");
    }

    @Test
    void theGatewaysOwnPathsAreNotRouted() {
        for (String own : List.of("/", "/api/alerts", "/api/silences/1", "/api/metrics", "/api/v1/monitor/stats",
                "/api/v1/monitor/workflows/run/1/events", "/api/v1/group-ai/monitor/ws/metrics", "/ws/monitor",
                "/ws/executions/1/", "/ws/logs/r/build/1", "/v1/log/ws", "/q/health", "/q/metrics", "/health",
                "/metrics", "/api")) {
            assertThat(DEFAULTS.ownerOf(own)).as(own).isEmpty();
        }
    }

    @Test
    void aPrefixCoversWholeSegmentsOnlyAndAnExactPathNothingBelowIt() {
        assertThat(DEFAULTS.ownerOf("/api/runsx")).isEmpty();
        assertThat(DEFAULTS.ownerOf("/api/webhooks")).isEmpty();
        assertThat(DEFAULTS.ownerOf("/v1/log/history/more")).isEmpty();
        assertThat(DEFAULTS.ownerOf("/v1/log/historyx")).isEmpty();
        assertThat(DEFAULTS.ownerOf(null)).isEmpty();
    }

    @Test
    void theLongestRouteWins() {
        RouteTable table = new RouteTable(Map.of("wide", List.of("/api/**"), "narrow", List.of("/api/runs/**")));
        assertThat(table.ownerOf("/api/runs/1")).contains("narrow");
        assertThat(table.ownerOf("/api/pipelines")).contains("wide");
        assertThat(table.ownerOf("/apix")).isEqualTo(Optional.empty());
    }

    @Test
    void aRouteMustBeAnAbsolutePathWithAtMostATrailingWildcard() {
        assertThatThrownBy(() -> new RouteTable(Map.of("ingest", List.of("api/webhook/**"))))
                .hasMessageContaining("must start with /");
        assertThatThrownBy(() -> new RouteTable(Map.of("ingest", List.of("/api/*/hook"))))
                .hasMessageContaining("only a trailing /** is a wildcard");
    }
}
