#!/usr/bin/env bash
# Installs the chain nodes that the tests of internal/chain/bitcoin and
# internal/chain/evm start: btcd (from the Go module proxy) and anvil (the
# real binary shipped inside npm's @foundry-rs/anvil). Idempotent: a node
# already at the pinned version is left alone. Prints where each one is.
#
# The tests look for them the same way:
#   btcd:  $GROUNDCREW_BTCD, then PATH, then $(go env GOPATH)/bin/btcd
#   anvil: $GROUNDCREW_ANVIL, then PATH, then the npm prefix below
set -euo pipefail

btcd_version=v0.26.2
anvil_version=1.7.1
anvil_prefix=${GROUNDCREW_ANVIL_PREFIX:-$HOME/.cache/groundcrew-anvil}

export GOTOOLCHAIN=local

# --- btcd -------------------------------------------------------------------
gobin=$(go env GOBIN)
[ -n "$gobin" ] || gobin="$(go env GOPATH)/bin"
btcd="$gobin/btcd"
if [ -x "$btcd" ] && "$btcd" --version 2>/dev/null | grep -q "${btcd_version#v}"; then
  :
else
  echo "install-chain-nodes: building btcd $btcd_version" >&2
  # Outside the module so this repository's go.mod is neither read nor changed.
  (cd / && GOFLAGS=-mod=mod go install "github.com/btcsuite/btcd@$btcd_version")
fi
echo "btcd: $btcd ($("$btcd" --version))"

# --- anvil ------------------------------------------------------------------
# The npm package's own bin is a node wrapper (bin.mjs); the real binary sits
# in the platform package. Find it rather than guess its folder.
find_anvil() {
  find "$anvil_prefix/node_modules/@foundry-rs" -type f -name anvil -perm -u+x 2>/dev/null |
    grep -v '/\.bin/' | head -1
}
anvil=$(find_anvil || true)
if [ -z "$anvil" ] || ! "$anvil" --version 2>/dev/null | grep -q "$anvil_version"; then
  echo "install-chain-nodes: installing @foundry-rs/anvil@$anvil_version into $anvil_prefix" >&2
  mkdir -p "$anvil_prefix"
  npm install --silent --no-audit --no-fund --prefix "$anvil_prefix" "@foundry-rs/anvil@$anvil_version" >&2
  anvil=$(find_anvil || true)
fi
if [ -z "$anvil" ]; then
  echo "install-chain-nodes: npm installed @foundry-rs/anvil but no anvil binary was found under $anvil_prefix" >&2
  exit 1
fi
echo "anvil: $anvil ($("$anvil" --version | head -1))"
