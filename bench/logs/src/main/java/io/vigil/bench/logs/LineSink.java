package io.vigil.bench.logs;

import java.io.IOException;

/** Where the harness appends numbered lines: a step log, or the bare Kafka round trip's producer. */
interface LineSink {

    /** Appends lines {@code first} … {@code first + count - 1} of {@link BuildOutput}, each stamped {@code micros}. */
    void append(long first, int count, long micros) throws IOException;

    /** The task id its lines are read back under. */
    String taskId();
}
