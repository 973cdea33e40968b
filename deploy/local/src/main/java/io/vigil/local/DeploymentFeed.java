package io.vigil.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

/** Deployments reported live to the ingest webhook: one starts every few seconds, and finishes a few seconds later. */
public final class DeploymentFeed implements DemoFeed {

    private static final Duration EVERY = Duration.ofSeconds(3);

    private final URI webhook;
    private final HttpClient http;
    private final StackConsole console;
    private final Clock clock;
    private final RandomGenerator random;

    public DeploymentFeed(URI webhook, HttpClient http, StackConsole console, Clock clock, RandomGenerator random) {
        this.webhook = webhook;
        this.http = http;
        this.console = console;
        this.clock = clock;
        this.random = random;
    }

    @Override
    public void start(ScheduledExecutorService scheduler) {
        scheduler.scheduleWithFixedDelay(() -> begin(scheduler), 0, EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void begin(ScheduledExecutorService scheduler) {
        DemoDeployment deployment = DemoDeployment.next(random);
        if (post(deployment, deployment.runningBody(clock.instant()))) {
            long finishIn = 2000 + random.nextInt(3000);
            scheduler.schedule(() -> finish(deployment), finishIn, TimeUnit.MILLISECONDS);
        }
    }

    private void finish(DemoDeployment deployment) {
        if (post(deployment, deployment.finalBody(clock.instant()))) {
            console.line("demo", deployment.project().name() + " " + deployment.commitHash() + " by "
                    + deployment.triggeredBy() + ": " + deployment.finalStatus());
        }
    }

    private boolean post(DemoDeployment deployment, String body) {
        HttpRequest request = HttpRequest.newBuilder(webhook).timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                console.line("demo", deployment.project().name() + ": the webhook answered " + response.statusCode()
                        + " " + response.body());
                return false;
            }
            return true;
        } catch (IOException e) {
            console.line("demo", deployment.project().name() + ": cannot reach " + webhook + " (" + e.getMessage() + ")");
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
