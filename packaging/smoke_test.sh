#!/usr/bin/env bash
# Smoke test of the package as a user gets it: build the wheel, install it into a fresh venv
# (with its dependencies from the package index), and run the command-line tool against a
# throwaway database. Needs no display.
#
#   bash packaging/smoke_test.sh            # uses `python` (3.11+)
#   PYTHON=python3.12 bash packaging/smoke_test.sh
#   KEEP=1 bash packaging/smoke_test.sh     # keep the temporary folder for a look
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
PYTHON=${PYTHON:-python}
export PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_INPUT=1
TMP=$(mktemp -d "${TMPDIR:-/tmp}/legwork-smoke.XXXXXX")
if [ -z "${KEEP:-}" ]; then trap 'rm -rf "$TMP"' EXIT; else echo "keeping $TMP"; fi
start=$SECONDS

say() { printf '\n== %s\n' "$*"; }

say "build the wheel"
had_build=no
[ -d build ] && had_build=yes
"$PYTHON" -m pip wheel -q . --no-deps -w "$TMP/dist"
[ "$had_build" = yes ] || rm -rf build
WHEEL=$(ls "$TMP"/dist/legwork-*.whl)
echo "$WHEEL"

say "install it into a fresh venv"
"$PYTHON" -m venv "$TMP/venv"
"$TMP/venv/bin/python" -m pip install -q "$WHEEL"
LEGWORK="$TMP/venv/bin/legwork"

# Run from an empty folder, so nothing is imported from the source tree by accident, with
# private data dirs, so the user's real database and settings are never touched.
mkdir -p "$TMP/run" "$TMP/xdg"
cd "$TMP/run"
export XDG_DATA_HOME="$TMP/xdg/data" XDG_CONFIG_HOME="$TMP/xdg/config" XDG_CACHE_HOME="$TMP/xdg/cache"
export LEGWORK_DB="$TMP/default.sqlite3" QT_QPA_PLATFORM=offscreen
DB="$TMP/plan.sqlite3"

say "legwork --version"
"$LEGWORK" --version

say "the package data is installed"
"$TMP/venv/bin/python" - <<'EOF'
from pathlib import Path

import planner
from planner.paths import resources_dir

package = Path(planner.__file__).parent
assert "site-packages" in str(package), f"imported from the source tree: {package}"
resources = resources_dir()
for name in ("icons/legwork.svg", "icons/legwork-256.png", "org.legwork.Legwork.desktop"):
    assert (resources / name).is_file(), f"missing resource {name} in {resources}"
migrations = sorted((package / "storage" / "migrations" / "versions").glob("*.py"))
assert migrations, "no migrations installed"
print(f"resources in {resources}; {len(migrations)} migration(s)")
EOF

say "legwork demo --db T --years 1"
"$LEGWORK" demo --db "$DB" --years 1

say "legwork check --db T"
"$LEGWORK" check --db "$DB"

say "legwork export --db T --format json"
"$LEGWORK" export --db "$DB" --format json -o "$TMP/export.json"
"$TMP/venv/bin/python" - "$TMP/export.json" <<'EOF'
import json
import sys

workouts = json.load(open(sys.argv[1], encoding="utf-8"))
assert isinstance(workouts, list) and workouts, "the export is empty"
for field in ("id", "day", "kind", "title", "status"):
    assert field in workouts[0], f"exported workouts lack {field!r}"
print(f"{len(workouts)} workouts exported")
EOF

say "python -m planner --version"
"$TMP/venv/bin/python" -m planner --version

say "smoke test passed in $((SECONDS - start)) s"
