package io.vigil.local;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A child's output file, followed line by line. Children write to a file rather than a pipe because the JDK
 * closes a child's pipe when the child exits, and the last lines, the ones that say why it died, can be lost.
 */
public final class ChildLog implements AutoCloseable {

    private static final long POLL_MILLIS = 100;

    private final Path file;
    private final long from;
    private final Consumer<String> lines;
    private final Thread follower;
    private volatile boolean closing;

    private ChildLog(Path file, long from, Consumer<String> lines, String name) {
        this.file = file;
        this.from = from;
        this.lines = lines;
        this.follower = new Thread(this::follow, name);
        this.follower.setDaemon(true);
    }

    /** Follows {@code file} from its current end, so that an appended log shows only what is new. */
    public static ChildLog follow(Path file, Consumer<String> lines, String name) {
        long from;
        try {
            from = Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            from = 0;
        }
        ChildLog log = new ChildLog(file, from, lines, name);
        log.follower.start();
        return log;
    }

    public Path file() {
        return file;
    }

    /** Passes on what is left in the file, then stops following. */
    @Override
    public void close() {
        closing = true;
        try {
            follower.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void follow() {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            while (!Files.exists(file) && !closing) {
                TimeUnit.MILLISECONDS.sleep(POLL_MILLIS);
            }
            if (!Files.exists(file)) {
                return;
            }
            try (InputStream in = Files.newInputStream(file)) {
                in.skipNBytes(Math.min(from, Files.size(file)));
                while (true) {
                    boolean last = closing;
                    int n = in.read(buffer);
                    if (n > 0) {
                        split(buffer, n, line);
                    } else if (last) {
                        break;
                    } else {
                        TimeUnit.MILLISECONDS.sleep(POLL_MILLIS);
                    }
                }
            }
        } catch (IOException e) {
            lines.accept("(cannot read " + file + ": " + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (line.size() > 0) {
            lines.accept(line.toString(StandardCharsets.UTF_8));
        }
    }

    private void split(byte[] buffer, int length, ByteArrayOutputStream line) {
        for (int i = 0; i < length; i++) {
            if (buffer[i] == '\n') {
                lines.accept(line.toString(StandardCharsets.UTF_8));
                line.reset();
            } else if (buffer[i] != '\r') {
                line.write(buffer[i]);
            }
        }
    }
}
