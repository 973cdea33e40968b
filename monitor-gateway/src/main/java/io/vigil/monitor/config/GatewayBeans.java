package io.vigil.monitor.config;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import io.vigil.monitor.domain.ExecutionSteps;
import io.vigil.monitor.domain.LatestDeployments;
import io.vigil.monitor.domain.MonitorMessage;
import io.vigil.monitor.fanout.FanOutLimits;
import io.vigil.monitor.fanout.Hub;

/** Plain domain objects the gateway shares as beans, and its UTC clock (tests replace it). */
@ApplicationScoped
public class GatewayBeans {

    @Produces
    @ApplicationScoped
    Clock clock() {
        return Clock.systemUTC();
    }

    @Produces
    @ApplicationScoped
    Hub hub(GatewayConfig config, Clock clock) {
        return new Hub(new FanOutLimits(config.maxQueuedMessages(), config.maxQueuedBytes(),
                config.maxClientsPerChannel()), () -> MonitorMessage.lagging(clock.instant()));
    }

    @Produces
    @ApplicationScoped
    ExecutionSteps executionSteps() {
        return new ExecutionSteps();
    }

    @Produces
    @ApplicationScoped
    LatestDeployments latestDeployments() {
        return new LatestDeployments();
    }
}
