package io.vigil.monitor.alerts.rules;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

import io.vigil.monitor.alerts.AlertKey;
import io.vigil.monitor.alerts.AlertRule;
import io.vigil.monitor.alerts.Severity;
import io.vigil.monitor.alerts.Verdict;

/**
 * This gateway replica reads too far behind the log end: its clients see events late. Each replica's lag is its
 * own alert ({@code instance} = its consumer group), since each replica consumes every partition itself.
 */
public final class ConsumerLagRule implements AlertRule {

    public static final String NAME = "consumer-lag";

    private final Severity severity;
    private final long threshold;
    private final LongSupplier lag;
    private final AlertKey key;

    public ConsumerLagRule(Severity severity, long threshold, LongSupplier lag, String instance) {
        this.severity = severity;
        this.threshold = threshold;
        this.lag = lag;
        this.key = AlertKey.of(NAME, "instance", instance);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Verdict> evaluate(Instant now) {
        long records = lag.getAsLong();
        if (records > threshold) {
            return List.of(new Verdict.Fire(key, severity, "the gateway's consumer is " + records
                    + " records behind (threshold " + threshold + ")", Map.of(), now));
        }
        return List.of(new Verdict.Clear(key, now));
    }
}
