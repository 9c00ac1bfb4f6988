"""Real amendments applied to the real drafts they amend.

What each amended paragraph must say was read from the draft and the
amendment side by side (fixtures/ga), not from resdiff's output.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from resdiff import parse
from resdiff.amend import apply_amendments, read_amendment
from resdiff.amend.model import Application
from resdiff.model import Document, Paragraph

GA = Path(__file__).parents[2] / "fixtures" / "ga"


def amend(draft: str, *amendments: str) -> Application:
    return apply_amendments(
        parse(GA / f"{draft}.txt"), [read_amendment(GA / f"{a}.txt") for a in amendments]
    )


def op(document: Document, number: int) -> Paragraph:
    (found,) = [p for p in document.operative if p.number == str(number)]
    return found


def pp(document: Document, number: int) -> Paragraph:
    return document.preamble[number - 1]


@pytest.fixture(scope="module")
def l25() -> Application:
    return amend("A_80_L.25", "A_80_L.30", "A_80_L.31", "A_80_L.32", "A_80_L.33", "A_80_L.36")


def test_every_instruction_to_a_80_l_25_applies(l25: Application) -> None:
    assert [(str(r.ref), r.status) for r in l25.results] == [
        *((f"A/80/L.30 #{n}", "applied") for n in range(1, 12)),
        ("A/80/L.31 #1", "applied"),
        ("A/80/L.32 #1", "applied"),
        ("A/80/L.33 #1", "applied"),
        ("A/80/L.36 #1", "applied"),
    ]
    assert l25.all_applied


def test_deletions_from_a_80_l_25(l25: Application) -> None:
    draft, amended = l25.draft, l25.amended
    # 47 preambular paragraphs less PP16, PP20, PP23; 95 operative less OP22, plus two
    assert (len(draft.preamble), len(amended.preamble)) == (47, 44)
    assert (len(draft.operative), len(amended.operative)) == (95, 96)
    assert "and expressing deep concern" not in pp(amended, 4).text
    assert "Expressing grave concern at the increasing" in pp(amended, 4).text
    removed = {c.old_label for c in l25.comparison.changes if c.kind == "removed"}
    assert removed == {"PP16", "PP20", "PP23", "OP22"}


def test_renumbering_follows_the_draft_as_tabled(l25: Application) -> None:
    amended = l25.amended
    # OP22 deleted: draft OP23 is amended OP22; L.33's paragraph comes after draft OP70
    # (amended OP69) and L.36's after draft OP89 (amended OP88 + 1 inserted = OP89)
    assert op(amended, 22).text.startswith(op(l25.draft, 23).text[:60])
    assert op(amended, 70).text.startswith("Stresses that there is no international right")
    assert op(amended, 90).text.startswith("Calls upon Member States to refrain from promulgating")
    assert op(amended, 89).text == op(l25.draft, 89).text
    renumbered = l25.comparison.renumbered
    assert (renumbered["23"], renumbered["70"], renumbered["90"]) == ("22", "69", "91")
    assert "71" not in renumbered  # one deleted before it, one inserted before it


def test_words_inserted_and_replaced_in_a_80_l_25(l25: Application) -> None:
    amended = l25.amended
    assert (
        "including sexual and reproductive health in accordance with the Programme of Action of "
        "the International Conference on Population and Development and its review outcomes as "
        "adopted by the General Assembly, education and protection" in op(amended, 67).text
    )
    assert "reliable and safe access to emergency healthcare services" in op(amended, 68).text


def test_each_change_names_the_instruction_that_made_it(l25: Application) -> None:
    made = {
        (c.old_label, c.new_label, c.kind): [str(r) for r in refs]
        for c, refs in zip(l25.comparison.changes, l25.made_by, strict=True)
        if c.kind != "unchanged"
    }
    assert made[("PP16", "", "removed")] == ["A/80/L.30 #3"]
    assert made[("OP22", "", "removed")] == ["A/80/L.30 #8"]
    assert made[("", "OP70", "added")] == ["A/80/L.33 #1"]
    assert made[("OP69", "OP68", "reworded")] == ["A/80/L.32 #1"]
    assert all(refs for refs in made.values())
    unchanged = [
        r for c, r in zip(l25.comparison.changes, l25.made_by, strict=True) if c.kind == "unchanged"
    ]
    assert all(r == [] for r in unchanged)


def test_a_80_l_28_later_instructions_see_the_draft_as_tabled() -> None:
    application = amend("A_80_L.3", "A_80_L.28")
    assert application.all_applied
    amended = application.amended
    assert amended.title == "Persistent legacy of the Chornobyl disaster"
    # instruction 2 quotes "Chornobyl nuclear power plant": the draft says Chernobyl, which
    # instruction 1 has just replaced
    assert "closure of the Chornobyl nuclear power plant of Ukraine," in pp(amended, 2).text
    assert pp(amended, 6).text.startswith("Stressing that the fortieth anniversary")
    assert op(amended, 1).text.startswith("Welcomes of the report")  # the words as instructed
    assert op(amended, 5).text.startswith("Expresses grave alarm at the damage")
    assert op(amended, 6).text.startswith("Stresses the importance of continued support")
    assert op(amended, 10).text.startswith("Decides to rename International Chernobyl Disaster")
    assert (
        "Remembrance Day, including by paying particular attention to the significance of "
        "marking this day in 2026, and notes that" in op(amended, 11).text
    )
    # instruction 8 covers instruction 1's edit in draft OP10 (amended OP13)
    assert "minimize the consequences of the Chornobyl disaster”" in op(amended, 13).text
    assert "Chernobyl" not in " ".join(p.text for p in amended.paragraphs if p.number != "10")


def test_a_80_l_35_to_a_80_l_27() -> None:
    application = amend("A_80_L.27", "A_80_L.35")
    assert application.all_applied
    amended = application.amended
    assert "Chornobyl" not in (amended.title or "") + " ".join(p.text for p in amended.paragraphs)
    assert op(amended, 1).text.startswith("Takes note of the report of the Secretary-General")
    assert len(amended.operative) == 10  # 14 less OP5, OP6, OP10, OP13
    assert "nuclear power plant, and taking note" in pp(amended, 2).text


def test_a_c3_l56_inserts_after_op3() -> None:
    application = amend("A_C.3_80_L.2", "A_C.3_80_L.56")
    assert application.all_applied
    assert op(application.amended, 4).text.startswith(
        "Notes with alarm that the Russian Federation"
    )
    assert op(application.amended, 5).text == op(application.draft, 4).text


def test_a_80_l_40_applies_to_the_third_committee_draft() -> None:
    application = amend("A_C.3_80_L.44", "A_80_L.40")
    assert application.all_applied
    text = pp(application.amended, 11).text
    assert "socioeconomic status, ethnicity and national or social origin," in text


def test_amendments_for_drafts_not_in_the_fixtures_find_nothing_to_guess() -> None:
    # A/C.3/80/L.57 amends A/C.3/80/L.3/Rev.1, which has no operative paragraph 64 like this
    application = amend("A_C.3_80_L.2", "A_C.3_80_L.57")
    assert [r.status for r in application.results] == ["target not found", "target not found"]
    assert all(c.kind == "unchanged" for c in application.comparison.changes)
    assert all(refs == [] for refs in application.made_by)
