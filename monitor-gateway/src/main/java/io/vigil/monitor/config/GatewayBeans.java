package io.vigil.monitor.config;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import io.vigil.monitor.domain.LatestDeployments;

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
    LatestDeployments latestDeployments() {
        return new LatestDeployments();
    }
}
