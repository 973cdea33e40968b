package io.vigil.bench.logs;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * Reads the lines out of an {@code io.vigil.log.lines} payload, {@code {"task_id":…,"lines":[{"offset":1,
 * "text":"…",…},…]}}, with Jackson's streaming parser: at 100,000 lines a second the harness must not be what is
 * measured. Other fields are skipped.
 */
final class LineEvents {

    /** Gets each line of an event. */
    interface Visitor {
        void line(long offset, String text);
    }

    private static final JsonFactory JSON = new JsonFactory();

    private LineEvents() {
    }

    static void read(byte[] payload, Visitor visitor) throws IOException {
        try (JsonParser p = JSON.createParser(payload)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (field.equals("lines") && value == JsonToken.START_ARRAY) {
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        line(p, visitor);
                    }
                } else {
                    p.skipChildren();
                }
            }
        }
    }

    private static void line(JsonParser p, Visitor visitor) throws IOException {
        long offset = -1;
        String text = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            if (field.equals("offset")) {
                offset = p.getLongValue();
            } else if (field.equals("text")) {
                text = p.getText();
            } else {
                p.skipChildren();
            }
        }
        if (offset > 0 && text != null) {
            visitor.line(offset, text);
        }
    }
}
