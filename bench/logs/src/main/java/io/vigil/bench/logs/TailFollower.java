package io.vigil.bench.logs;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The first baseline: {@code tail -n0 -F FILE} (GNU coreutils: inotify) following the same file as the service, its
 * output read here line by line. Latency = when a line was read from tail's stdout − its stamp; done when the
 * expected number of lines came out.
 */
final class TailFollower implements AutoCloseable {

    private final Process process;
    private final long expected;
    private final Thread thread;
    private final Samples latency = new Samples();
    private volatile long lines;
    private volatile long lastMicros = -1;
    private long unstamped;
    private long[] cpuTicks = new long[2];
    private boolean closed;

    private TailFollower(Process process, long expected) {
        this.process = process;
        this.expected = expected;
        this.thread = new Thread(this::run, "tail-reader");
        thread.setDaemon(true);
        thread.start();
    }

    /** Starts following {@code file}, which exists; give tail a moment to set its watch before appending. */
    static TailFollower start(Path file, long expected) throws IOException {
        Process p = new ProcessBuilder("tail", "-n0", "-F", file.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        return new TailFollower(p, expected);
    }

    private void run() {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.US_ASCII), 1 << 16)) {
            String line;
            while ((line = out.readLine()) != null) {
                long now = Stamp.nowMicros();
                long stamp = Stamp.read(line);
                if (stamp < 0) {
                    unstamped++;
                } else {
                    latency.add(now - stamp);
                }
                lastMicros = now;
                if (++lines == expected) {
                    cpuTicks = CpuUse.ticksOf(process.pid()); // before it is stopped and reaped
                }
            }
        } catch (IOException e) {
            // tail was stopped
        }
    }

    boolean await(long deadlineNanos) throws InterruptedException {
        while (lines < expected && System.nanoTime() < deadlineNanos && thread.isAlive()) {
            Thread.sleep(1);
        }
        return lines >= expected;
    }

    long lastMicros() {
        return lastMicros;
    }

    /** Lines, latency, and tail's own CPU time until it had delivered every line (or was stopped); after close. */
    Map<String, Object> result() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("lines_expected", expected);
        out.put("lines_received", lines);
        out.put("unstamped", unstamped);
        out.put("cpu_s", CpuUse.seconds(cpuTicks[0]));
        out.put("latency_ms", latency.summary());
        return out;
    }

    @Override
    public void close() throws InterruptedException {
        if (closed) {
            return;
        }
        closed = true;
        if (lines < expected) {
            cpuTicks = CpuUse.ticksOf(process.pid());
        }
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
        thread.join(5_000);
    }
}
