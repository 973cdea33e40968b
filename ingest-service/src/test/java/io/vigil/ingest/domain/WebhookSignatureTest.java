package io.vigil.ingest.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    static final byte[] BODY = "{\"project\":\"demo\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void aSignatureMatchesItsBodyAndSecretOnly() {
        String signature = WebhookSignature.sign("s3cret", BODY);
        assertThat(signature).startsWith("sha256=").hasSize(7 + 64);
        assertThat(WebhookSignature.matches(signature, "s3cret", BODY)).isTrue();
        assertThat(WebhookSignature.matches(signature.toUpperCase().replace("SHA256=", "sha256="), "s3cret", BODY))
                .as("hex case does not matter").isTrue();
        assertThat(WebhookSignature.matches(signature, "other", BODY)).isFalse();
        assertThat(WebhookSignature.matches(signature, "s3cret", "{\"project\":\"demo2\"}".getBytes(StandardCharsets.UTF_8)))
                .isFalse();
    }

    @Test
    void knownVectorOfHmacSha256() {
        // RFC 4231 test case 2
        assertThat(WebhookSignature.sign("Jefe", "what do ya want for nothing?".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    @Test
    void malformedHeadersNeverMatchAndNeverThrow() {
        String good = WebhookSignature.sign("s3cret", BODY);
        for (String header : new String[] {null, "", "sha256=", "sha1=" + good.substring(7), good.substring(7),
                "sha256=zz", "sha256=abc", good + "00", "sha256=" + "0".repeat(64)}) {
            assertThat(WebhookSignature.matches(header, "s3cret", BODY)).as(String.valueOf(header)).isFalse();
        }
    }
}
