package io.vigil.logs.parse;

import java.io.IOException;
import java.time.Instant;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * Reads the time, level and message fields of a JSON log line ({@code {"time":"…","level":"error","msg":"…"}}).
 * Streams over the top-level fields and skips nested values, rather than building a tree, since only a few
 * strings are wanted. Field names are matched in any case; when several name the same thing, the first key in
 * each list below wins. A time must be an ISO-8601 string (epoch numbers are ambiguous between seconds and
 * milliseconds); a level a name or a pino/bunyan number.
 */
record JsonLine(Instant timestamp, Level level, String message) {

    /** Thread-safe once built; parsers made from it are used by one call only. */
    private static final JsonFactory JSON = JsonFactory.builder().build();

    private static final String[] TIME_KEYS = {"time", "timestamp", "ts", "@timestamp"};
    private static final String[] LEVEL_KEYS = {"level", "severity", "lvl", "log.level"};
    private static final String[] MESSAGE_KEYS = {"msg", "message"};

    /** Whether a line is worth handing to {@link #read}: it starts with {@code {} and ends with {@code }}. */
    static boolean looksLikeJson(String s) {
        int length = s.length();
        int first = LineHeader.skipBlanks(s, 0, length);
        if (first == length || s.charAt(first) != '{') {
            return false;
        }
        int last = length - 1;
        while (last > first && Character.isWhitespace(s.charAt(last))) {
            last--;
        }
        return s.charAt(last) == '}';
    }

    /** The fields of a JSON object line, or null when it is not one (invalid JSON, trailing text). */
    static JsonLine read(String s) {
        Instant timestamp = null;
        Level level = null;
        String message = null;
        int timeRank = TIME_KEYS.length;
        int levelRank = LEVEL_KEYS.length;
        int messageRank = MESSAGE_KEYS.length;
        try (JsonParser parser = JSON.createParser(s)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            for (JsonToken token = parser.nextToken(); token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (value.isStructStart()) {
                    parser.skipChildren();
                    continue;
                }
                int rank = rank(TIME_KEYS, name);
                if (rank < timeRank && value == JsonToken.VALUE_STRING) {
                    Instant found = IsoTimestamp.exactly(parser.getText(), 0, parser.getTextLength());
                    if (found != null) {
                        timestamp = found;
                        timeRank = rank;
                    }
                    continue;
                }
                rank = rank(LEVEL_KEYS, name);
                if (rank < levelRank) {
                    Level found = levelOf(parser, value);
                    if (found != null) {
                        level = found;
                        levelRank = rank;
                    }
                    continue;
                }
                rank = rank(MESSAGE_KEYS, name);
                if (rank < messageRank && value == JsonToken.VALUE_STRING) {
                    message = parser.getText();
                    messageRank = rank;
                }
            }
            // Only a whole object with nothing after it is a JSON line; "{…} trailing" is text.
            if (parser.currentToken() != JsonToken.END_OBJECT || parser.nextToken() != null) {
                return null;
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return new JsonLine(timestamp, level, message);
    }

    private static Level levelOf(JsonParser parser, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_STRING) {
            String text = parser.getText();
            return LevelNames.tag(text, 0, text.length());
        }
        if (value == JsonToken.VALUE_NUMBER_INT && parser.getNumberType() == JsonParser.NumberType.INT) {
            return LevelNames.pinoNumber(parser.getIntValue());
        }
        return null;
    }

    private static int rank(String[] keys, String name) {
        for (int i = 0; i < keys.length; i++) {
            if (keys[i].equalsIgnoreCase(name)) {
                return i;
            }
        }
        return keys.length;
    }
}
