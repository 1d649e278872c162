"""Score lead files on Spark: ``leadsieve score INPUT --engine spark -o OUTPUT``.

Parquet is read by Spark (split by row group across executors). CSV and JSON lines are parsed
by leadsieve's own reader, one file per task, so the rows kept, the rejects and their line
numbers are those of one machine; a large CSV is best split into several files (or converted
to Parquet) for a parallel read. The column mapping is decided on the driver from the headers,
exactly as on one machine, and applied in each partition before scoring (``score_spark``).

The output is a Parquet directory (one part file per partition): the input's columns first,
the fit columns appended. Rejects (file, line, reason, raw text) go to a CSV directory beside
it. Only counts come back to the driver: rows in = rows scored + rows rejected.
"""

from __future__ import annotations

import os
import re
import sys
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

import polars as pl

from leadsieve import errors
from leadsieve.engine.columns import suffixed
from leadsieve.engine.spark import pandas_warning_silenced, score_spark
from leadsieve.errors import LeadFileNotFound, LeadFileUnreadable, LeadsieveError
from leadsieve.icp.model import Icp
from leadsieve.io import (
    LINE_COLUMN,
    ColumnMapping,
    canonical_frame,
    iter_lead_batches,
    require_usable,
    suggest_mapping,
)
from leadsieve.io.read import _EXTENSIONS, Format, _as_strings
from leadsieve.service.scoring import fit_names

if TYPE_CHECKING:
    import pyarrow as pa  # type: ignore[import-untyped]
    from pyspark.sql import DataFrame, SparkSession

GRADES = ("A", "B", "C", "D", "DQ")
_FILE, _REASON, _RAW = "__file__", "__reject_reason__", "__reject_raw__"
_HEAD = 1 << 20  # bytes of the first file read on the driver to find its header


def spark_session(
    master: str | None = None, *, shuffle_partitions: int | None = None, quiet: bool = True
) -> SparkSession:
    """A Spark session whose Python workers run this interpreter (so they import leadsieve).

    ``master`` (``local[2]``, ``spark://host:7077``, ``yarn``...) is left to spark-submit's
    configuration when None. ``PYSPARK_PYTHON`` wins when set, as on a cluster.
    """
    from pyspark.sql import SparkSession

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = SparkSession.builder.appName("leadsieve")
    if master is not None:
        builder = builder.master(master)
    if shuffle_partitions is not None:
        builder = builder.config("spark.sql.shuffle.partitions", str(shuffle_partitions))
    if quiet:
        builder = builder.config("spark.ui.enabled", "false").config(
            "spark.ui.showConsoleProgress", "false"
        )
    with pandas_warning_silenced():
        session = builder.getOrCreate()
    session.sparkContext.setLogLevel("ERROR")
    return session


@dataclass
class SparkScoreSummary:
    """What a Spark scoring run did: counts and grade distribution, and where output went."""

    mapping: ColumnMapping
    icps: list[Icp]
    output: str
    rows_in: int = 0
    rows_scored: int = 0
    rows_rejected: int = 0
    grades: dict[str, dict[str, int]] = field(default_factory=dict)
    qualified: dict[str, int] = field(default_factory=dict)
    rejects_path: str | None = None
    replaced_columns: list[str] = field(default_factory=list)


def score_files_spark(
    spark: SparkSession,
    path: str,
    icps: Sequence[Icp],
    *,
    as_of: date,
    output: str,
    overrides: dict[str, str | None] | None = None,
    rejects_path: str | None = None,
    saved: dict[str, str | None] | None = None,
) -> SparkScoreSummary:
    """Score a lead file or a folder of them on Spark and write Parquet to ``output``.

    Messages name ``path`` as given; on a local master, a relative path is resolved against
    this process's folder (the JVM may have started elsewhere).
    """
    shown, path, output = path, _located(spark, path), _located(spark, output)
    if rejects_path is not None:
        rejects_path = _located(spark, rejects_path)
    files = _list_files(spark, path, shown)
    fmt = _format_of(shown, files)
    parsed: DataFrame
    if fmt == "parquet":
        parsed = _run(lambda: spark.read.parquet(path))
        headers = list(parsed.columns)
        rejects = None
    else:
        headers = _first_header(spark, files[0], shown if files == [path] else files[0])
        parsed = persisted = _parse_text_files(spark, path, headers).persist()
        rejects = parsed.filter(parsed[_REASON].isNotNull()).select(
            parsed[_FILE].alias("file"),
            parsed[LINE_COLUMN].alias("line"),
            parsed[_REASON].alias("reason"),
            parsed[_RAW].alias("raw"),
        )
        parsed = parsed.filter(parsed[_REASON].isNull()).drop(_FILE, _REASON, _RAW, LINE_COLUMN)
    mapping = suggest_mapping(headers, overrides, saved)
    require_usable(mapping, headers)
    summary = SparkScoreSummary(mapping=mapping, icps=list(icps), output=output)
    # Re-scoring a scored file: as on one machine, the new fit columns replace the old ones
    # and come last.
    fit_columns = {c for names in fit_names(icps).values() for c in names.values()}
    summary.replaced_columns = [c for c in headers if c in fit_columns or c == "best_icp"]
    scored = score_spark(
        parsed.drop(*summary.replaced_columns),
        icps,
        as_of=as_of,
        inputs=mapping.used_headers(),
        transform=_Canonical(mapping),
    )
    _run(lambda: scored.write.mode("overwrite").parquet(output))
    if rejects is not None:
        summary.rows_rejected = _run(rejects.count)
        if summary.rows_rejected:
            summary.rejects_path = rejects_path or f"{output.rstrip('/')}.rejects"
            # RFC 4180 quoting (a quote doubled), not Spark's default backslash escapes.
            writer = rejects.coalesce(1).write.mode("overwrite").options(header=True, escape='"')
            _run(lambda: writer.csv(summary.rejects_path))
        persisted.unpersist()
    _count(spark.read.parquet(output), summary)
    return summary


class _Canonical:
    """A partition's mapped columns (as strings, as the one-machine reader gives them) renamed
    onto canonical names: the frame ``score`` reads."""

    def __init__(self, mapping: ColumnMapping) -> None:
        self.mapping = mapping

    def __call__(self, frame: pl.DataFrame) -> pl.DataFrame:
        strings = _as_strings(frame).with_columns(pl.all().replace("", None))
        return canonical_frame(strings, self.mapping)


def _count(written: DataFrame, summary: SparkScoreSummary) -> None:
    """Rows, grades and qualified counts of the written output, in one pass over it."""
    from pyspark.sql import functions as F

    several = len(summary.icps) > 1
    aggregates = [F.count(F.lit(1)).alias("rows")]
    for n, icp in enumerate(summary.icps):
        grade = suffixed("fit_grade", icp.slug) if several else "fit_grade"
        qualified = suffixed("fit_qualified", icp.slug) if several else "fit_qualified"
        aggregates += [
            F.sum(F.when(written[grade] == g, 1).otherwise(0)).alias(f"icp{n}_{g}") for g in GRADES
        ]
        aggregates.append(F.sum(F.col(qualified).cast("int")).alias(f"icp{n}_qualified"))
    row = _run(lambda: written.agg(*aggregates).collect()[0].asDict())
    summary.rows_scored = int(row["rows"] or 0)
    summary.rows_in = summary.rows_scored + summary.rows_rejected
    for n, icp in enumerate(summary.icps):
        summary.grades[icp.slug] = {g: int(row[f"icp{n}_{g}"] or 0) for g in GRADES}
        summary.qualified[icp.slug] = int(row[f"icp{n}_qualified"] or 0)


# --- finding and reading files ------------------------------------------------------------------


def _hadoop(spark: SparkSession, path: str) -> tuple[Any, Any]:
    """The Hadoop file system and path object for ``path`` (any URI Spark reads)."""
    jvm: Any = spark._jvm
    hadoop_path = jvm.org.apache.hadoop.fs.Path(path)
    conf = spark._jsc.hadoopConfiguration()
    return hadoop_path.getFileSystem(conf), hadoop_path


def _located(spark: SparkSession, path: str) -> str:
    """``path`` made absolute when it is a relative local path and Spark runs locally."""
    local = (spark.sparkContext.master or "").startswith("local")
    if not local or re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", path) or Path(path).is_absolute():
        return path
    return str(Path(path).absolute())


def _list_files(spark: SparkSession, path: str, shown: str) -> list[str]:
    """The data files at ``path`` (itself, or the files under a folder), sorted.

    Names starting with ``_`` or ``.`` (``_SUCCESS``, ``.crc``) are skipped, as Spark does.
    """
    fs, root = _hadoop(spark, path)
    if not fs.exists(root):
        raise LeadFileNotFound(
            f"{shown}: no such file. Check the path and the folder you run from."
        )
    if fs.getFileStatus(root).isFile():
        return [path]
    found: list[str] = []
    walk = fs.listFiles(root, True)
    while walk.hasNext():
        status = walk.next()
        name = status.getPath().getName()
        relative = str(status.getPath().toString())
        if not name.startswith(("_", ".")) and status.getLen() > 0:
            found.append(relative)
    if not found:
        raise LeadFileUnreadable(f"{shown} is empty: it holds no lead files.")
    return sorted(found)


def _format_of(path: str, files: Sequence[str]) -> Format:
    """The one format of the files, from their extensions."""
    kinds = {_EXTENSIONS.get(PurePosixPath(f).suffix.lower()) for f in files}
    if len(kinds) != 1 or None in kinds or "xlsx" in kinds:
        shown = ", ".join(sorted({PurePosixPath(f).suffix or "(none)" for f in files}))
        raise LeadFileUnreadable(
            f"{path}: Spark scores Parquet (.parquet), CSV (.csv .tsv .txt) or JSON lines "
            f"(.jsonl .ndjson .json) files of one kind; found {shown}. Convert or split them."
        )
    (kind,) = kinds
    assert kind is not None
    return kind


def _first_header(spark: SparkSession, path: str, shown: str) -> list[str]:
    """The header of the first file, read from its first megabyte on the driver."""
    fs, hadoop_path = _hadoop(spark, path)
    stream = fs.open(hadoop_path)
    try:
        jvm: Any = spark._jvm
        head = bytes(
            jvm.org.apache.commons.io.IOUtils.toByteArray(
                stream, min(_HEAD, fs.getFileStatus(hadoop_path).getLen())
            )
        )
    finally:
        stream.close()
    with _local_copy(head, path) as local:
        try:
            batch = next(iter_lead_batches(local, batch_size=1_000))
        except LeadsieveError as error:
            raise _renamed(error, local, shown) from None
    return [c for c in batch.frame.columns if c != LINE_COLUMN]


class _local_copy:
    """``data`` in a temporary local file named like ``like`` (the reader goes by suffix)."""

    def __init__(self, data: bytes, like: str) -> None:
        suffix = PurePosixPath(like).suffix
        handle, self.name = tempfile.mkstemp(prefix="leadsieve-", suffix=suffix)
        with os.fdopen(handle, "wb") as out:
            out.write(data)

    def __enter__(self) -> str:
        return self.name

    def __exit__(self, *exc: object) -> None:
        Path(self.name).unlink()


def _renamed(error: LeadsieveError, local: str, original: str) -> LeadsieveError:
    """The same error with the temporary file's name replaced by the file the user named."""
    return type(error)(error.message.replace(local, original), problems=error.problems)


def _parse_text_files(spark: SparkSession, path: str, headers: list[str]) -> DataFrame:
    """One row per record of every CSV or JSON lines file, parsed by leadsieve's reader."""
    from pyspark.sql.types import LongType, StringType, StructField, StructType

    raw = spark.read.format("binaryFile").option("recursiveFileLookup", "true").load(path)
    raw = raw.filter(~raw["path"].rlike(r"/[_.][^/]*$")).select("path", "content")
    fields = [StructField(h, StringType()) for h in headers]
    fields += [
        StructField(LINE_COLUMN, LongType()),
        StructField(_FILE, StringType()),
        StructField(_REASON, StringType()),
        StructField(_RAW, StringType()),
    ]
    with pandas_warning_silenced():
        return raw.mapInArrow(_FileParser(headers), StructType(fields))


class _FileParser:
    """mapInArrow's function: each file's bytes -> its records and rejects, as on one machine."""

    def __init__(self, headers: list[str]) -> None:
        self.headers = headers

    def __call__(self, batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        for batch in batches:
            paths = batch.column("path").to_pylist()
            contents = batch.column("content")
            for i, name in enumerate(paths):
                yield from self._parse(name, contents[i].as_py())

    def _parse(self, name: str, data: bytes) -> Iterator[pa.RecordBatch]:
        with _local_copy(data, name) as local:
            try:
                for part in iter_lead_batches(local, batch_size=100_000):
                    columns = [c for c in part.frame.columns if c != LINE_COLUMN]
                    if columns != self.headers:
                        raise LeadFileUnreadable(
                            f"{name} has the columns {columns}, not those of the first file "
                            f"{self.headers}: score files with the same columns together."
                        )
                    rows = part.frame.with_columns(
                        pl.lit(name).alias(_FILE),
                        pl.lit(None, pl.String).alias(_REASON),
                        pl.lit(None, pl.String).alias(_RAW),
                    )
                    rejects = pl.DataFrame(
                        {
                            LINE_COLUMN: [r.line for r in part.rejects],
                            _FILE: [name] * len(part.rejects),
                            _REASON: [r.reason for r in part.rejects],
                            _RAW: [r.raw for r in part.rejects],
                        },
                        schema={
                            LINE_COLUMN: pl.Int64,
                            _FILE: pl.String,
                            _REASON: pl.String,
                            _RAW: pl.String,
                        },
                    )
                    both = pl.concat([rows, rejects], how="diagonal")
                    yield from both.to_arrow().cast(_arrow_schema(self.headers)).to_batches()
            except LeadsieveError as error:
                # Raised on an executor, the error reaches the driver as text: keep the code.
                raise _renamed(error, local, name) from None


def _arrow_schema(headers: Sequence[str]) -> pa.Schema:
    import pyarrow as pa

    names = [*headers, LINE_COLUMN, _FILE, _REASON, _RAW]
    types = [pa.string()] * len(headers) + [pa.int64(), pa.string(), pa.string(), pa.string()]
    return pa.schema(list(zip(names, types, strict=True)))


_RAISED = re.compile(r"leadsieve\.errors\.(\w+): (.+)")


def _run(action: Any) -> Any:
    """Run a Spark action; a leadsieve error raised on an executor is raised again here, as
    itself, and a path Spark cannot read becomes ``LeadFileUnreadable``."""
    try:
        return action()
    except LeadsieveError:
        raise
    except Exception as exc:
        found = _RAISED.findall(str(exc))
        kind = getattr(errors, found[-1][0], None) if found else None
        if isinstance(kind, type) and issubclass(kind, LeadsieveError):
            raise kind(found[-1][1].strip()) from None
        if type(exc).__name__ == "AnalysisException":
            first = str(exc).strip().splitlines()[0]
            raise LeadFileUnreadable(f"Spark cannot read the input: {first}") from None
        raise
