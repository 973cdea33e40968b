package io.vigil.monitor.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.vigil.events.Status;
import io.vigil.events.VigilEvent;
import io.vigil.events.payload.DeploymentUpdated;

class MonitorDomainTest {

    static final Instant T = Instant.parse("2024-01-01T00:00:00Z");

    static DeploymentUpdated deployment(String project, Instant at) {
        return new DeploymentUpdated("d", project, null, null, null, Status.SUCCESS, null, null, null, null, at, List.of());
    }

    @Test
    void aRepeatedEventIdIsSeenOnceAndTheWindowForgetsTheOldest() {
        RecentEventIds ids = new RecentEventIds(2);
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        UUID c = UUID.randomUUID();
        assertThat(ids.firstSeen(a)).isTrue();
        assertThat(ids.firstSeen(a)).isFalse();
        assertThat(ids.firstSeen(b)).isTrue();
        assertThat(ids.firstSeen(c)).isTrue();
        assertThat(ids.firstSeen(a)).as("a fell out of the window").isTrue();
        assertThatThrownBy(() -> new RecentEventIds(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void clientMessagesAreReadOrRejectedWithAReason() {
        assertThat(ClientRequest.parse("{\"type\":\"ping\"}")).isInstanceOf(ClientRequest.Ping.class);
        ClientRequest subscribe = ClientRequest.parse("{\"type\":\"subscribe\",\"projects\":[\"demo\"]}");
        assertThat(((ClientRequest.Subscribe) subscribe).subscription().projects()).containsExactly("demo");
        assertThatThrownBy(() -> ClientRequest.parse("not json")).hasMessageContaining("not JSON");
        assertThatThrownBy(() -> ClientRequest.parse("[]")).hasMessageContaining("'type'");
        assertThatThrownBy(() -> ClientRequest.parse("{\"type\":\"dance\"}")).hasMessageContaining("dance");
        assertThatThrownBy(() -> ClientRequest.parse("{\"type\":\"subscribe\",\"projects\":\"demo\"}"))
                .hasMessageContaining("'projects'");
        assertThatThrownBy(() -> ClientRequest.parse("{\"type\":\"subscribe\",\"types\":[1]}"))
                .hasMessageContaining("'types'");
    }

    @Test
    void theSnapshotKeepsTheNewestReportOfEachProject() {
        LatestDeployments latest = new LatestDeployments();
        latest.record(deployment("demo", T.plusSeconds(10)));
        latest.record(deployment("demo", T));
        latest.record(deployment("web", T.plusSeconds(5)));
        assertThat(latest.all()).extracting(DeploymentUpdated::project, DeploymentUpdated::reportedAt)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("demo", T.plusSeconds(10)),
                        org.assertj.core.groups.Tuple.tuple("web", T.plusSeconds(5)));
    }

    @Test
    void anEventMessageCarriesTheEnvelopeAndWhatClientsNeedToResume() {
        VigilEvent<?> event = VigilEvent.of("demo", 3, T, deployment("demo", T));
        String text = MonitorMessage.event(event);
        assertThat(text).contains("\"type\":\"deployment.updated\"", "\"seq\":3", "\"subject\":\"demo\"",
                "\"id\":\"" + event.id() + "\"", "\"timestamp\":\"2024-01-01T00:00:00Z\"", "\"data\":{");
    }
}
