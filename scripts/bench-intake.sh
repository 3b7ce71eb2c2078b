#!/usr/bin/env bash
# Intake benchmark as BENCHMARKS.md reports it: a fresh data folder (and,
# for PostgreSQL, a fresh durable PostgreSQL: default fsync and
# synchronous_commit, unlike the test server), `groundcrew serve` with its
# consumers, and cmd/groundcrew-load against it. Prints the load report,
# the machine's load average before and after, and the CPU time the server,
# PostgreSQL and the load generator spent per accepted message (a figure
# that other jobs on a shared machine disturb much less than latency),
# PostgreSQL's split by process kind (client backends, walwriter,
# autovacuum, checkpointer, ...).
#
#   scripts/bench-intake.sh [pg|sqlite] [rate (0: as fast as possible)] [duration]
#   BIN=dir     use dir/groundcrew and dir/groundcrew-load instead of building
#   PGOPTS=...  extra postgres options, e.g. "-c synchronous_commit=off"
#   PROFILE=f   also save a 10 s CPU profile of the server to f
#   PGAFTER=sql (pg) run sql once the server has migrated the database (to
#               try an index or a setting without a build)
#   PGSTATS=f   (pg) load pg_stat_statements, reset it once the server is up,
#               and write every statement's calls, rows and time per accepted
#               message to f, costliest first, with rows written per table,
#               each consumer's consumed_events rows, WAL and WAL flushes
#   PGWAL=f     (pg) write pg_waldump's per-record-type statistics of the
#               WAL the run wrote to f (what each message costs in writes)
#   PGPERF=f    (pg) sample the whole machine with perf for 8 s of the run and
#               write where PostgreSQL's CPU went to f: the share of each
#               process and PostgreSQL's functions, flat and with callees
#               (the Debian binary has no frame pointers: read the inclusive
#               list for named executor functions, not for call chains)
#   PGWAITS=f   (pg) sample pg_stat_activity every 5 ms for the run (from one
#               extra backend, which costs some PostgreSQL CPU) and write to f
#               where client backends' time went (waiting for a lock, for WAL,
#               on CPU, idle in a transaction while the node works) by
#               statement, and every lock wait seen longer than 10 ms with
#               the statement and open-transaction age of what blocked it;
#               it also turns on log_lock_waits with a 10 ms deadlock_timeout
#               and adds every lock wait over 10 ms from the log (all of
#               them, not sampled): count, total and longest by statement
#
# It never touches a server it did not start, and removes everything at exit.
set -euo pipefail
engine=${1:-pg}
rate=${2:-1000}
duration=${3:-15s}
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d /tmp/groundcrew-bench.XXXXXX)
chmod 755 "$work"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

bin=${BIN:-}
if [ -z "$bin" ]; then
  bin=$work/bin
  (cd "$root" && go build -o "$bin/groundcrew" ./cmd/groundcrew && go build -o "$bin/groundcrew-load" ./cmd/groundcrew-load)
fi

pg_run=()
pg_bin=
cleanup() {
  [ -n "${serve_pid:-}" ] && kill "$serve_pid" 2>/dev/null && wait "$serve_pid" 2>/dev/null
  [ -n "$pg_bin" ] && "${pg_run[@]}" "$pg_bin/pg_ctl" -D "$work/pg/data" -m immediate stop >/dev/null 2>&1
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

database=
pg_pid=0
if [ "$engine" = pg ]; then
  pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  [ -x "$pg_bin/postgres" ] || { echo "bench-intake: PostgreSQL is not installed" >&2; exit 1; }
  mkdir "$work/pg"
  if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
    chown postgres "$work/pg"
    pg_run=(runuser -u postgres --)
  fi
  port=$(free_port)
  "${pg_run[@]}" "$pg_bin/initdb" -D "$work/pg/data" -U postgres -A trust >"$work/initdb.log" 2>&1 || { cat "$work/initdb.log" >&2; exit 1; }
  stats_opts=
  [ -z "${PGWAITS:-}" ] || stats_opts="-c log_lock_waits=on -c deadlock_timeout=10ms"
  [ -z "${PGSTATS:-}" ] || stats_opts="$stats_opts -c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track=all -c pg_stat_statements.max=2000"
  "${pg_run[@]}" "$pg_bin/pg_ctl" -D "$work/pg/data" -l "$work/pg/server.log" -w -t 60 \
    -o "-h 127.0.0.1 -p $port -k $work/pg -c max_connections=300 $stats_opts ${PGOPTS:-}" start >/dev/null
  database="postgres://postgres@127.0.0.1:$port/postgres?sslmode=disable"
  pg_pid=$(head -1 "$work/pg/data/postmaster.pid")
fi

token=bench-$(python3 -c 'import secrets; print(secrets.token_hex(16))')
addr=127.0.0.1:$(free_port)
debug=127.0.0.1:$(free_port)
GROUNDCREW_ADMIN_TOKEN=$token GROUNDCREW_DATABASE=$database \
  "$bin/groundcrew" serve --data "$work/data" --addr "$addr" --debug-addr "$debug" >"$work/serve.log" 2>&1 &
serve_pid=$!
for _ in $(seq 150); do curl -sf "http://$addr/healthz" >/dev/null && break; sleep 0.2; done

# cpu PID...: CPU seconds of each process with its live descendants and reaped children.
cpu() {
  python3 - "$@" <<'EOF'
import os, sys
hz = os.sysconf('SC_CLK_TCK')
procs = {}
for p in filter(str.isdigit, os.listdir('/proc')):
    try:
        s = open(f'/proc/{p}/stat').read()
    except OSError:
        continue
    f = s[s.rindex(')') + 2:].split()
    procs[int(p)] = (int(f[1]), int(f[11]) + int(f[12]) + int(f[13]) + int(f[14]))
def tree(root):
    total, todo = 0, [root]
    while todo:
        p = todo.pop()
        if p in procs:
            total += procs[p][1]
            todo += [c for c, v in procs.items() if v[0] == p]
    return total / hz
print(' '.join('%.2f' % tree(int(p)) for p in sys.argv[1:]))
EOF
}

# pgkinds PID OUT: save to OUT the CPU ticks of the postmaster PID's
# children by kind (from the process title: client backends, walwriter,
# autovacuum worker, ...; "exited" is the time of children that ended,
# which the postmaster reaped). pgkinds - AFTER BEFORE: print each kind's
# milliseconds per accepted message ($n) between two saved snapshots.
pgkinds() {
  python3 - "$@" <<'PY'
import json, os, re, sys
hz = os.sysconf('SC_CLK_TCK')
def ticks(p):
    s = open(f'/proc/{p}/stat').read()
    f = s[s.rindex(')') + 2:].split()
    return int(f[1]), int(f[11]) + int(f[12]), int(f[13]) + int(f[14])
if sys.argv[1] == '-':
    snap, before = json.load(open(sys.argv[2])), json.load(open(sys.argv[3]))
    n, kinds = max(int(os.environ.get('n') or 1), 1), {}
    for p, (kind, t) in snap.items():
        kinds[kind] = kinds.get(kind, 0) + t - before.get(p, [kind, 0])[1]
    print('postgres cpu per accepted message by process: ' + ', '.join(
        '%s %.3f ms' % (k, 1000 * v / hz / n) for k, v in sorted(kinds.items(), key=lambda kv: -kv[1]) if v))
    sys.exit()
root, snap = int(sys.argv[1]), {}
for p in filter(str.isdigit, os.listdir('/proc')):
    try:
        ppid, own, _ = ticks(p)
        if ppid != root:
            continue
        title = open(f'/proc/{p}/cmdline').read().replace('\0', ' ').strip()
    except OSError:
        continue
    kind = re.sub(r'^postgres: ', '', title)
    if re.match(r'\S+ \S+ [\d.]+\(', kind):
        kind = 'client backends'
    elif kind.startswith('autovacuum worker'):
        kind = 'autovacuum worker'
    snap[p] = [kind, own]
_, own, reaped = ticks(root)
snap['postmaster'], snap['exited'] = ['postmaster', own], ['exited', reaped]
json.dump(snap, open(sys.argv[2], 'w'))
PY
}

psql() { "${pg_run[@]}" "$pg_bin/psql" -h 127.0.0.1 -p "$port" -U postgres -X -q "$@"; }
[ -z "${PGAFTER:-}" ] || psql -c "$PGAFTER"
if [ -n "${PGSTATS:-}" ] && [ "$engine" = pg ]; then
  psql -c 'CREATE EXTENSION IF NOT EXISTS pg_stat_statements' -c 'SELECT pg_stat_statements_reset()' -c 'SELECT pg_stat_reset()' \
    -c "SELECT pg_stat_reset_shared('wal')" >/dev/null
fi

wal_start=
if [ -n "${PGWAL:-}" ] && [ "$engine" = pg ]; then
  wal_start=$(psql -A -t -c 'SELECT pg_current_wal_insert_lsn()')
fi
waits_pid=
if [ -n "${PGWAITS:-}" ] && [ "$engine" = pg ]; then
  psql -c 'CREATE UNLOGGED TABLE bench_waits (at timestamptz, pid int, wtype text, wevent text, state text, query text,
      since_ms float8, changed timestamptz, xact_ms float8, xstart timestamptz, blocker int, bstate text, bquery text, bxact_ms float8)'
  secs=$(python3 -c "import re,sys; m=re.fullmatch(r'([\d.]+)(ms|s|m)?','$duration'); v=float(m[1]); print(v*{'ms':.001,'s':1,'m':60,None:1}[m[2]])")
  # A DO block that commits every sample, so it holds no snapshot open.
  psql -c "DO \$\$ DECLARE stop timestamptz := clock_timestamp() + interval '$secs seconds'; t timestamptz; BEGIN
    WHILE clock_timestamp() < stop LOOP
      PERFORM pg_stat_clear_snapshot();
      t := clock_timestamp();
      INSERT INTO bench_waits SELECT t, a.pid, a.wait_event_type, a.wait_event, a.state, left(a.query, 90),
          1000 * extract(epoch FROM clock_timestamp() - a.state_change), a.state_change, 1000 * extract(epoch FROM clock_timestamp() - a.xact_start), a.xact_start,
          b.pid, b.state, left(b.query, 90), 1000 * extract(epoch FROM clock_timestamp() - b.xact_start)
        FROM pg_stat_activity a
        LEFT JOIN LATERAL (SELECT x.* FROM pg_stat_activity x WHERE x.pid = (pg_blocking_pids(a.pid))[1]) b ON a.wait_event_type = 'Lock'
        WHERE a.backend_type = 'client backend' AND a.pid <> pg_backend_pid() AND a.state <> 'idle';
      COMMIT;
      PERFORM pg_sleep(0.005);
    END LOOP; END \$\$" &
  waits_pid=$!
fi
perf_pid=
if [ -n "${PGPERF:-}" ] && [ "$engine" = pg ]; then
  command -v perf >/dev/null || { echo "bench-intake: PGPERF needs perf (linux-perf)" >&2; exit 1; }
  (sleep 2; perf record -a -g -F 300 -o "$work/perf.data" -- sleep 8 >/dev/null 2>&1) &
  perf_pid=$!
fi
profile_pid=
if [ -n "${PROFILE:-}" ]; then
  (sleep 2; curl -s -o "$PROFILE" "http://$debug/debug/pprof/profile?seconds=10") &
  profile_pid=$!
fi
# poolwait: the write pool's waits for a connection so far (count, seconds),
# from the server's /metrics (builds without them print 0 0).
poolwait() {
  curl -s "http://$addr/metrics" | awk '/^go_sql_wait_count_total\{db_name="write"\}/ {c=$2} /^go_sql_wait_duration_seconds_total\{db_name="write"\}/ {d=$2} END {print c+0, d+0}'
}
read -r w0 wd0 <<<"$(poolwait)"
read -r s0 p0 <<<"$(cpu "$serve_pid" "$pg_pid")"
[ "$pg_pid" = 0 ] || pgkinds "$pg_pid" "$work/kinds0.json"
echo "engine $engine, rate $rate, $duration; before: $(uptime | sed 's/.*load/load/')"
# The load generator shares the cores too: its CPU (user + system) is
# reported beside the server's and PostgreSQL's.
TIMEFORMAT='%U %S'
{ time "$bin/groundcrew-load" -url "http://$addr" -token "$token" -customers 50 -duration "$duration" -rate "$rate" >"$work/report.txt" 2>&1 || true; } 2>"$work/load-cpu.txt"
cat "$work/report.txt"
read -r s1 p1 <<<"$(cpu "$serve_pid" "$pg_pid")"
read -r w1 wd1 <<<"$(poolwait)"
[ "$pg_pid" = 0 ] || pgkinds "$pg_pid" "$work/kinds1.json"
echo "after: $(uptime | sed 's/.*load/load/')"
n=$(awk '/^requests/ {print $4}' "$work/report.txt")
awk -v n="${n:-0}" -v s="$s0 $s1" -v p="$p0 $p1" -v l="$(cat "$work/load-cpu.txt")" 'BEGIN {
  split(s, a); split(p, b); split(l, c); if (n < 1) n = 1
  printf "cpu per accepted message: server %.3f ms, postgres %.3f ms, load generator %.3f ms (%d messages)\n", 1000*(a[2]-a[1])/n, 1000*(b[2]-b[1])/n, 1000*(c[1]+c[2])/n, n }'
[ "$pg_pid" = 0 ] || n=$n pgkinds - "$work/kinds1.json" "$work/kinds0.json"
awk -v n="${n:-0}" -v w="$w0 $w1" -v d="$wd0 $wd1" 'BEGIN { split(w, a); split(d, b); if (n < 1) n = 1; c = a[2] - a[1]
  printf "write pool: %.3f waits for a connection per accepted message, %.2f ms waited per accepted message, %.1f ms per wait\n", c/n, 1000*(b[2]-b[1])/n, c ? 1000*(b[2]-b[1])/c : 0 }'
[ -z "$profile_pid" ] || wait "$profile_pid"
if [ -n "$wal_start" ]; then
  wal_end=$(psql -A -t -c 'SELECT pg_current_wal_insert_lsn()')
  "${pg_run[@]}" "$pg_bin/pg_waldump" -p "$work/pg/data/pg_wal" -s "$wal_start" -e "$wal_end" --stats=record >"$PGWAL" 2>&1 || true
fi
if [ -n "${PGSTATS:-}" ] && [ "$engine" = pg ]; then
  # Per accepted message: calls, rows and execution time of each statement
  # (the consumers' and relay's included; foreign-key checks count with track=all).
  psql -A -F $'\t' -c "SELECT round(sum(calls)::numeric / ${n:-1}, 3) AS calls, round(sum(rows)::numeric / ${n:-1}, 3) AS rows,
      round((sum(total_exec_time) / ${n:-1})::numeric, 4) AS ms, round((sum(total_exec_time) / greatest(sum(calls), 1))::numeric, 4) AS mean_ms,
      regexp_replace(left(query, 160), '\s+', ' ', 'g') AS query
    FROM pg_stat_statements WHERE query NOT LIKE '%pg_stat_statements%' GROUP BY query ORDER BY 3 DESC" >"$PGSTATS"
  psql -A -F $'\t' -c "SELECT relname, n_tup_ins, n_tup_upd, n_tup_hot_upd, n_tup_del FROM pg_stat_user_tables WHERE n_tup_ins + n_tup_upd + n_tup_del > 0 ORDER BY n_tup_upd DESC, n_tup_ins DESC" >>"$PGSTATS"
  psql -A -F $'\t' -c "SELECT 'consumed_events' AS claims, consumer, round(count(*)::numeric / ${n:-1}, 3) AS per_message FROM consumed_events GROUP BY consumer ORDER BY 3 DESC" >>"$PGSTATS"
  psql -A -t -c "SELECT 'WAL per message: ' || round(wal_records::numeric / ${n:-1}, 1) || ' records, ' || round(wal_fpi::numeric / ${n:-1}, 2)
      || ' full pages, ' || round(wal_bytes / ${n:-1}) || ' bytes, ' || round(wal_sync::numeric / ${n:-1}, 3) || ' flushes (fsync)' FROM pg_stat_wal" | tee -a "$PGSTATS"
  psql -A -t -c "SELECT 'statements per message ' || round(sum(calls)::numeric / ${n:-1}, 2) || ', execution ms per message ' || round((sum(total_exec_time) / ${n:-1})::numeric, 3)
    FROM pg_stat_statements WHERE query NOT LIKE '%pg_stat_statements%'" | tee -a "$PGSTATS"
fi
if [ -n "$waits_pid" ]; then
  wait "$waits_pid" || true
  {
    psql -A -t -c "SELECT 'samples ' || count(DISTINCT at) || ', client backends busy per sample ' || round(count(*)::numeric / greatest(count(DISTINCT at), 1), 2) FROM bench_waits"
    echo "# share of busy client-backend samples: state, wait, statement"
    psql -A -F $'\t' -c "SELECT round(100.0 * count(*) / sum(count(*)) OVER (), 1) AS pct, state, coalesce(wtype || ':' || wevent, 'cpu') AS wait,
        regexp_replace(left(query, 70), '\s+', ' ', 'g') AS statement FROM bench_waits GROUP BY 2, 3, 4 ORDER BY 1 DESC LIMIT 40"
    echo "# lock waits seen longer than 10 ms (each wait once, at its longest): waiter, blocker's state and statement, blocker's transaction age"
    psql -A -F $'\t' -c "WITH w AS (SELECT pid, max(since_ms) AS ms, (array_agg(query))[1] AS q, (array_agg(bstate ORDER BY since_ms DESC))[1] AS bstate,
          (array_agg(bquery ORDER BY since_ms DESC))[1] AS bq, (array_agg(bxact_ms ORDER BY since_ms DESC))[1] AS bxact
        FROM bench_waits WHERE wtype = 'Lock' GROUP BY pid, changed)
      SELECT count(*) AS waits, round(avg(ms)) AS mean_ms, round(max(ms)) AS max_ms, round(avg(bxact)) AS blocker_xact_ms,
        regexp_replace(left(q, 40), '\s+', ' ', 'g') AS waiter, bstate, regexp_replace(left(bq, 70), '\s+', ' ', 'g') AS blocker
      FROM w WHERE ms > 10 GROUP BY 5, 6, 7 ORDER BY 1 DESC LIMIT 25"
    echo "# intake transactions (the customer's head or ticket statements) by the longest age seen: how many, and where their sampled time went"
    psql -A -F $'\t' -c "WITH x AS (SELECT pid, xstart, max(xact_ms) AS age,
          bool_or(query ~ '^(WITH h AS|SELECT c\.id, c\.external_id|INSERT INTO tickets|WITH w0 AS \(INSERT INTO messages)') AS intake,
          count(*) FILTER (WHERE state LIKE 'idle in%') AS node, count(*) FILTER (WHERE wtype = 'Lock') AS lock,
          count(*) FILTER (WHERE wevent LIKE 'WAL%') AS wal, count(*) FILTER (WHERE state = 'active' AND wtype IS NULL) AS cpu, count(*) AS n
        FROM bench_waits WHERE xstart IS NOT NULL GROUP BY pid, xstart)
      SELECT CASE WHEN age < 20 THEN 'a <20 ms' WHEN age < 50 THEN 'b 20-50 ms' WHEN age < 100 THEN 'c 50-100 ms' ELSE 'd >=100 ms' END AS age_seen,
        count(*) AS transactions, round(100.0 * sum(node) / sum(n), 1) AS pct_idle_in_tx_node, round(100.0 * sum(lock) / sum(n), 1) AS pct_lock,
        round(100.0 * sum(wal) / sum(n), 1) AS pct_wal, round(100.0 * sum(cpu) / sum(n), 1) AS pct_pg_cpu, round(100.0 * sum(n - node - lock - wal - cpu) / sum(n), 1) AS pct_other
      FROM x WHERE intake GROUP BY 1 ORDER BY 1"
    echo "# from the log: lock waits over 10 ms, by lock and waiting statement (count, total ms, longest ms)"
    python3 - "$work/pg/server.log" <<'PY'
import re, sys, collections
lines, got = open(sys.argv[1], errors='replace').read().splitlines(), collections.defaultdict(list)
for i, l in enumerate(lines):
    m = re.search(r'acquired (\w+) on (\w+ ?\w*).* after ([\d.]+) ms', l)
    if not m:
        continue
    stmt = next((re.sub(r'\s+', ' ', x.split('STATEMENT:', 1)[1])[:70] for x in lines[i + 1:i + 4] if 'STATEMENT:' in x), '?')
    rel = next((r[1] for x in lines[i + 1:i + 4] for r in [re.search(r'relation "(\w+)"', x)] if r), '')
    got[(m[1] + ' on ' + re.sub(r' \d+', '', m[2]) + (' in ' + rel if rel else ''), stmt)].append(float(m[3]))
for (lock, stmt), v in sorted(got.items(), key=lambda kv: -sum(kv[1])):
    print('%d\t%.0f\t%.0f\t%s\t%s' % (len(v), sum(v), max(v), lock, stmt))
PY
  } >"$PGWAITS"
fi
if [ -n "$perf_pid" ]; then
  wait "$perf_pid"
  # head closes each pipe early: "|| true" keeps pipefail from ending the script.
  {
    echo "# CPU samples by process (whole machine)"
    perf report -i "$work/perf.data" --no-children --sort comm -g none --stdio 2>/dev/null | grep '%' | head -12 || true
    echo "# PostgreSQL, flat (share of its samples)"
    perf report -i "$work/perf.data" --comm postgres --percentage relative --no-children --sort symbol -g none --stdio 2>/dev/null | grep '%' | head -40 || true
    echo "# PostgreSQL, with callees"
    perf report -i "$work/perf.data" --comm postgres --percentage relative --children --sort symbol -g none --stdio 2>/dev/null | grep '%' | grep -v ' 0x0000' | head -80 || true
  } >"$PGPERF"
fi
