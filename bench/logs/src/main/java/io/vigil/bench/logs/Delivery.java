package io.vigil.bench.logs;

import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one case's lines came back as: each expected task's line numbers seen (every one exactly once), the latency
 * of each line (arrival − its stamp), whether each line's text is the line written under its number (masked where
 * it carried a secret), and when the first and the last line arrived. Fed by one reader thread; read by others only
 * once {@link #complete()} or after that thread stopped.
 */
final class Delivery {

    private static final class Task {
        final long expected;
        final BitSet seen = new BitSet();
        long duplicates;

        Task(long expected) {
            this.expected = expected;
        }
    }

    private final Map<String, Task> tasks = new LinkedHashMap<>();
    private final long expectedLines;
    private final long expectedSecrets;
    private final Samples latency = new Samples();
    private long received;
    private long duplicates;
    private long outOfRange;
    private long otherTasks;
    private long unstamped;
    private long secretsMasked;
    private long secretsLeaked;
    private long notAsWritten;
    private long secretsVisible;
    private long statusEvents;
    private long lineEvents;
    private long firstMicros = -1;
    private long lastMicros = -1;
    private volatile boolean complete;

    /** Expects lines 1 … {@code linesEach} of every task in {@code taskIds}. */
    Delivery(Iterable<String> taskIds, long linesEach) {
        long all = 0;
        for (String id : taskIds) {
            tasks.put(id, new Task(linesEach));
            all += linesEach;
        }
        expectedLines = all;
        long secrets = 0;
        for (long n = 1; n <= linesEach; n++) {
            secrets += BuildOutput.secret(n) ? 1 : 0;
        }
        expectedSecrets = secrets * tasks.size();
    }

    void lineEvent() {
        lineEvents++;
    }

    void statusEvent() {
        statusEvents++;
    }

    /** Line {@code offset} of {@code taskId}, with its (masked) text, arrived at {@code micros}. */
    void line(String taskId, long offset, String text, long micros) {
        Task task = tasks.get(taskId);
        if (task == null) {
            otherTasks++;
            return;
        }
        if (offset < 1 || offset > task.expected) {
            outOfRange++;
            return;
        }
        if (task.seen.get((int) offset)) {
            task.duplicates++;
            duplicates++;
            return;
        }
        task.seen.set((int) offset);
        received++;
        if (firstMicros < 0) {
            firstMicros = micros;
        }
        lastMicros = micros;
        long stamp = Stamp.read(text);
        if (stamp < 0) {
            unstamped++;
        } else {
            latency.add(micros - stamp);
        }
        check(offset, stamp < 0 ? text : Stamp.strip(text));
        if (BuildOutput.showsSecret(text)) {
            secretsVisible++;
        }
        if (received == expectedLines) {
            complete = true;
        }
    }

    /**
     * Whether the text is line {@code offset} as written: equal to it, or, for a line carrying a secret, masked
     * ({@code ***}) after a prefix equal to the written line's. Anything else means lines were split, merged or
     * numbered wrongly.
     */
    private void check(long offset, String body) {
        String written = BuildOutput.line(offset);
        int star = body.indexOf("***");
        if (BuildOutput.secret(offset)) {
            if (star >= 0 && written.startsWith(body.substring(0, star))) {
                secretsMasked++;
            } else if (body.equals(written)) {
                secretsLeaked++;
            } else {
                notAsWritten++;
            }
        } else if (!body.equals(written)) {
            notAsWritten++;
        }
    }

    boolean complete() {
        return complete;
    }

    long received() {
        return received;
    }

    long expected() {
        return expectedLines;
    }

    /** When the first and the last new line arrived (epoch µs); -1 before any. */
    long firstMicros() {
        return firstMicros;
    }

    long lastMicros() {
        return lastMicros;
    }

    Samples latency() {
        return latency;
    }

    /** Counts for run.json: expected, received, missing, duplicates, masking, events. */
    Map<String, Object> counts() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("tasks", tasks.size());
        out.put("lines_expected", expectedLines);
        out.put("lines_received", received);
        out.put("missing", expectedLines - received);
        out.put("duplicates", duplicates);
        out.put("out_of_range", outOfRange);
        out.put("lines_of_other_tasks", otherTasks);
        out.put("unstamped", unstamped);
        out.put("secret_lines_expected", expectedSecrets);
        out.put("secret_lines_masked", secretsMasked);
        out.put("secret_lines_unmasked", secretsLeaked);
        out.put("not_as_written", notAsWritten);
        out.put("lines_showing_a_secret", secretsVisible);
        out.put("line_events", lineEvents);
        out.put("status_events", statusEvents);
        out.put("lines_per_event", lineEvents == 0 ? null : Samples.round((double) (received + duplicates) / lineEvents));
        return out;
    }
}
