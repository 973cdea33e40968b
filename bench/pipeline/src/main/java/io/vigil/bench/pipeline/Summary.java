package io.vigil.bench.pipeline;

import java.util.List;
import java.util.Map;

/** The markdown section for docs/benchmarks.md: the command, the method in short, the tables, the targets. */
final class Summary {

    private static final double OVERHEAD_TARGET_MS = 10;
    private static final double KAFKA_TARGET_MS = 20;
    private static final Map<String, String> EXECUTORS = Map.of("service", "**pipeline-service**",
            "shell", "shell script (baseline)", "jvm", "JVM driver (2nd baseline)");

    private Summary() {
    }

    static String markdown(Map<String, Object> all) {
        StringBuilder md = new StringBuilder("## Pipelines: scheduling overhead, concurrent runs, step end → Kafka\n\n");
        md.append("""
                ```bash
                ./mvnw -B -q -f bench/pipeline/pom.xml package   # the harness, once; not part of the root reactor
                bench/pipeline-runs.sh --commit HEAD              # or --root DIR: services already built in an export
                ```

                The script starts a throwaway stack like `bench/stack.sh` (own data directory, free loopback ports,
                throwaway databases, all removed after) with `VIGIL_PIPELINE_WORKERS=%s` and
                `VIGIL_PIPELINE_WORKERS_PER_RUN=%s`, so that the pools never hold a step back (the fan's %d leaves at
                once; %s runs × 3 parallel steps), and runs the harness `bench/pipeline` (plain Java 17: JDK
                `HttpClient`, `kafka-clients`, Jackson). Every step of the overhead case runs
                `%s`: its process stamps its own start and end (epoch ns) into the run's working directory, so
                times come from the processes, not from anyone's bookkeeping. Three executors run the same DAGs, one
                run at a time, interleaved (chain then fan, each by service, shell, JVM; 0.5 s apart), one warm-up
                round dropped:
                - **pipeline-service**: `POST /api/pipelines/{id}/runs`; done when the last steps' end stamps exist
                  (no polling of the service meanwhile), then `GET /api/runs/{id}` for its status and timestamps;
                - **shell script** (the baseline the issue asks for): a generated `/bin/sh` (dash) script running the
                  same `/bin/sh -c <command>` per step, a layer at a time (a layer's steps in the background, then
                  `wait`: exact for these layered DAGs), output to files;
                - **JVM driver**: the harness starting each step as the service does (`setsid -w /bin/sh -c`), the next
                  ones from `Process.onExit()`, with no database, transaction or Kafka: what a JVM pays by itself.

                Overhead of an edge = a step's start stamp − the end stamp of the last of its needs (it includes the
                shell exiting, being reaped, and the next `sh` and `date` starting, in every executor alike); "first
                step" = the first step's start − the launch (POST sent, script or driver started); "run" = the last
                end − the launch. Step
                end → Kafka: `vigil.runs` read from the offsets before the case (all partitions, no group), the first
                terminal `io.vigil.run.step.updated` per step: record timestamp (CreateTime, set by the service's
                producer, ms) − the step's end stamp; same host clock. The concurrent case starts %s runs of
                `example` with all requests in flight at once, waits with one list request per 200 ms, and reads CPU
                from `/proc` (pipeline-service's own time apart from its reaped children: the steps' processes);
                the shell baseline runs the same %s × 6 commands, %s runs at once, each a layer at a time.

                """.formatted(all.get("workers"), all.get("workers_per_run"), (int) all.get("steps") - 2, all.get("runs"),
                Dag.STAMPED, all.get("runs"), all.get("runs"), all.get("runs")));
        md.append("Measured ").append(all.get("started")).append(" at commit `").append(all.get("commit")).append("`, ")
                .append(all.get("cores")).append(" cores, ").append(all.get("java"));
        if (!String.valueOf(all.get("note")).isBlank()) {
            md.append("; ").append(all.get("note"));
        }
        md.append("; load average once the stack was up: ").append(all.get("load_before")).append(", at the end: ")
                .append(all.get("load_after")).append(".\n\n");
        if (all.get("overhead") != null) {
            overhead(md, m(all.get("overhead")), (int) all.get("steps"));
        }
        if (all.get("concurrent") != null) {
            concurrent(md, m(all.get("concurrent")));
        }
        return md.toString();
    }

    private static void overhead(StringBuilder md, Map<String, Object> o, int steps) {
        Map<String, Object> shapes = m(o.get("by_shape"));
        Map<String, Object> cpu = m(o.get("cpu"));
        md.append("**Scheduling overhead per dependency edge**, ms (").append(o.get("measured_rounds"))
                .append(" runs of each shape by each executor; box ").append(cpu.get("box_busy_pct"))
                .append(" % busy over the case, ").append(cpu.get("others_cpu_s"))
                .append(" CPU-s of it by processes other than the stack's and the harness's):\n\n");
        md.append("| shape | executor | edges | p50 | p90 | p99 | max | first step p50 | run p50 |\n");
        md.append("|---|---|---|---|---|---|---|---|---|\n");
        Map<String, String> names = Map.of("chain", "chain of " + steps, "fan", "fan 1 → " + (steps - 2) + " → 1",
                "all", "both");
        for (String shape : List.of("chain", "fan", "all")) {
            Map<String, Object> byExecutor = m(shapes.get(shape));
            String label = names.get(shape);
            for (String executor : List.of("service", "shell", "jvm")) {
                Map<String, Object> x = m(byExecutor.get(executor));
                Map<String, Object> edge = m(x.get("edge_ms"));
                md.append("| ").append(label).append(" | ").append(EXECUTORS.get(executor)).append(" | ")
                        .append(edge.get("count")).append(" | ").append(f(edge, "p50")).append(" | ").append(f(edge, "p90"))
                        .append(" | ").append(f(edge, "p99")).append(" | ").append(f(edge, "max")).append(" | ")
                        .append(f(m(x.get("first_step_ms")), "p50")).append(" | ").append(f(m(x.get("makespan_ms")), "p50"))
                        .append(" |\n");
                label = "";
            }
            Map<String, Object> s = m(m(m(byExecutor.get("service")).get("edge_ms")));
            Map<String, Object> b = m(m(m(byExecutor.get("shell")).get("edge_ms")));
            md.append("| | service − shell | | ").append(diff(s, b, "p50")).append(" | ").append(diff(s, b, "p90"))
                    .append(" | ").append(diff(s, b, "p99")).append(" | | | |\n");
        }
        md.append("\n");
        Map<String, Object> fan = m(shapes.get("fan"));
        md.append("The fan's join alone (fan-in, one edge a run), p50: service ")
                .append(f(m(m(fan.get("service")).get("fan_in_ms")), "p50")).append(" ms, shell ")
                .append(f(m(m(fan.get("shell")).get("fan_in_ms")), "p50")).append(" ms, JVM driver ")
                .append(f(m(m(fan.get("jvm")).get("fan_in_ms")), "p50")).append(" ms. ");
        md.append("Where the service's edge goes, by its own timestamps (`started_at` is read in the transaction that "
                + "decides the step, before its commit):\n\n");
        md.append("| shape | need's end → decision p50 | p99 | decision → process start p50 | p99 |\n|---|---|---|---|---|\n");
        for (String shape : List.of("chain", "fan")) {
            Map<String, Object> x = m(m(shapes.get(shape)).get("service"));
            md.append("| ").append(names.get(shape)).append(" | ").append(f(m(x.get("to_decision_ms")), "p50"))
                    .append(" | ").append(f(m(x.get("to_decision_ms")), "p99")).append(" | ")
                    .append(f(m(x.get("decision_to_start_ms")), "p50")).append(" | ")
                    .append(f(m(x.get("decision_to_start_ms")), "p99")).append(" |\n");
        }
        Map<String, Object> all = m(m(m(shapes.get("all")).get("service")).get("edge_ms"));
        md.append("\nTarget: service overhead p99 < ").append(OVERHEAD_TARGET_MS).append(" ms: ")
                .append(f(all, "p99")).append(" ms over both shapes (chain ")
                .append(f(m(m(m(shapes.get("chain")).get("service")).get("edge_ms")), "p99")).append(", fan ")
                .append(f(m(m(m(shapes.get("fan")).get("service")).get("edge_ms")), "p99")).append(") → **")
                .append(met(all.get("p99"), OVERHEAD_TARGET_MS)).append("**.\n\n");

        Map<String, Object> k = m(o.get("step_end_to_kafka"));
        md.append("**Step end → Kafka** (every step of the service runs above; records read ").append(k.get("records_read"))
                .append(", timestamps ").append(k.get("timestamp_types")).append(", missing ").append(k.get("missing"))
                .append(", duplicates ").append(k.get("duplicates")).append("), ms:\n\n");
        md.append("| shape | | steps | p50 | p90 | p99 | max |\n|---|---|---|---|---|---|---|\n");
        for (String shape : List.of("chain", "fan", "all")) {
            Map<String, Object> e = m(m(k.get(shape)).get("step_end_to_kafka_ms"));
            Map<String, Object> b = m(m(k.get(shape)).get("finished_at_to_kafka_ms"));
            md.append("| ").append(names.get(shape)).append(" | step's end stamp → record timestamp | ").append(e.get("count"))
                    .append(" | ").append(f(e, "p50")).append(" | ").append(f(e, "p90")).append(" | ").append(f(e, "p99"))
                    .append(" | ").append(f(e, "max")).append(" |\n");
            md.append("| | of which the service's `finished_at` → record timestamp | | ").append(f(b, "p50")).append(" | ")
                    .append(f(b, "p90")).append(" | ").append(f(b, "p99")).append(" | ").append(f(b, "max")).append(" |\n");
        }
        md.append("\n");
        Map<String, Object> e = m(m(k.get("all")).get("step_end_to_kafka_ms"));
        md.append("Target: p99 < ").append(KAFKA_TARGET_MS).append(" ms: ").append(f(e, "p99")).append(" ms over both shapes (chain ")
                .append(f(m(m(k.get("chain")).get("step_end_to_kafka_ms")), "p99")).append(", fan ")
                .append(f(m(m(k.get("fan")).get("step_end_to_kafka_ms")), "p99")).append(") → **")
                .append(met(e.get("p99"), KAFKA_TARGET_MS)).append("**. The record timestamp has millisecond resolution (truncated: figures are low by up to "
                        + "1 ms); both clocks are this host's.\n\n");
    }

    private static void concurrent(StringBuilder md, Map<String, Object> c) {
        Map<String, Object> s = m(c.get("service"));
        Map<String, Object> b = m(c.get("shell"));
        Map<String, Object> sd = m(s.get("run_duration_ms"));
        Map<String, Object> bd = m(b.get("run_duration_ms"));
        Map<String, Object> scpu = m(s.get("cpu"));
        Map<String, Object> bcpu = m(b.get("cpu"));
        Map<String, Object> pipeline = m(scpu.get("pipeline"));
        md.append("**").append(s.get("runs_started")).append(" concurrent runs of `").append(c.get("pipeline"))
                .append("`** (layers ").append(c.get("layers")).append("), s:\n\n");
        md.append("| | runs | failed | wall | run p50 | p90 | p99 | max | pipeline-service CPU | steps' processes CPU | postgres CPU | kafka CPU | box busy |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        md.append("| **pipeline-service** | ").append(s.get("runs_started")).append(" | ").append(s.get("failures"))
                .append(" | ").append(sec(s.get("wall_ms"))).append(" | ").append(sec(sd.get("p50"))).append(" | ")
                .append(sec(sd.get("p90"))).append(" | ").append(sec(sd.get("p99"))).append(" | ").append(sec(sd.get("max")))
                .append(" | ").append(pipeline.get("cpu_s")).append(" s (").append(pipeline.get("pct_of_one_core"))
                .append(" % of a core) | ").append(pipeline.getOrDefault("children_cpu_s", 0)).append(" s | ")
                .append(m(scpu.get("postgres")).get("cpu_s")).append(" s | ").append(m(scpu.get("kafka")).get("cpu_s"))
                .append(" s | ").append(scpu.get("box_busy_pct")).append(" % |\n");
        md.append("| shell script (baseline) | ").append(b.get("runs")).append(" | ").append(b.get("failed_steps"))
                .append(" steps | ").append(sec(b.get("wall_ms"))).append(" | ").append(sec(bd.get("p50"))).append(" | ")
                .append(sec(bd.get("p90"))).append(" | ").append(sec(bd.get("p99"))).append(" | ").append(sec(bd.get("max")))
                .append(" | | ").append(m(bcpu.get("harness")).getOrDefault("children_cpu_s", 0)).append(" s | | | ")
                .append(bcpu.get("box_busy_pct")).append(" % |\n");
        md.append("| service − shell | | | ").append(sec(num(s.get("wall_ms")) - num(b.get("wall_ms")))).append(" | ")
                .append(sec(num(sd.get("p50")) - num(bd.get("p50")))).append(" | ")
                .append(sec(num(sd.get("p90")) - num(bd.get("p90")))).append(" | ")
                .append(sec(num(sd.get("p99")) - num(bd.get("p99")))).append(" | | | | | | |\n\n");
        md.append("Service run = `finished_at − created_at` (its own books); POST sent → run end p50 ")
                .append(sec(m(s.get("post_to_run_end_ms")).get("p50"))).append(" s, p99 ")
                .append(sec(m(s.get("post_to_run_end_ms")).get("p99"))).append(" s; the POSTs took p50 ")
                .append(f(m(s.get("post_ms")), "p50")).append(" ms, p99 ").append(f(m(s.get("post_ms")), "p99"))
                .append(" ms; run created → first steps started p50 ")
                .append(f(m(s.get("created_to_first_step_started_ms")), "p50")).append(" ms, p99 ")
                .append(f(m(s.get("created_to_first_step_started_ms")), "p99"))
                .append(" ms; step `finished_at` → Kafka record under this load p50 ")
                .append(f(m(s.get("step_finished_at_to_kafka_ms")), "p50")).append(" ms, p99 ")
                .append(f(m(s.get("step_finished_at_to_kafka_ms")), "p99")).append(" ms (")
                .append(m(s.get("step_finished_at_to_kafka_ms")).get("count")).append(" steps). Shell run = its own `date` "
                        + "stamps at the start and end of the run's subshell; steps' CPU = the shell processes' (the "
                        + "harness's reaped children). CPU used by processes other than the stack's and the harness's: ")
                .append(scpu.get("others_cpu_s")).append(" s during the service's runs, ").append(bcpu.get("others_cpu_s"))
                .append(" s during the shell's.\n");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> m(Object o) {
        return o instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    private static String f(Map<String, Object> m, String key) {
        Object v = m.get(key);
        return v == null ? "–" : String.valueOf(v);
    }

    private static double num(Object v) {
        return v instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    private static String diff(Map<String, Object> a, Map<String, Object> b, String key) {
        double d = num(a.get(key)) - num(b.get(key));
        double ratio = num(a.get(key)) / num(b.get(key));
        return String.format("%+.2f (%.1f×)", d, ratio);
    }

    private static String sec(Object ms) {
        return String.format("%.2f", num(ms) / 1000);
    }

    private static String met(Object p99, double target) {
        return num(p99) < target ? "met" : "not met";
    }
}
