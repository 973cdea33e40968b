#!/usr/bin/env bash
# Measures the local stack: time from launch (build done) to all-ready, and the resident memory of the
# broker and the four services at idle. Starts twice on the same data: a first start (formats the
# broker, creates the databases, migrates) and a second (keeps the data). Loopback only; cleans up.
# usage: bench/stack-startup.sh [idle seconds before RSS, default 30]
set -euo pipefail
idle="${1:-30}"
source "$(dirname "${BASH_SOURCE[0]}")/stack.sh"

for run in first second; do
  start=$(date +%s.%N)
  stack_up
  end=$(date +%s.%N)
  printf '%s start: launch to all-ready %.1f s (launcher: broker %s, %s)\n' "$run" "$(echo "$end - $start" | bc)" \
    "$(grep -o 'broker ready at [0-9.:]* in [0-9.]* s' "$data/stack.log" | tail -1 | sed 's/broker ready at [0-9.:]* in/ready in/')" \
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
  stack_down
done
