"""Which text encoding a lead file is in: its BOM, UTF-16 without one, UTF-8, else a legacy
code page (cp1252 for Western European text, else charset-normalizer's guess); or the one the
user names (``--encoding``), as an argument or through ``reading_encoding``."""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import Final

from leadsieve.errors import LeadFileUnreadable
from leadsieve.io._delimited import HEAD

_BOMS: Final = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_ENCODING: ContextVar[str | None] = ContextVar("leadsieve_encoding", default=None)


@contextmanager
def reading_encoding(encoding: str | None) -> Iterator[None]:
    """Within the block, text lead files are read in ``encoding`` (None: detected) unless a call
    names one: the CLI's ``--encoding`` around a service call that reads the file. Taken when
    the reading starts, in the thread that starts it."""
    token = _ENCODING.set(None if encoding is None else checked_encoding(encoding))
    try:
        yield
    finally:
        _ENCODING.reset(token)


def checked_encoding(encoding: str) -> str:
    """``encoding`` when Python knows such a text codec, else ``LeadFileUnreadable``."""
    try:
        info = codecs.lookup(encoding)
    except LookupError:
        info = None
    if info is None or not getattr(info, "_is_text_encoding", True):
        raise LeadFileUnreadable(
            f"{encoding!r} is not a text encoding leadsieve knows; use a name such as utf-8, "
            "cp1252 (Windows Western European), latin-1, utf-16 or cp1250."
        )
    return encoding


def encoding_for(given: str | None) -> str | None:
    """The encoding to read in: the one given, else the ``reading_encoding`` in effect."""
    return checked_encoding(given) if given is not None else _ENCODING.get()


def given_encoding(head: bytes, encoding: str) -> tuple[str, int]:
    """An encoding the user named, and the length of its BOM if the file starts with one."""
    name = codecs.lookup(encoding).name
    for bom, codec in _BOMS:
        if head.startswith(bom) and codecs.lookup(codec).name == name:
            return encoding, len(bom)
    return encoding, 0


def detect_encoding(path: Path, head: bytes) -> tuple[str, int]:
    """Return the codec and BOM length of a text file, or raise when it looks binary."""
    for bom, codec in _BOMS:
        if head.startswith(bom):
            return codec, len(bom)
    nuls = head.count(0)
    if nuls > max(3, len(head) // 1000):
        even, odd, half = head[0::2].count(0), head[1::2].count(0), len(head) // 2
        if odd > 0.3 * half and even == 0:
            return "utf-16-le", 0
        if even > 0.3 * half and odd == 0:
            return "utf-16-be", 0
        raise LeadFileUnreadable(f"{path} looks like binary data (NUL bytes), not a lead file.")
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 3 or len(head) < HEAD:
            return _legacy_encoding(head), 0
    return "utf-8", 0


def _legacy_encoding(head: bytes) -> str:
    """cp1252 when the bytes read as Western European text in it, else charset-normalizer's
    guess (cp1252 when it has none).

    charset-normalizer alone guesses from too few letters on short files: two rows with
    "Société Générale" came out as Baltic cp1257 ("Sociķtķ Gķnķrale")."""
    try:
        text = head.decode("cp1252")
    except UnicodeDecodeError:
        text = None
    if text is not None and _reads_western(text):
        return "cp1252"
    import charset_normalizer  # needed only for files that are not UTF-8

    guesses = [m.encoding for m in charset_normalizer.from_bytes(head)]
    guesses = [g for g in guesses if not g.startswith("utf")]
    if guesses and "cp1252" not in guesses:
        return guesses[0]
    try:
        head.decode("cp1252")
    except UnicodeDecodeError:
        return "latin-1"
    return "cp1252"


#: Non-letters a Western European text may hold beside ASCII (currency, quotes, dashes, marks).
_WESTERN_SIGNS: Final = frozenset("€£¥¢©®™°§¶±×÷µ²³½¼¾«»‹›‘’‚“”„–—…•·†‡‰¡¿ ")
#: Four non-ASCII letters in a row: Cyrillic, Greek or Hebrew text seen through cp1252.
_FOREIGN_RUN: Final = re.compile(r"[^\x00-\x7f]{4}")


def _reads_western(text: str) -> bool:
    """True when ``text`` (decoded as cp1252) reads as Western European words: every non-ASCII
    character a letter or a usual sign, and accented letters among plain ones (Müller,
    Société, Sjöberg, Peña), never in long runs as another alphabet read wrongly would be."""
    for ch in set(text):
        letter = unicodedata.category(ch).startswith("L")
        if ord(ch) > 0x7F and not letter and ch not in _WESTERN_SIGNS:
            return False
    return not any(
        all(unicodedata.category(c).startswith("L") for c in run)
        for run in _FOREIGN_RUN.findall(text)
    )
