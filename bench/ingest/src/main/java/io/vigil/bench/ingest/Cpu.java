package io.vigil.bench.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time from /proc: of named processes (the stack's), of every process called {@code postgres}, of this
 * harness, and of the whole box, so that a case can say who used the two cores while it ran.
 */
final class Cpu {

    private static final double TICKS_PER_SECOND = ticks();

    private final Map<String, Long> pids;
    private final Map<String, Long> startTicks;
    private final long[] startBox;
    private final long startNanos;

    private Cpu(Map<String, Long> pids) {
        this.pids = pids;
        this.startTicks = sample(pids);
        this.startBox = box();
        this.startNanos = System.nanoTime();
    }

    static Cpu start(Map<String, Long> pids) {
        return new Cpu(pids);
    }

    /** Percent of one core each used since {@link #start}, and the box's busy percent of all its cores. */
    Map<String, Object> stop() {
        Map<String, Long> end = sample(pids);
        long[] endBox = box();
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Object> perProcess = new LinkedHashMap<>();
        end.forEach((name, ticks) -> perProcess.put(name,
                Stats.round(100.0 * (ticks - startTicks.getOrDefault(name, 0L)) / TICKS_PER_SECOND / seconds)));
        out.put("pct_of_one_core", perProcess);
        long busy = endBox[0] - startBox[0];
        long all = endBox[1] - startBox[1];
        out.put("box_busy_pct", all > 0 ? Stats.round(100.0 * busy / all) : null);
        return out;
    }

    private static Map<String, Long> sample(Map<String, Long> pids) {
        Map<String, Long> out = new LinkedHashMap<>();
        pids.forEach((name, pid) -> out.put(name, processTicks(pid)));
        out.put("postgres", postgresTicks());
        out.put("harness", processTicks(ProcessHandle.current().pid()));
        return out;
    }

    private static long postgresTicks() {
        long sum = 0;
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : (Iterable<Path>) procs::iterator) {
                String name = p.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    if ("postgres".equals(Files.readString(p.resolve("comm")).trim())) {
                        sum += processTicks(Long.parseLong(name));
                    }
                } catch (IOException | RuntimeException e) {
                    // gone meanwhile
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return sum;
    }

    /** utime + stime of a process (all its threads), in clock ticks; 0 when it is gone. */
    private static long processTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** {busy, total} ticks of all cores from the first line of /proc/stat. */
    private static long[] box() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < Math.min(f.length, 9); i++) { // user … steal; guest time is already in user
                total += Long.parseLong(f[i]);
            }
            long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
            return new long[] {total - idle, total};
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 0};
        }
    }

    private static double ticks() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            p.waitFor();
            return Double.parseDouble(out);
        } catch (IOException | RuntimeException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }
}
