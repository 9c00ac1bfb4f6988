"""Hand-checked structure of real General Assembly documents, against ``resdiff.parse``.

Each ``fixtures/gold/structure/<STEM>.json`` was written by reading the raw
document in ``fixtures/ga/`` (and, where in doubt, its official PDF), never from
parser output; ``fixtures/ga/README.md`` describes the files and the gold
format. A gold file applies to its text and to every file in its ``also`` list:
the official PDF and what poppler's ``pdftotext`` and ``pdftotext -layout`` make
of it, which must parse to the same structure.

Paragraph references in the gold files: ``PP<n>`` is the n-th preambular
paragraph in reading order, ``OP<number>`` the operative paragraph printed with
that number, ``AX<number>`` the annex paragraph printed with that number.

Words are compared after ``resdiff.normalize.normalise`` (case, quotes,
emphasis, footnote superscripts, spacing around punctuation) with hyphens
inside words dropped, because ``pdftotext`` joins a word broken at a line-end
hyphen ("good-" / "neighbourliness" becomes "goodneighbourliness").
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from conftest import FIXTURES

from resdiff.model import Document, Paragraph
from resdiff.normalize import normalise
from resdiff.parse import parse

pytestmark = pytest.mark.gold

GOLD_DIR = FIXTURES / "gold" / "structure"
GOLD_NAMES = sorted(path.stem for path in GOLD_DIR.glob("*.json"))
_RESOLUTION_NUMBER = re.compile(r"^\s*\d+/\d+\s*\.\s*")


@cache
def gold(name: str) -> dict[str, Any]:
    """The gold record ``fixtures/gold/structure/<name>.json``."""
    return json.loads((GOLD_DIR / f"{name}.json").read_text(encoding="utf-8"))


@cache
def parsed(file: str) -> Document:
    """``resdiff.parse`` of ``fixtures/<file>``, parsed once per test session."""
    return parse(FIXTURES / file)


def inputs(name: str) -> list[str]:
    """The fixture files a gold record applies to: its text and its ``also`` files."""
    record = gold(name)
    return [record["file"], *record.get("also", [])]


def cases(required_key: str | None = None) -> list[Any]:
    """One pytest parameter per (gold record, input file), for records holding the key."""
    return [
        pytest.param(name, file, id=f"{name}:{_kind(file)}")
        for name in GOLD_NAMES
        if required_key is None or gold(name).get(required_key)
        for file in inputs(name)
    ]


def _kind(file: str) -> str:
    name = Path(file).name
    for suffix in (".pdftotext-layout.txt", ".pdftotext.txt", ".pdf", ".txt"):
        if name.endswith(suffix):
            return suffix.removeprefix(".").removesuffix(".txt") or "txt"
    return name


def words(text: str | None) -> list[str]:
    """Comparison tokens of a text (see the module docstring)."""
    return [token.replace("-", "") for token in normalise(text or "").split() if token != "-"]


def starts_with(text: str | None, expected: str) -> bool:
    """True when ``text`` begins with the words of ``expected``."""
    got, want = words(text), words(expected)
    return got[: len(want)] == want


def ends_with(text: str | None, expected: str) -> bool:
    """True when ``text`` ends with the words of ``expected``."""
    got, want = words(text), words(expected)
    return len(got) >= len(want) and got[len(got) - len(want) :] == want


def annex(document: Document) -> list[Paragraph]:
    """The annex paragraphs, in order."""
    return [p for p in document.paragraphs if p.section == "annex"]


def find(document: Document, reference: str) -> Paragraph | None:
    """The paragraph a gold reference names: PP<ordinal>, OP<number> or AX<number>."""
    kind, value = reference[:2], reference[2:]
    if kind == "PP":
        ordinal = int(value)
        return document.preamble[ordinal - 1] if ordinal <= len(document.preamble) else None
    pool = document.operative if kind == "OP" else annex(document)
    return next((p for p in pool if p.number == value), None)


def damaged(name: str, file: str) -> dict[str, str]:
    """Paragraphs whose words the extractor itself put out of order in ``file``."""
    return gold(name).get("extractor_damage", {}).get(file, {})


def excerpt(paragraph: Paragraph | None) -> str:
    """The first words of a paragraph, for failure messages."""
    if paragraph is None:
        return "<missing>"
    return " ".join(paragraph.full_text().split()[:8])


def furniture_pattern(item: str) -> re.Pattern[str]:
    """A furniture line as a whole token: "6/6" must not match inside "76/69"."""
    return re.compile(rf"(?<![\w/.*-]){re.escape(item)}(?![\w/*-]|\.\w)")


# --------------------------------------------------------------------------- header


@pytest.mark.parametrize(("name", "file"), cases())
def test_symbol(name: str, file: str) -> None:
    assert parsed(file).symbol == gold(name)["symbol"]


@pytest.mark.parametrize(("name", "file"), cases())
def test_title(name: str, file: str) -> None:
    title = _RESOLUTION_NUMBER.sub("", parsed(file).title or "")
    assert words(title) == words(gold(name)["title"])


# --------------------------------------------------------------------------- preamble


@pytest.mark.parametrize(("name", "file"), cases())
def test_preamble_count(name: str, file: str) -> None:
    got = [excerpt(p) for p in parsed(file).preamble]
    assert len(got) == len(gold(name)["preamble"]), got


@pytest.mark.parametrize(("name", "file"), cases())
def test_preamble_first_words(name: str, file: str) -> None:
    preamble = parsed(file).preamble
    skip = damaged(name, file)
    for ordinal, expected in enumerate(gold(name)["preamble"], start=1):
        if f"PP{ordinal}" in skip:
            continue
        paragraph = preamble[ordinal - 1] if ordinal <= len(preamble) else None
        got = paragraph.text if paragraph else None
        assert starts_with(got, expected), f"PP{ordinal}: {expected!r} != {excerpt(paragraph)!r}"


# --------------------------------------------------------------------------- operative


@pytest.mark.parametrize(("name", "file"), cases())
def test_operative_numbers(name: str, file: str) -> None:
    numbers = [p.number for p in parsed(file).operative]
    assert numbers == [entry["number"] for entry in gold(name)["operative"]]


@pytest.mark.parametrize(("name", "file"), cases())
def test_operative_first_words(name: str, file: str) -> None:
    check_first_words(parsed(file), gold(name)["operative"], "OP", damaged(name, file))


@pytest.mark.parametrize(("name", "file"), cases())
def test_operative_subitems(name: str, file: str) -> None:
    check_subitems(parsed(file), gold(name)["operative"], "OP")


@pytest.mark.parametrize(("name", "file"), cases("headings"))
def test_section_headings(name: str, file: str) -> None:
    document = parsed(file)
    for reference, heading in gold(name)["headings"].items():
        paragraph = find(document, reference)
        got = words(paragraph.heading if paragraph else None)
        want = words(heading)
        found = any(got[i : i + len(want)] == want for i in range(len(got) - len(want) + 1))
        assert found, f"{reference}: heading {heading!r} not in {got}"


# --------------------------------------------------------------------------- annex


@pytest.mark.parametrize(("name", "file"), cases("annex"))
def test_annex_numbers(name: str, file: str) -> None:
    numbers = [p.number for p in annex(parsed(file))]
    assert numbers == [entry["number"] for entry in gold(name)["annex"]]


@pytest.mark.parametrize(("name", "file"), cases("annex"))
def test_annex_first_words(name: str, file: str) -> None:
    check_first_words(parsed(file), gold(name)["annex"], "AX", damaged(name, file))


@pytest.mark.parametrize(("name", "file"), cases("annex"))
def test_annex_subitems(name: str, file: str) -> None:
    check_subitems(parsed(file), gold(name)["annex"], "AX")


def check_first_words(
    document: Document, entries: list[dict[str, Any]], prefix: str, skip: dict[str, str]
) -> None:
    """Each numbered paragraph of the gold exists and starts with its gold words."""
    for entry in entries:
        reference = f"{prefix}{entry['number']}"
        if reference in skip:
            continue
        paragraph = find(document, reference)
        got = paragraph.text if paragraph else None
        assert starts_with(got, entry["start"]), (
            f"{reference}: {entry['start']!r} != {excerpt(paragraph)!r}"
        )


def check_subitems(document: Document, entries: list[dict[str, Any]], prefix: str) -> None:
    """Each numbered paragraph has the gold sub-item labels (and nested labels)."""
    for entry in entries:
        reference = f"{prefix}{entry['number']}"
        paragraph = find(document, reference)
        assert paragraph is not None, f"{reference} missing"
        labels = [item.label for item in paragraph.subitems]
        assert labels == entry["subitems"], reference
        for label, nested in entry.get("nested", {}).items():
            item = next(item for item in paragraph.subitems if item.label == label)
            assert [inner.label for inner in item.subitems] == nested, f"{reference} {label}"


# --------------------------------------------------------------------------- boundaries


@pytest.mark.parametrize(("name", "file"), cases("ends"))
def test_paragraph_last_words(name: str, file: str) -> None:
    document, skip = parsed(file), damaged(name, file)
    for reference, expected in gold(name)["ends"].items():
        if reference in skip:
            continue
        paragraph = find(document, reference)
        got = paragraph.full_text() if paragraph else None
        tail = " ".join((got or "<missing>").split()[-12:])
        assert ends_with(got, expected), f"{reference}: ends {tail!r}, not {expected!r}"


@pytest.mark.parametrize(("name", "file"), cases())
def test_no_furniture_in_paragraphs(name: str, file: str) -> None:
    items = gold(name)["furniture"]
    for paragraph in parsed(file).paragraphs:
        text = " ".join(paragraph.full_text().split())
        leaked = [item for item in items if furniture_pattern(item).search(text)]
        assert not leaked, f"{paragraph.label}: {leaked} in {text[:200]!r}"


@pytest.mark.parametrize(("name", "file"), cases("notes_star"))
def test_star_note_not_in_paragraphs(name: str, file: str) -> None:
    for note in gold(name)["notes_star"]:
        note_words = words(note)
        for paragraph in parsed(file).paragraphs:
            got = words(paragraph.full_text())
            found = any(
                got[i : i + len(note_words)] == note_words
                for i in range(len(got) - len(note_words) + 1)
            )
            assert not found, f"{paragraph.label} holds the '*' note {note!r}"


# --------------------------------------------------------------------------- footnotes


@pytest.mark.parametrize(("name", "file"), cases("footnotes"))
def test_footnote_attachment(name: str, file: str) -> None:
    document = parsed(file)
    for marker, note in gold(name)["footnotes"].items():
        paragraph = find(document, note["paragraph"])
        markers = [f.marker for f in paragraph.footnotes] if paragraph else []
        assert marker in markers, f"footnote {marker} not on {note['paragraph']}: {markers}"


@pytest.mark.parametrize(("name", "file"), cases("footnotes"))
def test_footnote_bodies(name: str, file: str) -> None:
    document = parsed(file)
    for marker, note in gold(name)["footnotes"].items():
        paragraph = find(document, note["paragraph"])
        bodies = [f.text for f in paragraph.footnotes if f.marker == marker] if paragraph else []
        assert any(starts_with(body, note["start"]) for body in bodies), (
            f"footnote {marker}: {note['start']!r} not in {bodies}"
        )


@pytest.mark.parametrize(("name", "file"), cases("footnotes"))
def test_no_furniture_in_footnotes(name: str, file: str) -> None:
    items = gold(name)["furniture"]
    for footnote in parsed(file).footnotes:
        leaked = [item for item in items if furniture_pattern(item).search(footnote.text)]
        assert not leaked, f"footnote {footnote.marker}: {leaked} in {footnote.text[:200]!r}"


# --------------------------------------------------------------------------- the gold itself


@pytest.mark.parametrize("name", GOLD_NAMES)
def test_gold_files_exist_and_are_complete(name: str) -> None:
    record = gold(name)
    for file in inputs(name):
        assert (FIXTURES / file).is_file(), file
    assert record["preamble"] and record["operative"] and record["furniture"]
    references = {f"PP{i}" for i in range(1, len(record["preamble"]) + 1)}
    references |= {f"OP{e['number']}" for e in record["operative"]}
    references |= {f"AX{e['number']}" for e in record.get("annex", [])}
    named = [note["paragraph"] for note in record["footnotes"].values()]
    named += [*record.get("ends", {}), *record.get("headings", {})]
    assert set(named) <= references, set(named) - references
