package io.vigil.logs.mask;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.vigil.logs.mask.SecretMasker.Masked;

class SecretMaskerTest {

    /** Enough time for any linear scan of the hostile lines below; far too little for a quadratic one. */
    private static final Duration LINEAR = Duration.ofSeconds(2);

    private final SecretMasker masker = SecretMasker.builder().build();

    // --- clean lines

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "Get:1 http://deb.debian.org/debian bookworm InRelease [151 kB]",
            "[INFO] --- maven-compiler-plugin:3.13.0:compile (default-compile) @ app ---",
            "[INFO] ------------------------------------------------------------------------",
            "npm WARN deprecated inflight@1.0.6: This module is not supported, and leaks memory.",
            "#8 [build 3/7] RUN npm ci --omit=dev",
            "2024-05-01T10:00:00.123Z INFO token_count=5 max_tokens=100 tokens: 12",
            "Step 4/9 : ENV PATH=/usr/local/bin:$PATH",
            "password=",
            "\u0000\u0000\u0000"})
    void returnsTheSameLineWhenNothingIsSecret(String line) {
        Masked masked = masker.mask(line, MaskState.CLEAR);

        assertThat(masked.text()).isSameAs(line);
        assertThat(masked.count()).isZero();
        assertThat(masked.state()).isSameAs(MaskState.CLEAR);
    }

    // --- registered values

    @Test
    void masksEveryOccurrenceOfARegisteredValueAtStartMiddleAndEnd() {
        SecretMasker withValue = SecretMasker.builder().value("s3cr3t-v4lue").build();

        Masked masked = withValue.mask("s3cr3t-v4lue then s3cr3t-v4lue,s3cr3t-v4lue and s3cr3t-v4lue", MaskState.CLEAR);

        assertThat(masked.text()).isEqualTo("*** then ***,*** and ***");
        assertThat(masked.count()).isEqualTo(4);
    }

    @Test
    void masksSeveralRegisteredValues() {
        SecretMasker withValues = SecretMasker.builder().values(List.of("alpha-key", "bravo-key", "charlie")).build();

        Masked masked = withValues.mask("login alpha-key; fallback charlie; bravo-key unused", MaskState.CLEAR);

        assertThat(masked.text()).isEqualTo("login ***; fallback ***; *** unused");
        assertThat(masked.count()).isEqualTo(3);
    }

    @Test
    void masksTheLongestOfValuesStartingAlike() {
        SecretMasker withValues = SecretMasker.builder().value("pass").value("password123").build();

        assertThat(withValues.mask("it is password123.", MaskState.CLEAR).text()).isEqualTo("it is ***.");
        assertThat(withValues.mask("it is pass.", MaskState.CLEAR).text()).isEqualTo("it is ***.");
    }

    @Test
    void masksOverlappingValuesAsOneRunSoNoPartShows() {
        SecretMasker withValues = SecretMasker.builder().value("abcdef").value("defghi").build();

        Masked masked = withValues.mask("xx abcdefghi xx", MaskState.CLEAR);

        assertThat(masked.text()).isEqualTo("xx *** xx");
        assertThat(masked.count()).isEqualTo(1);
    }

    @Test
    void masksValuesOverlappingByOneCharacterAsOneRun() {
        SecretMasker withValues = SecretMasker.builder().value("abcd").value("defg").build();

        Masked masked = withValues.mask("<abcdefg>", MaskState.CLEAR);

        assertThat(masked.text()).isEqualTo("<***>");
        assertThat(masked.count()).isEqualTo(1);
    }

    @Test
    void countsEveryMaskOfALineWithManySecrets() {
        SecretMasker withValue = SecretMasker.builder().value("registered-1").build();
        String line = "password=a1 token=b2 " + "ghp_" + fake(36) + " AKIAIOSFODNN7EXAMPLE https://u:p@host "
                + "Bearer 0a1b2c3d4e5f " + jwt() + ".sig registered-1 secret: c3 --api-key d4";

        Masked masked = withValue.mask(line, MaskState.CLEAR);

        assertThat(masked.text()).isEqualTo("password=*** token=*** *** *** https://u:***@host Bearer *** *** *** secret: ***"
                + " --api-key ***");
        assertThat(masked.count()).isEqualTo(10);
    }

    @Test
    void masksSelfOverlappingOccurrencesOfAValue() {
        SecretMasker withValue = SecretMasker.builder().value("abab").build();

        assertThat(withValue.mask("[ababab]", MaskState.CLEAR).text()).isEqualTo("[***]");
    }

    @Test
    void masksUnicodeValues() {
        SecretMasker withValues = SecretMasker.builder().value("пароль-тайна").value("🔑🗝🔑🗝").build();

        Masked masked = withValues.mask("ключ: пароль-тайна, emoji 🔑🗝🔑🗝!", MaskState.CLEAR);

        assertThat(masked.text()).isEqualTo("ключ: ***, emoji ***!");
    }

    @Test
    void masksTheBase64AndUrlEncodedFormsOfARegisteredValue() {
        String value = "p@ss w0rd/with+signs";
        SecretMasker withValue = SecretMasker.builder().value(value).build();
        String base64 = Base64.getEncoder().encodeToString(value.getBytes(UTF_8));

        assertThat(withValue.mask("echo " + base64, MaskState.CLEAR).text()).doesNotContain(base64.replace("=", ""));
        assertThat(withValue.mask("GET /login?q=p%40ss+w0rd%2Fwith%2Bsigns", MaskState.CLEAR).text())
                .isEqualTo("GET /login?q=***");
        assertThat(withValue.mask("GET /login?q=p%40ss%20w0rd%2Fwith%2Bsigns", MaskState.CLEAR).text())
                .isEqualTo("GET /login?q=***");
    }

    @Test
    void masksEachLineOfAValueOfSeveralLines() {
        SecretMasker withValue = SecretMasker.builder().value("first-line-of-it\nsecond-line-of-it\nab").build();

        assertThat(withValue.mask("> second-line-of-it", MaskState.CLEAR).text()).isEqualTo("> ***");
        assertThat(withValue.mask("> first-line-of-it", MaskState.CLEAR).text()).isEqualTo("> ***");
        assertThat(withValue.mask("> ab", MaskState.CLEAR).text()).isEqualTo("> ab");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a", "abc", "    ", " \t \n  ", "ab\ncd", "🔑🗝🔑"})
    void refusesValuesTooShortToMask(String value) {
        assertThatThrownBy(() -> SecretMasker.checkValue(value))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 4 characters");
        assertThatThrownBy(() -> SecretMasker.builder().value(value)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> masker.withValues(List.of(value))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusalDoesNotRepeatTheValue() {
        assertThatThrownBy(() -> SecretMasker.checkValue("xyz")).message().doesNotContain("xyz");
    }

    @Test
    void acceptsValuesOfFourCharacters() {
        assertThat(SecretMasker.checkValue("abcd")).isEqualTo("abcd");
        assertThat(SecretMasker.checkValue("🔑🗝🔑🗝")).isEqualTo("🔑🗝🔑🗝");
    }

    @Test
    void withValuesAddsValuesAndLeavesTheOriginalAsItWas() {
        SecretMasker base = SecretMasker.builder().value("first-value").pattern("corp-[0-9]{6}").build();
        SecretMasker task = base.withValues(List.of("task-value"));

        assertThat(task.mask("first-value task-value corp-123456", MaskState.CLEAR).text()).isEqualTo("*** *** ***");
        assertThat(base.mask("task-value", MaskState.CLEAR).text()).isEqualTo("task-value");
    }

    // --- AWS

    @ParameterizedTest
    @ValueSource(strings = {"AKIAIOSFODNN7EXAMPLE", "ASIAY34FZKBOKMUTVV7A"})
    void masksAwsAccessKeyIds(String id) {
        Masked masked = masker.mask("export AWS_ACCESS_KEY_ID=" + id + " # (" + id + ")", MaskState.CLEAR);

        assertThat(masked.text()).isEqualTo("export AWS_ACCESS_KEY_ID=*** # (***)");
        assertThat(masked.count()).isEqualTo(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"AKIAIOSFODNN7EXAMPL", "AKIAIOSFODNN7EXAMPLEX", "XAKIAIOSFODNN7EXAMPLE", "AKIAiosfodnn7example",
            "AGPAIOSFODNN7EXAMPLE", "ASIAN markets"})
    void leavesNearMissesOfAwsAccessKeyIds(String text) {
        String line = "id " + text + " end";

        assertThat(masker.mask(line, MaskState.CLEAR).text()).isSameAs(line);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
            "AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
            "\"SecretAccessKey\": \"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\","})
    void masksAwsSecretAccessKeys(String line) {
        Masked masked = masker.mask(line, MaskState.CLEAR);

        assertThat(masked.text()).doesNotContain("wJalrXUtnFEMI").contains("***");
        assertThat(masked.text()).containsIgnoringCase("secret").containsIgnoringCase("access");
        assertThat(masked.count()).isEqualTo(1);
    }

    @Test
    void leavesKeysThatOnlyMentionTheAwsSecret() {
        String line = "aws_secret_access_key_file=/run/secrets/aws aws_secret_access_key_id: none";

        assertThat(masker.mask(line, MaskState.CLEAR).text()).isSameAs(line);
    }

    // --- GitHub and GitLab

    @ParameterizedTest
    @ValueSource(strings = {"ghp_", "gho_", "ghu_", "ghs_", "ghr_"})
    void masksGithubTokens(String prefix) {
        String token = prefix + fake(36);

        Masked masked = masker.mask("git clone https://" + token + "@github.com/o/r.git; echo " + token + ".", MaskState.CLEAR);

        assertThat(masked.text()).isEqualTo("git clone https://***@github.com/o/r.git; echo ***.");
        assertThat(masked.count()).isEqualTo(2);
    }

    @Test
    void masksFineGrainedGithubTokens() {
        String token = "github_pat_" + fake(22) + "_" + fake(59);

        assertThat(masker.mask("GH_TOKEN=" + token, MaskState.CLEAR).text()).isEqualTo("GH_TOKEN=***");
        assertThat(masker.mask("using " + token, MaskState.CLEAR).text()).isEqualTo("using ***");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ghp_", "ghx_", "xghp_", "github_pat_"})
    void leavesNearMissesOfGithubTokens(String prefix) {
        String line = "ref " + prefix + fake(prefix.startsWith("github") ? 21 : prefix.equals("ghp_") ? 35 : 36) + " end";

        assertThat(masker.mask(line, MaskState.CLEAR).text()).isSameAs(line);
    }

    @ParameterizedTest
    @ValueSource(strings = {"glpat-", "gldt-", "glrt-", "glcbt-", "glptt-", "glft-"})
    void masksGitlabTokens(String prefix) {
        String token = prefix + fake(20);

        Masked masked = masker.mask("PRIVATE_TOKEN " + token + ".", MaskState.CLEAR);

        assertThat(masked.text()).isEqualTo("PRIVATE_TOKEN ***.");
    }

    @Test
    void masksRoutableGitlabTokensWhole() {
        String token = "glpat-" + fake(27) + ".01.0x1a2b3c4d5";

        assertThat(masker.mask("header " + token + ".", MaskState.CLEAR).text()).isEqualTo("header ***.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"glpat-" + "short0123456789abcd", "glxyz-" + "0123456789abcdefghijk", "xglpat-0123456789abcdefghijk"})
    void leavesNearMissesOfGitlabTokens(String text) {
        String line = "see " + text + " here";

        assertThat(masker.mask(line, MaskState.CLEAR).text()).isSameAs(line);
    }

    // --- JWT

    @Test
    void masksJwts() {
        String jwt = jwt() + "." + fake(43).replace('A', '-');

        Masked masked = masker.mask("token=" + jwt + " and id_token " + jwt + ", done", MaskState.CLEAR);

        assertThat(masked.text()).isEqualTo("token=*** and id_token ***, done");
    }

    @Test
    void masksUnsignedJwts() {
        assertThat(masker.mask("got " + jwt() + ". next", MaskState.CLEAR).text()).isEqualTo("got *** next");
    }

    @ParameterizedTest
    @ValueSource(strings = {"eyJhbGciOiJIUzI1NiJ9", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0", "xeyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln",
            "eyJ.eyJzdWIiOiIxIn0.c2ln"})
    void leavesNearMissesOfJwts(String text) {
        String line = "value " + text + " end";

        assertThat(masker.mask(line, MaskState.CLEAR).text()).isSameAs(line);
    }

    // --- keys naming secrets

    @ParameterizedTest
    @ValueSource(strings = {
            "password=hunter22!|password=***",
            "PASSWORD=hunter22!|PASSWORD=***",
            "passwd: hunter22!|passwd: ***",
            "Pwd=hunter22;Server=db|Pwd=***",
            "token = abc123|token = ***",
            "secret:abc123|secret:***",
            "api_key=abc123|api_key=***",
            "apikey=abc123|apikey=***",
            "X-Api-Key: abc123|X-Api-Key: ***",
            "access_token=abc123|access_token=***",
            "DB_PASSWORD=hunter22|DB_PASSWORD=***",
            "clientSecret=abc123|clientSecret=***",
            "npm config set //registry.npmjs.org/:_authToken=abc123|npm config set //registry.npmjs.org/:_authToken=***",
            "mvn deploy -Dgpg.passphrase=abc123 -Dpassword=hunter22|mvn deploy -Dgpg.passphrase=*** -Dpassword=***",
            "GET /api?token=abc123&page=2|GET /api?token=***&page=2",
            "{\"user\": \"bob\", \"password\": \"hunter 22\", \"n\": 1}|{\"user\": \"bob\", \"password\": \"***\", \"n\": 1}",
            "{'password': 'hunter22'}|{'password': '***'}",
            "{\"token\":\"a\\\"b\"}|{\"token\":\"***\"}",
            "msg=\"{\\\"password\\\":\\\"hunter22\\\"}\"|msg=\"{\\\"password\\\":\\\"***\\\"}\"",
            "login --password hunter22 --user bob|login --password *** --user bob",
            "login --password=hunter22 --user bob|login --password=*** --user bob",
            "login --api-key 'abc 123'|login --api-key '***'",
            ":password => \"hunter22\"|:password => \"***\"",
            "  password: hunter22|  password: ***"})
    void masksValuesOfKeysNamingASecret(String lineAndExpected) {
        String[] parts = lineAndExpected.split("\\|");

        assertThat(masker.mask(parts[0], MaskState.CLEAR).text()).isEqualTo(parts[1]);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "password=",
            "password: ",
            "password=\"\"",
            "{\"password\": \"\"}",
            "?password=&user=bob",
            "password=***",
            "token_count=5",
            "max_tokens=100",
            "tokens: 12",
            "mypassword=hunter22",
            "password_file=/run/secrets/db",
            "secretName: db-credentials",
            "PWD=/builds/group/project",
            "if password == other:",
            "if token != other:",
            "password := os.Getenv(\"X\")",
            "docker login --password-stdin --username bob",
            "mysql --password --user bob",
            "std::token::Kind"})
    void leavesKeysThatDoNotGiveASecretValue(String line) {
        assertThat(masker.mask(line, MaskState.CLEAR).text()).isSameAs(line);
    }

    @Test
    void masksAWholeValueEvenWithSeparatorsInIt() {
        assertThat(masker.mask("password=a=b:c,d;e rest", MaskState.CLEAR).text()).isEqualTo("password=*** rest");
    }

    // --- Authorization and Bearer

    @ParameterizedTest
    @ValueSource(strings = {
            "Authorization: Bearer abc.def-123|Authorization: Bearer ***",
            "authorization: basic dXNlcjpwYXNz|authorization: basic ***",
            "Authorization: Basic dXNlcjpwYXNz|Authorization: Basic ***",
            "curl -H 'Authorization: Basic dXNlcjpwYXNz' https://x|curl -H 'Authorization: Basic ***' https://x",
            "{\"Authorization\": \"Bearer abc\"}|{\"Authorization\": \"Bearer ***\"}",
            "Proxy-Authorization: Basic dXNlcjpwYXNz|Proxy-Authorization: Basic ***",
            "Authorization: dXNlcjpwYXNz|Authorization: ***",
            "sent Bearer 0a1b2c3d4e5f to api|sent Bearer *** to api",
            "BEARER Z9y8x7w6v5u4|BEARER ***"})
    void masksAuthorizationCredentials(String lineAndExpected) {
        String[] parts = lineAndExpected.split("\\|");

        assertThat(masker.mask(parts[0], MaskState.CLEAR).text()).isEqualTo(parts[1]);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bearer authentication failed", "missing Bearer token", "Authorization: Bearer",
            "Authorization: ***", "Forbearer abc123def456", "Bearer ${TOKEN}"})
    void leavesBearerWordsThatAreNoCredential(String line) {
        assertThat(masker.mask(line, MaskState.CLEAR).text()).isSameAs(line);
    }

    // --- URLs

    @ParameterizedTest
    @ValueSource(strings = {
            "pulling https://deploy:s3cr3t@registry.example.com/v2/ ok|pulling https://deploy:***@registry.example.com/v2/ ok",
            "DATABASE_URL=postgres://app:p@ss@db:5432/app|DATABASE_URL=postgres://app:***@db:5432/app",
            "mongodb+srv://u:pw@cluster0|mongodb+srv://u:***@cluster0",
            "\"redis://:pw12@cache:6379\"|\"redis://:***@cache:6379\""})
    void masksPasswordsInUrls(String lineAndExpected) {
        String[] parts = lineAndExpected.split("\\|");

        assertThat(masker.mask(parts[0], MaskState.CLEAR).text()).isEqualTo(parts[1]);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://registry.example.com:5000/v2/", "ssh://git@github.com/o/r.git",
            "https://host/path?email=a:b@c.com", "https://user:@host/", "see ://x:y@z"})
    void leavesUrlsWithoutPassword(String line) {
        assertThat(masker.mask(line, MaskState.CLEAR).text()).isSameAs(line);
    }

    // --- private keys

    @Test
    void masksEveryLineOfAPrivateKeyBetweenItsMarkers() {
        List<String> lines = List.of("writing key:", "-----BEGIN RSA PRIVATE KEY-----", "MIIEowIBAAKCAQEAx3",
                "  dGhpcyBpcyBub3Qga2V5", "", "Zw==", "-----END RSA PRIVATE KEY-----", "done password=x1");

        List<Masked> masked = maskAll(masker, lines, MaskState.CLEAR);

        assertThat(masked).extracting(Masked::text).containsExactly("writing key:", "-----BEGIN RSA PRIVATE KEY-----",
                "***", "***", "", "***", "-----END RSA PRIVATE KEY-----", "done password=***");
        assertThat(masked).extracting(Masked::count).containsExactly(0, 0, 1, 1, 0, 1, 0, 1);
        assertThat(masked.get(6).state()).isSameAs(MaskState.CLEAR);
    }

    @ParameterizedTest
    @ValueSource(strings = {"PRIVATE KEY", "ENCRYPTED PRIVATE KEY", "EC PRIVATE KEY", "OPENSSH PRIVATE KEY",
            "PGP PRIVATE KEY BLOCK"})
    void masksEveryKindOfPrivateKey(String label) {
        List<Masked> masked = maskAll(masker, List.of("-----BEGIN " + label + "-----", "b3BlbnNzaC1rZXktdjEAAAAABG5v",
                "-----END " + label + "-----"), MaskState.CLEAR);

        assertThat(masked).extracting(Masked::text).containsExactly("-----BEGIN " + label + "-----", "***",
                "-----END " + label + "-----");
    }

    @Test
    void leavesCertificatesAndPublicKeys() {
        List<String> lines = List.of("-----BEGIN CERTIFICATE-----", "MIIDdzCCAl+gAwIBAgIE", "-----END CERTIFICATE-----",
                "-----BEGIN PUBLIC KEY-----", "MIIBIjANBgkqhkiG9w0B", "-----END PUBLIC KEY-----");

        assertThat(maskAll(masker, lines, MaskState.CLEAR)).extracting(Masked::text).containsExactlyElementsOf(lines);
    }

    @Test
    void goesOnMaskingAKeyAfterItsStateWasStoredAndRestored() {
        Masked begin = masker.mask("-----BEGIN OPENSSH PRIVATE KEY-----", MaskState.CLEAR);
        Masked body = masker.mask("b3BlbnNzaC1rZXktdjEAAAAABG5vbmU", begin.state());
        String stored = body.state().persisted();

        MaskState restored = MaskState.restore(stored);
        Masked afterRestart = masker.mask("AAAAAAAAAABAAABFwAAAAdzc2gtcn", restored);
        Masked end = masker.mask("-----END OPENSSH PRIVATE KEY-----", afterRestart.state());

        assertThat(stored).isEqualTo("private-key:2");
        assertThat(restored).isEqualTo(body.state());
        assertThat(afterRestart.text()).isEqualTo("***");
        assertThat(end.state().persisted()).isNull();
        assertThat(masker.mask("plain AAAAAAAAAABAAABFwAAAAdzc2gtcn", end.state()).text())
                .isEqualTo("plain AAAAAAAAAABAAABFwAAAAdzc2gtcn");
    }

    @Test
    void restoresTheClearStateFromNullAndRefusesOtherText() {
        assertThat(MaskState.restore(null)).isSameAs(MaskState.CLEAR);
        assertThat(MaskState.CLEAR.persisted()).isNull();
        assertThatThrownBy(() -> MaskState.restore("private-key:x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("private-key:x");
        assertThatThrownBy(() -> MaskState.restore("private-key:0")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MaskState.restore("true")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void masksTheBodyOfAKeyWrittenOnOneLine() {
        String line = "{\"pem\": \"-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBg\\n-----END PRIVATE KEY-----\\n\", \"x\": 1}";

        Masked masked = masker.mask(line, MaskState.CLEAR);

        assertThat(masked.text()).doesNotContain("MIIEvQIBADANBg").contains("-----END PRIVATE KEY-----\\n\", \"x\": 1}");
        assertThat(masked.state()).isSameAs(MaskState.CLEAR);
    }

    @Test
    void masksKeyTextBeforeTheEndMarkerOnItsLine() {
        Masked masked = masker.mask("Zw==-----END EC PRIVATE KEY-----", MaskState.of(3));

        assertThat(masked.text()).isEqualTo("***-----END EC PRIVATE KEY-----");
        assertThat(masked.state()).isSameAs(MaskState.CLEAR);
    }

    @Test
    void opensNoBlockForAMarkerMentionedAmidText() {
        Masked mention = masker.mask("+ grep -q '-----BEGIN RSA PRIVATE KEY-----' id_rsa", MaskState.CLEAR);

        assertThat(mention.state()).isSameAs(MaskState.CLEAR);
        assertThat(masker.mask("next line", mention.state()).text()).isEqualTo("next line");
    }

    @Test
    void stopsMaskingABlockWhoseEndNeverComes() {
        MaskState state = masker.mask("-----BEGIN PRIVATE KEY-----", MaskState.CLEAR).state();
        for (int i = 1; i < PrivateKeys.MAX_LINES; i++) {
            Masked masked = masker.mask("line " + i, state);
            assertThat(masked.text()).isEqualTo("***");
            state = masked.state();
        }

        assertThat(masker.mask("after the limit", state).text()).isEqualTo("after the limit");
    }

    // --- configured patterns

    @Test
    void masksTheWholeMatchOfAConfiguredPattern() {
        SecretMasker configured = SecretMasker.builder().pattern("corp-[0-9a-f]{8}").build();

        Masked masked = configured.mask("key corp-deadbeef and corp-0badc0de; corp-xyz", MaskState.CLEAR);

        assertThat(masked.text()).isEqualTo("key *** and ***; corp-xyz");
        assertThat(masked.count()).isEqualTo(2);
    }

    @Test
    void masksOnlyTheSecretGroupOfAConfiguredPattern() {
        SecretMasker configured = SecretMasker.builder().pattern("license\\((?<secret>[A-Z0-9-]+)\\)").build();

        assertThat(configured.mask("using license(AB-12-CD) now", MaskState.CLEAR).text()).isEqualTo("using license(***) now");
    }

    @Test
    void masksNothingForAMatchWhoseSecretGroupTookNoPart() {
        SecretMasker configured = SecretMasker.builder().pattern("id=(?<secret>\\d{6})?").build();

        String line = "id= none";
        assertThat(configured.mask(line, MaskState.CLEAR).text()).isSameAs(line);
        assertThat(configured.mask("id=123456", MaskState.CLEAR).text()).isEqualTo("id=***");
    }

    @Test
    void treatsAGroupOfAnotherNameAsNoSecretGroup() {
        SecretMasker configured = SecretMasker.builder().pattern("k=(?<secretive>\\w+)").build();

        assertThat(configured.mask("k=abc", MaskState.CLEAR).text()).isEqualTo("***");
    }

    @ParameterizedTest
    @ValueSource(strings = {"corp-[0-9", "(?<secret>a", "*oops", "a{2,1}"})
    void refusesAnInvalidConfiguredPatternNamingIt(String regex) {
        assertThatThrownBy(() -> SecretMasker.builder().pattern(regex))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(regex);
    }

    @Test
    void masksTheWholeLineWhenAConfiguredPatternBacktracksTooLong() {
        SecretMasker configured = SecretMasker.builder().pattern("(a+)+b").build();
        String line = "a".repeat(5_000) + "!";

        Masked masked = assertTimeoutPreemptively(LINEAR, () -> configured.mask(line, MaskState.CLEAR));

        assertThat(masked.text()).isEqualTo("***");
    }

    // --- hostile input

    @ParameterizedTest
    @ValueSource(strings = {"=", ":", "-", " ", "\"", "\\", "@", "*"})
    void scansHugeLinesOfOneCharacterInLinearTime(String c) {
        String line = c.repeat(100_000);

        Masked masked = assertTimeoutPreemptively(LINEAR, () -> masker.mask(line, MaskState.CLEAR));

        assertThat(masked.text()).isSameAs(line);
    }

    @ParameterizedTest
    @ValueSource(strings = {"password=", "password: \"", "--password ", "eyJ", "ghp_", "github_pat_", "glpat-", "AKIA",
            "Bearer ", "://a:", "a://b:c@", "-----BEGIN ", "-----BEGIN PRIVATE KEY-----", "token=a&", "--a-", "x.",
            "Authorization: Basic "})
    void scansHugeLinesOfRepeatedTriggersInLinearTime(String trigger) {
        String line = trigger.repeat(200_000 / trigger.length());
        SecretMasker withValue = SecretMasker.builder().value("aaaa").value(trigger.length() >= 4 ? trigger : "zzzz").build();

        Masked masked = assertTimeoutPreemptively(LINEAR, () -> withValue.mask(line, MaskState.CLEAR));

        assertThat(masked.text().length()).isLessThanOrEqualTo(line.length());
    }

    @Test
    void masksAValueRepeatedAcrossAHugeLine() {
        SecretMasker withValue = SecretMasker.builder().value("aaaa").build();

        Masked masked = assertTimeoutPreemptively(LINEAR, () -> withValue.mask("a".repeat(100_000), MaskState.CLEAR));

        assertThat(masked.text()).isEqualTo("***");
    }

    @Test
    void keepsNulBytesAroundSecretsAndMasksThoseInside() {
        String token = "ghp_" + fake(36);

        assertThat(masker.mask("\u0000" + token + "\u0000", MaskState.CLEAR).text()).isEqualTo("\u0000***\u0000");
        assertThat(masker.mask("password=ab\u0000cd rest", MaskState.CLEAR).text()).isEqualTo("password=*** rest");
    }

    private static List<Masked> maskAll(SecretMasker masker, List<String> lines, MaskState state) {
        List<Masked> masked = new ArrayList<>();
        for (String line : lines) {
            Masked one = masker.mask(line, state);
            masked.add(one);
            state = one.state();
        }
        return masked;
    }

    /** A token body of {@code length} letters and digits, made here so that no real-looking token is in the source. */
    private static String fake(int length) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder fake = new StringBuilder();
        for (int i = 0; i < length; i++) {
            fake.append(alphabet.charAt((i * 7 + 3) % alphabet.length()));
        }
        return fake.toString();
    }

    /** A JWT's header and payload, and the dot before its signature. */
    private static String jwt() {
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        return base64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(UTF_8)) + "."
                + base64.encodeToString("{\"sub\":\"1234567890\",\"name\":\"CI\"}".getBytes(UTF_8));
    }
}
