package io.vigil.local;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.random.RandomGenerator;

/** The {@code --demo} traffic: runs every feed on one scheduler until the stack stops. */
public final class DemoTraffic {

    private final List<DemoFeed> feeds;
    private ScheduledExecutorService scheduler;

    public DemoTraffic(List<DemoFeed> feeds) {
        this.feeds = List.copyOf(feeds);
    }

    /** The feeds of a stack on {@code ports}. */
    public static DemoTraffic forStack(Ports ports, StackConsole console) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        URI webhook = URI.create(ports.url(Service.INGEST) + "/api/webhook/deployment");
        return new DemoTraffic(List.of(
                new DeploymentFeed(webhook, http, console, Clock.systemUTC(), RandomGenerator.getDefault())));
    }

    public synchronized void start() {
        scheduler = Executors.newScheduledThreadPool(2, task -> {
            Thread thread = new Thread(task, "demo-traffic");
            thread.setDaemon(true);
            return thread;
        });
        feeds.forEach(feed -> feed.start(scheduler));
    }

    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }
}
