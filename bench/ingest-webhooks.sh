#!/usr/bin/env bash
# The ingest benchmark (issue 4): signed deployment webhooks into ingest-service at fixed rates (open loop),
# webhook → Kafka latency, loss and duplicates read back from vigil.deployments, beside two baselines measured
# in the same run: GET /q/health/live of the same service (same load tool, same rate) and a bare KafkaProducer
# (acks=all, linger.ms=0) producing records of the same size to a scratch topic on the same broker.
# Runs a throwaway stack (bench/stack.sh), loopback only; cleans up. The harness is bench/ingest (not in the
# root reactor): build it once with ./mvnw -B -q -f bench/ingest/pom.xml package.
#
# usage: bench/ingest-webhooks.sh [--commit REV | --root DIR] [RATE…]        default rates: 200 1000 3000 5000
#   --commit REV   measure that commit: export it (git archive) to a temporary directory, build it there
#                  (./mvnw -o -DskipTests package) and run its stack, leaving this work tree and its target
#                  directories alone.
#   --root DIR     measure the services already built in another checkout or export (labelled with
#                  DIR/.bench-commit when present, else its git HEAD).
#   Without either, the services built in this work tree are measured (warns when sources are newer).
# Environment: BENCH_WARMUP (3 s), BENCH_DURATION (10 s), BENCH_CONCURRENCY (256), BENCH_CASES
# (health,webhook,kafka,kafka-max), BENCH_PROJECTS (1: every webhook for project "bench"; N: spread over N
# projects bench-0 … bench-N-1, a diagnostic), BENCH_OUT (bench/ingest/results: *.json, summary.md).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
module="$here/ingest"
commit=""
other_root=""
case "${1:-}" in
  --commit) [[ $# -ge 2 ]] || { echo "--commit needs a revision" >&2; exit 2; }
    commit="$(git -C "$here/.." rev-parse --verify "$2^{commit}")"; shift 2 ;;
  --root) [[ $# -ge 2 && -d "$2" ]] || { echo "--root needs a directory" >&2; exit 2; }
    other_root="$(cd "$2" && pwd)"; shift 2 ;;
esac
rate_list=("${@:-200 1000 3000 5000}")
rates="$(echo ${rate_list[@]} | tr ' ' ',')"

[[ -f "$module/target/classpath.txt" && -d "$module/target/classes" ]] \
  || { echo "the harness is not built: ./mvnw -B -q -f bench/ingest/pom.xml package" >&2; exit 1; }

source "$here/stack.sh" # sets root (this checkout), data, ports; stack_up / stack_down; cleans up on exit
stack_select "$commit" "$other_root" ingest-service events service-parent

jar="$root/ingest-service/target/quarkus-app/quarkus-run.jar"
[[ -f "$jar" ]] || { echo "ingest-service is not built ($jar); ./mvnw -B -q -DskipTests install" >&2; exit 1; }
newer="$(find "$root/ingest-service/src/main" "$root/ingest-service/pom.xml" -type f -newer "$jar" -print -quit)"
[[ -z "$newer" ]] || echo "warning: $newer is newer than the built ingest-service: the jar may not be what the source says" >&2

# The launcher passes its environment on to the services (ProcessBuilder keeps it, ServiceEnvironment adds to
# it): this configures the sender 'bench' with a fresh secret and a rate limit far above the load.
export VIGIL_INGEST_WEBHOOK_SENDERS_BENCH_SECRET="$(python3 -c 'import secrets; print(secrets.token_hex(32))')"
export VIGIL_INGEST_WEBHOOK_SENDERS_BENCH_RATE_LIMIT=100000
unset KAFKA_BOOTSTRAP_SERVERS # the stack's own embedded broker, never an external one

stack_up
read -r bootstrap pids < <(python3 -c 'import json,sys
s = json.load(open(sys.argv[1]))
print(s["bootstrapServers"], ",".join(f"{k}={v}" for k, v in s["pids"].items()))' "$data/stack.json")
echo "stack up: ingest 127.0.0.1:$ingest_port, broker $bootstrap, measuring $label"

java -Xms256m -Xmx1g -XX:+UseSerialGC -cp "$module/target/classes:$(cat "$module/target/classpath.txt")" \
  io.vigil.bench.ingest.IngestBench --ingest "http://127.0.0.1:$ingest_port" --bootstrap "$bootstrap" \
  --rates "$rates" --warmup "${BENCH_WARMUP:-3}" --duration "${BENCH_DURATION:-10}" \
  --concurrency "${BENCH_CONCURRENCY:-256}" --cases "${BENCH_CASES:-health,webhook,kafka,kafka-max}" \
  --projects "${BENCH_PROJECTS:-1}" --pids "$pids" --commit "$label" --out "${BENCH_OUT:-$module/results}"
stack_down
