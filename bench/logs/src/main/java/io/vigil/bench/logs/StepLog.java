package io.vigil.bench.logs;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * A pipeline step's log as pipeline-service lays it out under the log root, {@code <run id>/<step>/1.log}: the
 * task {@code <run id>/<step>/1} to log-stream-service. Created empty, then appended to by one writer, each call
 * one {@code write(2)} of whole lines.
 */
final class StepLog implements LineSink, Closeable {

    private final String taskId;
    private final Path path;
    private final FileChannel channel;
    private final StringBuilder text = new StringBuilder(1 << 16);

    private StepLog(String taskId, Path path) throws IOException {
        this.taskId = taskId;
        this.path = path;
        this.channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
    }

    /** An empty log of a new run's step {@code step} under {@code root}. */
    static StepLog create(Path root, String step) throws IOException {
        String run = UUID.randomUUID().toString();
        Path dir = Files.createDirectories(root.resolve(run).resolve(step));
        return new StepLog(run + "/" + step + "/1", dir.resolve("1.log"));
    }

    @Override
    public String taskId() {
        return taskId;
    }

    Path path() {
        return path;
    }

    @Override
    public void append(long first, int count, long micros) throws IOException {
        text.setLength(0);
        for (long n = first; n < first + count; n++) {
            text.append(BuildOutput.line(n));
            Stamp.append(text, micros);
            text.append('\n');
        }
        ByteBuffer bytes = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.US_ASCII));
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
    }

    /** Bytes written so far. */
    long size() throws IOException {
        return channel.size();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
