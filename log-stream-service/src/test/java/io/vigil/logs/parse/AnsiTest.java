package io.vigil.logs.parse;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AnsiTest {

    private static final String ESC = "\u001b";
    private static final String BEL = "\u0007";
    private static final String ST = ESC + "\\";

    @Test
    void returnsTheSameStringWhenThereIsNoEscape() {
        String line = "[INFO] Building app 1.0";

        assertThat(Ansi.strip(line)).isSameAs(line);
    }

    @Test
    void stripsColours() {
        assertThat(Ansi.strip(ESC + "[1;31mERROR" + ESC + "[0m: boom " + ESC + "[38;5;208morange" + ESC + "[m"))
                .isEqualTo("ERROR: boom orange");
    }

    @Test
    void stripsCursorMovesAndPrivateModes() {
        assertThat(Ansi.strip(ESC + "[?25l" + ESC + "[2K" + ESC + "[1G 45% done" + ESC + "[?25h"))
                .isEqualTo(" 45% done");
    }

    @Test
    void stripsOscTitlesAndHyperlinksEndedByBelOrSt() {
        assertThat(Ansi.strip(ESC + "]0;building" + BEL + "step one")).isEqualTo("step one");
        assertThat(Ansi.strip("see " + ESC + "]8;;https://example.com/x" + ST + "the docs" + ESC + "]8;;" + ST + "."))
                .isEqualTo("see the docs.");
    }

    @Test
    void stripsCharsetSelectionAndOtherTwoCharacterEscapes() {
        assertThat(Ansi.strip(ESC + "(Bplain" + ESC + "=keypad" + ESC + "7saved")).isEqualTo("plainkeypadsaved");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
            "lone escape at the end      | a\u001b                  | a",
            "only an escape              | \u001b                   | ''",
            "CSI cut off                 | a\u001b[31                | a",
            "CSI opener cut off          | a\u001b[                  | a",
            "OSC never ended             | a\u001b]0;title and more  | a",
            "CSI broken by a control     | a\u001b[31\tb            | a\tb",
            "escape before an escape     | a\u001b\u001b[31mb        | ab",
    })
    void dropsCutOffSequencesAndKeepsTheRest(String what, String line, String expected) {
        assertThat(Ansi.strip(line)).as(what).isEqualTo(expected);
    }

    @Test
    void keepsTextThatMerelyLooksLikeASequence() {
        assertThat(Ansi.strip("[31m is not colour without ESC " + ESC + "[0m"))
                .isEqualTo("[31m is not colour without ESC ");
    }
}
