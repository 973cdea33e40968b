package io.vigil.ingest.domain;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.vigil.events.payload.ProjectHealth;
import io.vigil.ingest.config.IngestConfig;
import io.vigil.outbox.EventOutbox;

/**
 * Probes each project's test URL and publishes {@code io.vigil.project.health}. Off unless enabled, and only
 * for URLs whose host is on the allow-list, so Vigil never becomes a tool for probing arbitrary addresses.
 */
@ApplicationScoped
public class ProjectHealthProbe {

    private static final Logger LOG = Logger.getLogger(ProjectHealthProbe.class);

    private final IngestConfig.HealthProbe config;
    private final EventOutbox outbox;
    private final Clock clock;
    private final HttpClient http;
    private final Set<String> allowedHosts;

    ProjectHealthProbe(IngestConfig config, EventOutbox outbox, Clock clock) {
        this.config = config.healthProbe();
        this.outbox = outbox;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(this.config.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.allowedHosts = this.config.allowedHosts().orElse(List.of()).stream()
                .map(h -> h.trim().toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    }

    @Scheduled(every = "${vigil.ingest.health-probe.interval:60s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void onSchedule() {
        if (config.enabled()) {
            probeAll();
        }
    }

    /** Probes every project with an allowed test URL once; returns how many were probed. */
    public int probeAll() {
        List<Project> projects = QuarkusTransaction.requiringNew().call(
                () -> Project.<Project>list("testUrl is not null"));
        int probed = 0;
        for (Project project : projects) {
            URI url = allowed(project.testUrl);
            if (url != null) {
                ProjectHealth health = probe(project.name, url);
                QuarkusTransaction.requiringNew().run(() -> outbox.publish(project.name, health.checkedAt(), health));
                probed++;
            }
        }
        return probed;
    }

    /** The URL when it is http(s) and its host is allowed; null otherwise. */
    URI allowed(String testUrl) {
        try {
            URI url = URI.create(testUrl.trim());
            String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
            boolean web = scheme.equals("http") || scheme.equals("https");
            return web && url.getHost() != null && allowedHosts.contains(url.getHost().toLowerCase(Locale.ROOT)) ? url : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private ProjectHealth probe(String project, URI url) {
        Instant start = clock.instant();
        long began = System.nanoTime();
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(url).timeout(config.timeout()).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            long took = Duration.ofNanos(System.nanoTime() - began).toMillis();
            boolean healthy = response.statusCode() >= 200 && response.statusCode() < 400;
            return new ProjectHealth(project, url.toString(), healthy, response.statusCode(), took, null, start);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.debugf("probe of %s (%s) failed: %s", project, url, e.toString());
            return new ProjectHealth(project, url.toString(), false, null,
                    Duration.ofNanos(System.nanoTime() - began).toMillis(), e.getClass().getSimpleName(), start);
        }
    }
}
