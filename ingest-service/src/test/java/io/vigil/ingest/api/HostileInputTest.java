package io.vigil.ingest.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vigil.testing.KafkaTestResource;
import io.vigil.testing.PostgresTestResource;

/** Hundreds of generated malformed bodies: every one gets a 2xx or a 4xx problem, never a 5xx. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "prefix", value = "ingest"))
class HostileInputTest {

    static final String SAMPLE = DeploymentWebhookTest.body("fuzz", "9f2c1e7", "success", DeploymentWebhookTest.ALL_STEPS);
    static final String[] JUNK = {"null", "true", "-1", "1e999", "[]", "{}", "\"\"", "\"\\u0000\"", "[[[[[[[[[[]]]]]]]]]]",
            "{\"$ne\":1}", "\"' OR 1=1 --\"", "\"<script>x</script>\"", "\"" + "é".repeat(300) + "\"", "99999999999999999999"};

    static List<String> mutations(int count) {
        Random random = new Random(42);
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String body = SAMPLE;
            switch (i % 5) {
                case 0 -> { // cut the body anywhere
                    body = body.substring(0, random.nextInt(body.length()));
                }
                case 1 -> { // replace a value with junk of another type
                    int colon = nthColon(body, random.nextInt(20));
                    int end = valueEnd(body, colon + 1);
                    body = body.substring(0, colon + 1) + JUNK[random.nextInt(JUNK.length)] + body.substring(end);
                }
                case 2 -> { // flip random bytes
                    char[] chars = body.toCharArray();
                    for (int k = 0; k < 5; k++) {
                        chars[random.nextInt(chars.length)] = (char) random.nextInt(128);
                    }
                    body = new String(chars);
                }
                case 3 -> { // drop a field
                    int colon = nthColon(body, random.nextInt(20));
                    int start = body.lastIndexOf('"', body.lastIndexOf('"', colon - 1) - 1);
                    int end = valueEnd(body, colon + 1);
                    body = body.substring(0, start) + body.substring(Math.min(body.length(), end + 1));
                }
                default -> { // deep nesting or a huge value
                    body = random.nextBoolean() ? "[".repeat(5000) + "]".repeat(5000)
                            : SAMPLE.replace("\"deployed\"", "\"" + "x".repeat(20_000 + random.nextInt(10_000)) + "\"");
                }
            }
            bodies.add(body);
        }
        return bodies;
    }

    static int nthColon(String body, int n) {
        int at = -1;
        for (int i = 0; i <= n; i++) {
            int next = body.indexOf(':', at + 1);
            if (next < 0) {
                return at < 0 ? body.indexOf(':') : at;
            }
            at = next;
        }
        return at;
    }

    static int valueEnd(String body, int from) {
        int comma = body.indexOf(',', from);
        int brace = body.indexOf('}', from);
        int end = comma < 0 ? brace : brace < 0 ? comma : Math.min(comma, brace);
        return end < 0 ? body.length() : end;
    }

    @Test
    void noGeneratedBodyCausesAServerError() {
        List<String> bodies = mutations(400);
        int rejected = 0;
        for (String body : bodies) {
            Response response = given().contentType(ContentType.JSON).body(body.getBytes(StandardCharsets.UTF_8))
                    .post("/api/webhook/deployment");
            assertThat(response.statusCode()).as("status for body %s", abbreviate(body)).isLessThan(500);
            if (response.statusCode() >= 400) {
                rejected++;
                assertThat(response.contentType()).as("problem for %s", abbreviate(body)).startsWith("application/problem+json");
                assertThat(response.jsonPath().getString("detail")).isNotBlank();
            }
        }
        assertThat(rejected).as("most mutations are invalid").isGreaterThan(200);
    }

    @Test
    void hostileHeadersAreProblemsToo() {
        given().contentType(ContentType.JSON).header("X-Vigil-Delivery", "d".repeat(500)).body(SAMPLE)
                .post("/api/webhook/deployment").then().statusCode(400).body("field", org.hamcrest.Matchers.equalTo("X-Vigil-Delivery"));
        given().contentType(ContentType.JSON).header("X-Vigil-Sender", "../../etc/passwd").body(SAMPLE)
                .post("/api/webhook/deployment").then().statusCode(401).body("detail", containsString("unknown sender"));
        given().contentType("application/json; charset=latin1").body(SAMPLE)
                .post("/api/webhook/deployment").then().statusCode(org.hamcrest.Matchers.lessThan(500));
    }

    static String abbreviate(String body) {
        return body.length() > 120 ? body.substring(0, 120) + "…(" + body.length() + " chars)" : body;
    }
}
