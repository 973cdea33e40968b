# Sourced by the bench scripts: runs a throwaway local stack (own data dir, free loopback ports,
# throwaway databases) and cleans all of it up on exit.
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
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
