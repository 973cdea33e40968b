package io.vigil.security;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * Bounds what a request's JSON may make the service do: no API of Vigil's takes a document nested deeper than a few
 * levels, so a deeply nested one is refused while it is read (and answered 400 by the problem mappers) instead of
 * costing stack and time; strings are bounded below any request body limit.
 */
@Singleton
public class JsonLimits implements ObjectMapperCustomizer {

    /** Deepest nesting of objects and arrays a request may carry. */
    public static final int MAX_NESTING_DEPTH = 64;
    /** Longest string value, in characters. */
    public static final int MAX_STRING_LENGTH = 4 * 1024 * 1024;

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(MAX_NESTING_DEPTH).maxStringLength(MAX_STRING_LENGTH).build());
    }
}
