#!/usr/bin/env bash
# The pipeline benchmark (issue 5): pipeline-service's scheduling overhead per dependency edge on 100-step DAGs of
# `true` steps (a chain and a fan-out/fan-in), beside a plain shell script and a bare JVM driver running the same
# commands in the same run; step end → Kafka read back from vigil.runs; 100 concurrent runs of the example
# pipeline beside a shell script running the same 100 × 6 commands with the same DAG concurrency.
# Runs a throwaway stack (bench/stack.sh), loopback only; cleans up (stack, databases, run directories, the
# baselines' files). The harness is bench/pipeline (not in the root reactor): build it once with
# ./mvnw -B -q -f bench/pipeline/pom.xml package.
#
# usage: bench/pipeline-runs.sh [--commit REV | --root DIR]
#   --commit REV   measure that commit: export it (git archive) to a temporary directory, build it there
#                  (./mvnw -o -DskipTests package) and run its stack, leaving this work tree alone.
#   --root DIR     measure the services already built in another checkout or export (labelled with
#                  DIR/.bench-commit when present, else its git HEAD).
#   Without either, the services built in this work tree are measured (warns when sources are newer).
# Environment: BENCH_STEPS (100 steps per DAG), BENCH_REPEATS (5 measured runs of each DAG per executor, after one
# warm-up), BENCH_RUNS (100 concurrent runs of the example), BENCH_CASES (overhead,concurrent),
# BENCH_WORKERS (400) and BENCH_WORKERS_PER_RUN (100): the service's pools, set high enough that they never hold
# a step back; BENCH_OUT (bench/pipeline/results: run.json, overhead-samples.json, summary.md).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
module="$here/pipeline"
commit=""
other_root=""
case "${1:-}" in
  --commit) [[ $# -ge 2 ]] || { echo "--commit needs a revision" >&2; exit 2; }
    commit="$(git -C "$here/.." rev-parse --verify "$2^{commit}")" ;;
  --root) [[ $# -ge 2 && -d "$2" ]] || { echo "--root needs a directory" >&2; exit 2; }
    other_root="$(cd "$2" && pwd)" ;;
  -h | --help) sed -n '2,20p' "$0"; exit 0 ;;
  "") ;;
  *) echo "usage: bench/pipeline-runs.sh [--commit REV | --root DIR]" >&2; exit 2 ;;
esac

[[ -f "$module/target/classpath.txt" && -d "$module/target/classes" ]] \
  || { echo "the harness is not built: ./mvnw -B -q -f bench/pipeline/pom.xml package" >&2; exit 1; }

source "$here/stack.sh" # sets root (this checkout), data, ports; stack_up / stack_down; cleans up on exit
stack_select "$commit" "$other_root" pipeline-service outbox events service-parent

jar="$root/pipeline-service/target/quarkus-app/quarkus-run.jar"
[[ -f "$jar" ]] || { echo "pipeline-service is not built ($jar)" >&2; exit 1; }
newer="$(find "$root/pipeline-service/src/main" "$root/pipeline-service/pom.xml" -type f -newer "$jar" -print -quit)"
[[ -z "$newer" ]] || echo "warning: $newer is newer than the built pipeline-service: the jar may not be what the source says" >&2

# The launcher passes its environment on to the services: pools far above the load, and the runs' directories
# and output inside the throwaway data directory (removed on exit), where the harness reads the steps' stamps.
workers="${BENCH_WORKERS:-400}"
per_run="${BENCH_WORKERS_PER_RUN:-100}"
export VIGIL_PIPELINE_WORKERS="$workers" VIGIL_PIPELINE_WORKERS_PER_RUN="$per_run"
export VIGIL_PIPELINE_RUN_WORK_DIR="$data/run-work" VIGIL_PIPELINE_RUN_OUTPUT_DIR="$data/run-output"
export VIGIL_LOGS_LOG_ROOT="$data/run-output"
unset KAFKA_BOOTSTRAP_SERVERS # the stack's own embedded broker, never an external one
scratch="$data/baselines"
mkdir -p "$scratch"

pg="$(psql -h "${PGHOST:-127.0.0.1}" -p "${PGPORT:-5432}" -U "${PGUSER:-postgres}" -d postgres -Atc \
  "SELECT 'PostgreSQL ' || current_setting('server_version') || ' (fsync ' || current_setting('fsync')
          || ', synchronous_commit ' || current_setting('synchronous_commit') || ')'" 2>/dev/null || echo "PostgreSQL ?")"

load0="$(cut -d' ' -f1-3 /proc/loadavg)" # before the stack's own start-up adds to it
stack_up
read -r bootstrap pipeline_port pids < <(python3 -c 'import json,sys
s = json.load(open(sys.argv[1]))
print(s["bootstrapServers"], s["ports"]["pipeline"], ",".join(f"{k}={v}" for k, v in s["pids"].items()))' "$data/stack.json")
echo "stack up: pipeline 127.0.0.1:$pipeline_port, broker $bootstrap, pools $workers / $per_run per run, measuring $label"

java -Xms128m -Xmx512m -XX:+UseSerialGC -cp "$module/target/classes:$(cat "$module/target/classpath.txt")" \
  io.vigil.bench.pipeline.PipelineBench --pipeline "http://127.0.0.1:$pipeline_port" --bootstrap "$bootstrap" \
  --work-dir "$VIGIL_PIPELINE_RUN_WORK_DIR" --scratch "$scratch" --out "${BENCH_OUT:-$module/results}" \
  --steps "${BENCH_STEPS:-100}" --repeats "${BENCH_REPEATS:-5}" --runs "${BENCH_RUNS:-100}" \
  --cases "${BENCH_CASES:-overhead,concurrent}" --workers "$workers" --workers-per-run "$per_run" \
  --pids "$pids" --commit "$label" --note "$pg, the stack's embedded Kafka broker; load average before the stack started: $load0"
stack_down
