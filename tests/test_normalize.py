"""Normalisation: what counts as the same words, on phrases taken from the fixtures."""

from __future__ import annotations

import textwrap

import pytest
from conftest import FIXTURES, paragraph
from hypothesis import given, settings
from hypothesis import strategies as st

from resdiff.normalize import (
    from_superscript,
    is_marker,
    normalise,
    repair_spacing,
    strip_emphasis,
    strip_markers,
    to_superscript,
    token_key,
    tokens,
)
from resdiff.parse import parse

SAME = [
    # (printed, variant) pairs that must normalise alike
    ("*Expresses its concern* at", "Expresses its concern at"),
    ("__Reaffirms__ that", "Reaffirms that"),
    ("at its fifty-second session,¹", "at its fifty-second session,"),
    ("“Transforming our world”", '"Transforming our world"'),
    ("the Panel of Experts’ recommendations", "the Panel of Experts' recommendations"),
    ("non‑interference, good‑neighbourliness", "non-interference, good-neighbourliness"),
    ("Decides  to remain\tseized", "Decides to remain seized"),
    ("Secretary -General", "Secretary-General"),
    ("conflict -affected areas", "conflict-affected areas"),
    ("the nuclear- weapon States", "the nuclear-weapon States"),
    ("consecutive and compounded global crises ,", "consecutive and compounded global crises,"),
    ("non\u00a0governmental", "non governmental"),
    ("REAFFIRMS", "reaffirms"),
]

DIFFERENT = [
    ("Urges States", "Encourages States"),
    ("forty-fourth session", "forty-seventh session"),
    ("S/2017/1125", "S/2020/36"),
    ("decides to remain seized of the matter", "decides to remain seized of this matter"),
    ("paragraphs 5 and 12", "paragraphs 5 and 13"),
    ("of the matter.", "of the matter;"),
]


@pytest.mark.parametrize(("a", "b"), SAME)
def test_same_after_normalising(a, b):
    assert normalise(a) == normalise(b)


@pytest.mark.parametrize(("a", "b"), DIFFERENT)
def test_different_after_normalising(a, b):
    assert normalise(a) != normalise(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # S/2018/693 OP18 prints "in paragraphs 51–55" with an en dash.
        ("the Special Report in paragraphs 51–55;", "the Special Report in paragraphs 51-55;"),
        ("support capacity\u00adbuilding", "support capacitybuilding"),
    ],
    ids=["en-dash", "soft-hyphen"],
)
def test_dash_variants_inside_a_word(a, b):
    assert normalise(a) == normalise(b)


def test_conjunction_after_hyphen_keeps_its_space():
    # S/2017/77 PP10: "troop‑ and police‑contributing countries"
    assert repair_spacing("troop- and police-contributing") == "troop- and police-contributing"
    assert normalise("troop‑ and police‑contributing") != normalise("troop-and police-contributing")


def test_tokens_of_a_real_paragraph():
    doc = parse(FIXTURES / "A_HRC_RES_41_3.txt")
    op23 = paragraph(doc, "OP23").text  # "*Urges* States to continue to support the funds;"
    assert tokens(op23) == [
        "Urges",
        "States",
        "to",
        "continue",
        "to",
        "support",
        "the",
        "funds",
        ";",
    ]
    pp7 = paragraph(doc, "PP7").text
    assert tokens(pp7)[-3:] == ["fifty-second", "session", ","]
    assert "¹" not in "".join(tokens(pp7))


def test_wrapping_and_markers_do_not_change_the_key():
    doc = parse(FIXTURES / "A_HRC_RES_41_3.txt")
    for p in doc.paragraphs:
        wrapped = "\n".join(textwrap.wrap(p.text, 30, break_on_hyphens=False))
        assert normalise(wrapped) == normalise(p.text)
        assert normalise(strip_markers(p.text)) == normalise(p.text)


def test_markers_and_emphasis_helpers():
    assert to_superscript("12") == "¹²"
    assert from_superscript("¹²") == "12"
    assert is_marker("¹²") and not is_marker("12") and not is_marker("")
    assert strip_markers("session,¹ and [^2]") == "session, and "
    assert strip_emphasis("1. *Also reaffirms* that __States__") == "1. Also reaffirms that States"
    assert token_key("Non‑interference") == "non-interference"
    assert token_key("’") == "'"


def test_normalise_is_idempotent_on_fixture_paragraphs():
    for name in ("S_2017_77.txt", "A_RES_80_31.md"):
        for p in parse(FIXTURES / name).paragraphs:
            key = normalise(p.full_text())
            assert normalise(key) == key


def _reference_key(text: str) -> str:
    """The key as the module documents it, written the slow, obvious way: one regular
    expression and one translation table over the whole text."""
    import re
    import unicodedata

    from resdiff.normalize import _QUOTES, TOKEN_RE

    clean = strip_markers(repair_spacing(strip_emphasis(text)))
    clean = re.sub(r"(?<=\w)[–—‒―](?=\w)", "-", clean).translate(_QUOTES)
    return " ".join(TOKEN_RE.findall(unicodedata.normalize("NFKC", clean).casefold()))


_AWKWARD = "aZé9 _-‐‑'’“”«–—‒―\u00ad\u00a0\u202f.,;:*[]^¹²³ßﬁİ½①\t\n"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(_AWKWARD), max_size=40) | st.text(max_size=40))
def test_fast_key_equals_the_documented_key(text):
    assert normalise(text) == _reference_key(text)


def test_fast_key_equals_the_documented_key_on_every_fixture_paragraph():
    texts = [
        p.full_text()
        for path in sorted(FIXTURES.glob("*.txt"))
        for p in parse(path.read_text(encoding="utf-8")).paragraphs
    ]
    assert len(texts) > 400
    assert [normalise(t) for t in texts] == [_reference_key(t) for t in texts]
