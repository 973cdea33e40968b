package io.vigil.monitor.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.vigil.events.Status;
import io.vigil.events.VigilEvent;
import io.vigil.events.payload.AlertFired;
import io.vigil.events.payload.DeploymentUpdated;
import io.vigil.events.payload.LogLines;
import io.vigil.events.payload.LogStatus;
import io.vigil.events.payload.RunUpdated;
import io.vigil.events.payload.StepUpdated;
import io.vigil.monitor.domain.Subscription;
import io.vigil.monitor.fanout.Channel;
import io.vigil.monitor.fanout.Publication;

class EventPublicationsTest {

    static final Instant T = Instant.parse("2024-01-01T00:00:00Z");

    @Test
    void subscriptionsFilterByProjectAndType() {
        Publication demo = only(VigilEvent.of("demo", 1, T, deployment("demo")));
        Publication other = only(VigilEvent.of("other", 1, T, deployment("other")));
        Publication step = only(VigilEvent.of("demo", 2, T, new StepUpdated("d", "demo", "build", "other",
                Status.RUNNING, T)));
        Publication alert = only(VigilEvent.of("a", 1, T, new AlertFired("a", "r", "critical", "f", "s", Map.of(), T)));

        Subscription demoOnly = new Subscription(Set.of("demo"), Set.of());
        assertThat(demoOnly.filter().accepts(demo)).isTrue();
        assertThat(demoOnly.filter().accepts(other)).isFalse();
        assertThat(demoOnly.filter().accepts(alert)).as("events that name no project pass a project filter").isTrue();

        Subscription deploymentsOnly = new Subscription(Set.of(), Set.of("deployment.updated"));
        assertThat(deploymentsOnly.filter().accepts(demo)).isTrue();
        assertThat(deploymentsOnly.filter().accepts(step)).isFalse();
        assertThat(new Subscription(Set.of(), Set.of("io.vigil.step.updated")).filter().accepts(step)).isTrue();
        assertThat(Subscription.EVERYTHING.filter().accepts(alert)).isTrue();
    }

    @Test
    void aRunsEventsGoToItsChannelByTheirSeqAndItsEndClosesTheStream() {
        VigilEvent<?> ended = VigilEvent.of("r-1", 7, T, new RunUpdated("r-1", "build", "demo", Status.SUCCESS, T, T));

        List<Publication> publications = EventPublications.of(ended);

        assertThat(publications.get(0).channels()).containsExactly(Channel.MONITOR, Channel.run("r-1"));
        assertThat(publications.get(0).firstSeq()).isEqualTo(7);
        assertThat(publications.get(1).channels()).containsExactly(Channel.run("r-1"));
        assertThat(publications.get(1).text()).contains("\"type\":\"status\"", "\"status\":\"success\"");
    }

    @Test
    void aTasksLinesAreNumberedByTheirOffsetsAndASliceHoldsOnlyItsLines() {
        VigilEvent<?> lines = VigilEvent.of("t-1", 3, T, new LogLines("t-1", List.of(
                new LogLines.Line(5, T, "INFO", "five", null, null, null),
                new LogLines.Line(6, T, "INFO", "six", null, null, null),
                new LogLines.Line(7, T, "ERROR", "seven", null, null, null))));

        Publication publication = only(lines);

        assertThat(publication.channels()).containsExactly(Channel.MONITOR, Channel.logs("t-1"));
        assertThat(publication.firstSeq()).isEqualTo(5);
        assertThat(publication.lastSeq()).isEqualTo(7);
        assertThat(publication.slice(6, 7).text()).contains("six", "seven").doesNotContain("five");
    }

    @Test
    void aFinishedTasksStatusEndsItsStream() {
        VigilEvent<?> finished = VigilEvent.of("t-1", 9, T, new LogStatus("t-1", Status.FAILED, 3, T, "install", 50,
                1, 2, "x", 1, 0, T));
        VigilEvent<?> running = VigilEvent.of("t-1", 2, T, new LogStatus("t-1", Status.RUNNING, 0, null, "install",
                null, null, null, null, null, 0, T));

        List<Publication> ends = EventPublications.of(finished);
        assertThat(ends).hasSize(3);
        assertThat(ends).filteredOn(p -> p.channels().equals(List.of(Channel.logs("t-1")))).singleElement()
                .satisfies(p -> assertThat(p.text()).contains("\"type\":\"status\"", "\"status\":\"failed\""));
        assertThat(ends).filteredOn(p -> p.channels().equals(List.of(Channel.logLines("t-1")))).singleElement()
                .satisfies(p -> assertThat(p.text()).contains("\"level\":\"ERROR\"", "\"completed\":true"));
        assertThat(EventPublications.of(running)).hasSize(1);
    }

    private static Publication only(VigilEvent<?> event) {
        List<Publication> publications = EventPublications.of(event);
        assertThat(publications).hasSize(1);
        return publications.get(0);
    }

    private static DeploymentUpdated deployment(String project) {
        return new DeploymentUpdated("d", project, null, null, null, Status.SUCCESS, null, null, null, null, T,
                List.of());
    }
}
