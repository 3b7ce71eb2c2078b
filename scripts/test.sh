#!/usr/bin/env bash
# The whole test suite. SQLite always; PostgreSQL too, on a throwaway server
# started here unless GROUNDCREW_TEST_POSTGRES already names one; the same
# for nats-server and GROUNDCREW_TEST_NATS.
#
# Locally a missing PostgreSQL, nats-server, btcd, anvil or Chromium skips the tests that
# need it, with one line here saying so. With CI set, each is a failure: the
# run exits non-zero rather than be green having left a part out.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${GROUNDCREW_TEST_POSTGRES:-}" ]; then
  # shellcheck source=scripts/pg-test-server.sh
  source scripts/pg-test-server.sh ||
    { echo "test.sh: PostgreSQL could not be started; stopping" >&2; exit 1; }
fi
# A real nats-server for the multi-node tests (two `groundcrew serve` on one
# NATS), unless GROUNDCREW_TEST_NATS already names one.
if [ -z "${GROUNDCREW_TEST_NATS:-}" ]; then
  # shellcheck source=scripts/nats-test-server.sh
  source scripts/nats-test-server.sh ||
    { echo "test.sh: nats-server could not be started; stopping" >&2; exit 1; }
fi
# Real chain nodes for the chain-client tests (btcd, anvil); quick when present.
if ! bash scripts/install-chain-nodes.sh >/dev/null; then
  if [ -n "${CI:-}" ]; then
    echo "test.sh: chain nodes could not be installed and CI is set; stopping" >&2
    exit 1
  fi
  echo "test.sh: chain nodes could not be installed; the btcd and anvil tests will skip" >&2
fi
if [ ! -x /usr/bin/chromium ] && [ -z "${CI:-}" ]; then
  echo "test.sh: no Chromium at /usr/bin/chromium; the browser tests will skip" >&2
fi
# SQLite syncs every commit to disk (synchronous=FULL, so nothing
# acknowledged is lost on a power loss); the suite's databases are thrown
# away, and the sync made SQLite-heavy packages ~20 % slower.
export GROUNDCREW_SQLITE_SYNCHRONOUS=${GROUNDCREW_SQLITE_SYNCHRONOUS:-NORMAL}
race=(-race
  # -race also turns on checkptr, which checks every unsafe.Pointer
  # conversion; in the SQLite engine (C translated to Go: pointer
  # arithmetic everywhere) that was about 30 % of a test's CPU. It stays on
  # for our code and every other module; the race detector stays on for all.
  -gcflags='modernc.org/...=-d=checkptr=0')
[ "${GROUNDCREW_TEST_NORACE:-}" = 1 ] && race=()
# Under -race the tests that train models do a part of their work
# (raceLight in internal/bot/nlu and internal/guard): training is one
# goroutine's arithmetic, which the race detector slows tenfold and has
# nothing to find in. For the whole suite they run whole here without it,
# beside the race run.
light=
if [ ${#race[@]} -gt 0 ] && [ $# -eq 0 ]; then
  light=$(mktemp)
  go test -count=1 -run '^(TestIntentCrossValidation|TestIntentHeldOut[0-9]+|TestTrainedModelsAreCurrent|TestOutboundModelIsCurrent)$' \
    ./internal/bot/nlu ./internal/guard >"$light" 2>&1 &
  light_pid=$!
fi
# internal/server is the longest package by far and comes late in go
# test's order, so it would end the run alone: for the whole suite it
# starts first, beside the rest.
server=
pkgs=("$@")
if [ $# -eq 0 ]; then
  server=$(mktemp)
  go test "${race[@]}" -count=1 -timeout 30m ./internal/server >"$server" 2>&1 &
  server_pid=$!
  mapfile -t pkgs < <(go list ./... | grep -v '/internal/server$')
fi
status=0
go test "${race[@]}" -count=1 -timeout 30m "${pkgs[@]}" || status=$?
if [ -n "$server" ]; then
  wait "$server_pid" || status=1
  cat "$server"
  rm -f "$server"
fi
if [ -n "$light" ]; then
  echo "test.sh: the training tests of internal/bot/nlu and internal/guard without -race:"
  wait "$light_pid" || status=1
  cat "$light"
  rm -f "$light"
fi
exit $status
