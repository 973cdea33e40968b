package io.vigil.logs.source;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Ids arrive in URLs and queries: nothing that could climb out of a directory or hide in a query passes. */
class TaskIdsTest {

    @ParameterizedTest
    @ValueSource(strings = {"0f8fad5b-d9cb-469f-a165-70867728950e", "0f8fad5b-d9cb-469f-a165-70867728950e/build/1",
            "app/nginx/access.log", "a", "v1.2.3+build@x"})
    void ordinaryIdsPass(String id) {
        assertThat(TaskIds.valid(id)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "..", "../etc/passwd", "a/../../etc/passwd", "a/./b", "/etc/passwd", "a/", "a//b",
            ".hidden", "a\\b", "a%2F..", "a b", "a\u0000b", "a\nb", "é", "~root", "a/.", "C:\\x", "a;rm -rf",
            "$(id)", "a|b", "'a'"})
    void anythingElseIsRefused(String id) {
        assertThat(TaskIds.valid(id)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(ints = {256, 1000, 100_000})
    void longIdsAreRefused(int length) {
        assertThat(TaskIds.valid("a".repeat(length))).isFalse();
    }

    @org.junit.jupiter.api.Test
    void tooManySegmentsAreRefused() {
        assertThat(TaskIds.valid("a/".repeat(16) + "a")).isFalse();
        assertThat(TaskIds.valid("a/".repeat(15) + "a")).isTrue();
    }

    @org.junit.jupiter.api.Test
    void aStepTaskBelongsToItsRun() {
        assertThat(TaskIds.scopeOf("0f8fad5b-d9cb-469f-a165-70867728950e/build/1"))
                .isEqualTo("0f8fad5b-d9cb-469f-a165-70867728950e");
        assertThat(TaskIds.scopeOf("install-1")).isEqualTo("install-1");
    }
}
