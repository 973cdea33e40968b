package io.vigil.monitor.alerts;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * What a rule concluded about one alert: its condition holds ({@link Fire}) or does not ({@link Clear}). Rules say
 * so each time they look, not only on change; what is already open or already closed is filtered out later.
 */
public sealed interface Verdict {

    AlertKey key();

    Instant at();

    /**
     * The condition holds. {@code context} adds labels that describe this firing without identifying the alert
     * (the deployment that failed, the run that stuck), so the same condition stays one alert.
     */
    record Fire(AlertKey key, Severity severity, String summary, Map<String, String> context, Instant at)
            implements Verdict {

        public Fire {
            context = Map.copyOf(context == null ? Map.of() : context);
        }

        /** The identifying labels and the context, as stored and shown. */
        public Map<String, String> labels() {
            Map<String, String> all = new HashMap<>(context);
            all.putAll(key.labels());
            return all;
        }
    }

    /** The condition no longer holds: an open alert with this key resolves itself. */
    record Clear(AlertKey key, Instant at) implements Verdict {
    }
}
