#!/usr/bin/env bash
# The Python SDK suite: the real bittensor SDK and btcli (pinned in test/sdk/requirements.txt)
# against node processes the suite starts. Part of `npm test`; extra arguments go to pytest.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
"$ROOT/scripts/setup-python-sdk.sh"
cd "$ROOT"
set +e
"${SDK_VENV:-$ROOT/.venv-sdk}/bin/python" -m pytest -c test/sdk/pytest.ini test/sdk "$@"
rc=$?
set -e
# pytest exits 5 when it collected nothing: for this suite that is a broken setup, not a pass.
if [ "$rc" -eq 5 ]; then echo "test-sdk: pytest collected no tests" >&2; exit 1; fi
exit "$rc"
