package io.vigil.outbox;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import io.quarkus.arc.DefaultBean;

/** UTC, unless the service produces a clock of its own (its tests may, to move time). */
@ApplicationScoped
class DefaultClock {

    @Produces
    @DefaultBean
    @ApplicationScoped
    Clock clock() {
        return Clock.systemUTC();
    }
}
