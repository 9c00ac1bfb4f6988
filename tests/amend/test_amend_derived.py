"""Derived amendments (fixtures/derived/*.derived-*.txt): every operation kind, sub-items,
sentences, and the error cases. What each instruction must do was decided when the
files were written (fixtures/README.md lists them) and checked against the drafts."""

from __future__ import annotations

from pathlib import Path

import pytest

from resdiff import parse
from resdiff.amend import apply_amendments, read_amendment
from resdiff.amend.model import Application
from resdiff.model import Document, Paragraph

FIXTURES = Path(__file__).parents[2] / "fixtures"


def amend(draft: str, amendment: str) -> Application:
    return apply_amendments(
        parse(FIXTURES / "ga" / f"{draft}.txt"), [read_amendment(FIXTURES / "derived" / amendment)]
    )


def op(document: Document, number: int) -> Paragraph:
    (found,) = [p for p in document.operative if p.number == str(number)]
    return found


@pytest.fixture(scope="module")
def every() -> Application:
    return amend("A_80_L.25", "A_80_L.30.derived-every-operation.txt")


def test_statuses_of_every_instruction(every: Application) -> None:
    assert [r.status for r in every.results] == [
        *["applied"] * 11,
        "target not found",  # 12: quoted words absent
        "ambiguous",  # 13: "the importance of" twice in OP21
        "target not found",  # 14: operative paragraph 120
        "target not found",  # 15: sixtieth preambular paragraph
        "target not found",  # 16: OP22 deleted by instruction 5
        "not understood",  # 17
    ]
    details = {r.instruction.number: r.outcomes[0].detail for r in every.results if r.outcomes}
    assert "occurs 2 times in OP21" in details[13]
    assert "operative paragraphs 1-95" in details[14]
    assert "47 preambular paragraphs" in details[15]
    assert "deleted by A/80/L.30 #5" in details[16]


def test_nothing_is_applied_where_an_instruction_failed(every: Application) -> None:
    draft, amended = every.draft, every.amended
    assert op(amended, 23).text == op(draft, 24).text  # 12: OP24 unchanged
    assert "Reaffirms the importance of implementing" in op(amended, 21).text  # 13


def test_every_operation_kind(every: Application) -> None:
    draft, amended = every.draft, every.amended
    preamble = amended.preamble
    assert (
        preamble[0].text
        == "Guided by the purposes and principles of the Charter of the United Nations,"
    )
    assert preamble[1].text == draft.preamble[0].text  # inserted before the first
    assert "impact of climate change" not in preamble[4].text  # draft PP4, now PP5
    assert op(amended, 7).text == (
        "Welcomes the continued efforts by the Office for the Coordination of Humanitarian "
        "Affairs to build partnerships with regional organizations;"
    )
    assert (
        "the underlying disaster risk drivers, of considering the impact of climate change and "
        "also of integrating" in op(amended, 21).text
    )
    assert (
        "including sexual and reproductive health, as appropriate, education"
        in op(amended, 67).text
    )
    assert "safe access to emergency healthcare" in op(amended, 68).text
    assert op(amended, 70).text.startswith("Stresses that there is no international right")
    assert op(amended, 95).text.endswith(
        "Central Emergency Response Fund, within existing resources."
    )
    assert op(amended, 96).text == (
        "Decides to continue its consideration of the question at its eighty-first session."
    )
    assert len(amended.operative) == 96  # 95 - OP22 + two inserted
    assert (
        amended.title
        == "Strengthening of the coordination of humanitarian assistance of the United Nations"
    )


def test_subitems() -> None:
    application = amend("A_C.2_80_L.30", "A_C.2_80_L.30-amendment.derived-subitems.txt")
    assert [r.status for r in application.results] == [
        "applied",
        "applied",
        "applied",
        "ambiguous",  # "policymaking" in (b) and (c)
        "applied",
        "target not found",  # no (e)
    ]
    items = op(application.amended, 1).subitems
    assert [i.label for i in items] == ["(a)", "", "(b)", "(c)"]
    assert items[1].text == "Recognize and value unpaid care work;"
    assert items[2].text.startswith("Adopt a comprehensive and life-course approach")
    assert items[3].text.startswith("Collect sex-disaggregated data and gender statistics")


def test_sentences() -> None:
    application = amend("A_C.3_80_L.1", "A_C.3_80_L.1-amendment.derived-sentences.txt")
    assert [r.status for r in application.results] == [
        "applied",
        "applied",
        "applied",
        "target not found",  # OP12 has two sentences
    ]
    amended = application.amended
    assert op(amended, 4).text.endswith("prior to the start of the interactive dialogues.")
    assert op(amended, 8).text.startswith("Attention is drawn to an addendum to the present note")
    assert op(amended, 10).text.endswith("prior to the Committee-approved deadline.")
