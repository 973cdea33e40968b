package io.vigil.pipeline.definition;

/**
 * One problem of a definition: where it is, as a JSON pointer ({@code /steps/2/needs/0}, {@code ""} for the whole
 * document), and what is wrong there, worded to follow the field ("must be at most 24h").
 */
public record DefinitionError(String pointer, String message) {

    @Override
    public String toString() {
        return (pointer.isEmpty() ? "definition" : pointer) + " " + message;
    }
}
