# Sourced by scripts/test.sh: starts a throwaway PostgreSQL on a free
# loopback port in its own data folder and exports GROUNDCREW_TEST_POSTGRES.
# It never touches a server it did not start.
#
# Without PostgreSQL it returns 0 and the PostgreSQL half of the tests skips,
# unless CI is set: CI must test both engines, so there it returns 1.
# GROUNDCREW_PG_BIN names the folder of initdb/pg_ctl/postgres (default: the
# newest /usr/lib/postgresql/*/bin).

pg_bin=${GROUNDCREW_PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}
if [ -z "$pg_bin" ] || [ ! -x "$pg_bin/postgres" ]; then
  if [ -n "${CI:-}" ]; then
    echo "pg-test-server: PostgreSQL is not installed (no postgres in ${pg_bin:-/usr/lib/postgresql/*/bin}) and CI is set: CI must test both engines" >&2
    return 1
  fi
  echo "pg-test-server: PostgreSQL is not installed; the PostgreSQL half of the tests will be skipped" >&2
  return 0
fi

pg_dir=$(mktemp -d /tmp/groundcrew-pg.XXXXXX)
pg_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null || echo 55432)
pg_run=()
if [ "$(id -u)" = 0 ]; then
  # PostgreSQL refuses to run as root.
  id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
  chown postgres "$pg_dir"
  pg_run=(runuser -u postgres --)
fi

"${pg_run[@]}" "$pg_bin/initdb" -D "$pg_dir/data" -U postgres -A trust --no-sync >"$pg_dir/initdb.log" 2>&1 ||
  { cat "$pg_dir/initdb.log" >&2; echo "pg-test-server: initdb failed" >&2; return 1; }
"${pg_run[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w -t 60 \
  -o "-h 127.0.0.1 -p $pg_port -k $pg_dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" start >/dev/null ||
  { cat "$pg_dir/server.log" >&2; echo "pg-test-server: start failed" >&2; return 1; }

export GROUNDCREW_TEST_POSTGRES="postgres://postgres@127.0.0.1:$pg_port/postgres?sslmode=disable"
pg_stop() { "${pg_run[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate stop >/dev/null 2>&1; rm -rf "$pg_dir"; }
trap pg_stop EXIT
echo "pg-test-server: PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$pg_port" >&2
