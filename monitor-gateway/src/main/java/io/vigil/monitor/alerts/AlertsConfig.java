package io.vigil.monitor.alerts;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** Settings of the alerts ({@code vigil.alerts.*}); each is listed in the service README. */
@ConfigMapping(prefix = "vigil.alerts")
public interface AlertsConfig {

    /** How often time-based conditions are evaluated (overdue steps, stuck runs, consumer lag, emptying windows). */
    @WithDefault("10s")
    Duration evaluationInterval();

    /** Alerts a {@code /ws/alerts} client is sent on connect. */
    @WithDefault("10")
    @Min(0)
    @Max(100)
    int recentOnConnect();

    Rules rules();

    /** Each rule: on or off, its severity, its thresholds. */
    interface Rules {

        Simple deploymentFailed();

        FailureRate failureRate();

        StepOverdue stepOverdue();

        RunFailed runFailed();

        LogErrors logErrors();

        ProjectDown projectDown();

        ConsumerLag consumerLag();

        RunStuck runStuck();
    }

    interface Rule {
        @WithDefault("true")
        boolean enabled();

        @WithDefault("critical")
        Severity severity();
    }

    interface Simple extends Rule {
    }

    interface RunFailed extends Rule {
        @Override
        @WithDefault("warning")
        Severity severity();
    }

    interface FailureRate extends Rule {
        @Override
        @WithDefault("warning")
        Severity severity();

        /** Fraction of failed outcomes above which the rule fires. */
        @WithDefault("0.5")
        @DecimalMin("0")
        @DecimalMax("1")
        double threshold();

        @WithDefault("1h")
        Duration window();

        /** Outcomes the window must hold before a rate means anything. */
        @WithDefault("4")
        @Min(1)
        int minOutcomes();
    }

    interface StepOverdue extends Rule {
        @Override
        @WithDefault("warning")
        Severity severity();

        @WithDefault("3")
        @DecimalMin("1")
        double factor();

        @WithDefault("60s")
        Duration minimum();

        @WithDefault("20")
        @Min(1)
        @Max(1000)
        int samples();

        @WithDefault("3")
        @Min(1)
        int minSamples();
    }

    interface LogErrors extends Rule {
        @Override
        @WithDefault("warning")
        Severity severity();

        @WithDefault("10")
        @Min(0)
        int perMinute();
    }

    interface ProjectDown extends Rule {
        /** Failed probes in a row before the project counts as down. */
        @WithDefault("2")
        @Min(1)
        int failures();
    }

    interface ConsumerLag extends Rule {
        @Override
        @WithDefault("warning")
        Severity severity();

        @WithDefault("10000")
        @Min(0)
        long threshold();
    }

    interface RunStuck extends Rule {
        @Override
        @WithDefault("warning")
        Severity severity();

        @WithDefault("15m")
        Duration after();
    }
}
