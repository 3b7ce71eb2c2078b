#!/usr/bin/env bash
# The whole test suite. SQLite always; PostgreSQL too, on a throwaway server
# started here unless GROUNDCREW_TEST_POSTGRES already names one.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${GROUNDCREW_TEST_POSTGRES:-}" ]; then
  # shellcheck source=scripts/pg-test-server.sh
  source scripts/pg-test-server.sh
fi
# Real chain nodes for the chain-client tests (btcd, anvil); quick when present.
bash scripts/install-chain-nodes.sh >/dev/null || echo "test.sh: chain nodes could not be installed; their tests will skip" >&2
race=-race
[ "${GROUNDCREW_TEST_NORACE:-}" = 1 ] && race=
go test $race -count=1 -timeout 15m "${@:-./...}"
