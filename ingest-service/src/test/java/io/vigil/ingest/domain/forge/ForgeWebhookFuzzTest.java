package io.vigil.ingest.domain.forge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.vigil.ingest.domain.DeploymentReport;
import io.vigil.ingest.domain.forge.ForgeSamples.Forge;
import io.vigil.ingest.domain.forge.ForgeSamples.Sample;

/**
 * Hostile deliveries: the samples with fields removed, nulled, retyped, made huge or buried in nested arrays.
 * Whatever arrives, the mappers answer with a mapping or a {@link ForgeFieldException}, never anything else,
 * and a report they make stays within the bounds the deployment webhook accepts.
 */
class ForgeWebhookFuzzTest {

    private static final long SEED = 20240502L;
    private static final int DOCUMENTS = 600;
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final String[] WORDS = {"success", "completed", "failed", "in_progress", "running", "inactive",
            "canceled", "cancelled", "SUCCESS", "", " ", "null", "2024-01-01 10:00:00 UTC", "2024-01-01T10:00:00Z",
            "+999999999-12-31T23:59:59Z", "\u0000", "\u202e\ud83d\ude00", "\ud800", "../../etc/passwd",
            "https://x/-/commit/" + "a".repeat(64), "/-/commit/", "ping", "Pipeline Hook"};

    private final Random random = new Random(SEED);
    private int reports;
    private int refusals;

    @Test
    void mutatedSamplesGiveAMappingOrANamedField() {
        for (int i = 0; i < DOCUMENTS; i++) {
            Sample sample = ForgeSamples.ALL.get(random.nextInt(ForgeSamples.ALL.size()));
            JsonNode body = sample.body();
            int mutations = 1 + random.nextInt(4);
            for (int m = 0; m < mutations; m++) {
                body = mutate(body);
            }
            String event = random.nextInt(20) == 0 ? someEvent() : sample.event();
            check(sample.forge(), event, body, sample + " #" + i);
        }
        // The fuzzing reaches both outcomes, so it exercises the mapping and not only the first check.
        assertThat(reports).as("reports").isGreaterThan(DOCUMENTS / 10);
        assertThat(refusals).as("refusals").isGreaterThan(DOCUMENTS / 10);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ping", "workflow_run", "workflow_job", "deployment", "deployment_status", "push",
            "Pipeline Hook", "Job Hook", "Deployment Hook", "Push Hook"})
    void bodiesOfEveryShapeGiveAMappingOrANamedField(String event) {
        List<JsonNode> bodies = new ArrayList<>(List.of(JSON.nullNode(), JSON.missingNode(), JSON.arrayNode(),
                JSON.objectNode(), JSON.textNode("{}"), JSON.numberNode(1), JSON.booleanNode(true), nested(2000)));
        bodies.add(null);
        for (JsonNode body : bodies) {
            for (Forge forge : Forge.values()) {
                check(forge, event, body, body == null ? "no body" : body.getNodeType() + " body");
            }
        }
    }

    private void check(Forge forge, String event, JsonNode body, String what) {
        ForgeMapping mapping;
        try {
            mapping = forge.map(event, body);
        } catch (ForgeFieldException e) {
            refusals++;
            assertThat(e.field()).as(what).isNotBlank();
            assertThat(e.getMessage()).as(what).hasSizeLessThan(500);
            return;
        } catch (RuntimeException | StackOverflowError e) {
            fail(forge + " " + event + " " + what + " threw " + e + " for " + abbreviated(body), e);
            return;
        }
        assertThat(mapping).as(what).isNotNull();
        mapping.report().ifPresent(report -> {
            reports++;
            assertWithinBounds(report, what);
        });
    }

    private static void assertWithinBounds(DeploymentReport report, String what) {
        assertThat(report.project()).as(what).isNotBlank().hasSizeLessThanOrEqualTo(200)
                .doesNotContainPattern("\\p{Cntrl}");
        assertThat(report.commitHash()).as(what).isNotBlank().hasSizeLessThanOrEqualTo(100);
        assertThat(report.status()).as(what).isNotNull();
        assertThat(report.steps()).as(what).allSatisfy(step -> {
            assertThat(step.name()).isNotBlank().hasSizeLessThanOrEqualTo(200);
            assertThat(step.status()).isNotNull();
        });
        for (String text : new String[] {report.repository(), report.branch(), report.triggeredBy(),
                report.triggerType(), report.deployType(), report.testUrl(), report.message()}) {
            if (text != null) {
                assertThat(text).as(what).isNotBlank().hasSizeLessThanOrEqualTo(10_000).doesNotContain("\u0000");
            }
        }
    }

    private JsonNode mutate(JsonNode body) {
        if (random.nextInt(40) == 0) {
            return randomValue(); // the body itself replaced
        }
        List<JsonNode> containers = new ArrayList<>();
        collect(body, containers);
        if (containers.isEmpty()) {
            return body;
        }
        JsonNode target = containers.get(random.nextInt(containers.size()));
        if (target instanceof ObjectNode object && object.size() > 0) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            String name = names.get(random.nextInt(names.size()));
            if (random.nextInt(4) == 0) {
                object.remove(name);
            } else {
                object.set(name, randomValue());
            }
        } else if (target instanceof ArrayNode array && array.size() > 0) {
            int index = random.nextInt(array.size());
            switch (random.nextInt(3)) {
                case 0 -> array.remove(index);
                case 1 -> array.set(index, randomValue());
                default -> array.insert(index, randomValue());
            }
        } else if (target instanceof ObjectNode object) {
            object.set("status", randomValue());
        } else if (target instanceof ArrayNode array) {
            array.add(randomValue());
        }
        return body;
    }

    private JsonNode randomValue() {
        return switch (random.nextInt(12)) {
            case 0 -> JSON.nullNode();
            case 1 -> JSON.numberNode(random.nextLong());
            case 2 -> JSON.numberNode(random.nextDouble() * 1e300);
            case 3 -> JSON.booleanNode(random.nextBoolean());
            case 4 -> JSON.objectNode();
            case 5 -> JSON.arrayNode().add(JSON.arrayNode().add(JSON.nullNode()));
            case 6 -> nested(1 + random.nextInt(300));
            case 7 -> JSON.textNode(huge());
            case 8 -> JSON.objectNode().put("name", huge()).put("status", someWord()).put("id", random.nextInt());
            case 9 -> JSON.numberNode(new java.math.BigInteger(200, random));
            default -> JSON.textNode(someWord());
        };
    }

    private String huge() {
        int length = random.nextBoolean() ? 100_000 : 150 + random.nextInt(2500);
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(random.nextInt(50) == 0 ? (char) random.nextInt(0x20) : (char) ('a' + random.nextInt(26)));
        }
        return text.toString();
    }

    private String someWord() {
        return WORDS[random.nextInt(WORDS.length)];
    }

    private String someEvent() {
        return new String[] {null, "", "ping", "workflow_job", "Job Hook", "deployment_status", "\u0000", huge()}
                [random.nextInt(8)];
    }

    private static ArrayNode nested(int depth) {
        ArrayNode outer = JSON.arrayNode();
        ArrayNode current = outer;
        for (int i = 0; i < depth; i++) {
            ArrayNode inner = JSON.arrayNode();
            current.add(inner);
            current = inner;
        }
        return outer;
    }

    /** Every object and array, except deep inside arrays nested by an earlier mutation. */
    private static void collect(JsonNode node, List<JsonNode> into) {
        ArrayList<JsonNode> todo = new ArrayList<>(List.of(node));
        while (!todo.isEmpty() && into.size() < 5_000) {
            JsonNode next = todo.remove(todo.size() - 1);
            if (next.isContainerNode()) {
                into.add(next);
                if (next.isObject()) {
                    for (Iterator<Map.Entry<String, JsonNode>> fields = next.fields(); fields.hasNext();) {
                        todo.add(fields.next().getValue());
                    }
                } else {
                    next.forEach(todo::add);
                }
            }
        }
    }

    private static String abbreviated(JsonNode body) {
        try {
            String text = String.valueOf(body);
            return text.length() <= 2000 ? text : text.substring(0, 2000) + "…";
        } catch (RuntimeException tooDeepToPrint) {
            return body.getNodeType() + " too deep to print";
        }
    }
}
