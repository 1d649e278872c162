"""Industry labels in other languages, read word by word in English.

LinkedIn shows its industry names in the UI language, and a German or Swedish CRM carries its
own: "Fabricación de muebles", "Lebensmitteleinzelhandel", "Frakt- och pakettransporter". A
label no table knows is translated word by word with ``data/industry_words_l10n.yaml`` (general
industry vocabulary of German, French, Spanish, Portuguese, Italian, Dutch and Swedish), German,
Dutch and Swedish compounds split into listed words, and the English text is resolved as an
English label would be. See docs/industries.md.
"""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files

from leadsieve.normalize.text import fold

#: A compound's parts are at least this long ("bok" + "forlag"), and its last part longer.
_PART = 3
_HEAD = 4
#: Letters that join the parts of a compound ("Bekleidung-s-herstellung", "Fastighet-s-mäklare").
_LINKS = ("s", "n", "en", "e", "es")
#: A compound's front part this long may be listed only in its plural ("Veranstaltung-en"); a
#: shorter one is too often another word ("Kinder-garten" is no children's garden).
_PLURAL_FRONT = 7
#: Inflections a listed word may carry in a label ("Möbel-n", "mueble-s", "Fahrzeug-e").
_ENDINGS = ("en", "n", "e", "es", "s", "er")


@lru_cache(maxsize=1)
def _lexicon() -> dict[str, str]:
    """Folded foreign word -> English word ("" for a word that adds nothing)."""
    import yaml

    text = (files("leadsieve.normalize") / "data" / "industry_words_l10n.yaml").read_text("utf-8")
    lexicon: dict[str, str] = {}
    for english, words in yaml.safe_load(text).items():
        for word in str(words).split():
            lexicon[fold(word)] = "" if english == "_drop" else english
    return lexicon


def _split(word: str) -> list[str] | None:
    """A compound as listed words, its last part (the head) as long as possible:
    "lebensmitteleinzelhandel" -> ["food", "retail"]; None when it is none."""
    lexicon = _lexicon()
    for cut in range(_PART, len(word) - _HEAD + 1):
        head, rest = word[cut:], word[:cut]
        if head not in lexicon:
            continue
        for link in ("", *_LINKS):
            stem = rest.removesuffix(link) if link and rest.endswith(link) else rest
            if len(stem) < _PART:
                continue
            front = [found] if (found := _listed(stem)) is not None else _split(stem)
            if front is not None:
                return [*front, lexicon[head]]
    return None


def _listed(part: str) -> str | None:
    """The English word of a compound's front part, also when the list has it only with a
    plural ending: "veranstaltung" (of "Veranstaltungsdienste") is listed as
    "veranstaltungen"."""
    lexicon = _lexicon()
    endings = ("", "en", "n", "e") if len(part) >= _PLURAL_FRONT else ("",)
    for form in (part + ending for ending in endings):
        if form in lexicon:
            return lexicon[form]
    return None


def to_english(text: str) -> str | None:
    """``text`` with every listed word in English, or None when no word changed.

    >>> to_english("Fabricación de muebles")
    'manufacturing of furniture'
    >>> to_english("Lebensmitteleinzelhandel")
    'food retail'
    """
    lexicon = _lexicon()
    out: list[str] = []
    changed = False
    for word in fold(text.replace("&", " and ")).split():
        english = lexicon.get(word)
        for ending in _ENDINGS if english is None and len(word) > 5 else ():
            english = lexicon.get(word.removesuffix(ending)) if word.endswith(ending) else None
            if english is not None:  # an inflected form: "Möbeln", "muebles"
                break
        parts = [english] if english is not None else _split(word) if len(word) > 7 else None
        if parts is None:
            out.append(word)
            continue
        changed = changed or parts != [word]
        out += [part for part in parts if part]
    return " ".join(out) if changed and out else None
