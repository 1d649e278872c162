"""Build ``data/naics_index.tsv.gz`` from the US Census "2022 NAICS Index File".

The index file lists about 20,000 index entries ("Ferry services, coastal", "Jewelry stores,
precious"), each with the 6-digit NAICS 2022 code it belongs to. leadsieve reads an industry
label no table knows against these phrases (``leadsieve.normalize.industry_index``). The
package keeps a compact copy, gzipped: one ``code<TAB>entry<TAB>stems`` line per entry, where
stems are the entry's word stems as the industry reader computes them (asides in brackets
left out), precomputed so that loading takes no stemming; a test checks they are current.

Source: US Census Bureau, https://www.census.gov/naics/ ("2022 NAICS Index File",
2022_NAICS_Index_File.xlsx), a work of the US government, public domain in the US. The copy
used was taken from a public GitHub repository (mgd2448/CSBS-Data-Analytics-, blob
5a29999f42ceee81749270bbe91ed3791e58655f, SHA-256 of the file
1a42a1aad2484c3b58ff71ceed638e37c9f7d826a432df6d96f1d208cbc7cce6). See docs/data.md.

Run from the repository root::

    .venv/bin/python scripts/build_naics_index.py PATH/TO/2022_NAICS_Index_File.xlsx
"""

from __future__ import annotations

import gzip
import sys
from pathlib import Path

import polars as pl

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from leadsieve.normalize.industry_index import entry_stems  # noqa: E402

OUT = ROOT / "src" / "leadsieve" / "normalize" / "data" / "naics_index.tsv.gz"
HEADER = (
    "# 2022 NAICS Index File, US Census Bureau (https://www.census.gov/naics/), US public domain.\n"
    "# One index entry per line: 6-digit NAICS 2022 code, tab, entry, tab, its word stems.\n"
    "# Built by"
    " scripts/build_naics_index.py; see docs/data.md.\n"
)


def main(source: Path) -> int:
    frame = pl.read_excel(source).rename({"NAICS22": "code", "INDEX ITEM DESCRIPTION": "entry"})
    frame = frame.with_columns(
        pl.col("code").cast(pl.Utf8),
        pl.col("entry").str.replace_all(r"[\t\r\n]+", " ").str.strip_chars(),
    ).filter(pl.col("code").str.contains(r"^\d{6}$") & (pl.col("entry") != ""))
    frame = frame.unique(maintain_order=True)
    lines = "".join(
        f"{code}\t{entry}\t{' '.join(sorted(entry_stems(entry)))}\n"
        for code, entry in frame.iter_rows()
    )
    # mtime 0: the same input gives the same bytes
    OUT.write_bytes(gzip.compress((HEADER + lines).encode("utf-8"), mtime=0))
    print(f"{frame.height} entries, {frame['code'].n_unique()} codes -> {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: build_naics_index.py PATH/TO/2022_NAICS_Index_File.xlsx")
    sys.exit(main(Path(sys.argv[1])))
