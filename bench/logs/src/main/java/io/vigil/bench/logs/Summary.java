package io.vigil.bench.logs;

import java.util.List;
import java.util.Map;

/** Renders a run's results (run.json) as the markdown section docs/benchmarks.md quotes. */
final class Summary {

    static final double THROUGHPUT_TARGET = 100_000;
    static final double P99_TARGET_MS = 20;

    private Summary() {
    }

    static String markdown(Map<String, Object> all) {
        StringBuilder md = new StringBuilder("## log-stream-service tailing: lines appended → read back from vigil.logs\n\n");
        md.append("Measured ").append(all.get("started")).append(" at commit `").append(all.get("commit")).append("`, ")
                .append(all.get("cores")).append(" cores, ").append(all.get("java"));
        if (!String.valueOf(all.get("note")).isBlank()) {
            md.append("; ").append(all.get("note"));
        }
        md.append("; load average at the harness's start ").append(all.get("load_before")).append(", at its end ")
                .append(all.get("load_after")).append(". Lines: mixed build and install output, ")
                .append(all.get("secret_percent")).append(" % carrying a secret; warm-up ").append(all.get("warmup_lines"))
                .append(" lines first, not reported.\n\n");
        if (all.get("one_file") != null || all.get("many_files") != null) {
            throughput(md, all);
        }
        if (all.get("latency_1") != null) {
            latency(md, all);
        }
        return md.toString();
    }

    private static void throughput(StringBuilder md, Map<String, Object> all) {
        Map<String, Object> one = m(all.get("one_file"));
        Map<String, Object> many = m(all.get("many_files"));
        Map<String, Object> kafka = m(m(all.get("kafka_burst")).get("kafka"));
        md.append("**Throughput**: ").append(all.get("lines")).append(" lines appended as fast as one thread writes them ("
                + "write(2)s of whole lines, ~50 KiB on one file), first append → last line read back:\n\n");
        md.append("| case | written in s | Vigil lines/s | first line after ms | all after s | missing | dup | extra |"
                + " not as written | secret lines masked | lines showing a secret | service CPU µs/line |"
                + " service % of a core | postgres (db) % | broker % | gateway % | box busy % | others CPU-s |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        if (!one.isEmpty()) {
            row(md, "one file", one);
        }
        if (!many.isEmpty()) {
            row(md, all.get("files") + " files, round-robin (run last)", many);
        }
        md.append("\n\"extra\": line numbers past the last line written (a line handed out in two pieces); \"not as "
                + "written\": lines whose text is not the line written under that number (masking aside).\n\n");
        if (one.isEmpty()) {
            return;
        }
        Map<String, Object> tail = m(one.get("tail"));
        Object vigil = m(one.get("vigil")).get("lines_per_s");
        md.append("Baselines in the same run: `tail -n0 -F` on the one file (beside the service) delivered ")
                .append(count(tail.get("lines_received"))).append(" lines at ").append(count(tail.get("lines_per_s")))
                .append(" lines/s (")
                .append(tail.get("cpu_s")).append(" CPU-s)");
        if (!kafka.isEmpty()) {
            md.append("; the bare Kafka round trip (one record per line, acks=all, produced and consumed by the harness) ")
                    .append(count(kafka.get("lines_per_s"))).append(" lines/s");
        }
        md.append(". Vigil one file / tail: ").append(ratio(vigil, tail.get("lines_per_s")));
        if (!kafka.isEmpty()) {
            md.append(", / bare Kafka: ").append(ratio(vigil, kafka.get("lines_per_s")));
        }
        md.append(".\n\nTarget ≥ 100,000 lines/s on one file: ").append(count(vigil)).append(" → **")
                .append(num(vigil) >= THROUGHPUT_TARGET ? "met" : "not met").append("**.\n\n");
    }

    private static void row(StringBuilder md, String name, Map<String, Object> c) {
        Map<String, Object> v = m(c.get("vigil"));
        Map<String, Object> cpu = m(c.get("cpu"));
        String perSecond = Boolean.TRUE.equals(v.get("complete")) ? "**" + count(v.get("lines_per_s")) + "**"
                : "**incomplete** (" + count(v.get("lines_received")) + " of " + count(v.get("lines_expected"))
                        + " read back)";
        md.append("| ").append(name).append(" | ").append(c.get("write_s")).append(" | ").append(perSecond).append(" | ")
                .append(ms(v.get("first_line_after_ms"))).append(" | ").append(sec(v.get("last_line_after_ms"))).append(" | ")
                .append(count(v.get("missing"))).append(" | ").append(v.get("duplicates")).append(" | ")
                .append(v.get("out_of_range")).append(" | ").append(count(v.get("not_as_written"))).append(" | ")
                .append(count(v.get("secret_lines_masked"))).append(" of ").append(count(v.get("secret_lines_expected")))
                .append(" | ").append(v.get("lines_showing_a_secret")).append(" | ")
                .append(Boolean.TRUE.equals(v.get("complete")) ? v.get("service_cpu_us_per_line") : "–").append(" | ")
                .append(pct(cpu, "logs")).append(" | ")
                .append(pct(cpu, "postgres_service_db")).append(" | ").append(pct(cpu, "kafka")).append(" | ")
                .append(pct(cpu, "gateway")).append(" | ").append(busy(cpu)).append(" | ")
                .append(cpu.get("others_cpu_s")).append(" |\n");
    }

    private static void latency(StringBuilder md, Map<String, Object> all) {
        md.append("**Latency at ").append(all.get("rate")).append(" lines/s** for ").append(all.get("seconds"))
                .append(" s (a batch every ").append(all.get("batch_ms"))
                .append(" ms, open loop), append → line read back, ms:\n\n");
        md.append("| run | reader | lines | p50 | p90 | p99 | p99.9 | max | missing | dup |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|\n");
        Map<String, Object> kafka = m(m(all.get("kafka_paced")).get("kafka"));
        for (String run : List.of("latency_1", "latency_2")) {
            Map<String, Object> c = m(all.get(run));
            String label = run.equals("latency_1") ? "#1" : "#2";
            latencyRow(md, label, "**Vigil** (vigil.logs)", m(c.get("vigil")));
            latencyRow(md, "", "`tail -n0 -F` (same file, same run)", m(c.get("tail")));
            if (run.equals("latency_1")) {
                latencyRow(md, "between", "bare Kafka round trip", kafka);
            }
        }
        md.append("\nRatios, Vigil / baseline (p50, p99): ");
        for (String run : List.of("latency_1", "latency_2")) {
            Map<String, Object> c = m(all.get(run));
            Map<String, Object> v = m(m(c.get("vigil")).get("latency_ms"));
            Map<String, Object> t = m(m(c.get("tail")).get("latency_ms"));
            Map<String, Object> k = m(kafka.get("latency_ms"));
            md.append(run.equals("latency_1") ? "run #1" : "; run #2").append(" vs tail ")
                    .append(ratio(v.get("p50"), t.get("p50"))).append(", ").append(ratio(v.get("p99"), t.get("p99")))
                    .append(", vs bare Kafka ").append(ratio(v.get("p50"), k.get("p50"))).append(", ")
                    .append(ratio(v.get("p99"), k.get("p99")));
        }
        md.append(".\n\n");
        md.append("CPU over each run (percent of one core; per 10,000 lines/s = the same scaled to that rate):\n\n");
        md.append("| run | log-stream-service | per 10k lines/s | broker | postgres (service's db) | postgres (all) | gateway |"
                + " harness | box busy % | others CPU-s | schedule lateness p99 ms |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (String run : List.of("latency_1", "kafka_paced", "latency_2")) {
            Map<String, Object> c = m(all.get(run));
            Map<String, Object> cpu = m(c.get("cpu"));
            Map<String, Object> who = m(c.get(run.equals("kafka_paced") ? "kafka" : "vigil"));
            md.append("| ").append(run.equals("kafka_paced") ? "bare Kafka" : "Vigil " + (run.equals("latency_1") ? "#1" : "#2"))
                    .append(" | ").append(pct(cpu, "logs")).append(" | ")
                    .append(who.containsKey("service_cpu_pct_per_10k_lines_per_s")
                            ? String.format("%.1f", num(who.get("service_cpu_pct_per_10k_lines_per_s"))) : "–").append(" | ")
                    .append(pct(cpu, "kafka")).append(" | ").append(pct(cpu, "postgres_service_db")).append(" | ")
                    .append(pct(cpu, "postgres_all")).append(" | ").append(pct(cpu, "gateway")).append(" | ")
                    .append(pct(cpu, "harness")).append(" | ").append(busy(cpu)).append(" | ")
                    .append(cpu.get("others_cpu_s")).append(" | ")
                    .append(ms(m(m(c.get("schedule")).get("batch_lateness_ms")).get("p99"))).append(" |\n");
        }
        md.append("\nTarget p99 < 20 ms at ").append(all.get("rate")).append(" lines/s: run #1 ")
                .append(ms(m(m(m(all.get("latency_1")).get("vigil")).get("latency_ms")).get("p99"))).append(" ms, run #2 ")
                .append(ms(m(m(m(all.get("latency_2")).get("vigil")).get("latency_ms")).get("p99"))).append(" ms → **")
                .append(met(all) ? "met" : "not met").append("**.\n");
    }

    private static boolean met(Map<String, Object> all) {
        for (String run : List.of("latency_1", "latency_2")) {
            Map<String, Object> v = m(m(all.get(run)).get("vigil"));
            if (!(num(m(v.get("latency_ms")).get("p99")) < P99_TARGET_MS) || num(v.get("missing")) != 0) {
                return false;
            }
        }
        return true;
    }

    private static void latencyRow(StringBuilder md, String run, String reader, Map<String, Object> r) {
        Map<String, Object> l = m(r.get("latency_ms"));
        Object missing = r.containsKey("missing") ? r.get("missing")
                : (long) num(r.get("lines_expected")) - (long) num(r.get("lines_received"));
        md.append("| ").append(run).append(" | ").append(reader).append(" | ").append(count(l.get("count"))).append(" | ")
                .append(ms(l.get("p50"))).append(" | ").append(ms(l.get("p90"))).append(" | ").append(ms(l.get("p99")))
                .append(" | ").append(ms(l.get("p999"))).append(" | ").append(ms(l.get("max"))).append(" | ").append(missing)
                .append(" | ")
                .append(r.getOrDefault("duplicates", "–")).append(" |\n");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> m(Object o) {
        return o instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    private static String pct(Map<String, Object> cpu, String process) {
        Object v = m(cpu.get(process)).get("pct_of_one_core");
        return v == null ? "–" : String.format("%.1f", num(v));
    }

    private static String busy(Map<String, Object> cpu) {
        return String.format("%.1f", num(cpu.get("box_busy_pct")));
    }

    private static String count(Object v) {
        return Double.isNaN(num(v)) ? "–" : String.format("%,.0f", num(v));
    }

    private static String ms(Object v) {
        return Double.isNaN(num(v)) ? "–" : String.format("%.2f", num(v));
    }

    private static double num(Object v) {
        return v instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    private static String ratio(Object a, Object b) {
        double r = num(a) / num(b);
        return Double.isFinite(r) ? String.format(r >= 10 ? "%.0f×" : "%.2f×", r) : "–";
    }

    private static String sec(Object ms) {
        return Double.isNaN(num(ms)) ? "–" : String.format("%.2f", num(ms) / 1000);
    }
}
