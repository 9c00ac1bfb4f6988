"""Language strength: opening phrases on ordinal scales (``resdiff.analysis.force``).

Expected phrases and directions come from reading the fixtures: the derived
41/3 variant changes "Urges" to "Encourages" (OP23) and "Expresses its
concern" to "Expresses its deep concern" (OP8); the Security Council series
pairs were read side by side.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from resdiff.analysis import DATA_DIR
from resdiff.analysis.force import force_change, opening, scale
from resdiff.compare import compare
from resdiff.normalize import token_key
from resdiff.parse import OPERATIVE_VERBS, PREAMBLE_OPENERS
from resdiff.renderers import render

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
HRC = FIXTURES / "A_HRC_RES_41_3.txt"
DERIVED_HRC = FIXTURES / "derived" / "A_HRC_RES_41_3.derived-reworded.txt"


SERIES = [tuple(pair) for pair in json.loads((FIXTURES / "series.json").read_text())]


def sc(name: str) -> Path:
    return FIXTURES / f"{name}.txt"


@pytest.fixture(scope="module")
def derived():
    return compare(HRC, DERIVED_HRC)


def forces(comparison) -> dict[tuple[str, str], tuple[str, str, str]]:
    return {
        (c.old_label, c.new_label): (c.force.old, c.force.new, c.force.direction)
        for c in comparison.changes
        if c.force is not None
    }


# --------------------------------------------------------------------------- real texts


def test_derived_41_3_urges_to_encourages_is_weakened_and_deep_concern_strengthened(derived):
    assert forces(derived) == {
        ("OP8", "OP8"): ("Expresses its concern", "Expresses its deep concern", "strengthened"),
        ("OP23", "OP24"): ("Urges", "Encourages", "weakened"),
    }


def test_technical_rewordings_carry_no_force(derived):
    op34 = next(c for c in derived.changes if c.old_label == "OP34")
    assert op34.technical and op34.force is None


@pytest.mark.parametrize(
    ("old", "new", "pair", "expected"),
    [
        # "Further welcoming also the midterm update" -> "Taking note of the midterm report"
        (
            "S_2017_77",
            "S_2019_90",
            ("PP12", "PP4"),
            ("Further welcoming", "Taking note", "weakened"),
        ),
        # Second Committee draft -> adopted text (hand-judged pairs in fixtures/gold/pairs/)
        (
            "ga/A_C.2_80_L.10",
            "ga/A_RES_80_120",
            ("PP6", "PP6"),
            ("Welcoming", "Noting", "weakened"),
        ),
        ("ga/A_C.2_80_L.30", "ga/A_RES_80_152", ("OP1", "OP1"), ("Urges", "Invites", "weakened")),
        # 79th -> 80th session: "Affirms" -> "Reaffirms"
        ("ga/A_RES_79_239", "ga/A_RES_80_58", ("OP1", "OP1"), ("Affirms", "Reaffirms", "changed")),
    ],
)
def test_series_pairs(old, new, pair, expected):
    assert forces(compare(sc(old), sc(new)))[pair] == expected


def test_series_pair_with_the_same_openings_reports_none():
    # S/2017/444 -> S/2019/441: every paragraph keeps its opening ("Decides", "Recalling" ...)
    assert forces(compare(sc("S_2017_444"), sc("S_2019_441"))) == {}


def test_every_paragraph_of_the_fixtures_has_a_listed_opening():
    from resdiff.parse import parse

    files = [HRC, *(sc(a) for pair in SERIES for a in pair)]
    files += [FIXTURES / f"A_RES_80_{n}.md" for n in (31, 34, 40, 54)]
    missing = [
        (path.name, p.label, p.text[:40])
        for path in files
        for p in parse(path).paragraphs
        if p.section != "annex" and opening(p.text) is None
    ]
    assert missing == []


# --------------------------------------------------------------------------- the scale


@pytest.mark.parametrize(
    ("old", "new", "direction"),
    [
        ("Invites States", "Encourages States", "strengthened"),
        ("Encourages States", "Strongly encourages States", "strengthened"),
        ("Strongly encourages States", "Urges States", "strengthened"),
        ("Urges States", "Calls upon States", "weakened"),
        ("Calls upon States", "Demands that States", "strengthened"),
        ("Concerned by", "Deeply concerned by", "strengthened"),
        ("Deeply concerned by", "Gravely concerned by", "strengthened"),
        ("Gravely concerned by", "Alarmed by", "strengthened"),
        ("Deplores the attacks", "Condemns the attacks", "strengthened"),
        (
            "Strongly condemns the attacks",
            "Condemns in the strongest terms the attacks",
            "strengthened",
        ),
        ("Welcomes the report", "Takes note of the report", "weakened"),
        ("Takes note of the report", "Takes note with appreciation of the report", "strengthened"),
        ("Welcomes the report", "Endorses the report", "strengthened"),
        ("Recalling its resolution", "Reaffirming its resolution", "strengthened"),
        ("Expresses its intention to review", "Decides to review", "strengthened"),
        ("Stresses the need", "Emphasizes the need", "changed"),
        ("Welcomes the report", "Expresses concern at the report", "changed"),
        ("Deeply concerned", "Seriously concerned", "changed"),
    ],
)
def test_direction(old, new, direction):
    assert force_change(old, new).direction == direction


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("Recalling its resolution", "Recalling also its resolution"),
        ("Recalling further its resolution", "Recalling again its resolution"),
        ("Expresses concern at", "Expresses its concern at"),
        ("Calls upon all States", "Calls once again upon all States"),
        ("*Urges* States", "Urges States"),
        ("Urges States", "The Council urges States"),  # not an opening phrase
    ],
)
def test_sequence_words_possessives_and_unknown_openings_report_nothing(old, new):
    assert force_change(old, new) is None


def test_opening_reads_modifiers_inside_the_phrase_and_after_it():
    found = opening("Notes with deep concern that the situation")
    assert (found.written, found.phrase, found.intensifiers) == (
        "Notes with deep concern",
        "notes with concern",
        ("deep",),
    )
    found = opening("Condemns in the strongest terms all attacks")
    assert (found.written, found.intensity) == ("Condemns in the strongest terms", 2)


def test_british_spellings_read_as_the_listed_ones():
    assert opening("Emphasises the primary responsibility").phrase == "emphasizes"
    assert opening("Recognising that").family == "emphasis"


def test_draft_marks_before_the_phrase_are_skipped():
    assert opening("[agreed ad ref] (EU) *Urges* States").written == "Urges"
    assert opening("*Expresses its [deep] concern* at").written == "Expresses its deep concern"


# --------------------------------------------------------------------------- the data file


def test_data_file_documents_its_sources_and_judgement():
    data = json.loads((DATA_DIR / "phrases.json").read_text(encoding="utf-8"))
    assert data["sources"] and all({"title", "url", "used_for"} <= set(s) for s in data["sources"])
    assert any("editorial judgement" in line for line in data["judgement"])
    names = [family["name"] for family in data["families"]]
    assert {"exhortation", "approval", "concern"} <= set(names)
    assert len(names) == len(set(names))


def test_no_phrase_is_listed_twice():
    data = json.loads((DATA_DIR / "phrases.json").read_text(encoding="utf-8"))
    phrases = [p for f in data["families"] for level in f["levels"] for p in level]
    assert len(phrases) == len(set(phrases))


def test_every_opening_word_the_parser_knows_starts_a_listed_phrase():
    table = scale()
    starts = {key[0] for key in table.phrases}
    modifiers = {key[0] for key in table.modifiers}
    words = {token_key(w) for w in PREAMBLE_OPENERS | OPERATIVE_VERBS}
    assert sorted(w for w in words if w not in starts and w not in modifiers) == []


def test_scale_is_read_once():
    assert scale() is scale()


# --------------------------------------------------------------------------- every format


def test_force_in_every_format(derived):
    text = render(derived, "text")
    assert "    weakened: Urges -> Encourages" in text
    assert "    strengthened: Expresses its concern -> Expresses its deep concern" in text
    markdown = render(derived, "markdown")
    assert "**weakened: Urges → Encourages**" in markdown
    page = render(derived, "html")
    assert '<span class="badge force weakened"><span class="dir">weakened</span>: Urges' in page
    data = json.loads(render(derived, "json"))
    op23 = next(c for c in data["changes"] if c["old"] and c["old"]["label"] == "OP23")
    assert op23["force"] == {
        "from": "Urges",
        "to": "Encourages",
        "direction": "weakened",
        "from_family": "exhortation",
        "to_family": "exhortation",
    }
    assert all(c["force"] is None for c in data["changes"] if c["kind"] != "reworded")
