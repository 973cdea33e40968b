package io.vigil.pipeline.run;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

import io.vigil.pipeline.dag.StepState;

/** Step states are stored as their wire words, so the database reads as the API does. */
@Converter
class StepStateColumn implements AttributeConverter<StepState, String> {

    @Override
    public String convertToDatabaseColumn(StepState state) {
        return state == null ? null : state.wire();
    }

    @Override
    public StepState convertToEntityAttribute(String wire) {
        return wire == null ? null : StepState.fromWire(wire);
    }
}
