"""Names of States and negotiating groups, from ``resdiff/data/countries.json``.

A vote record prints "United Kingdom of Great Britain and Northern Ireland";
a draft says "UK:". Both are the same delegation. Names are compared by a
folded key: case, diacritics, typographic apostrophes and hyphens, spacing
and a leading "the" are ignored.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from resdiff.analysis import DATA_DIR

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "‐": "-", "‑": "-", "–": "-"})


def name_key(name: str) -> str:
    """The folded form under which names are compared.

    >>> name_key("  the Türkiye ") == name_key("TURKIYE")
    True
    >>> name_key("Côte d’Ivoire")
    "cote d'ivoire"
    """
    text = name.translate(_APOSTROPHES)
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = " ".join(text.split()).strip(" .,;:*_").casefold()
    return text[4:] if text.startswith("the ") else text


@cache
def _names() -> tuple[dict[str, str], dict[str, str]]:
    """(country key -> official short name, group key -> group name), read once."""
    import json  # imported on first use: it costs start-up

    data = json.loads((DATA_DIR / "countries.json").read_text(encoding="utf-8"))
    return _index(data["countries"]), _index(data["groups"])


def _index(entries: list[dict[str, object]]) -> dict[str, str]:
    table: dict[str, str] = {}
    for entry in entries:
        name = str(entry["name"])
        aliases = entry.get("aliases", [])
        assert isinstance(aliases, list)
        for form in [name, *aliases]:
            table[name_key(str(form))] = name
    return table


def country_name(name: str) -> str:
    """The official short name of a State, or ``name`` tidied when it is not listed.

    >>> country_name("United Kingdom"), country_name("Turkey"), country_name("Atlantis")
    ('United Kingdom of Great Britain and Northern Ireland', 'Türkiye', 'Atlantis')
    """
    countries, _ = _names()
    tidy = re.sub(r"\s+", " ", name).strip(" .,;*_")
    return countries.get(name_key(tidy), tidy)


def delegation(text: str) -> str | None:
    """The State or group that ``text`` names ("EU", "G77", "Norway"), else None.

    A list of names ("Norway, Switzerland", "EU/UK", "Mexico and Chile") is a
    delegation when every name in it is known; the result keeps the names as
    listed, each in its usual form.

    >>> delegation("G77"), delegation("UK and Norway"), delegation("Decides")
    ('G77', 'UK and Norway', None)
    """
    countries, groups = _names()
    text = text.strip()
    if not text or len(text) > 120:
        return None
    parts = [p for p in re.split(r"\s*(?:,|/|\+|&|\band\b)\s*", text) if p]
    if not parts:
        return None
    whole = name_key(text)
    if whole in countries or whole in groups:
        return text
    if all(name_key(p) in countries or name_key(p) in groups for p in parts):
        return text
    return None


def known_country(name: str) -> str | None:
    """The official short name of the one State that ``name`` names, else None.

    >>> known_country("Trinidad and Tobago"), known_country("Spain and Sweden")
    ('Trinidad and Tobago', None)
    """
    countries, _ = _names()
    return countries.get(name_key(re.sub(r"\s+", " ", name)))
