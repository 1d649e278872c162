#!/usr/bin/env bash
# Build the wheel, install it into a fresh virtual environment WITHOUT the dev group (only the
# declared runtime dependencies, at the locked versions), and run one command of each group on
# the samples shipped inside the wheel, against a temporary SQLite store. A runtime import that
# is not a declared dependency, or a sample missing from the wheel, fails here.
set -euo pipefail
cd "$(dirname "$0")/.."

UV="python3 -m uv"
work="$(mktemp -d "${TMPDIR:-/tmp}/leadsieve-wheel.XXXXXX")"
trap 'rm -rf "$work"' EXIT

step() { printf '\n==> %s\n' "$*"; }
run() { printf '+ %s\n' "$*"; "$@"; }

step "build the wheel"
run $UV build --wheel --quiet --out-dir "$work/dist"
wheel="$(ls "$work"/dist/leadsieve-*.whl)"

step "install it into a fresh venv with the locked runtime dependencies only"
run $UV export --frozen --no-dev --no-emit-project --no-hashes --quiet -o "$work/runtime.txt"
run $UV venv --quiet --python python3 "$work/venv"
run $UV pip install --quiet --python "$work/venv/bin/python" -r "$work/runtime.txt" "$wheel"
if "$work/venv/bin/python" -c "import pytest" 2>/dev/null; then
    echo "the dev group leaked into the runtime venv" >&2
    exit 1
fi

cli="$work/venv/bin/leadsieve"
samples="$("$work/venv/bin/python" -c \
    'import leadsieve, pathlib; print(pathlib.Path(leadsieve.__file__).parent / "samples")')"
leads="$samples/yc_companies_sample.csv"
icp="$samples/b2b-saas.yaml"
export LEADSIEVE_DATABASE_URL="sqlite:///$work/store.db"
cd "$work"  # away from the source tree: only the installed wheel can be imported

step "files: score (CSV and XLSX) and columns"
run "$cli" score "$leads" --icp "$icp" --as-of 2026-01-01 -o scored.csv -q
test "$(wc -l < scored.csv)" -gt 200
run "$cli" score "$leads" --icp "$icp" --as-of 2026-01-01 -o scored.xlsx -q
run "$cli" columns "$leads" > /dev/null

step "generate: propose an ICP from the A-grade companies against the whole sample"
run "$cli" score "$leads" --icp "$icp" --as-of 2026-01-01 --min-grade A -o customers.csv -q
run "$cli" icp generate customers.csv --baseline "$leads" --as-of 2026-01-01 -o proposed.yaml
run "$cli" icp validate proposed.yaml

step "store: import, grant credits, save the ICP, qualify, ingest onto a board"
run "$cli" import "$leads" --list yc
run "$cli" credits grant 1000 --reason "wheel smoke test"
run "$cli" icp save "$icp"
run "$cli" qualify yc --icp b2b-saas --as-of 2026-01-01
run "$cli" board create pipeline
run "$cli" board ingest pipeline --icp-slug b2b-saas --list yc --as-of 2026-01-01
run "$cli" list show yc --icp b2b-saas --sort fit --limit 3 --format csv

printf '\nwheel smoke test passed: %s\n' "$(basename "$wheel")"
