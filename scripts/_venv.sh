# Shared by scripts/run and scripts/test: a virtual environment in .venv with the
# pinned requirements. Needs only Python 3.11 with venv and pip.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
PYTHON_BIN="${PYTHON_BIN:-$(command -v python3.11 || command -v python3)}"
if [ ! -x .venv/bin/python ]; then
  "$PYTHON_BIN" -m venv .venv
fi
REQS="$1"
STAMP=".venv/.installed-$(basename "$REQS")"
if [ ! -f "$STAMP" ] || [ -n "$(find requirements*.txt -newer "$STAMP" 2>/dev/null)" ]; then
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -r "$REQS"
  touch "$STAMP"
fi
