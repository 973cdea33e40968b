package io.vigil.logs.task;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.vigil.events.payload.LogLines;
import io.vigil.logs.mask.MaskState;
import io.vigil.logs.mask.SecretMasker;
import io.vigil.logs.parse.ParsedLine;
import io.vigil.logs.tail.TailedLine;

/**
 * Turns a task's tailed lines into what leaves the service: each line masked first (nothing unmasked is stored
 * or sent), then parsed; the task's progress, masked count, masking state and download length move along.
 */
@ApplicationScoped
class LineProcessing {

    /** One line as stored and sent; {@code byteEnd} is where it ends in the task's download. */
    record Line(long number, Instant time, String text, String level, Integer progress, Integer step, Integer steps,
            long bytes, long byteEnd) {

        LogLines.Line event() {
            return new LogLines.Line(number, time, level, text, progress, step, steps);
        }
    }

    private final TaskSecrets secrets;
    private final LineParsers parsers;

    LineProcessing(TaskSecrets secrets, LineParsers parsers) {
        this.secrets = secrets;
        this.parsers = parsers;
    }

    List<Line> process(LogTask task, List<TailedLine> tailed, Instant now) {
        if (tailed.isEmpty()) {
            return List.of();
        }
        SecretMasker masker = secrets.maskerFor(task.id);
        var parser = parsers.forSource(task.source);
        MaskState state = MaskState.restore(task.maskState);
        TaskProgress progress = task.progress();
        long byteEnd = task.bytes;
        long masked = 0;
        List<Line> lines = new ArrayList<>(tailed.size());
        for (TailedLine line : tailed) {
            SecretMasker.Masked safe = masker.mask(line.text(), state);
            state = safe.state();
            masked += safe.count();
            ParsedLine parsed = parser.parse(safe.text());
            progress = progress.after(parsed.progress(), parsed.step(), parsed.steps(), parsed.stepText());
            Integer lineProgress = parsed.progress() != null || parsed.step() != null ? progress.percent() : null;
            long bytes = utf8Length(safe.text());
            byteEnd += bytes + 1;
            lines.add(new Line(line.number(), parsed.timestamp() != null ? parsed.timestamp() : now, safe.text(),
                    parsed.level() == null ? null : parsed.level().name(), lineProgress, parsed.step(),
                    parsed.steps(), bytes, byteEnd));
        }
        task.maskState = state.persisted();
        task.masked += masked;
        task.bytes = byteEnd;
        task.progress(progress);
        return lines;
    }

    /** The UTF-8 length of {@code text} without encoding it. */
    static long utf8Length(String text) {
        long length = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                length++;
            } else if (c < 0x800) {
                length += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                length += 4;
                i++;
            } else {
                length += Character.isSurrogate(c) ? 1 : 3; // a lone surrogate is written as '?'
            }
        }
        return length;
    }
}
