"""Short Western European files decode exactly in every encoding people save them in.

The corpus is real words from the shared data (YC company names, founders and cities; French
and Spanish country names from the country-codes data set) plus the names and titles of issue
#13 ("Müller GmbH, Geschäftsführer"). Each file is a header and two rows, the size at which
charset-normalizer used to guess a Baltic or Central European code page.
"""

from __future__ import annotations

import ast
import codecs
from pathlib import Path

import polars as pl
import pytest

from leadsieve.errors import LeadFileUnreadable
from leadsieve.io import LINE_COLUMN, iter_lead_batches, read_leads
from leadsieve.io.read import reading_encoding

DATA = Path("/work/shared/data")
ISSUE = [
    ("Société Générale", "Directeur général"),
    ("Müller GmbH, Geschäftsführer", "Geschäftsführer"),
    ("Försäkringsbolaget Skåne AB", "Försäljningschef"),
    ("Peña & Muñoz S.A.", "Director de Ventas y Marketing"),
]


def _words() -> list[str]:
    yc = pl.read_csv(DATA / "yc_companies_2024-05-11.csv", infer_schema=False)
    countries = pl.read_csv(DATA / "country_codes.csv", infer_schema=False)
    names = [n for cell in yc["founders_names"].drop_nulls() for n in ast.literal_eval(cell)]
    pool = [
        *yc["company_name"].drop_nulls(),
        *yc["location"].drop_nulls(),
        *names,
        *countries["official_name_fr"].drop_nulls(),
        *countries["official_name_es"].drop_nulls(),
    ]
    seen: dict[str, None] = {}
    for word in pool:
        try:
            word.encode("cp1252")
        except UnicodeEncodeError:
            continue
        if not word.isascii() and '"' not in word:
            seen.setdefault(word)
    return list(seen)


def corpus() -> list[list[tuple[str, str]]]:
    """Files of two rows: the issue's, then real words paired up."""
    words = _words()
    pairs = list(zip(words[0::2], words[1::2], strict=False))
    files = [ISSUE[:2], ISSUE[2:]]
    files += [pairs[i : i + 2] for i in range(0, min(len(pairs), 200), 2)]
    return [f for f in files if len(f) == 2]


def _csv(rows: list[tuple[str, str]]) -> str:
    def cell(value: str) -> str:
        return f'"{value}"' if "," in value else value

    return "company_name,title\n" + "".join(f"{cell(a)},{cell(b)}\n" for a, b in rows)


ENCODINGS = [
    pytest.param("cp1252", b"", id="cp1252"),
    pytest.param("latin-1", b"", id="latin-1"),
    pytest.param("utf-8", b"", id="utf-8"),
    pytest.param("utf-8", codecs.BOM_UTF8, id="utf-8-bom"),
    pytest.param("utf-16-le", codecs.BOM_UTF16_LE, id="utf-16-le-bom"),
    pytest.param("utf-16-be", codecs.BOM_UTF16_BE, id="utf-16-be-bom"),
    pytest.param("utf-16-le", b"", id="utf-16-le-no-bom"),
]


def test_the_corpus_is_real_and_accented() -> None:
    """Enough files, each with letters outside ASCII, so the test below means something."""
    files = corpus()
    assert len(files) >= 50
    assert all(any(not v.isascii() for row in f for v in row) for f in files)


@pytest.mark.parametrize(("codec", "bom"), ENCODINGS)
def test_every_short_file_decodes_exactly(tmp_path: Path, codec: str, bom: bytes) -> None:
    """Every file of the corpus reads back exactly as written, whatever its encoding."""
    wrong = []
    for k, rows in enumerate(corpus()):
        text = _csv(rows)
        try:
            data = bom + text.encode(codec)
        except UnicodeEncodeError:  # Latin-1 lacks €, Œ, š ... of cp1252
            continue
        path = tmp_path / f"f{k}.csv"
        path.write_bytes(data)
        got = read_leads(path)
        if got.frame.drop(LINE_COLUMN).rows() != rows:
            wrong.append((got.encoding, got.frame.drop(LINE_COLUMN).rows(), rows))
    assert wrong == []


def test_cp1252_title_keeps_its_letters_through_the_reader(tmp_path: Path) -> None:
    """The issue's file: names and title as written, read as cp1252."""
    path = tmp_path / "leads.csv"
    path.write_bytes(_csv(ISSUE[:2]).encode("cp1252"))
    got = read_leads(path)
    assert got.encoding == "cp1252"
    assert got.frame["company_name"].to_list() == [
        "Société Générale",
        "Müller GmbH, Geschäftsführer",
    ]


@pytest.mark.parametrize(
    ("text", "codec"),
    [
        pytest.param("name,city\nИванов,Москва\nПетров,Санкт-Петербург\n", "cp1251", id="cyrillic"),
        pytest.param("name,city\nΠαπαδόπουλος,Αθήνα\nΓεωργίου,Πάτρα\n", "cp1253", id="greek"),
    ],
)
def test_other_alphabets_are_not_taken_for_cp1252(tmp_path: Path, text: str, codec: str) -> None:
    """Cyrillic or Greek read through cp1252 is long runs of accented letters: not Western, so
    the guess is left to charset-normalizer (on text this short it may still guess another
    code page of the alphabet; ``--encoding`` is the fix), and never becomes cp1252 mojibake."""
    path = tmp_path / "leads.csv"
    path.write_bytes(text.encode(codec))
    got = read_leads(path)
    assert got.encoding != "cp1252"
    mojibake = text.encode(codec).decode("cp1252").splitlines()[1].split(",")[0]
    assert mojibake not in got.frame["name"].to_list()


def test_encoding_override_beats_detection(tmp_path: Path) -> None:
    """A cp1250 file that also reads as cp1252 is read as the user says (Polish "ł" is cp1252
    "³"); the override works as an argument and as ``reading_encoding`` around a call."""
    path = tmp_path / "leads.csv"
    path.write_bytes("name,city\nWojciech Łukasiewicz,Łódź\nPaweł,Kraków\n".encode("cp1250"))
    expected = [("Wojciech Łukasiewicz", "Łódź"), ("Paweł", "Kraków")]
    assert read_leads(path, encoding="cp1250").frame.drop(LINE_COLUMN).rows() == expected
    with reading_encoding("cp1250"):
        batch = next(iter_lead_batches(path))
    assert batch.frame.drop(LINE_COLUMN).rows() == expected
    assert batch.encoding == "cp1250"


def test_override_skips_a_matching_bom(tmp_path: Path) -> None:
    """--encoding utf-8 on a file with a UTF-8 BOM: the BOM is not part of the first header."""
    path = tmp_path / "leads.csv"
    path.write_bytes(codecs.BOM_UTF8 + "name\nZürich\n".encode())
    frame = read_leads(path, encoding="utf-8").frame
    assert frame.columns == ["name", LINE_COLUMN] and frame["name"].item() == "Zürich"


def test_unknown_encoding_is_a_clear_error(tmp_path: Path) -> None:
    """A codec Python does not know, or one that is not text (rot13 is, base64 is not)."""
    path = tmp_path / "leads.csv"
    path.write_text("name\nA\n", encoding="utf-8")
    for name in ("klingon-8", "base64"):
        with pytest.raises(LeadFileUnreadable, match="not a text encoding"):
            read_leads(path, encoding=name)
