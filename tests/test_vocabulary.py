"""One vocabulary of draft marks: the draft analysis and ``check`` know the same spellings.

Each spelling is written into operative paragraph 7 of resolution 41/3
(fixtures/A_HRC_RES_41_3.txt, "7. *Urges* all States ..."): the draft analysis
must read it as a status tag, and ``check`` must report it in the text marked
adopted.
"""

from __future__ import annotations

import pytest
from conftest import fixture_text, op_line

from resdiff.analysis.drafts import has_draft_marks, status
from resdiff.check import check_document
from resdiff.parse import parse

AD_REF_SPELLINGS = ["ad ref", "ad ref.", "ad-ref", "ad.ref", "AD REF", "AD-REF", "Ad Ref"]


def with_paragraph_7(old: str, new: str) -> str:
    lines = fixture_text("A_HRC_RES_41_3.txt").split("\n")
    index = op_line(lines, 7)
    assert lines[index].startswith(old)
    lines[index] = new + lines[index][len(old) :]
    return "\n".join(lines)


def residue(text: str) -> list[str]:
    findings = check_document(parse(text), text=text, adopted=True)
    return [f.message for f in findings if f.rule == "negotiation-residue"]


@pytest.mark.parametrize("spelling", AD_REF_SPELLINGS)
def test_every_ad_ref_spelling_is_a_status_tag_and_residue(spelling: str) -> None:
    tag = f"[agreed {spelling}]"
    assert status(f"{tag} Urges all States") == "agreed ad ref"
    assert status(f"Urges all States ({spelling})") == "agreed ad ref"
    text = with_paragraph_7("7. *Urges*", f"7. *Urges* ({spelling})")
    assert [m.split(" in an adopted text")[0] for m in residue(text)] == ["an AD REF mark"]


def test_capitals_alone_are_a_tag_and_lowercase_agreed_is_a_word() -> None:
    assert status("OP7 AGREED AD-REF") == "agreed ad ref"
    assert status("as agreed in 2019") is None
    assert not has_draft_marks("the internationally agreed development goals")


@pytest.mark.parametrize("suffix", ["bis", "ter", "quater", "quinquies"])
def test_every_label_suffix_is_residue_in_an_adopted_text(suffix: str) -> None:
    text = with_paragraph_7("7. *Urges*", f"7. OP7 {suffix} *Urges*")
    assert residue(text) == [f'a "bis"/"ter" label in an adopted text: "OP7 {suffix}"']
