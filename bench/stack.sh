# Sourced by the bench scripts: runs a throwaway local stack (own data dir, free loopback ports,
# throwaway databases) and cleans all of it up on exit.
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data="$(mktemp -d)"
prefix="vigil_bench_$RANDOM$RANDOM"_
# below the kernel's ephemeral range, so no outgoing connection takes a port between the check and the bind
base=$(python3 -c 'import socket,random
try: low=int(open("/proc/sys/net/ipv4/ip_local_port_range").read().split()[0])
except Exception: low=32768
while True:
    b=random.randint(20000,max(20100,low-10)); ok=True
    for p in range(b,b+10):
        s=socket.socket()
        try: s.bind(("127.0.0.1",p))
        except OSError: ok=False
        finally: s.close()
    if ok: print(b); break')
gateway_port=$base
ingest_port=$((base + 1))

vigil() { "$root/deploy/local/vigil" "$@"; }
stack_up() { vigil up --no-build --detach --data-dir "$data" --ports-from "$base" --db-prefix "$prefix" >/dev/null; }
stack_down() { vigil down --data-dir "$data" >/dev/null; }
stack_pid() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["pid"])' "$data/stack.json"; }
stack_cleanup() {
  vigil down --data-dir "$data" >/dev/null 2>&1 || true
  for db in ingest pipeline logs monitor; do
    psql -h "${PGHOST:-127.0.0.1}" -p "${PGPORT:-5432}" -U "${PGUSER:-postgres}" -d postgres -qc \
      "DROP DATABASE IF EXISTS ${prefix}${db} WITH (FORCE)" >/dev/null 2>&1 || true
  done
  rm -rf "$data"
}
trap stack_cleanup EXIT
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(java -version 2>&1 | head -1), $(date -u +%FT%TZ)"

# Points root at what a benchmark measures, and sets label: commit $1 exported (git archive) and built in a
# temporary directory removed on exit; else the built checkout $2 (labelled by its .bench-commit or HEAD); else
# this work tree (labelled +uncommitted when the sources of modules $3… have edits).
stack_select() {
  local commit="$1" other_root="$2"; shift 2
  if [[ -n "$commit" ]]; then
    export_dir="$(mktemp -d /tmp/vigil-bench-src.XXXXXX)"
    trap 'stack_cleanup; rm -rf "$export_dir"' EXIT
    echo "building $commit in $export_dir ..."
    git -C "$root" archive "$commit" | tar -x -C "$export_dir"
    (cd "$export_dir" && ./mvnw -B -q -o -DskipTests package)
    root="$export_dir" # vigil() runs $root/deploy/local/vigil, which runs the services built beside it
    label="$commit"
  elif [[ -n "$other_root" ]]; then
    root="$other_root"
    label="$(cat "$root/.bench-commit" 2>/dev/null || git -C "$root" rev-parse HEAD 2>/dev/null || echo "$root")"
  else
    label="$(git -C "$root" rev-parse HEAD 2>/dev/null || echo unknown)"
    if [[ -n "$(git -C "$root" status --porcelain -- "$@" 2>/dev/null)" ]]; then
      label="$label+uncommitted"
    fi
  fi
}
