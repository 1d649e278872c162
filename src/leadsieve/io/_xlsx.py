"""A fast XLSX writer for one sheet of plain values (used by ``write``).

xlsxwriter, which Polars' ``write_excel`` drives, builds each cell in Python: 20,000 scored rows
of 28 columns took 8 to 14 s on a shared 2-core VM. A sheet of values without styles is a small
zip of XML files, and its rows can be built as text by Polars expressions, a column at a time,
so the Python work is per slice of rows, not per cell (1.3 to 2.3 s for the same rows).

Strings are inline (``t="inlineStr"``), so no shared-string table is held in memory; numbers
and booleans are typed cells; nothing is ever a formula. Text Excel cannot hold is made safe:
XML's forbidden control characters become Excel's ``_xHHHH_`` escapes (Excel shows them as the
characters), text that already looks like such an escape is escaped itself, and a cell longer
than Excel's 32,767 characters is cut to that length.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Final

import polars as pl

_MAX_CELL: Final = 32_767  # characters in one Excel cell
_MAX_COLUMNS: Final = 16_384
_SLICE: Final = 2_000  # rows turned into XML text at a time (bounds the text in memory)
_CONTROL: Final = "[\x00-\x08\x0b\x0c\x0e-\x1f]"
_MAIN: Final = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL: Final = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL: Final = "http://schemas.openxmlformats.org/package/2006/relationships"
_XML: Final = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_TYPES: Final = (
    _XML + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/'
    'sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.'
    'worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>'
)
_ROOT_RELS: Final = (
    _XML + f'<Relationships xmlns="{_PKG_REL}"><Relationship Id="rId1" '
    f'Type="{_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
_WORKBOOK_RELS: Final = (
    _XML + f'<Relationships xmlns="{_PKG_REL}">'
    f'<Relationship Id="rId1" Type="{_REL}/worksheet" Target="worksheets/sheet1.xml"/>'
    f'<Relationship Id="rId2" Type="{_REL}/styles" Target="styles.xml"/></Relationships>'
)
_STYLES: Final = (
    _XML + f'<styleSheet xmlns="{_MAIN}"><fonts count="1"><font><sz val="11"/>'
    '<name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill '
    'patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'
    '</cellStyleXfs><cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" '
    'xfId="0"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" '
    'builtinId="0"/></cellStyles></styleSheet>'
)


def write_xlsx(frame: pl.DataFrame, path: Path, *, sheet: str) -> None:
    """Write ``frame`` (flat columns) as the one sheet ``sheet`` of a workbook at ``path``,
    a header row first. Raises ``OSError`` when the file cannot be written."""
    if frame.width > _MAX_COLUMNS:
        raise ValueError(f"{frame.width} columns do not fit in an Excel sheet")
    letters = [_letter(i) for i in range(frame.width)]
    workbook = (
        _XML + f'<workbook xmlns="{_MAIN}" xmlns:r="{_REL}"><sheets><sheet '
        f'name="{_escape_text(sheet)}" sheetId="1" r:id="rId1"/></sheets></workbook>'
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as package:
        package.writestr("[Content_Types].xml", _TYPES)
        package.writestr("_rels/.rels", _ROOT_RELS)
        package.writestr("xl/workbook.xml", workbook)
        package.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        package.writestr("xl/styles.xml", _STYLES)
        with package.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as out:
            out.write(f'{_XML}<worksheet xmlns="{_MAIN}"><sheetData>'.encode())
            header = "".join(
                f'<c r="{letter}1" t="inlineStr"><is><t xml:space="preserve">'
                f"{_escape_text(name)}</t></is></c>"
                for letter, name in zip(letters, frame.columns, strict=True)
            )
            out.write(f'<row r="1">{header}</row>'.encode())
            for offset in range(0, frame.height, _SLICE):
                rows = _rows(frame.slice(offset, _SLICE), letters, offset + 2)
                out.write(rows.encode())
            out.write(b"</sheetData></worksheet>")


def _rows(frame: pl.DataFrame, letters: list[str], first: int) -> str:
    """The ``<row>`` elements of ``frame``, its first row numbered ``first``."""
    number = pl.int_range(first, first + frame.height, eager=False).cast(pl.String)
    texts = [n for n, t in frame.schema.items() if not (t.is_numeric() or t == pl.Boolean)]
    controls = frame.select(pl.col(texts).cast(pl.String).str.contains(_CONTROL).any())
    with_controls = {n for n in texts if controls.get_column(n).item()}
    cells = [
        _cell(pl.col(name), dtype, letter, number, name in with_controls)
        for (name, dtype), letter in zip(frame.schema.items(), letters, strict=True)
    ]
    row = pl.concat_str([pl.lit('<row r="'), number, pl.lit('">'), *cells, pl.lit("</row>")])
    return str(frame.select(row.str.join("")).item())


def _cell(
    col: pl.Expr, dtype: pl.DataType, letter: str, number: pl.Expr, controls: bool
) -> pl.Expr:
    ref = pl.concat_str([pl.lit(f'<c r="{letter}'), number])
    if dtype.is_numeric():
        finite = col.cast(pl.Float64).is_finite() if dtype.is_float() else col.is_not_null()
        value = pl.concat_str([ref, pl.lit('"><v>'), col.cast(pl.String), pl.lit("</v></c>")])
        text = _text_cell(ref, col.cast(pl.String), controls=False)
        return pl.when(col.is_null()).then(pl.lit("")).when(finite).then(value).otherwise(text)
    if dtype == pl.Boolean:
        flag = pl.when(col).then(pl.lit("1")).otherwise(pl.lit("0"))
        value = pl.concat_str([ref, pl.lit('" t="b"><v>'), flag, pl.lit("</v></c>")])
        return pl.when(col.is_null()).then(pl.lit("")).otherwise(value)
    text = col if dtype == pl.String else col.cast(pl.String)
    cell = _text_cell(ref, text, controls=controls)
    return pl.when(text.is_null()).then(pl.lit("")).otherwise(cell)


def _text_cell(ref: pl.Expr, text: pl.Expr, *, controls: bool) -> pl.Expr:
    escaped = (
        text.str.head(_MAX_CELL)
        .str.replace_all("&", "&amp;", literal=True)
        .str.replace_all("<", "&lt;", literal=True)
        .str.replace_all(">", "&gt;", literal=True)
        .str.replace_all("\r", "&#13;", literal=True)  # XML parsers read a bare CR as LF
        .str.replace_all("_(x[0-9A-Fa-f]{4}_)", "_x005F_$1")
    )
    if controls:  # rare: only columns that hold one pay for the passes
        for code in (*range(0, 9), 11, 12, *range(14, 32)):
            escaped = escaped.str.replace_all(chr(code), f"_x{code:04X}_", literal=True)
    start = pl.lit('" t="inlineStr"><is><t xml:space="preserve">')
    return pl.concat_str([ref, start, escaped, pl.lit("</t></is></c>")])


def _escape_text(value: str) -> str:
    """``value`` as XML text or attribute, written the way ``_text_cell`` writes cells."""
    value = value[:_MAX_CELL].replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    value = value.replace('"', "&quot;").replace("\r", "&#13;")
    return "".join(f"_x{ord(c):04X}_" if ord(c) < 32 and c not in "\t\n\r" else c for c in value)


def _letter(index: int) -> str:
    """Excel's column name of the 0-based ``index``: A, B, ..., Z, AA, AB, ..."""
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(ord("A") + rest) + name
    return name
