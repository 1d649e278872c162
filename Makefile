# The commands a contributor runs are the commands CI runs (.ci/run calls `make check`).
# Every target installs what it needs: python3 is the only prerequisite.

UV := python3 -m uv
SAMPLES := src/leadsieve/samples
AS_OF ?= $(shell date +%F)

.PHONY: demo test lint types layers check wheel-smoke bench bench-store bench-qualify bench-ingest clean
.PHONY: spark-submit-check bench-spark

.venv/.synced: pyproject.toml uv.lock
	@python3 -m uv --version >/dev/null 2>&1 || python3 -m pip install --quiet --disable-pip-version-check uv
	$(UV) sync --frozen --quiet --compile-bytecode  # as pip installs: no compiling at every start
	@touch $@

## demo: install, then score the bundled YC sample against the bundled ICP, best leads first
demo: .venv/.synced
	@mkdir -p out
	$(UV) run --frozen leadsieve score $(SAMPLES)/yc_companies_sample.csv \
		--icp $(SAMPLES)/b2b-saas.yaml --as-of $(AS_OF) --sort -o out/demo_scored.csv --force --top 10

## test: the whole test suite, on every core (pytest-xdist, idle workers steal queued tests;
## each test has its own SQLite file or PostgreSQL database)
test: .venv/.synced
	$(UV) run --frozen pytest -q -n auto --dist worksteal

lint: .venv/.synced
	$(UV) run --frozen ruff check src tests benchmarks scripts
	$(UV) run --frozen ruff format --check src tests benchmarks scripts

types: .venv/.synced
	$(UV) run --frozen mypy

layers: .venv/.synced
	$(UV) run --frozen lint-imports

check: lint types layers test

## wheel-smoke: build the wheel, install it without the dev group, run each command group once
wheel-smoke:
	bash scripts/wheel_smoke.sh

## bench: the figures in the README (1M rows, 10M rows; takes several minutes)
bench: .venv/.synced
	$(UV) run --frozen python -m compileall -q src  # leadsieve's own modules, as installed
	$(UV) run --frozen python benchmarks/run.py

## bench-store: import 1M contacts at 200k organizations into SQLite and PostgreSQL
bench-store: .venv/.synced
	$(UV) run --frozen python -m compileall -q src
	$(UV) run --frozen python benchmarks/store.py

## bench-qualify: qualify a stored list of 1M leads on SQLite and PostgreSQL (<= 30 s each)
bench-qualify: .venv/.synced
	$(UV) run --frozen python -m compileall -q src
	$(UV) run --frozen python benchmarks/qualify.py

## bench-ingest: ingest 100k stored leads into a board on SQLite and PostgreSQL (<= 20 s each)
bench-ingest: .venv/.synced
	$(UV) run --frozen python -m compileall -q src
	$(UV) run --frozen python benchmarks/ingest.py

## spark-submit-check: the built wheel scores the YC sample under spark-submit --master local[2]
spark-submit-check: .venv/.synced
	bash scripts/spark_submit_check.sh

## bench-spark: Parquet -> Parquet on Spark local[2] against leadsieve score on Polars (ROWS=10M)
bench-spark: .venv/.synced
	$(UV) run --frozen python -m compileall -q src
	$(UV) run --frozen python benchmarks/spark.py --rows $(or $(ROWS),10000000)

clean:
	rm -rf .venv out .pytest_cache .mypy_cache .ruff_cache .hypothesis
