package io.vigil.logs.source;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A tree of log files tailed as tasks: which files under its root are logs, and the task each one is. Files are
 * named by their path relative to the root, so nothing outside it is ever a log of a source.
 */
public sealed interface LogSource {

    /** What kind of task a file of this source is. */
    enum Kind {
        STEP, INSTALL, FILE;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    String STEPS = "steps";
    String TASKS = "tasks";

    String name();

    Path root();

    Kind kind();

    /** How deep under the root its logs lie at most. */
    int depth();

    /** The task a file is the log of, by its path relative to the root; empty for any other file. */
    Optional<String> taskOf(Path relative);

    /** pipeline-service's step logs, {@code <run id>/<step>/<attempt>.log}, as the task {@code <run id>/<step>/<attempt>}. */
    record Steps(Path root) implements LogSource {
        private static final Pattern STEP_LOG = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-"
                + "[0-9a-f]{12}/[A-Za-z0-9][A-Za-z0-9_.-]{0,99}/[1-9][0-9]{0,8}\\.log");

        public String name() {
            return STEPS;
        }

        public Kind kind() {
            return Kind.STEP;
        }

        public int depth() {
            return 3;
        }

        public Optional<String> taskOf(Path relative) {
            String name = relative.toString();
            return STEP_LOG.matcher(name).matches() ? Optional.of(name.substring(0, name.length() - ".log".length()))
                    : Optional.empty();
        }
    }

    /** The logs of tasks started here, {@code <task id>.log}. */
    record Tasks(Path root) implements LogSource {
        private static final Pattern TASK_LOG = Pattern.compile(
                "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\.log");

        public String name() {
            return TASKS;
        }

        public Kind kind() {
            return Kind.INSTALL;
        }

        public int depth() {
            return 1;
        }

        public Optional<String> taskOf(Path relative) {
            String name = relative.toString();
            return TASK_LOG.matcher(name).matches() ? Optional.of(name.substring(0, name.length() - ".log".length()))
                    : Optional.empty();
        }

        public Path logOf(String taskId) {
            return root.resolve(taskId + ".log");
        }
    }

    /** A configured tree: each file matching the glob is the task {@code <source>/<relative path>}. */
    record Files(String name, Path root, PathMatcher matcher) implements LogSource {
        private static final int DEPTH = 8;

        public static Files of(String name, Path root, String glob) {
            try {
                return new Files(name, root, FileSystems.getDefault().getPathMatcher("glob:" + glob));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("vigil.logs.sources." + name + ".glob: " + e.getMessage(), e);
            }
        }

        public Files {
            if (!name.matches("[a-z][a-z0-9-]{0,31}") || name.equals(STEPS) || name.equals(TASKS)) {
                throw new IllegalArgumentException("vigil.logs.sources." + name + ": a source name is a-z, 0-9 and -,"
                        + " at most 32 characters, and neither 'steps' nor 'tasks'");
            }
        }

        public Kind kind() {
            return Kind.FILE;
        }

        public int depth() {
            return DEPTH;
        }

        public Optional<String> taskOf(Path relative) {
            String id = name + "/" + relative;
            return matcher.matches(relative) && TaskIds.valid(id) ? Optional.of(id) : Optional.empty();
        }
    }
}
