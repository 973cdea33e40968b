package io.vigil.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

class StackConsoleTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    @Test
    void everyTagTakesTheSameWidthSoTheLinesAlign() {
        StackConsole console = new StackConsole(new PrintStream(bytes, true, StandardCharsets.UTF_8), false);

        console.line("kafka", "started");
        console.tagged("pipeline").accept("ready");
        console.block("vigil", List.of("all ready", "  dashboard"));

        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo(String.join(System.lineSeparator(),
                "kafka   | started", "pipeline| ready", "vigil   | all ready", "vigil   |   dashboard", ""));
    }

    @Test
    void colourIsAddedOnlyWhenAsked() {
        new StackConsole(new PrintStream(bytes, true, StandardCharsets.UTF_8), true).line("ingest", "x");

        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("\u001b[36mingest  | \u001b[0mx" + System.lineSeparator());
    }
}
