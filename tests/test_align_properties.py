"""Property-based tests of the comparison, on documents built from real paragraphs.

Documents are samples of real preambular and operative paragraphs from the
fixtures (41/3 and the Security Council drafts); the second version applies
random edits of the kinds drafters make: delete a paragraph, insert another
real one, swap two, reword a few words, change a year. The last properties
check the parser on the same samples printed as text: re-wrapping the lines,
changing line endings, adding page furniture or changing the footnote-marker
style changes nothing.
"""

from __future__ import annotations

import os
import re
import textwrap
from dataclasses import dataclass

from conftest import FIXTURES, assert_partition, real_paragraphs
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from resdiff.compare import compare
from resdiff.model import Document, Paragraph
from resdiff.normalize import SUPERSCRIPT_DIGITS, normalise, to_superscript
from resdiff.parse import parse, parse_text
from resdiff.readers.text import decode

# RESDIFF_HYPOTHESIS_EXAMPLES=2000 explores further than the fast default.
SETTINGS = settings(
    max_examples=int(os.environ.get("RESDIFF_HYPOTHESIS_EXAMPLES", "50")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


POOL = real_paragraphs()
VOCABULARY = sorted({w for text in POOL["operative"][:40] for w in re.findall(r"[a-z]{4,}", text)})
YEAR = re.compile(r"\b(?:19|20)\d\d\b")


@dataclass
class Draft:
    """A resolution as two ordered lists of paragraph texts."""

    preamble: list[str]
    operative: list[str]

    def document(self) -> Document:
        paragraphs = [
            Paragraph(label=f"PP{i}", section="preamble", text=text)
            for i, text in enumerate(self.preamble, start=1)
        ]
        paragraphs += [
            Paragraph(label=f"OP{i}", section="operative", text=text, number=str(i))
            for i, text in enumerate(self.operative, start=1)
        ]
        return Document(paragraphs=paragraphs)


def drafts_of(pool: dict[str, list[str]], preamble: int, operative: int) -> st.SearchStrategy:
    """Drafts of up to ``preamble`` and ``operative`` distinct paragraphs drawn from ``pool``."""

    def paragraphs(section: str, most: int) -> st.SearchStrategy:
        return st.lists(st.sampled_from(pool[section]), min_size=1, max_size=most, unique=True)

    return st.builds(Draft, paragraphs("preamble", preamble), paragraphs("operative", operative))


def drafts() -> st.SearchStrategy:
    return drafts_of(POOL, 8, 12)


def _reword(draw, text: str) -> str:
    words = text.split(" ")
    for _ in range(draw(st.integers(1, 3))):
        position = draw(st.integers(0, len(words) - 1))
        words[position] = draw(st.sampled_from(VOCABULARY))
    return " ".join(words)


def _change_year(draw, text: str) -> str:
    years = list(YEAR.finditer(text))
    if not years:
        return text
    match = draw(st.sampled_from(years))
    year = draw(st.integers(1990, 2030).filter(lambda y: str(y) != match.group(0)))
    return f"{text[: match.start()]}{year}{text[match.end() :]}"


@st.composite
def edited(draw, draft: Draft) -> Draft:
    parts = {"preamble": list(draft.preamble), "operative": list(draft.operative)}
    for _ in range(draw(st.integers(1, 5))):
        section = draw(st.sampled_from(["preamble", "operative"]))
        texts = parts[section]
        edit = draw(st.sampled_from(["delete", "insert", "swap", "reword", "year"]))
        if edit == "insert" or not texts:
            texts.insert(draw(st.integers(0, len(texts))), draw(st.sampled_from(POOL[section])))
            continue
        i = draw(st.integers(0, len(texts) - 1))
        if edit == "delete" and len(texts) > 1:
            del texts[i]
        elif edit == "swap":
            j = draw(st.integers(0, len(texts) - 1))
            texts[i], texts[j] = texts[j], texts[i]
        elif edit == "reword":
            texts[i] = _reword(draw, texts[i])
        elif edit == "year":
            texts[i] = _change_year(draw, texts[i])
    return Draft(parts["preamble"], parts["operative"])


@st.composite
def pairs(draw) -> tuple[Document, Document]:
    draft = draw(drafts())
    return draft.document(), draw(edited(draft)).document()


def _paired(comparison) -> set[tuple[str, str]]:
    return {(c.old_label, c.new_label) for c in comparison.changes if c.old and c.new}


# --------------------------------------------------------------------------- properties


@SETTINGS
@given(pairs())
def test_every_paragraph_in_exactly_one_change(pair):
    old, new = pair
    assert_partition(compare(old, new))


@SETTINGS
@given(drafts())
def test_compare_with_itself_is_all_unchanged(draft):
    document = draft.document()
    comparison = compare(document, document)
    assert_partition(comparison)
    assert all(c.kind == "unchanged" and not c.moved for c in comparison.changes)
    assert all(c.old_label == c.new_label for c in comparison.changes)
    assert comparison.renumbered == {}
    assert not comparison.has_differences


@SETTINGS
@given(pairs())
def test_comparison_mirrors(pair):
    old, new = pair
    forward, backward = compare(old, new), compare(new, old)
    f, b = forward.summary(), backward.summary()
    assert (f["added"], f["removed"]) == (b["removed"], b["added"])
    assert (f["split"], f["merged"]) == (b["merged"], b["split"])
    for kind in ("unchanged", "reworded", "moved", "technical"):
        assert f[kind] == b[kind], kind
    assert _paired(forward) == {(n, o) for o, n in _paired(backward)}
    assert forward.renumbered == {v: k for k, v in backward.renumbered.items()}


@SETTINGS
@given(pairs())
def test_unchanged_means_same_words(pair):
    old, new = pair
    for change in compare(old, new).changes:
        old_key = " ".join(normalise(p.full_text()) for p in change.old)
        new_key = " ".join(normalise(p.full_text()) for p in change.new)
        if change.kind == "unchanged":
            assert old_key == new_key
        elif change.kind == "reworded":
            assert old_key != new_key
            assert change.redline


def printed(draft: Draft, width: int) -> list[str]:
    """``draft`` printed as a Security Council text, wrapped at ``width`` (0: one line per
    paragraph)."""
    lines = ["The Security Council,"]
    numbered = [f"{i}. {text}" for i, text in enumerate(draft.operative, start=1)]
    for text in [*draft.preamble, *numbered]:
        lines.extend(textwrap.wrap(text, width) if width else [text])
    return lines


@SETTINGS
@given(drafts(), st.sampled_from([0, 45, 70]))
def test_printed_draft_parses_back(draft, width):
    """A sample printed as a Security Council text (wrapped at ``width``, 0: one line per
    paragraph) parses back into the same sections and words."""
    document = parse("\n".join(printed(draft, width)))
    assert [(p.section, normalise(p.full_text())) for p in document.paragraphs] == [
        (p.section, normalise(p.full_text())) for p in draft.document().paragraphs
    ]
    assert [p.number for p in document.operative] == [
        str(i) for i in range(1, len(draft.operative) + 1)
    ]


# --------------------------------------------------------------------------- presentation
#
# "Re-wrapping lines, changing line endings, adding page furniture or footnote-marker
# styles changes nothing": the same paragraphs (label, section, number, words, footnotes)
# come out, and comparing the two presentations finds no difference.


def assert_same_resolution(text: str, other: str) -> None:
    """``text`` and ``other`` parse to the same paragraphs and compare as unchanged."""

    def keys(document: Document) -> list[tuple[object, ...]]:
        return [
            (p.label, p.section, p.number, normalise(p.full_text()), *notes(p))
            for p in document.paragraphs
        ]

    def notes(paragraph: Paragraph) -> list[tuple[str, str]]:
        return [(n.marker, n.text) for n in paragraph.footnotes]

    first, second = parse_text(text), parse_text(other)
    assert keys(second) == keys(first)
    assert not compare(first, second).has_differences


@SETTINGS
@given(drafts(), st.sampled_from([45, 70]), st.sampled_from([0, 60, 100]))
def test_rewrapping_changes_nothing(draft, width, other):
    """The same draft wrapped at two widths (0: one line per paragraph)."""
    assert_same_resolution("\n".join(printed(draft, width)), "\n".join(printed(draft, other)))


@SETTINGS
@given(drafts(), st.sampled_from([0, 45, 70]), st.sampled_from(["\r\n", "\r"]))
def test_line_endings_change_nothing(draft, width, newline):
    """CRLF (Windows) or CR (old Mac) line endings, read from a file or given as text."""
    text = "\n".join(printed(draft, width)) + "\n"
    other = text.replace("\n", newline)
    assert_same_resolution(text, other)
    assert parse_text(other).to_dict() == parse_text(text).to_dict()  # sub-items too
    assert decode(other.encode("utf-8"), "draft.txt") == text


def test_text_with_cr_line_endings_given_as_a_string():
    text = "\r".join(printed(Draft([POOL["preamble"][0]], [POOL["operative"][0]]), 0))
    assert len(text.encode("utf-8")) > 255
    assert parse(text).to_dict() == parse_text(text).to_dict()


# Page furniture as printed in S/2018/95 (fixtures/pdf/S_2018_95.pdf): job number with
# language and print date, barcode, running symbol, page number; and the other styles
# the parser drops (page number before or after the symbol, "- 2 -", Geneva job numbers).
FURNITURE_BLOCKS = [
    ["18-01971 (E)    080218", "*1801971*"],
    ["S/2018/95", "2/2"],
    ["2/4 S/2018/95"],
    ["S/2018/95 3/4"],
    ["- 2 -"],
    ["Page 3/9"],
    ["GE.19-12345(E)"],
    ["A/HRC/RES/41/3", "3/9"],
]


@SETTINGS
@given(
    drafts(),
    st.sampled_from([0, 45, 70]),
    st.lists(
        st.tuples(st.integers(1, 400), st.sampled_from(FURNITURE_BLOCKS)), min_size=1, max_size=4
    ),
    st.booleans(),
)
def test_page_furniture_changes_nothing(draft, width, blocks, blank_lines):
    """Furniture blocks put between any two lines, inside paragraphs too, are dropped."""
    lines = printed(draft, width)
    text = "\n".join(lines)
    for position, block in sorted(blocks, reverse=True):
        at = 1 + position % len(lines)  # after the opening line, before any later line
        lines[at:at] = ["", *block, ""] if blank_lines else block
    assert_same_resolution(text, "\n".join(lines))


def test_bare_job_number_is_furniture():
    lines = printed(Draft(list(POOL["preamble"][:2]), list(POOL["operative"][:3])), 45)
    text = "\n".join(lines)
    lines[len(lines) // 2 : len(lines) // 2] = ["", "18-01971", ""]
    assert_same_resolution(text, "\n".join(lines))


FOOTNOTE_BODIES = sorted(
    {note.text for path in sorted(FIXTURES.glob("A_RES_80_*.md")) for note in parse(path).footnotes}
)
MARKER_STYLES = ["superscript", "bracket-in-place", "bracket-at-end"]


def with_footnotes(draft: Draft, width: int, cited: dict[int, str], style: str) -> str:
    """``draft`` printed with footnotes cited at the end of some paragraphs, in one style.

    ``cited`` maps a paragraph's index to its footnote body; footnotes are numbered in
    document order. superscript: "...matter.¹", the body "¹ ..." on the line after the
    paragraph, where a page bottom puts it; bracket-in-place: "[^1]", with "[^1]: ..."
    after the paragraph; bracket-at-end: "[^1]", with the definitions after the last one.
    """
    numbers = {index: n for n, index in enumerate(sorted(cited), start=1)}
    numbered = [f"{i}. {text}" for i, text in enumerate(draft.operative, start=1)]
    lines, at_end = ["The Security Council,"], []
    for index, text in enumerate([*draft.preamble, *numbered]):
        note = None
        if index in numbers:
            superscript = style == "superscript"
            marker = to_superscript(str(numbers[index])) if superscript else f"[^{numbers[index]}]"
            text += marker
            note = f"{marker} {cited[index]}" if superscript else f"{marker}: {cited[index]}"
        lines.extend(textwrap.wrap(text, width) if width else [text])
        if note is not None:
            (at_end if style == "bracket-at-end" else lines).extend(["", note, ""])
    return "\n".join(lines + at_end)


# Paragraphs without footnote markers of their own (41/3 has superscripts) and without a
# plain number of one to three digits: the parser reads such digits as markers when they
# continue the footnote sequence (the GA texts print markers so, fixtures/README.md), so
# next to footnotes they are not neutral text.
_MARKER_LIKE = re.compile(rf"(?<!\d)\d{{1,3}}(?!\d)|[{SUPERSCRIPT_DIGITS}]|\[\^")
PLAIN = {
    section: [text for text in texts if not _MARKER_LIKE.search(text)]
    for section, texts in POOL.items()
}


def plain_drafts() -> st.SearchStrategy:
    return drafts_of(PLAIN, 6, 8)


@SETTINGS
@given(
    plain_drafts(),
    st.sampled_from([0, 45, 70]),
    st.data(),
    st.sampled_from(MARKER_STYLES),
    st.sampled_from(MARKER_STYLES),
)
def test_footnote_marker_style_changes_nothing(draft, width, data, style, other):
    """Superscript markers with bodies at the page bottom, or [^n] markers with definitions
    in place or at the end: the same footnotes attach to the same paragraphs."""
    count = len(draft.preamble) + len(draft.operative)
    indices = data.draw(st.lists(st.integers(0, count - 1), max_size=4, unique=True))
    cited = {i: data.draw(st.sampled_from(FOOTNOTE_BODIES)) for i in indices}
    text = with_footnotes(draft, width, cited, style)
    assert_same_resolution(text, with_footnotes(draft, width, cited, other))
    first = parse_text(text)
    assert [n.marker for p in first.paragraphs for n in p.footnotes] == [
        str(n) for n in range(1, len(cited) + 1)
    ]
    assert [n.text for p in first.paragraphs for n in p.footnotes] == [
        cited[i] for i in sorted(cited)
    ]
