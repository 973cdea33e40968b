#!/usr/bin/env bash
# Measures the local stack: time from launch (build done) to all-ready, and the resident memory of the
# broker and the four services at idle. Starts twice on the same data: a first start (formats the
# broker, creates the databases, migrates) and a second (keeps the data). Loopback only; cleans up.
# usage: bench/stack-startup.sh [idle seconds before RSS, default 30]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
idle="${1:-30}"
data="$(mktemp -d)"
prefix="vigil_bench_$RANDOM$RANDOM"_
base=$(python3 -c 'import socket,random
while True:
    b=random.randint(20000,40000); ok=True
    for p in range(b,b+10):
        s=socket.socket()
        try: s.bind(("127.0.0.1",p))
        except OSError: ok=False
        finally: s.close()
    if ok: print(b); break')
vigil() { "$root/deploy/local/vigil" "$@"; }
cleanup() {
  vigil down --data-dir "$data" >/dev/null 2>&1 || true
  for db in ingest pipeline logs monitor; do
    psql -h "${PGHOST:-127.0.0.1}" -p "${PGPORT:-5432}" -U "${PGUSER:-postgres}" -d postgres -qc \
      "DROP DATABASE IF EXISTS ${prefix}${db} WITH (FORCE)" >/dev/null 2>&1 || true
  done
  rm -rf "$data"
}
trap cleanup EXIT

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(java -version 2>&1 | head -1)"
for run in first second; do
  start=$(date +%s.%N)
  vigil up --no-build --detach --data-dir "$data" --ports-from "$base" --db-prefix "$prefix" >/dev/null
  end=$(date +%s.%N)
  printf '%s start: launch to all-ready %.1f s (launcher says: %s)\n' "$run" "$(echo "$end - $start" | bc)" \
    "$(grep -o 'all ready in [0-9.]* s' "$data/stack.log" | tail -1)"
  if [[ $run == first ]]; then
    sleep "$idle"
    total=0
    for entry in $(python3 -c 'import json,sys; [print(f"{k}={v}") for k,v in json.load(open(sys.argv[1]))["pids"].items()]' "$data/stack.json"); do
      rss=$(ps -o rss= -p "${entry#*=}" | tr -d ' ')
      total=$((total + rss))
      printf '  RSS %-10s %6.0f MiB\n' "${entry%%=*}" "$(echo "$rss / 1024" | bc -l)"
    done
    printf '  RSS total      %6.0f MiB after %s s idle\n' "$(echo "$total / 1024" | bc -l)" "$idle"
  fi
  vigil down --data-dir "$data" >/dev/null
done
