package io.vigil.pipeline.definition;

import java.util.List;
import java.util.stream.Collectors;

/** A pipeline definition that cannot be used, with every problem found in it; answered 400 naming each. */
public class DefinitionInvalid extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final transient List<DefinitionError> errors;

    public DefinitionInvalid(List<DefinitionError> errors) {
        super(errors.stream().map(DefinitionError::toString).collect(Collectors.joining("; ")));
        this.errors = List.copyOf(errors);
    }

    static DefinitionInvalid of(String pointer, String message) {
        return new DefinitionInvalid(List.of(new DefinitionError(pointer, message)));
    }

    /** In document order; problems spanning steps (cycles) last. */
    public List<DefinitionError> errors() {
        return errors;
    }
}
