#!/usr/bin/env bash
# CI: the built wheel, shipped with `spark-submit --py-files` to executors whose Python has
# leadsieve's dependencies but not leadsieve (as a cluster image has them), scores the bundled
# YC sample on `--master local[2]`; its fits must equal `leadsieve score` on one machine.
set -euo pipefail
cd "$(dirname "$0")/.."
UV="python3 -m uv"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

$UV build --wheel --out-dir "$work/dist" --quiet
wheel=$(ls "$work"/dist/leadsieve-*.whl)
# PySpark puts --py-files on the workers' sys.path only for .zip, .egg and .jar names; a wheel
# is a zip archive of the package, so the same file is shipped under a .zip name.
shipped="$work/leadsieve.zip"
cp "$wheel" "$shipped"
$UV export --frozen --no-emit-project --no-hashes --no-dev --extra spark --quiet > "$work/requirements.txt"
$UV venv --quiet --python python3 "$work/env"
$UV pip install --quiet --link-mode=symlink --python "$work/env/bin/python" -r "$work/requirements.txt"
if "$work/env/bin/python" -c "import leadsieve" 2>/dev/null; then
    echo "the executors' environment must not have leadsieve installed" >&2
    exit 1
fi

export PYSPARK_PYTHON="$work/env/bin/python" PYSPARK_DRIVER_PYTHON="$work/env/bin/python"
sample=src/leadsieve/samples/yc_companies_sample.csv
icp=src/leadsieve/samples/b2b-saas.yaml
"$work/env/bin/spark-submit" --master 'local[2]' --py-files "$shipped" \
    --conf spark.ui.enabled=false scripts/spark_submit_job.py \
    score "$sample" --icp "$icp" --as-of 2026-11-01 --engine spark -o "$work/scored" \
    2> "$work/spark.log" || { cat "$work/spark.log" >&2; exit 1; }
.venv/bin/leadsieve score "$sample" --icp "$icp" --as-of 2026-11-01 -o "$work/ref.parquet" -q
.venv/bin/python - "$work" "$wheel" <<'PY'
import sys
from pathlib import Path

import polars as pl

work, wheel = Path(sys.argv[1]), sys.argv[2]
got = pl.read_parquet(work / "scored" / "*.parquet")
expected = pl.read_parquet(work / "ref.parquet")
assert got.equals(expected), "spark-submit's fits differ from one machine's"
print(f"spark-submit --master local[2] with {Path(wheel).name}: {got.height} rows, same fits")
PY
