package io.vigil.logs.parse;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds what a log line says about itself: its timestamp, level, progress and step (see {@link ParsedLine}). The
 * source's own {@link ParseRules} are tried first, then the built-in formats: JSON lines ({@link JsonLine}), a
 * timestamp and level at the line's start ({@link LineHeader}), logfmt fields ({@link LogfmtFields}), a percentage
 * ({@link PercentMarker}) and a step counter ({@link StepMarker}). Escape sequences are stripped first; the line's
 * text itself is never changed, only read.
 *
 * <p>Each built-in reader runs only when a cheap look at the line says it may find something (a {@code %}, a
 * {@code /}, an {@code =}, a leading {@code {}), since the service parses every line it tails. When a line holds
 * carriage returns, as progress bars redrawn in place do, progress and step come from its last non-blank segment,
 * the one a terminal would show.
 *
 * <p>Thread-safe: holds nothing but the rules. Never throws, whatever the line.
 */
public final class LineParser {

    static final int RULE_CHARS = 4096;
    private static final int MAX_PERCENT_CHARS = 12;
    private static final int MAX_COUNT_DIGITS = 9;
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final ParseRules rules;
    private final boolean stepRuleNamesText;

    public LineParser(ParseRules rules) {
        this.rules = rules == null ? ParseRules.NONE : rules;
        this.stepRuleNamesText = this.rules.step() != null && ParseRules.hasGroup(this.rules.step(), "text");
    }

    public ParsedLine parse(String line) {
        if (line == null || line.isEmpty()) {
            return ParsedLine.NOTHING;
        }
        try {
            return read(line);
        } catch (RuntimeException | StackOverflowError e) {
            // The readers are written not to throw; should one still, that costs the line its facts, not the stream.
            return ParsedLine.NOTHING;
        }
    }

    /** {@link #parse} without its safety net, so that tests see any exception a reader throws. */
    ParsedLine read(String line) {
        if (line == null || line.isEmpty()) {
            return ParsedLine.NOTHING;
        }
        String text = Ansi.strip(line);
        Facts facts = new Facts();
        applyRules(text, facts);
        JsonLine json = JsonLine.looksLikeJson(text) ? JsonLine.read(text) : null;
        if (json != null) {
            facts.timestamp(json.timestamp());
            facts.level(json.level());
            if (json.message() != null) {
                readText(Ansi.strip(json.message()), facts);
            }
        } else {
            readText(text, facts);
        }
        return facts.toParsedLine();
    }

    private static void readText(String text, Facts facts) {
        LineHeader.Found header = LineHeader.read(text);
        facts.timestamp(header.timestamp());
        facts.level(header.level());
        if ((facts.level == null || facts.timestamp == null) && text.indexOf('=', header.timestampEnd()) >= 0) {
            LogfmtFields.Found fields = LogfmtFields.read(text);
            if (fields != null) {
                facts.timestamp(fields.timestamp());
                facts.level(fields.level());
            }
        }
        int from = Math.max(header.timestampEnd(), shownSegmentStart(text));
        if (facts.progress == null && text.indexOf('%', from) >= 0) {
            int percent = PercentMarker.find(text, from);
            if (percent != PercentMarker.NONE) {
                facts.progress = percent;
            }
        }
        if (facts.steps == null) {
            StepMarker marker = StepMarker.find(text, from);
            if (marker != null) {
                int floor = Math.max(header.messageStart(), from);
                facts.step(marker.step(), marker.steps(), StepMarker.text(text, floor, marker.start(), marker.end()));
            }
        }
    }

    /** Start of the text after the last carriage return that is followed by something other than blanks. */
    private static int shownSegmentStart(String text) {
        int end = text.length();
        for (int cr = text.lastIndexOf('\r'); cr >= 0; cr = text.lastIndexOf('\r', cr - 1)) {
            for (int i = cr + 1; i < end; i++) {
                if (!Character.isWhitespace(text.charAt(i))) {
                    return cr + 1;
                }
            }
            end = cr;
        }
        return 0;
    }

    /**
     * Configured patterns see at most the first {@code RULE_CHARS} of a line: a pattern that backtracks badly
     * must not let a hostile line stall the stream.
     */
    private void applyRules(String line, Facts facts) {
        if (rules == ParseRules.NONE) {
            return;
        }
        String text = line.length() > RULE_CHARS ? line.substring(0, RULE_CHARS) : line;
        if (rules.level() != null) {
            Matcher matcher = matchIn(rules.level(), text);
            if (matcher != null && matcher.start("level") >= 0) {
                facts.level(LevelNames.tag(text, matcher.start("level"), matcher.end("level")));
            }
        }
        if (rules.progress() != null) {
            Matcher matcher = matchIn(rules.progress(), text);
            if (matcher != null) {
                facts.progress = percentage(matcher.group("progress"));
            }
        }
        if (rules.step() != null) {
            Matcher matcher = matchIn(rules.step(), text);
            if (matcher != null) {
                Integer step = count(matcher.group("step"));
                Integer steps = count(matcher.group("steps"));
                if (step != null && steps != null && steps >= 1 && step <= steps) {
                    String stepText = stepRuleNamesText
                            ? namedText(matcher, text)
                            : StepMarker.text(text, matcher.end(), matcher.start(), matcher.end());
                    facts.step(step, steps, stepText);
                }
            }
        }
    }

    /** The step rule's {@code text} group, trimmed; null when it did not take part in the match. */
    private static String namedText(Matcher matcher, String text) {
        int start = matcher.start("text");
        return start < 0 ? null : StepMarker.trimmed(text, start, matcher.end("text"));
    }

    /** The matcher after its first match, or null when none; a regex too deep for the stack counts as no match. */
    private static Matcher matchIn(Pattern pattern, String text) {
        try {
            Matcher matcher = pattern.matcher(text);
            return matcher.find() ? matcher : null;
        } catch (StackOverflowError e) {
            return null;
        }
    }

    /** A whole percentage from 0 to 100 ("45", "45.5" → 45), or null. */
    private static Integer percentage(String text) {
        if (text == null) {
            return null;
        }
        String number = text.strip().replace(',', '.');
        if (number.isEmpty() || number.length() > MAX_PERCENT_CHARS
                || !number.chars().allMatch(c -> c == '.' || c >= '0' && c <= '9')) {
            return null;
        }
        try {
            BigDecimal value = new BigDecimal(number);
            return value.compareTo(HUNDRED) <= 0 ? value.intValue() : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Integer count(String text) {
        if (text == null) {
            return null;
        }
        String digits = text.strip();
        if (digits.isEmpty() || digits.length() > MAX_COUNT_DIGITS
                || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return null;
        }
        return Integer.parseInt(digits);
    }

    /** What has been found so far; the first reader to find a fact keeps it. One per call, never shared. */
    private static final class Facts {
        Instant timestamp;
        Level level;
        Integer progress;
        Integer step;
        Integer steps;
        String stepText;

        void timestamp(Instant found) {
            if (timestamp == null) {
                timestamp = found;
            }
        }

        void level(Level found) {
            if (level == null) {
                level = found;
            }
        }

        void step(int foundStep, int foundSteps, String foundText) {
            step = foundStep;
            steps = foundSteps;
            stepText = foundText;
        }

        ParsedLine toParsedLine() {
            if (timestamp == null && level == null && progress == null && steps == null) {
                return ParsedLine.NOTHING;
            }
            return new ParsedLine(timestamp, level, progress, step, steps, stepText);
        }
    }
}
