package io.vigil.logs.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class LogSourceTest {

    private static final String RUN = "0f8fad5b-d9cb-469f-a165-70867728950e";
    private final Path root = Path.of("/srv/logs");

    @Test
    void aStepLogIsItsStepAttemptsTask() {
        LogSource steps = new LogSource.Steps(root);
        assertThat(steps.taskOf(Path.of(RUN, "build", "2.log"))).contains(RUN + "/build/2");
        assertThat(steps.taskOf(Path.of(RUN, "build", "2.txt"))).isEmpty();
        assertThat(steps.taskOf(Path.of(RUN, "build.log"))).isEmpty();
        assertThat(steps.taskOf(Path.of("not-a-run", "build", "1.log"))).isEmpty();
        assertThat(steps.taskOf(Path.of(RUN, "..", "1.log"))).isEmpty();
    }

    @Test
    void aTaskLogIsItsTask() {
        LogSource.Tasks tasks = new LogSource.Tasks(root);
        assertThat(tasks.taskOf(Path.of(RUN + ".log"))).contains(RUN);
        assertThat(tasks.taskOf(Path.of(RUN + ".d", "x.log"))).isEmpty();
        assertThat(tasks.logOf(RUN)).isEqualTo(root.resolve(RUN + ".log"));
    }

    @Test
    void aConfiguredSourceTakesTheFilesItsGlobMatches() {
        LogSource app = LogSource.Files.of("app", root, "**.log");
        assertThat(app.taskOf(Path.of("nginx", "access.log"))).contains("app/nginx/access.log");
        assertThat(app.taskOf(Path.of("nginx", "access.log.1"))).isEmpty();
        assertThat(app.taskOf(Path.of("nginx", "a b.log"))).as("no id for it").isEmpty();
        assertThat(LogSource.Files.of("app", root, "*.txt").taskOf(Path.of("notes.txt"))).contains("app/notes.txt");
    }

    @Test
    void aSourceNameCannotBeTakenNorBeAnything() {
        assertThatThrownBy(() -> LogSource.Files.of("steps", root, "*")).hasMessageContaining("vigil.logs.sources.steps");
        assertThatThrownBy(() -> LogSource.Files.of("../x", root, "*")).hasMessageContaining("a source name");
        assertThatThrownBy(() -> LogSource.Files.of("app", root, "[")).hasMessageContaining("vigil.logs.sources.app.glob");
    }
}
