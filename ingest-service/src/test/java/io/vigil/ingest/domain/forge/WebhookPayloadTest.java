package io.vigil.ingest.domain.forge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import io.vigil.events.EventCodec;

class WebhookPayloadTest {

    private static WebhookPayload payload(String json) throws JsonProcessingException {
        return WebhookPayload.of(EventCodec.mapper().readTree(json));
    }

    @Test
    void absentNullAndBlankAreAllNull() throws Exception {
        WebhookPayload p = payload("{\"a\": null, \"b\": \"  \", \"c\": {\"d\": null}, \"e\": null}");
        assertThat(p.text("a", TextLimit.NAME)).isNull();
        assertThat(p.text("b", TextLimit.NAME)).isNull();
        assertThat(p.text("c.d", TextLimit.NAME)).isNull();
        assertThat(p.text("e.f.g", TextLimit.NAME)).isNull();
        assertThat(p.text("zz", TextLimit.NAME)).isNull();
        assertThat(p.integer("a")).isNull();
        assertThat(p.firstTime("a", "b")).isNull();
        assertThat(p.objects("e", 10)).isEmpty();
    }

    @Test
    void textIsStripped() throws Exception {
        assertThat(payload("{\"a\": {\"b\": \" main \\n\"}}").text("a.b", TextLimit.BRANCH)).isEqualTo("main");
    }

    @Test
    void wrongTypesNameTheFullPath() throws Exception {
        WebhookPayload p = payload("{\"a\": {\"b\": 7}, \"s\": \"x\", \"list\": [{\"n\": true}, 3]}");
        assertThatThrownBy(() -> p.text("a.b", TextLimit.NAME)).hasMessage("a.b: must be a string");
        assertThatThrownBy(() -> p.text("s.t", TextLimit.NAME)).hasMessage("s: must be a JSON object");
        assertThatThrownBy(() -> p.objects("a", 10)).hasMessage("a: must be an array");
        assertThatThrownBy(() -> p.objects("list", 10)).hasMessage("list[1]: must be an object");
        assertThatThrownBy(() -> p.objects("list", 1)).hasMessage("list: must have at most 1 elements");
        assertThatThrownBy(() -> p.integer("s")).hasMessage("s: must be an integer");
    }

    @Test
    void elementsNameTheirPathInTheBody() throws Exception {
        WebhookPayload p = payload("{\"list\": [{\"n\": \"ok\"}, {\"n\": true}]}");
        WebhookPayload second = p.objects("list", 10).get(1);
        assertThatThrownBy(() -> second.text("n", TextLimit.NAME)).isInstanceOf(ForgeFieldException.class)
                .hasMessage("list[1].n: must be a string");
        assertThatThrownBy(() -> second.requiredText("m", TextLimit.NAME)).hasMessage("list[1].m: is missing");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "[{\"a\": 1}]", "\"text\"", "42", "true"})
    void aBodyThatIsNotAnObjectIsNamedBody(String json) throws Exception {
        WebhookPayload p = payload(json);
        assertThatThrownBy(() -> p.requiredText("repository.name", TextLimit.PROJECT))
                .isInstanceOf(ForgeFieldException.class).hasMessage("body: must be a JSON object");
    }

    @Test
    void aMissingOrNullBodyHasOnlyMissingFields() throws Exception {
        assertThatThrownBy(() -> WebhookPayload.of(null).requiredText("a.b", TextLimit.NAME)).hasMessage("a.b: is missing");
        assertThatThrownBy(() -> payload("null").requiredText("a", TextLimit.NAME)).hasMessage("a: is missing");
    }

    @Test
    void cuttingNeverSplitsASurrogatePair() {
        String text = "x".repeat(198) + "\ud83d\ude80" + "y";
        assertThat(TextLimit.NAME.check(text, "f")).isEqualTo("x".repeat(198) + "…");
    }

    @Test
    void textsAreBoundedLikeTheDeploymentWebhooksFields() throws Exception {
        JsonNode body = EventCodec.mapper().createObjectNode().put("long", "x".repeat(201)).put("nul", "a\u0000b")
                .put("tab", "a\tb");
        WebhookPayload p = WebhookPayload.of(body);
        assertThatThrownBy(() -> p.text("long", TextLimit.PROJECT)).hasMessage("long: must be at most 200 characters");
        assertThat(p.text("long", TextLimit.REPOSITORY)).hasSize(201);
        assertThat(p.text("long", TextLimit.NAME)).hasSize(200).endsWith("x…");
        assertThatThrownBy(() -> p.text("nul", TextLimit.MESSAGE)).hasMessage("nul: must not contain control characters");
        assertThatThrownBy(() -> p.text("tab", TextLimit.PROJECT)).hasMessage("tab: must not contain control characters");
        assertThat(p.text("tab", TextLimit.MESSAGE)).isEqualTo("a\tb");
    }
}
