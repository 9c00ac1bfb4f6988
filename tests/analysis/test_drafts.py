"""Negotiation drafts: labels, brackets, status tags, attributed proposals, struck text.

The two rounds in fixtures/derived/ are derived from resolution 41/3 (see
fixtures/README.md); the expected results below were established by reading
the two files side by side.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from resdiff.analysis import might_be_draft
from resdiff.analysis.drafts import (
    bracket_changes,
    brackets,
    is_draft,
    plain_text,
    proposal_fates,
    proposals,
    status,
)
from resdiff.compare import compare
from resdiff.parse import parse, parse_text
from resdiff.renderers import render

DERIVED = Path(__file__).resolve().parents[2] / "fixtures" / "derived"
ROUND1 = DERIVED / "A_HRC_RES_41_3.derived-draft-round1.md"
ROUND2 = DERIVED / "A_HRC_RES_41_3.derived-draft-round2.md"
HRC = DERIVED.parent / "A_HRC_RES_41_3.txt"


@pytest.fixture(scope="module")
def rounds():
    return compare(ROUND1, ROUND2)


def by_new_label(comparison, label):
    return next(c for c in comparison.changes if c.new and c.new[0].label == label)


# --------------------------------------------------------------------------- parsing labels


def test_draft_labels_become_paragraph_labels():
    document = parse(ROUND1)
    assert [p.label for p in document.paragraphs] == [
        *(f"PP{n}" for n in range(1, 6)),
        "OP1",
        "OP2",
        "OP3",
        "OP3alt",
        "OP4",
        "OP5new",
        *(f"OP{n}" for n in range(6, 11)),
    ]
    op5 = next(p for p in document.paragraphs if p.label == "OP5new")
    assert op5.draft_label == "OP 5 (new)" and op5.number is None
    assert op5.text.startswith("Proposed by Norway: *Requests* the Office")
    op3alt = next(p for p in document.paragraphs if p.label == "OP3alt")
    assert (op3alt.draft_label, op3alt.section) == ("OP3 alt", "operative")
    assert document.paragraphs[0].draft_label == "PP1"
    assert document.paragraphs[0].text.startswith("[agreed ad ref] Reaffirming its commitment")


@pytest.mark.parametrize(
    ("line", "label", "printed", "number"),
    [
        ("OP3 bis Urges States;", "OP3bis", "OP3 bis", None),
        ("OP3bis. Urges States;", "OP3bis", "OP3bis", None),
        ("**OP4** Urges States;", "OP4", "OP4", "4"),
        ("OP 5 (new) Urges States;", "OP5new", "OP 5 (new)", None),
        ("OP6 alt 2: Urges States;", "OP6alt2", "OP6 alt 2", None),
        ("PP2 ter Recalling its resolution,", "PP2ter", "PP2 ter", None),
    ],
)
def test_label_forms(line, label, printed, number):
    document = parse_text(f"The Human Rights Council,\n\nPP1 Recalling its resolution,\n\n{line}\n")
    paragraph = document.paragraphs[-1]
    assert (paragraph.label, paragraph.draft_label, paragraph.number) == (label, printed, number)
    assert paragraph.text.split()[0] in {"Urges", "Recalling"}


def test_wrapped_lines_and_status_lines_stay_with_their_paragraph():
    text = (
        "The Human Rights Council,\n\nPP1 Recalling its resolution\n70/1 of 25 September 2015,\n"
        "AGREED\n\nOP1 Urges States:\n(a) to act;\n(b) to report;\n"
    )
    document = parse_text(text)
    assert [p.label for p in document.paragraphs] == ["PP1", "OP1"]
    assert (
        document.paragraphs[0].text == "Recalling its resolution 70/1 of 25 September 2015, AGREED"
    )
    assert [s.label for s in document.paragraphs[1].subitems] == ["(a)", "(b)"]


def test_draft_label_in_paragraph_json():
    data = parse(ROUND1).to_dict()
    assert data["paragraphs"][10]["draft_label"] == "OP 5 (new)"
    assert "draft_label" not in parse(HRC).to_dict()["paragraphs"][0]


# --------------------------------------------------------------------------- one text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[agreed ad ref] Urges States", "agreed ad ref"),
        ("Urges States (AD REF)", "agreed ad ref"),
        ("AGREED Urges States", "agreed"),
        ("Urges States [Agreed]", "agreed"),
        ("[deleted] ~~Urges States~~", "deleted"),
        ("Urges States, as agreed in 2019,", None),
        ("Welcomes the agreed conclusions", None),
    ],
)
def test_status_tags(text, expected):
    assert status(text) == expected


def test_nested_brackets_and_what_they_hold():
    found = brackets("Urges [States [and others]] to act [agreed] [^1] [EU]")
    assert [(b.inner, b.depth) for b in found] == [("States [and others]", 0), ("and others", 1)]
    assert [b.inner for b in brackets("Urges [States to act")] == ["States to act"]


def test_attributed_proposals_in_their_forms():
    text = (
        "(G77) Urges [all][EU: *every*] States [to act] (Switzerland) ~~now~~ (USA) "
        "and ~~here~~ [Norway: ~~soon~~ later] [Mexico and Chile: delete]"
    )
    found = [(p.by, p.text, p.kind) for p in proposals(text)]
    assert found[0][0] == "G77" and found[0][2] == "insert"  # the whole paragraph
    assert found[1:] == [
        ("EU", "every", "insert"),
        ("Switzerland", "to act", "insert"),
        ("Norway", "later", "insert"),
        ("Norway", "soon", "delete"),
        ("Mexico and Chile", found[5][1], "delete"),
        ("USA", "now", "delete"),
        (None, "here", "delete"),
    ]


def test_years_and_letters_in_parentheses_are_not_attributions():
    assert proposals("Recalling resolution 2206 (2015) [and (a)] of 2019") == []


def test_plain_text_keeps_the_words_without_the_marks():
    text = "[agreed] Proposed by Norway: [Urges][EU: Encourages] States ~~now~~ (G77) to act"
    assert plain_text(text) == "Urges Encourages States now to act"
    assert plain_text(text, struck=False) == "Urges Encourages States to act"


def test_plain_resolutions_are_not_drafts():
    resolution = parse(HRC)
    assert not might_be_draft(resolution) and not is_draft(resolution)
    assert is_draft(parse(ROUND1))


# --------------------------------------------------------------------------- two texts


def test_bracket_removed_keeping_or_losing_its_text():
    changes = bracket_changes(
        "at its [forty-fourth][forty-seventh] session", "at its forty-seventh session"
    )
    assert [(b.edit, b.text, b.kept) for b in changes] == [
        ("removed", "forty-fourth", False),
        ("removed", "forty-seventh", True),
    ]
    changes = bracket_changes("Urges States to act", "Urges [all] States to [act]")
    assert [(b.edit, b.text, b.kept) for b in changes] == [
        ("added", "all", False),
        ("added", "act", True),
    ]


def test_proposal_outcomes():
    assert [
        f.outcome for f in proposal_fates("[Urges][EU: Encourages] States", "Urges States")
    ] == ["dropped"]
    kept = proposal_fates("[Urges][EU: Encourages] States", "[Urges][EU: Encourages] all States")
    assert [f.outcome for f in kept] == ["open"]
    gone = proposal_fates("[EU: Encourages] States", None)
    assert [f.outcome for f in gone] == ["dropped"]


def test_rounds_paragraph_by_paragraph(rounds):
    assert rounds.summary()["reworded"] == 12 and rounds.summary()["removed"] == 1
    assert [c.old_label for c in rounds.changes if c.kind == "unchanged"] == ["PP3", "PP4", "OP1"]

    pp1 = by_new_label(rounds, "PP1").draft
    assert (pp1.old_status, pp1.new_status, pp1.became_agreed) == ("agreed ad ref", "agreed", True)
    assert [(b.edit, b.kept) for b in pp1.brackets] == [("removed", True)]
    assert pp1.brackets[0].text.startswith("and relevant provisions of the Vienna Declaration")

    pp2 = by_new_label(rounds, "PP2").draft
    assert (pp2.new_status, pp2.became_agreed) == ("agreed ad ref", True)
    assert [(p.by, p.outcome) for p in pp2.proposals] == [("EU", "taken_in")]


def test_whole_paragraph_proposals(rounds):
    pp5 = by_new_label(rounds, "PP5").draft.proposals
    assert [(p.by, p.outcome) for p in pp5] == [("G77", "reworded")]
    assert pp5[0].now.endswith("Technical Cooperation among Developing Countries,")
    op5 = by_new_label(rounds, "OP5").draft.proposals
    assert [(p.by, p.outcome) for p in op5] == [("Norway", "taken_in")]
    alt = next(c for c in rounds.changes if c.kind == "removed")
    assert alt.old_label == "OP3alt"
    assert [(p.by, p.kind, p.outcome) for p in alt.draft.proposals] == [("EU", "insert", "dropped")]


def test_alternatives_and_deletions(rounds):
    op2 = by_new_label(rounds, "OP2")
    assert [(b.text, b.kept) for b in op2.draft.brackets] == [
        ("Urges", False),
        ("EU: Encourages", True),
    ]
    assert [(p.by, p.text, p.outcome) for p in op2.draft.proposals] == [
        ("EU", "Encourages", "taken_in")
    ]
    assert op2.force.direction == "weakened"
    op3 = by_new_label(rounds, "OP3").draft
    assert [(p.by, p.text, p.kind, p.outcome) for p in op3.proposals] == [
        ("EU", "unilateralism and", "delete", "taken_in")
    ]
    assert [(b.text, b.kept) for b in op3.brackets] == [("deep", True)]
    op6 = by_new_label(rounds, "OP6").draft
    assert [(p.by, p.kind, p.outcome) for p in op6.proposals] == [("USA", "delete", "dropped")]
    assert op6.brackets == []  # "[USA: delete]" is a proposal, not bracketed text


def test_reworded_proposal_and_nested_brackets(rounds):
    op7 = by_new_label(rounds, "OP7").draft.proposals
    assert [(p.by, p.outcome) for p in op7] == [("Switzerland", "reworded")]
    assert (
        op7[0].now
        == "bearing in mind the need to promote a cooperative, constructive and inclusive approach"
    )
    op8 = by_new_label(rounds, "OP8").draft.brackets
    assert [(b.edit, b.kept) for b in op8] == [("removed", True), ("removed", False)]
    assert op8[1].text.startswith("proposing also possible ways")
    op9 = by_new_label(rounds, "OP9").draft
    assert (op9.old_status, op9.new_status, op9.became_agreed) == (None, "deleted", False)


def test_round_comparison_in_every_format(rounds):
    text = render(rounds, "text")
    assert "    · became agreed: agreed ad ref -> agreed" in text
    assert "    · EU proposal taken in: “Encourages”" in text
    assert "    · bracket removed with its text: [forty-fourth]" in text
    markdown = render(rounds, "markdown")
    assert "  - USA deletion dropped: “Urges States to continue to support the funds;”" in markdown
    page = render(rounds, "html")
    assert '<ul class="draft-notes" aria-label="Negotiation">' in page
    assert "<li>Switzerland proposal reworded: “" in page
    data = json.loads(render(rounds, "json"))
    op10 = next(c for c in data["changes"] if c["new"] and c["new"]["label"] == "OP10")
    assert op10["draft"] == {
        "status": {"from": None, "to": None},
        "agreed": False,
        "brackets": [
            {"edit": "removed", "text": "forty-fourth", "kept": False},
            {"edit": "removed", "text": "forty-seventh", "kept": True},
        ],
        "proposals": [],
    }


def test_plain_resolutions_carry_no_draft_facts():
    comparison = compare(HRC, DERIVED / "A_HRC_RES_41_3.derived-reworded.txt")
    assert all(c.draft is None for c in comparison.changes)


def test_derived_drafts_say_what_they_are():
    for path in (ROUND1, ROUND2):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("[Derived example of a negotiation draft made from Human Rights")
        assert "not a UN document" in first
