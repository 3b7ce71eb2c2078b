# Sourced by scripts/test.sh: starts a throwaway nats-server (JetStream on)
# on a free loopback port with its own data folder and exports
# GROUNDCREW_TEST_NATS (nats://127.0.0.1:port) and GROUNDCREW_TEST_NATS_SERVER
# (the binary, for tests that start servers of their own). It never touches
# a server it did not start.
#
# The binary is GROUNDCREW_NATS_SERVER, else nats-server on PATH, else built
# once from the nats-server module that go.mod already requires (the same
# code as the embedded server, so no new download) into the user's cache.
#
# Without one it returns 0 and the tests that need it skip, unless CI is
# set: there it returns 1.

nats_missing() {
  if [ -n "${CI:-}" ]; then
    echo "nats-test-server: $1 and CI is set: CI must run the multi-node tests" >&2
    return 1
  fi
  echo "nats-test-server: $1; the tests that need a real nats-server will skip" >&2
  return 0
}

nats_bin=${GROUNDCREW_NATS_SERVER:-$(command -v nats-server 2>/dev/null || true)}
if [ -z "$nats_bin" ]; then
  nats_ver=$(go list -m -f '{{.Version}}' github.com/nats-io/nats-server/v2 2>/dev/null)
  nats_bin=${XDG_CACHE_HOME:-$HOME/.cache}/groundcrew/nats-server-${nats_ver:-unknown}
  if [ -n "$nats_ver" ] && [ ! -x "$nats_bin" ]; then
    mkdir -p "$(dirname "$nats_bin")"
    go build -o "$nats_bin" github.com/nats-io/nats-server/v2 >&2 || rm -f "$nats_bin"
  fi
fi
if [ ! -x "$nats_bin" ]; then
  nats_missing "no nats-server (none on PATH and it could not be built)"
  return $?
fi

nats_dir=$(mktemp -d /tmp/groundcrew-nats.XXXXXX)
nats_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null || echo 54222)
"$nats_bin" -a 127.0.0.1 -p "$nats_port" -js -sd "$nats_dir/js" -n groundcrew-test \
  -l "$nats_dir/server.log" -P "$nats_dir/pid" &
nats_pid=$!
nats_stop() { kill "$nats_pid" 2>/dev/null; wait "$nats_pid" 2>/dev/null; rm -rf "$nats_dir"; }

# Ready when the log says so; a server that exits or stays silent for 20 s
# did not start.
for _ in $(seq 200); do
  grep -q "Server is ready" "$nats_dir/server.log" 2>/dev/null && break
  kill -0 "$nats_pid" 2>/dev/null || break
  sleep 0.1
done
if ! grep -q "Server is ready" "$nats_dir/server.log" 2>/dev/null; then
  cat "$nats_dir/server.log" >&2 2>/dev/null
  nats_stop
  echo "nats-test-server: nats-server did not start" >&2
  return 1
fi

export GROUNDCREW_TEST_NATS="nats://127.0.0.1:$nats_port"
export GROUNDCREW_TEST_NATS_SERVER="$nats_bin"
# Keep whatever EXIT trap the caller set (pg-test-server's) and stop ours first.
nats_prev_trap=$(trap -p EXIT | sed -e "s/^trap -- '//" -e "s/' EXIT\$//")
trap "nats_stop; ${nats_prev_trap:-:}" EXIT
echo "nats-test-server: $("$nats_bin" --version) on 127.0.0.1:$nats_port" >&2
