"""Synthetic revisions of real resolutions, with the true alignment known.

A *case* is an old and a new version of a real resolution, both written out as
text the way documents arrive (wrapped lines, page furniture, page breaks in
the middle of paragraphs, different footnote-marker styles), together with the
truth: for every paragraph of the new version, which old paragraphs it came
from. Edits are made on whole real paragraphs; inserted paragraphs are real
paragraphs of other resolutions.
"""

from __future__ import annotations

import random
import re
import textwrap
from dataclasses import dataclass, field
from pathlib import Path

from resdiff.model import Document, Paragraph
from resdiff.parse import parse

PROJECT_ROOT = Path(__file__).resolve().parent.parent
FIXTURES = PROJECT_ROOT / "fixtures"
CORPUS = PROJECT_ROOT.parent / "shared" / "corpus"

EDIT_KINDS = (
    "reword",
    "technical",
    "delete",
    "insert",
    "move",
    "split",
    "merge",
    "rewrap",
)


@dataclass
class Item:
    """One paragraph of a synthetic version: its text and the old paragraphs it came from."""

    section: str
    text: str
    origins: frozenset[int] = frozenset()


@dataclass
class Case:
    """Old and new texts, and the truth about how they relate."""

    name: str
    kind: str
    old_text: str
    new_text: str
    old_items: list[Item]
    new_items: list[Item]
    moved: set[int] = field(default_factory=set)  # new positions of moved paragraphs

    def true_pairs(self) -> set[tuple[int, int]]:
        """(old index, new index) for every new paragraph and each of its origins."""
        return {(i, j) for j, item in enumerate(self.new_items) for i in item.origins}


def source_documents(include_corpus: bool = True) -> list[Path]:
    """Resolutions to build cases from: the fixtures, plus the corpus when present."""
    paths = sorted(FIXTURES.glob("*.txt")) + sorted(FIXTURES.glob("A_*.md"))
    if include_corpus and CORPUS.is_dir():
        seen = {p.name for p in paths}
        extra = sorted(CORPUS.glob("*/*.txt")) + sorted(CORPUS.glob("*/*.md"))
        paths += [p for p in extra if p.name not in seen]
    return paths


def items_of(document: Document) -> list[Item]:
    """The paragraphs of a parsed document as case items (sub-items folded into the text)."""
    return [
        Item(p.section, _plain(p), frozenset({k}))
        for k, p in enumerate(document.paragraphs)
        if p.section in ("preamble", "operative")
    ]


def _plain(paragraph: Paragraph) -> str:
    return re.sub(r"[⁰¹²³⁴⁵⁶⁷⁸⁹]+", "", paragraph.full_text()).strip()


# --------------------------------------------------------------------------- edits


def make_case(
    name: str, items: list[Item], kind: str, donors: list[str], rng: random.Random
) -> Case:
    """Apply one kind of edit (a few times) to ``items`` and write both versions out."""
    old = [Item(it.section, it.text, frozenset({k})) for k, it in enumerate(items)]
    new = [Item(it.section, it.text, it.origins) for it in old]
    moved: set[int] = set()
    count = max(1, len(old) // 10)
    for _ in range(count):
        EDITS[kind](new, donors, rng, moved)
    moved_positions = {j for j, it in enumerate(new) if it.origins & moved}
    return Case(
        name=name,
        kind=kind,
        old_text=write_text(old, rng, style=rng.choice(STYLES) if kind == "rewrap" else "plain"),
        new_text=write_text(new, rng, style=rng.choice(STYLES)),
        old_items=old,
        new_items=new,
        moved=moved_positions,
    )


def _operative_positions(items: list[Item]) -> list[int]:
    return [k for k, it in enumerate(items) if it.section == "operative"]


def _reword(items: list[Item], donors: list[str], rng: random.Random, moved: set[int]) -> None:
    k = rng.randrange(len(items))
    if len(items[k].text.split()) < 8:
        return
    items[k].text = reword_words(items[k].text, rng, rng.choice(donors).split())


def reword_words(text: str, rng: random.Random, vocabulary: list[str]) -> str:
    """A light rewording: about one word in twelve replaced, inserted or deleted."""
    words = text.split()
    for _ in range(max(1, len(words) // 12)):
        if len(words) < 4:
            break
        position = rng.randrange(1, len(words) - 1)
        action = rng.random()
        if action < 0.4:
            words[position] = rng.choice(vocabulary)
        elif action < 0.7:
            words.insert(position, rng.choice(vocabulary))
        else:
            del words[position]
    return " ".join(words)


def _technical(items: list[Item], donors: list[str], rng: random.Random, moved: set[int]) -> None:
    candidates = [k for k, it in enumerate(items) if re.search(r"\b(19|20)\d\d\b", it.text)]
    if not candidates:
        return
    k = rng.choice(candidates)
    items[k].text = re.sub(
        r"\b((?:19|20)\d\d)\b", lambda m: str(int(m.group(1)) + 2), items[k].text, count=2
    )


def _delete(items: list[Item], donors: list[str], rng: random.Random, moved: set[int]) -> None:
    if len(items) > 3:
        del items[rng.randrange(len(items))]


def _insert(items: list[Item], donors: list[str], rng: random.Random, moved: set[int]) -> None:
    operative = _operative_positions(items)
    position = rng.choice(operative) if operative else len(items)
    items.insert(position, Item("operative", rng.choice(donors)))


def _move(items: list[Item], donors: list[str], rng: random.Random, moved: set[int]) -> None:
    operative = _operative_positions(items)
    if len(operative) < 4:
        return
    source = rng.choice(operative)
    item = items.pop(source)
    targets = [k for k in _operative_positions(items) if abs(k - source) > 1]
    if not targets:
        items.insert(source, item)
        return
    items.insert(rng.choice(targets), item)
    moved.update(item.origins)


_CLAUSE_BREAK = re.compile(r"(?<=[,;]) (?=(?:and )?(?:further |also )?[a-z]+s\b)")


def _split(items: list[Item], donors: list[str], rng: random.Random, moved: set[int]) -> None:
    candidates = [
        k
        for k in _operative_positions(items)
        if len(items[k].origins) == 1 and len(items[k].text) > 250 and _split_point(items[k].text)
    ]
    if not candidates:
        return
    k = rng.choice(candidates)
    point = _split_point(items[k].text)
    assert point is not None
    head, tail = items[k].text[:point].rstrip(" ,;") + ";", items[k].text[point:].strip()
    tail = tail[0].upper() + tail[1:]
    items[k : k + 1] = [
        Item("operative", head, items[k].origins),
        Item("operative", tail, items[k].origins),
    ]


def _split_point(text: str) -> int | None:
    middle = len(text) // 2
    points = [m.end() for m in _CLAUSE_BREAK.finditer(text) if 80 < m.end() < len(text) - 80]
    return min(points, key=lambda p: abs(p - middle)) if points else None


def _merge(items: list[Item], donors: list[str], rng: random.Random, moved: set[int]) -> None:
    operative = _operative_positions(items)
    pairs = [k for k in operative if k + 1 in operative and len(items[k].text) < 500]
    if not pairs:
        return
    k = rng.choice(pairs)
    first, second = items[k], items[k + 1]
    joined = first.text.rstrip(";. ") + ", and " + second.text[0].lower() + second.text[1:]
    items[k : k + 2] = [Item("operative", joined, first.origins | second.origins)]


def _rewrap(items: list[Item], donors: list[str], rng: random.Random, moved: set[int]) -> None:
    """No edit at all: only the way the text is written out differs."""


EDITS = {
    "reword": _reword,
    "technical": _technical,
    "delete": _delete,
    "insert": _insert,
    "move": _move,
    "split": _split,
    "merge": _merge,
    "rewrap": _rewrap,
}


# --------------------------------------------------------------------------- writing text

FURNITURE = ["GE.19-12345(E)", "A/HRC/RES/41/3", "3/9", "- 4 -", "19-01234 (E)", "*1901234*"]

# How a version is written out: "plain" is one paragraph per line between blank
# lines; "blank" wraps lines; "lines" keeps one paragraph per line with no blank
# lines and breaks some at a page end; "wrapped" wraps lines with no blank lines.
STYLES = ("blank", "lines", "wrapped")


def write_text(items: list[Item], rng: random.Random, *, style: str) -> str:
    """Write a version out as resolution text in one of the ``STYLES`` (or "plain")."""
    lines = ["The Human Rights Council,", ""]
    number = 0
    for item in items:
        text = item.text
        if item.section == "operative":
            number += 1
            text = f"{number}. {text}"
        lines.extend(_paragraph_lines(text, rng, style))
        if style in ("plain", "blank"):
            lines.append("")
    return "\n".join(lines) + "\n"


def _paragraph_lines(text: str, rng: random.Random, style: str) -> list[str]:
    if style == "plain":
        return [text]
    if style == "lines":
        lines = [text]
        words = text.split()
        if len(words) > 12 and rng.random() < 0.3:
            cut = rng.randrange(3, len(words) - 3)
            lines = [" ".join(words[:cut]), *rng.sample(FURNITURE, 2), " ".join(words[cut:])]
        return lines
    width = rng.choice([60, 72, 85, 110])
    lines = textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False)
    if len(lines) > 2 and rng.random() < 0.3:
        cut = rng.randrange(1, len(lines))
        furniture = rng.sample(FURNITURE, 2)
        page_break = ["", *furniture, ""] if style == "blank" else furniture
        lines[cut:cut] = page_break
    return lines


def load_items(path: Path) -> list[Item]:
    """Parse a real resolution and return its paragraphs as items."""
    return items_of(parse(path))
