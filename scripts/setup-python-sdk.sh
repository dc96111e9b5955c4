#!/usr/bin/env bash
# Creates or updates .venv-sdk/ with the pinned bittensor SDK, btcli and pytest (test/sdk/requirements.txt,
# every transitive package fixed by test/sdk/constraints.txt). Idempotent: when the venv already
# matches the pins it returns at once. PYTHON selects the interpreter (default python3, 3.10–3.14).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
VENV="${SDK_VENV:-$ROOT/.venv-sdk}"
REQ="$ROOT/test/sdk/requirements.txt"
CON="$ROOT/test/sdk/constraints.txt"
PY="${PYTHON:-python3}"

command -v "$PY" >/dev/null || { echo "setup-python-sdk: '$PY' not found; install Python 3.10–3.14 or set PYTHON" >&2; exit 1; }
"$PY" -c 'import sys; sys.exit(0 if (3, 10) <= sys.version_info[:2] < (3, 15) else 1)' \
  || { echo "setup-python-sdk: $("$PY" --version 2>&1) is outside the SDK's supported range 3.10–3.14" >&2; exit 1; }

# The stamp names everything the venv was built from; any change rebuilds it from scratch so no
# package from an older pin set lingers.
stamp="$( { "$PY" -c 'import sys; print(sys.version)'; cat "$REQ" "$CON"; } | sha256sum | cut -d' ' -f1)"

mkdir -p "$(dirname "$VENV")"
exec 9>"$VENV.lock"
flock 9   # two concurrent runs (CI and a developer) must not build the same venv at once

# The repo's pytest fixture package (python/, issue 17), reinstalled whenever its files change.
install_emu_fixture() {
  local s
  s="$(cd "$ROOT/python" && find . -type f -not -path '*/__pycache__/*' -not -path '*.egg-info*' -not -path './build/*' | sort | xargs sha256sum | sha256sum | cut -d' ' -f1)"
  [ "$(cat "$VENV/.emu-stamp" 2>/dev/null)" = "$s" ] && return 0
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --no-input --no-deps "$ROOT/python"
  rm -rf "$ROOT/python/build" "$ROOT/python"/*.egg-info
  echo "$s" > "$VENV/.emu-stamp"
}

if [ -x "$VENV/bin/python" ] && [ "$(cat "$VENV/.pins-stamp" 2>/dev/null)" = "$stamp" ]; then
  install_emu_fixture
  exit 0
fi

echo "setup-python-sdk: building $VENV from test/sdk/requirements.txt"
rm -rf "$VENV"
"$PY" -m venv "$VENV"
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --no-input -r "$REQ" -c "$CON"
# Fail here, not in the middle of the suite, if the installed set is inconsistent.
"$VENV/bin/python" -m pip check
"$VENV/bin/python" -c 'import bittensor, bittensor_cli, async_substrate_interface, pytest'
echo "$stamp" > "$VENV/.pins-stamp"
install_emu_fixture
echo "setup-python-sdk: ready ($("$VENV/bin/python" -m pip freeze | grep -iE '^(bittensor|bittensor-cli|async-substrate-interface)==' | tr '\n' ' '))"
