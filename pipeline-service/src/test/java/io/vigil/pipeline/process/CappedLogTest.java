package io.vigil.pipeline.process;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CappedLogTest {

    @TempDir
    Path dir;

    @Test
    void outputPastTheCapIsDroppedAfterOneLineSayingSo() throws IOException {
        Path file = dir.resolve("a/b/step.log");
        CappedLog log = CappedLog.open(file, 10);

        log.write(bytes("12345678"));
        log.write(bytes("90abc"));
        log.write(bytes("more"));
        log.close();

        assertThat(Files.readString(file)).isEqualTo("1234567890\n[vigil] output truncated at 10 bytes\n");
        assertThat(log.truncated()).isTrue();
        assertThat(log.written()).isEqualTo(Files.size(file));
    }

    @Test
    void notesStartOnALineOfTheirOwnAndNothingIsWrittenAfterClose() throws IOException {
        Path file = dir.resolve("step.log");
        CappedLog log = CappedLog.open(file, 100);

        log.write(bytes("no newline"));
        log.note("cancelled");
        log.note("again");
        log.close();
        log.write(bytes("late"));

        assertThat(Files.readString(file)).isEqualTo("no newline\n[vigil] cancelled\n[vigil] again\n");
        assertThat(log.truncated()).isFalse();
        assertThat(log.failure()).isNull();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(UTF_8);
    }
}
