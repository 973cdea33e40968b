package io.vigil.bench.pipeline;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A second baseline: the same DAG started from this JVM the way pipeline-service starts a step
 * ({@code setsid -w /bin/sh -c <command>}, its end seen through {@link Process#onExit()}), each dependent started
 * the moment its last need's process is reaped, with no database, no transaction and no Kafka. The difference
 * between it and the service is the service's own bookkeeping; between it and the shell, what a JVM pays to start
 * and reap processes. Output goes straight to a file (the service reads it through a pipe).
 */
final class JvmBaseline {

    private static final List<String> SETSID = Stream.of("/usr/bin/setsid", "/bin/setsid")
            .filter(p -> Files.isExecutable(Path.of(p))).findFirst().map(p -> List.of(p, "-w")).orElse(List.of());

    private final Dag dag;
    private final Path dir;
    private final Map<String, Integer> waiting = new HashMap<>();
    private final Map<String, List<String>> dependents = new HashMap<>();
    private final CountDownLatch done;
    private volatile String failure;

    private JvmBaseline(Dag dag, Path dir) {
        this.dag = dag;
        this.dir = dir;
        this.done = new CountDownLatch(dag.steps().size());
        for (Dag.Step s : dag.steps()) {
            waiting.put(s.name(), s.needs().size());
            s.needs().forEach(n -> dependents.computeIfAbsent(n, k -> new ArrayList<>()).add(s.name()));
        }
    }

    static void run(Dag dag, Path dir, long timeoutSeconds) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        JvmBaseline driver = new JvmBaseline(dag, dir);
        synchronized (driver) {
            dag.steps().stream().filter(s -> s.needs().isEmpty()).forEach(s -> driver.start(s.name()));
        }
        if (!driver.done.await(timeoutSeconds, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the JVM baseline did not end within " + timeoutSeconds + " s");
        }
        if (driver.failure != null) {
            throw new IllegalStateException("the JVM baseline failed: " + driver.failure);
        }
    }

    private void start(String name) {
        List<String> command = new ArrayList<>(SETSID);
        command.addAll(List.of("/bin/sh", "-c", dag.step(name).run()));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile()).redirectInput(new File("/dev/null"));
        builder.environment().put("VIGIL_RUN_ID", dir.getFileName().toString());
        builder.environment().put("VIGIL_STEP", name);
        try {
            builder.start().onExit().thenAccept(p -> ended(name, p.exitValue()));
        } catch (IOException e) {
            fail(name + " could not start: " + e.getMessage());
        }
    }

    private synchronized void ended(String name, int exit) {
        if (exit != 0) {
            fail(name + " exited " + exit);
            return;
        }
        done.countDown();
        for (String d : dependents.getOrDefault(name, List.of())) {
            if (waiting.merge(d, -1, Integer::sum) == 0) {
                start(d);
            }
        }
    }

    private void fail(String why) {
        failure = why;
        while (done.getCount() > 0) {
            done.countDown();
        }
    }
}
