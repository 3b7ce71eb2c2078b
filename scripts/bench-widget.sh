#!/usr/bin/env bash
# Widget benchmark as BENCHMARKS.md reports it: a fresh PostgreSQL (durable
# defaults) and a fresh nats-server (JetStream), one or two `groundcrew
# serve` on them, and cmd/groundcrew-load -mode widget against them: the
# customers' sockets spread over the nodes, agent replies through the last
# node, message.created timed on the NATS every node's live views read.
# Prints the load report, the machine's load average before and after, and
# each node's resident memory (now and peak) and CPU seconds.
#
#   scripts/bench-widget.sh [nodes (1|2)] [sockets] [rate msg/s] [duration] [replies/s]
#   BIN=dir        use dir/groundcrew, dir/groundcrew-load and dir/nats-server instead of building
#   PAGES=n        agents' live ticket pages open (default 500, so that the
#                  page p99 rests on ~1,000 samples at 10,000 sockets), on the last node
#   PAGES_IN_ONE_BLOCK=1  the pages of the first PAGES sockets, as runs before
#                  session 18 (sent to in one burst a round), instead of
#                  sockets spread evenly over the send order
#   PROFILE=f      save a 10 s CPU profile of the last node to f, PROFILE_AFTER
#                  seconds (default 45) after the load generator starts, or
#                  with PROFILE_AFTER=window 2 s into the measured window
#   HEAPPROFILE=f  save a heap profile (in-use and allocated) of the last node
#                  to f at the same moment, and its goroutine count and memory
#                  statistics (stacks, heap, GC) to f.txt; again 10 s later
#                  to f.end and f.end.txt (pprof -base f f.end: what those
#                  10 s allocated)
#   NODE_GOMEMLIMIT=600MiB  the nodes' GOMEMLIMIT (the load generator keeps none)
#   NODE_GOGC=200  the nodes' GOGC
#   ENGINE=sqlite  one node on SQLite with its embedded NATS (listening for
#                  the watcher) instead of PostgreSQL and a nats-server
#   SETTLE=10s     start every socket's conversation, wait this long (the
#                  starts' background work drains), then measure the
#                  follow-up messages only; also prints each node's CPU per
#                  message over exactly the measured window (default: measure
#                  at once, as before)
#   STRACE=f       count the last node's fsync and fdatasync calls (strace -c
#                  -f) for 10 s from 2 s into the measured window, into f;
#                  strace slows every system call, so time such runs apart
#   GCTRACE=f      run the nodes with GODEBUG=gctrace=1 and copy the last
#                  node's GC lines (one per cycle: heap sizes, pauses) to f,
#                  then the measured window's start and end in the same
#                  clock (seconds since the node started)
#   TIMELINE=dir  line the tail up with what happened (scripts/widget-timeline.py
#                 reads the folder): the load generator's every sample with its
#                 send time (timeline.txt), its GC lines (load.gc) and the last
#                 node's (node.gc), each with its start in Unix time, and
#                 the node's fsyncs with their file, start and duration
#                 (fsync.txt: strace, started with the node so that its
#                 seccomp filter stops the node on fsync alone)
#   LOADPROFILE=f  the load generator's own CPU profile over the measured sends
#   PGSTATS=f      load pg_stat_statements and write to f, per statement, its
#                  calls, execution time and rows per stored message over the
#                  run (counted from the load generator's start)
#
# Needs an open-file limit above the socket count (each socket is a file
# on both sides): it raises its own soft limit to the hard limit and stops
# if that is too low. It never touches a server it did not start, and
# removes everything at exit.
set -euo pipefail
nodes=${1:-1}
sockets=${2:-1000}
rate=${3:-200}
duration=${4:-20s}
replies=${5:-20}
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d /tmp/groundcrew-bench.XXXXXX)
chmod 755 "$work"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

ulimit -n "$(ulimit -Hn)"
if [ "$(ulimit -n)" != unlimited ] && [ "$(ulimit -n)" -lt $((sockets + 1000)) ]; then
  echo "bench-widget: the open-file limit ($(ulimit -n)) is too low for $sockets sockets; raise the hard limit (ulimit -Hn)" >&2
  exit 1
fi

bin=${BIN:-}
if [ -z "$bin" ]; then
  bin=$work/bin
  (cd "$root" && go build -o "$bin/groundcrew" ./cmd/groundcrew && go build -o "$bin/groundcrew-load" ./cmd/groundcrew-load &&
    go build -o "$bin/nats-server" github.com/nats-io/nats-server/v2)
fi

pg_run=()
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
pids=()
serve_pids=()
cleanup() {
  # The nodes before the nats-server: a node whose NATS is gone waits on
  # its relay's unanswered publishes at shutdown (see BENCHMARKS, widget17).
  # A process already gone or ended by a signal must not stop the cleanup
  # (-e) before PostgreSQL is stopped.
  for p in "${serve_pids[@]}" "${pids[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
  [ -z "$pg_pid" ] || "${pg_run[@]}" "$pg_bin/pg_ctl" -D "$work/pg/data" -m immediate stop >/dev/null 2>&1
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

engine=${ENGINE:-pg}
extra=()
pg_pid=
if [ "$engine" = sqlite ]; then
  [ "$nodes" = 1 ] || { echo "bench-widget: SQLite is for one node" >&2; exit 1; }
  nats_port=$(free_port)
  extra=(--nats-listen "127.0.0.1:$nats_port")
  nats_url="nats://127.0.0.1:$nats_port"
else
  [ -x "$pg_bin/postgres" ] || { echo "bench-widget: PostgreSQL is not installed" >&2; exit 1; }
  mkdir "$work/pg"
  if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
    chown postgres "$work/pg"
    pg_run=(runuser -u postgres --)
  fi
  port=$(free_port)
  "${pg_run[@]}" "$pg_bin/initdb" -D "$work/pg/data" -U postgres -A trust >"$work/initdb.log" 2>&1 || { cat "$work/initdb.log" >&2; exit 1; }
  "${pg_run[@]}" "$pg_bin/pg_ctl" -D "$work/pg/data" -l "$work/pg/server.log" -w -t 60 \
    -o "-h 127.0.0.1 -p $port -k $work/pg -c max_connections=300 ${PGSTATS:+-c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track=all}" start >/dev/null
  pg_pid=$(head -1 "$work/pg/data/postmaster.pid")
  export GROUNDCREW_DATABASE="postgres://postgres@127.0.0.1:$port/postgres?sslmode=disable"

  nats_port=$(free_port)
  "$bin/nats-server" -a 127.0.0.1 -p "$nats_port" -js -sd "$work/nats" -l "$work/nats.log" &
  pids+=($!)
  export GROUNDCREW_NATS="nats://127.0.0.1:$nats_port"
  nats_url=$GROUNDCREW_NATS
fi
export GROUNDCREW_ADMIN_TOKEN=bench-$(python3 -c 'import secrets; print(secrets.token_hex(16))')
export GROUNDCREW_ENCRYPTION_KEYS="k1:$(python3 -c 'import base64, os; print(base64.b64encode(os.urandom(32)).decode())')"
export GROUNDCREW_LOG_LEVEL=warn
export GROUNDCREW_WIDGET_SOCKETS_PER_IP=0 # every customer comes from 127.0.0.1

urls=()
for i in $(seq "$nodes"); do
  addr=127.0.0.1:$(free_port)
  debug=127.0.0.1:$(free_port)
  trace=()
  if [ -n "${TIMELINE:-}" ] && [ "$i" = "$nodes" ]; then
    mkdir -p "$TIMELINE"
    trace=(strace -f --seccomp-bpf -y -ttt -T -e trace=fsync,fdatasync -o "$TIMELINE/fsync.txt")
  fi
  gctrace=; [ -z "${GCTRACE:-}${TIMELINE:-}" ] || gctrace=gctrace=1
  GODEBUG=$gctrace GOMEMLIMIT=${NODE_GOMEMLIMIT:-} GOGC=${NODE_GOGC:-} "${trace[@]}" "$bin/groundcrew" serve --data "$work/node$i" --addr "$addr" --debug-addr "$debug" "${extra[@]}" >"$work/node$i.log" 2>&1 &
  pids+=($!)
  node_pid=$!
  node_started=$(date +%s.%N)
  if [ ${#trace[@]} -gt 0 ]; then
    # The node is strace's child: measure and profile it, not strace. By
    # name: until it execs, the child is a copy of strace, and a run that
    # took that pid measured a process gone and never stopped the node.
    for _ in $(seq 50); do node_pid=$(pgrep -x -P "$!" groundcrew || true); [ -z "$node_pid" ] || break; sleep 0.1; done
  fi
  serve_pids+=($node_pid)
  urls+=("http://$addr")
  for _ in $(seq 150); do curl -sf "http://$addr/readyz" >/dev/null && break; sleep 0.2; done
done

# mem PID: resident and peak resident memory in MB.
mem() { awk '/^VmRSS/ {r=$2} /^VmHWM/ {h=$2} END {printf "%.0f MB resident, peak %.0f MB", r/1024, h/1024}' "/proc/$1/status"; }
# cpu PID: CPU seconds of the process, its live children and those it reaped.
cpu() {
  python3 - "$1" <<'EOF'
import os, sys
hz, root, total = os.sysconf('SC_CLK_TCK'), sys.argv[1], 0
for p in filter(str.isdigit, os.listdir('/proc')):
    try:
        s = open(f'/proc/{p}/stat').read()
    except OSError:
        continue
    f = s[s.rindex(')') + 2:].split()
    if p == root or f[1] == root:
        total += sum(int(x) for x in f[11:15])
print('%.1f' % (total / hz))
EOF
}

url_list=$(IFS=,; echo "${urls[*]}")
# PROFILE_AFTER=window: 2 s into the measured window, however long the ramp.
wait_profile() {
  if [ "${PROFILE_AFTER:-45}" = window ]; then
    until [ -e "$work/phase.start" ] || [ ! -d "$work" ]; do sleep 0.1; done
    sleep 2
  else
    sleep "${PROFILE_AFTER:-45}"
  fi
}
if [ -n "${PROFILE:-}" ]; then
  (wait_profile; curl -s -o "$PROFILE" "http://$debug/debug/pprof/profile?seconds=10") &
fi
if [ -n "${STRACE:-}" ]; then
  (PROFILE_AFTER=window wait_profile
    timeout -s INT 10 strace -c -f -e trace=fsync,fdatasync -o "$STRACE" -p "${serve_pids[-1]}" >/dev/null 2>&1 || true) &
fi
if [ -n "${HEAPPROFILE:-}" ]; then
  (wait_profile; curl -s -o "$HEAPPROFILE" "http://$debug/debug/pprof/heap"
    # head closes the pipe early: with pipefail and -e that would end
    # this subshell before the statistics are saved.
    { curl -s "http://$debug/debug/pprof/goroutine?debug=1" | head -1 || true
      curl -s "http://$debug/debug/pprof/heap?debug=1" | sed -n '/^# runtime.MemStats/,$p'; } >"$HEAPPROFILE.txt"
    # A second one 10 s later: pprof -base f f.end is what those 10 s allocated.
    sleep 10; curl -s -o "$HEAPPROFILE.end" "http://$debug/debug/pprof/heap"
    curl -s "http://$debug/debug/pprof/heap?debug=1" | sed -n '/^# runtime.MemStats/,$p' >"$HEAPPROFILE.end.txt") &
fi
psql_run() { "${pg_run[@]}" "$pg_bin/psql" -h 127.0.0.1 -p "$port" -U postgres -X -q "$@"; }
if [ -n "${PGSTATS:-}" ]; then
  psql_run -c 'CREATE EXTENSION IF NOT EXISTS pg_stat_statements' -c 'SELECT pg_stat_statements_reset()' >/dev/null
fi
cpu0=()
for p in "${serve_pids[@]}" $pg_pid; do cpu0+=("$(cpu "$p")"); done
echo "engine $engine, nodes $nodes, sockets $sockets, rate $rate/s, $duration, replies $replies/s; open files $(ulimit -n); before: $(uptime | sed 's/.*load/load/')"
for i in "${!serve_pids[@]}"; do echo "node $((i+1)) at start: $(mem "${serve_pids[$i]}")"; done
# The load generator shares the machine's cores with the node: its own CPU
# (user and system seconds, with the tee beside it) is reported too.
TIMEFORMAT='%U %S'
# The measured window's CPU: each node's CPU seconds when the load
# generator marks the window's start and end (phase files).
(
  for mark in start end; do
    until [ -e "$work/phase.$mark" ]; do sleep 0.05; done
    for p in "${serve_pids[@]}" $pg_pid; do echo "$mark $p $(cpu "$p")"; done >>"$work/phase-cpu.txt"
    # gctrace stamps each cycle with seconds since the process started.
    [ -z "${GCTRACE:-}" ] || echo "window $mark @$(echo "$(date +%s.%N) - $node_started" | bc)s" >>"$work/gc-marks.txt"
  done
) &
phase_watch=$!
load_env=()
if [ -n "${TIMELINE:-}" ]; then
  load_env=(env GODEBUG=gctrace=1)
  echo "start $(date +%s.%N)" >"$TIMELINE/load.gc"
  # The kernel's dirty and writeback pages every 100 ms: an fsync that
  # waits for other files' writeback shows here.
  (while [ -d "$work" ]; do
    echo "$(date +%s.%N) $(awk '/^(Dirty|Writeback):/ {printf "%s ", $2}' /proc/meminfo)"
    sleep 0.1
  done >"$TIMELINE/dirty.txt") &
  pids+=($!)
fi
{ time { "${load_env[@]}" "$bin/groundcrew-load" -mode widget -url "$url_list" -agent-url "${urls[-1]}" -nats "$nats_url" \
  -sockets "$sockets" -rate "$rate" -duration "$duration" -replies "$replies" -agent-pages "${PAGES:-500}" -timeout 30s \
  -settle "${SETTLE:-0s}" -phase-file "$work/phase" ${TIMELINE:+-timeline "$TIMELINE/timeline.txt"} ${LOADPROFILE:+-cpuprofile "$LOADPROFILE"} ${PAGES_IN_ONE_BLOCK:+-agent-pages-in-one-block} 2> >(if [ -n "${TIMELINE:-}" ]; then tee -a "$TIMELINE/load.gc" | grep -v '^gc ' >&2; else cat >&2; fi) |
  tee "$work/report.txt" || true; }; } 2>"$work/load-time.txt"
# The watcher reads the end mark's CPU a moment after the load generator
# wrote it; give it that moment (but not forever: a failed run marks nothing).
for _ in $(seq 100); do kill -0 "$phase_watch" 2>/dev/null || break; sleep 0.1; done
kill "$phase_watch" 2>/dev/null || true
echo "after: $(uptime | sed 's/.*load/load/')"
# Messages stored: each socket's first, every acknowledged send, every reply.
n=$(awk -v s="$sockets" '/^sent/ {a=$10} /^agent replies/ {r=$5} END {print s+a+r}' "$work/report.txt")
i=0
for p in "${serve_pids[@]}" $pg_pid; do
  c=$(cpu "$p")
  name="node $((i+1))"; [ "$p" = "$pg_pid" ] && name=postgres
  extra_mem=; [ "$p" = "$pg_pid" ] || extra_mem=" $(mem "$p"),"
  awk -v name="$name" -v m="$extra_mem" -v c0="${cpu0[$i]}" -v c1="$c" -v n="$n" \
    'BEGIN {printf "%s at the end:%s cpu %.1f s during the run, %.3f ms per stored message (%d)\n", name, m, c1-c0, 1000*(c1-c0)/n, n}'
  i=$((i+1))
done
# Messages stored in the measured window: the acknowledged sends and replies.
m=$(awk '/^sent/ {a=$10} /^agent replies/ {r=$5} END {print a+r}' "$work/report.txt")
[ -s "$work/phase-cpu.txt" ] && awk -v m="$m" '
  $1 == "start" {c0[$2] = $3} $1 == "end" {c1[$2] = $3; order[++n] = $2}
  END {for (i = 1; i <= n; i++) { p = order[i]; if (p in c0) printf "measured window only (pid %s): cpu %.1f s, %.3f ms per message stored in it (%d)\n", p, c1[p]-c0[p], 1000*(c1[p]-c0[p])/m, m }}' "$work/phase-cpu.txt"
if [ -n "${PGSTATS:-}" ]; then
  # Per stored message: every statement, by total execution time.
  psql_run -A -F $'\t' >"$PGSTATS" <<EOF
SELECT round((total_exec_time / $n)::numeric, 4) AS ms_per_msg, round(calls::numeric / $n, 3) AS calls_per_msg,
    round(rows::numeric / $n, 3) AS rows_per_msg, round((total_exec_time / greatest(calls, 1))::numeric, 4) AS ms_per_call,
    left(regexp_replace(query, '\s+', ' ', 'g'), 400) AS query
  FROM pg_stat_statements ORDER BY total_exec_time DESC;
SELECT 'all statements: ' || round((sum(total_exec_time) / $n)::numeric, 3) || ' ms and ' || round(sum(calls)::numeric / $n, 2) || ' calls per stored message' FROM pg_stat_statements;
EOF
  tail -1 "$PGSTATS"
fi
if [ -n "${TIMELINE:-}" ]; then
  { echo "start $node_started"; grep -E '^gc [0-9]' "$work/node$nodes.log" || true; } >"$TIMELINE/node.gc"
  cp "$work/phase.start" "$work/phase.end" "$TIMELINE/" 2>/dev/null || true
fi
[ -z "${GCTRACE:-}" ] || { grep -E '^gc [0-9]' "$work/node$nodes.log"; cat "$work/gc-marks.txt" 2>/dev/null; } >"$GCTRACE" || true
awk -v n="$n" '{printf "load generator: cpu %.1f s, %.3f ms per stored message\n", $1+$2, 1000*($1+$2)/n}' "$work/load-time.txt"
# What the nodes complained of, most frequent first.
grep -h 'level=ERROR\|level=WARN' "$work"/node*.log 2>/dev/null | sed -e 's/^time=[^ ]* //' -e 's/ticket=[0-9]*//g; s/conversation=[0-9]*//g' |
  cut -c1-300 | sort | uniq -c | sort -rn | head -5 || true
