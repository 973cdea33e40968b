package io.vigil.events.payload;

import static io.vigil.events.Fields.positive;
import static io.vigil.events.Fields.required;
import static io.vigil.events.Fields.requiredItems;
import static io.vigil.events.Fields.requiredText;

import java.time.Instant;
import java.util.List;

/**
 * A batch of consecutive lines of one log task. Subject: the task id.
 * Lines are numbered 1, 2, 3 … per task without gaps, so a reader resumes after the last line it saw.
 */
public record LogLines(String taskId, List<Line> lines) {

    public LogLines {
        requiredText(taskId, "task_id");
        lines = List.copyOf(requiredItems(lines, "lines"));
    }

    /**
     * One parsed, masked log line. {@code progress} is 0–100 when the line reports it: a percentage, or a step
     * marker ({@code step} of {@code steps}), counting the steps before it as done. {@code time} is the line's own
     * timestamp when it has one, else when it was read.
     */
    public record Line(long offset, Instant time, String level, String text, Integer progress, Integer step, Integer steps) {
        public Line {
            positive(offset, "offset");
            required(text, "text");
        }
    }
}
