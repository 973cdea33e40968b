package io.vigil.monitor.fanout;

import java.util.Optional;

/**
 * Whether a resuming client got every message after the point it resumed from. When not, {@code missing} is the
 * range neither history nor the live stream covered (possibly a little wider than the real hole, never narrower).
 */
public record Recovery(Optional<SeqRange> missing) {

    public static final Recovery COMPLETE = new Recovery(Optional.empty());

    public Recovery {
        missing = missing == null ? Optional.empty() : missing;
    }

    public static Recovery missing(long from, long to) {
        return new Recovery(Optional.of(new SeqRange(from, to)));
    }

    public boolean recovered() {
        return missing.isEmpty();
    }
}
