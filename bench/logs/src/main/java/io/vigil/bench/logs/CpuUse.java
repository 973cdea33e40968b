package io.vigil.bench.logs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time read from /proc at the start and the end of a measured window: each process of the stack by its
 * stack.json name (utime + stime), PostgreSQL (every {@code postgres} process on the host, and apart the backends
 * connected to the service's own database, whose command line names it), this harness (its own threads and its
 * reaped children: tail), and how busy the whole box was. (bench/pipeline's Cpu does the same for its stack, without
 * the per-database split: both would move to a shared bench module if a third harness needs them.)
 */
final class CpuUse {

    private static final double TICKS_PER_SECOND = 100; // USER_HZ: 100 on every Linux the JDK runs on

    private final Map<String, Long> ticks = new LinkedHashMap<>();
    private final long boxBusy;
    private final long boxAll;
    private final long nanos = System.nanoTime();
    private final String load = loadavg();

    private CpuUse(Map<String, Long> pids, String database) {
        pids.forEach((name, pid) -> ticks.put(name, ticksOf(pid)[0]));
        long[] postgres = postgres(database);
        ticks.put("postgres_all", postgres[0]);
        ticks.put("postgres_service_db", postgres[1]);
        long[] harness = ticksOf(ProcessHandle.current().pid());
        ticks.put("harness", harness[0] + harness[1]);
        long[] box = box();
        boxBusy = box[0];
        boxAll = box[1];
    }

    static CpuUse sample(Map<String, Long> pids, String database) {
        return new CpuUse(pids, database);
    }

    /** Per process: CPU seconds and percent of one core over the window; the box's busy share; what others used. */
    Map<String, Object> until(CpuUse end) {
        double seconds = (end.nanos - nanos) / 1e9;
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("window_s", Samples.round(seconds));
        long known = 0;
        for (Map.Entry<String, Long> e : end.ticks.entrySet()) {
            long used = e.getValue() - ticks.getOrDefault(e.getKey(), 0L);
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("cpu_s", seconds(used));
            p.put("pct_of_one_core", Samples.round(100 * used / TICKS_PER_SECOND / seconds));
            out.put(e.getKey(), p);
            if (!e.getKey().equals("postgres_service_db")) { // a part of postgres_all
                known += used;
            }
        }
        long busy = end.boxBusy - boxBusy;
        long all = end.boxAll - boxAll;
        out.put("box_busy_pct", all > 0 ? Samples.round(100.0 * busy / all) : null);
        out.put("others_cpu_s", seconds(busy - known)); // the launcher, the kernel, and whatever else shares the box
        out.put("load_before", load);
        out.put("load_after", end.load);
        return out;
    }

    static double seconds(long ticks) {
        return Samples.round(ticks / TICKS_PER_SECOND);
    }

    /** {own utime + stime, reaped children's cutime + cstime} of a process; zeros once it is gone. */
    static long[] ticksOf(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return new long[] {Long.parseLong(f[11]) + Long.parseLong(f[12]), Long.parseLong(f[13]) + Long.parseLong(f[14])};
        } catch (IOException | RuntimeException e) {
            return new long[2];
        }
    }

    /** {every postgres process, the backends of {@code database}}; a backend's command line names its database. */
    private static long[] postgres(String database) {
        long[] sum = new long[2];
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).forEach(p -> {
                try {
                    if (!"postgres".equals(Files.readString(p.resolve("comm")).trim())) {
                        return;
                    }
                    long own = ticksOf(Long.parseLong(p.getFileName().toString()))[0];
                    sum[0] += own;
                    String cmdline = Files.readString(p.resolve("cmdline")).replace('\0', ' ');
                    if (!database.isEmpty() && cmdline.contains(" " + database + " ")) {
                        sum[1] += own;
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
            long all = 0;
            for (int i = 1; i <= 8 && i < f.length; i++) { // user nice system idle iowait irq softirq steal
                all += Long.parseLong(f[i]);
            }
            return new long[] {all - Long.parseLong(f[4]) - Long.parseLong(f[5]), all};
        } catch (IOException | RuntimeException e) {
            return new long[2];
        }
    }

    static String loadavg() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "?";
        }
    }
}
