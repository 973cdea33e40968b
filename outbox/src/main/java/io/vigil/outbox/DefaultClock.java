package io.vigil.outbox;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import io.quarkus.arc.DefaultBean;

/** The services' clock: UTC, unless one produces its own; tests replace it (QuarkusMock) to move time. */
@ApplicationScoped
class DefaultClock {

    @Produces
    @DefaultBean
    @ApplicationScoped
    Clock clock() {
        return Clock.systemUTC();
    }
}
