"""The redline contract, on generated texts: the equal and insert parts join to the displayed
new text, the equal and delete parts to the displayed old text.

The words are taken from the real paragraphs' difficulties: emphasis marks around
verbs (``*Requests*``), non-breaking and ordinary hyphens, curly and straight
quotes and apostrophes, footnote markers glued to words, extraction spacing
("post- conflict", "Secretary -General"), square brackets of drafts, case
changes and runs of spaces.
"""

from __future__ import annotations

import json
from itertools import pairwise

from conftest import DERIVED_HRC, HRC
from hypothesis import given, settings
from hypothesis import strategies as st

from resdiff.compare import compare
from resdiff.normalize import normalise
from resdiff.parse import parse
from resdiff.redline import display, fold, redline
from resdiff.renderers import render

WORDS = [
    "*Requests*",
    "Requests",
    "requests",
    "_Urges_",
    "the",
    "Secretary-General",
    "Secretary -General",
    "Secretary‑General",
    "non‑State",
    "non-State",
    "post-",
    "conflict",
    "“Transforming",
    '"Transforming',
    "world”",
    'world"',
    "States’",
    "States'",
    "2019,¹",
    "2019,",
    "session,²",
    "(a)",
    "[AGREED]",
    "[-ad",
    "ref]-",
    "{+x+}",
    ",",
    ";",
    ".",
    "…",
    "Member",
    "of",
    "A/RES/79/1",
]
SPACES = st.sampled_from([" ", " ", " ", "  ", "\u00a0", "\n"])


@st.composite
def texts(draw: st.DrawFn) -> str:
    """A paragraph-like text from ``WORDS`` with varied spacing."""
    words = draw(st.lists(st.sampled_from(WORDS), min_size=0, max_size=25))
    gaps = draw(st.lists(SPACES, min_size=len(words), max_size=len(words)))
    return "".join(gap + word for gap, word in zip(gaps, words, strict=True))


@st.composite
def edited(draw: st.DrawFn) -> tuple[str, str]:
    """An old text and a new one made from it by deleting, inserting and respelling words."""
    old = draw(texts())
    words = old.split(" ")
    for _ in range(draw(st.integers(0, 6))):
        position = draw(st.integers(0, len(words)))
        action = draw(st.sampled_from(["delete", "insert", "replace"]))
        if action == "delete" and position < len(words):
            del words[position]
        elif action == "insert":
            words.insert(position, draw(st.sampled_from(WORDS)))
        elif position < len(words):
            words[position] = draw(st.sampled_from(WORDS))
    return old, " ".join(words)


def joined(diff: list[tuple[str, str]], keep: str) -> str:
    return "".join(text for op, text in diff if op in ("equal", keep))


@settings(max_examples=200, deadline=None)
@given(edited())
def test_redline_joins_to_the_displayed_texts(pair: tuple[str, str]) -> None:
    old, new = pair
    diff = redline(old, new)
    assert joined(diff, "insert") == display(new)
    assert joined(diff, "delete") == display(old)


@settings(max_examples=200, deadline=None)
@given(texts(), texts())
def test_redline_of_unrelated_texts_joins_too(old: str, new: str) -> None:
    diff = redline(old, new)
    assert joined(diff, "insert") == display(new)
    assert joined(diff, "delete") == display(old)


@settings(max_examples=200, deadline=None)
@given(edited())
def test_folding_keeps_the_new_text_and_the_edits_of_wording(pair: tuple[str, str]) -> None:
    old, new = pair
    folded = fold(redline(old, new))
    assert joined(folded, "insert") == display(new)
    for (op, text), (next_op, next_text) in pairwise(folded):
        if op == "delete" and next_op == "insert" and text.strip():
            assert normalise(text) != normalise(next_text)  # a respelling alone is folded


def test_json_redlines_of_real_comparisons_join_to_their_texts() -> None:
    # 41/3 against its derived rewording, and a Security Council renewal whose texts use
    # curly quotes and non-breaking hyphens.
    for old, new in [
        (HRC, DERIVED_HRC),
        (HRC.parent / "S_2017_77.txt", HRC.parent / "S_2019_90.txt"),
    ]:
        data = json.loads(render(compare(parse(old), parse(new)), "json"))
        checked = 0
        for change in data["changes"]:
            if change["redline"]:
                assert joined(change["redline"], "insert") == change["new_text"]
                assert joined(change["redline"], "delete") == change["old_text"]
                checked += 1
        assert checked >= 4
