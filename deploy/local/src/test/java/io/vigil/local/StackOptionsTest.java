package io.vigil.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

class StackOptionsTest {

    private static final Path ROOT = Path.of("/repo");

    private static StackOptions parse(String... args) {
        return StackOptions.parse(List.of(args), ROOT);
    }

    @Test
    void upWithoutOptionsUsesTheDefaultPortsDataDirAndPrefix() {
        StackOptions options = parse("up");

        assertThat(options.command()).isEqualTo(StackOptions.Command.UP);
        assertThat(options.demo()).isFalse();
        assertThat(options.dataDir()).isEqualTo(Path.of("/repo/.vigil"));
        assertThat(options.ports()).isEqualTo(new Ports(8080, 8081, 8082, 8083, 9092));
        assertThat(options.database(Service.INGEST)).isEqualTo("vigil_ingest");
        assertThat(options.database(Service.GATEWAY)).isEqualTo("vigil_monitor");
    }

    @Test
    void portsFromPutsTheServicesOnTheFirstFourAndTheBrokerOnTheTenth() {
        Ports ports = parse("up", "--ports-from", "20000").ports();

        assertThat(ports).isEqualTo(new Ports(20000, 20001, 20002, 20003, 20009));
        assertThat(ports.of(Service.LOGS)).isEqualTo(20003);
        assertThat(ports.url(Service.PIPELINE)).isEqualTo("http://127.0.0.1:20002");
    }

    @Test
    void everyOptionTakesItsValueAfterASpaceOrAnEqualsSign() {
        StackOptions spaced = parse("up", "--demo", "--data-dir", "/tmp/x", "--ports-from", "30000", "--db-prefix", "t_");
        StackOptions joined = parse("up", "--demo", "--data-dir=/tmp/x", "--ports-from=30000", "--db-prefix=t_");

        assertThat(joined).isEqualTo(spaced);
        assertThat(spaced.demo()).isTrue();
        assertThat(spaced.dataDir()).isEqualTo(Path.of("/tmp/x"));
        assertThat(spaced.database(Service.LOGS)).isEqualTo("t_logs");
    }

    @Test
    void aRelativeDataDirIsResolvedAgainstTheWorkingDirectory() {
        assertThat(parse("down", "--data-dir", "here").dataDir()).isEqualTo(Path.of("here").toAbsolutePath());
    }

    @Test
    void anUnknownFlagIsNamedInTheError() {
        assertThatThrownBy(() -> parse("up", "--dmeo"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("unknown option '--dmeo'");
    }

    @Test
    void downAcceptsOnlyTheDataDir() {
        assertThatThrownBy(() -> parse("down", "--demo")).hasMessage("unknown option '--demo' for down");
        assertThat(parse("down", "--data-dir", "/d").command()).isEqualTo(StackOptions.Command.DOWN);
    }

    @Test
    void aMissingOrUnknownCommandIsAnError() {
        assertThatThrownBy(() -> parse()).hasMessage("missing command");
        assertThatThrownBy(() -> parse("start")).hasMessage("unknown command 'start'");
    }

    @Test
    void anOptionWithoutItsValueIsAnError() {
        assertThatThrownBy(() -> parse("up", "--ports-from")).hasMessage("--ports-from needs a value");
        assertThatThrownBy(() -> parse("up", "--data-dir", "--demo")).hasMessage("--data-dir needs a value");
    }

    @Test
    void portsFromMustBeANumberThatLeavesRoomForTheBroker() {
        assertThatThrownBy(() -> parse("up", "--ports-from", "80x")).hasMessageContaining("needs a port number, got '80x'");
        assertThatThrownBy(() -> parse("up", "--ports-from", "65530")).hasMessageContaining("between 1 and 65526");
        assertThatThrownBy(() -> parse("up", "--ports-from", "0")).hasMessageContaining("between 1 and 65526");
        assertThat(parse("up", "--ports-from", "65526").ports().kafka()).isEqualTo(65535);
    }

    @Test
    void theDatabasePrefixMustBeASafeIdentifier() {
        assertThatThrownBy(() -> parse("up", "--db-prefix", "x; DROP")).hasMessageContaining("--db-prefix must be");
        assertThatThrownBy(() -> parse("up", "--db-prefix", "Vigil_")).hasMessageContaining("--db-prefix must be");
    }

    @Test
    void theDemoFlagTakesNoValue() {
        assertThatThrownBy(() -> parse("up", "--demo=yes")).hasMessage("--demo takes no value");
    }
}
