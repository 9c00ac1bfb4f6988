"""Property-based tests of the comparison, on documents built from real paragraphs.

Documents are samples of real preambular and operative paragraphs from the
fixtures (41/3 and the Security Council drafts); the second version applies
random edits of the kinds drafters make: delete a paragraph, insert another
real one, swap two, reword a few words, change a year. The last property
checks the parser on the same samples printed as wrapped text.
"""

from __future__ import annotations

import os
import re
import textwrap
from dataclasses import dataclass

from conftest import FIXTURES, HRC, SC_FILES, assert_partition
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from resdiff.compare import compare
from resdiff.model import Document, Paragraph
from resdiff.normalize import normalise
from resdiff.parse import parse

# RESDIFF_HYPOTHESIS_EXAMPLES=2000 explores further than the fast default.
SETTINGS = settings(
    max_examples=int(os.environ.get("RESDIFF_HYPOTHESIS_EXAMPLES", "50")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def _pool() -> dict[str, list[str]]:
    pool: dict[str, list[str]] = {"preamble": [], "operative": []}
    seen: set[str] = set()
    for path in [HRC, *(FIXTURES / name for name in SC_FILES)]:
        for p in parse(path).paragraphs:
            text = p.full_text()
            key = normalise(text)
            if re.search(r"(?:^|\s)\d{1,3}\.\s+[A-Z]", text):
                continue  # an inner "1. ... 2. ..." list: ambiguous once printed and wrapped
            if p.section in pool and key and key not in seen:
                seen.add(key)
                pool[p.section].append(text)
    return pool


POOL = _pool()
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


@st.composite
def drafts(draw) -> Draft:
    preamble = draw(
        st.lists(st.sampled_from(POOL["preamble"]), min_size=1, max_size=8, unique=True)
    )
    operative = draw(
        st.lists(st.sampled_from(POOL["operative"]), min_size=1, max_size=12, unique=True)
    )
    return Draft(preamble, operative)


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
def test_comparison_is_deterministic(pair):
    old, new = pair
    assert compare(old, new).to_dict() == compare(old, new).to_dict()


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


@SETTINGS
@given(drafts(), st.sampled_from([0, 45, 70]))
def test_printed_draft_parses_back(draft, width):
    """A sample printed as a Security Council text (wrapped at ``width``, 0: one line per
    paragraph) parses back into the same sections and words."""
    lines = ["The Security Council,"]
    numbered = [f"{i}. {text}" for i, text in enumerate(draft.operative, start=1)]
    for text in [*draft.preamble, *numbered]:
        lines.extend(textwrap.wrap(text, width) if width else [text])
    document = parse("\n".join(lines))
    assert [(p.section, normalise(p.full_text())) for p in document.paragraphs] == [
        (p.section, normalise(p.full_text())) for p in draft.document().paragraphs
    ]
    assert [p.number for p in document.operative] == [
        str(i) for i in range(1, len(draft.operative) + 1)
    ]
