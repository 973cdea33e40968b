package io.vigil.bench.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time from /proc between two samples: of the stack's processes by name, of every {@code postgres} process,
 * of this harness, and of the whole box. A process's own time (utime + stime) is kept apart from its reaped
 * children's (cutime + cstime): for pipeline-service the children are the steps' processes, for the harness the
 * baselines' ones.
 */
final class Cpu {

    private static final double TICKS = ticksPerSecond();

    private final Map<String, long[]> ticks; // name → {own, children}
    private final long[] box; // {busy, total}
    private final long nanos = System.nanoTime();

    private Cpu(Map<String, Long> pids) {
        ticks = new LinkedHashMap<>();
        pids.forEach((name, pid) -> ticks.put(name, process(pid)));
        ticks.put("postgres", postgres());
        ticks.put("harness", process(ProcessHandle.current().pid()));
        box = box();
    }

    static Cpu sample(Map<String, Long> pids) {
        return new Cpu(pids);
    }

    /** CPU seconds and percent of one core of each process since {@code start}, and how busy the box was. */
    static Map<String, Object> since(Cpu start, Map<String, Long> pids) {
        Cpu end = new Cpu(pids);
        double seconds = (end.nanos - start.nanos) / 1e9;
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("window_s", Stats.round(seconds));
        end.ticks.forEach((name, t) -> {
            long[] s = start.ticks.getOrDefault(name, new long[2]);
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("cpu_s", Stats.round((t[0] - s[0]) / TICKS));
            p.put("pct_of_one_core", Stats.round(100 * (t[0] - s[0]) / TICKS / seconds));
            if (t[1] != s[1]) {
                p.put("children_cpu_s", Stats.round((t[1] - s[1]) / TICKS));
            }
            out.put(name, p);
        });
        long busy = end.box[0] - start.box[0];
        long all = end.box[1] - start.box[1];
        out.put("box_busy_pct", all > 0 ? Stats.round(100.0 * busy / all) : null);
        // what none of the above used: the launcher, the kernel, and any other work sharing the machine
        long known = 0;
        for (Map.Entry<String, long[]> t : end.ticks.entrySet()) {
            long[] s = start.ticks.getOrDefault(t.getKey(), new long[2]);
            known += t.getValue()[0] - s[0] + t.getValue()[1] - s[1];
        }
        out.put("others_cpu_s", Stats.round((busy - known) / TICKS));
        return out;
    }

    static String loadavg() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "?";
        }
    }

    private static long[] process(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return new long[] {Long.parseLong(f[11]) + Long.parseLong(f[12]), Long.parseLong(f[13]) + Long.parseLong(f[14])};
        } catch (IOException | RuntimeException e) {
            return new long[2]; // gone
        }
    }

    private static long[] postgres() {
        long[] sum = new long[2];
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).forEach(p -> {
                try {
                    if ("postgres".equals(Files.readString(p.resolve("comm")).trim())) {
                        sum[0] += process(Long.parseLong(p.getFileName().toString()))[0];
                    }
                } catch (IOException | RuntimeException e) {
                    // gone meanwhile
                }
            });
        } catch (IOException e) {
            // no /proc: zeros
        }
        return sum;
    }

    private static long[] box() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < Math.min(f.length, 9); i++) { // user … steal
                total += Long.parseLong(f[i]);
            }
            return new long[] {total - Long.parseLong(f[4]) - Long.parseLong(f[5]), total};
        } catch (IOException | RuntimeException e) {
            return new long[2];
        }
    }

    private static double ticksPerSecond() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            double ticks = Double.parseDouble(new String(p.getInputStream().readAllBytes()).trim());
            p.waitFor();
            return ticks;
        } catch (IOException | RuntimeException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }
}
