package io.vigil.events;

import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * JSON form of event payloads: snake_case fields, RFC 3339 times, unknown fields ignored
 * (readers tolerate newer writers), missing required fields rejected with the field named.
 */
public final class EventCodec {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private EventCodec() {
    }

    /** The mapper used for payloads, for code that embeds payloads in larger JSON documents. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static String encode(Record payload) {
        try {
            return MAPPER.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + payload.getClass().getSimpleName(), e);
        }
    }

    public static <T extends Record> T decode(Class<T> payloadType, String json) {
        if (json == null || json.isBlank()) {
            throw new EventDecodingException(payloadType.getSimpleName() + ": empty data");
        }
        try {
            return MAPPER.readValue(json, payloadType);
        } catch (JsonProcessingException e) {
            throw new EventDecodingException(payloadType.getSimpleName() + ": " + describe(e), e);
        }
    }

    /** The payload of {@code type} in {@code json}. */
    public static Record decode(EventType type, String json) {
        return decode(type.payloadType(), json);
    }

    /** A one-line reason naming the field, without Jackson's source excerpt. */
    static String describe(JsonProcessingException e) {
        Throwable cause = e.getCause();
        if (cause instanceof IllegalArgumentException && cause.getMessage() != null) {
            return cause.getMessage();
        }
        String field = e instanceof JsonMappingException m && !m.getPath().isEmpty()
                ? m.getPath().stream()
                        .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                        .collect(Collectors.joining("."))
                : null;
        String reason = e.getOriginalMessage();
        int newline = reason.indexOf('\n');
        if (newline > 0) {
            reason = reason.substring(0, newline);
        }
        return field == null ? "malformed JSON: " + reason : "field '" + field + "': " + reason;
    }
}
