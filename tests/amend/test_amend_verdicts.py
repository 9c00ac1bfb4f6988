"""Whether an adopted text reflects each instruction.

Real verdicts were read from the adopted resolutions: 80/111 keeps every word
A/80/L.35 would have changed (the amendment was not adopted); 80/192 has
A/C.3/80/L.56's paragraph as its operative paragraph 4; 80/197 no longer has
"sexual orientation and gender identity," in its eleventh preambular
paragraph (A/80/L.40). Derived adopted texts are the real ones with the
paragraph edits written out in each test.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from resdiff import parse
from resdiff.amend import apply_amendments, read_amendment, reflected
from resdiff.model import Document

GA = Path(__file__).parents[2] / "fixtures" / "ga"


def verdicts(draft: str | Document, adopted: str | Document, *amendments: str) -> list[str | None]:
    draft_doc = draft if isinstance(draft, Document) else parse(GA / f"{draft}.txt")
    adopted_doc = adopted if isinstance(adopted, Document) else parse(GA / f"{adopted}.txt")
    application = apply_amendments(draft_doc, [read_amendment(GA / f"{a}.txt") for a in amendments])
    return [v.verdict for v in reflected(application, adopted_doc)]


def test_a_80_l_35_was_not_adopted() -> None:
    assert verdicts("A_80_L.27", "A_RES_80_111", "A_80_L.35") == ["not reflected"] * 5


def test_a_c3_l56_is_in_80_192() -> None:
    assert verdicts("A_C.3_80_L.2", "A_RES_80_192", "A_C.3_80_L.56") == ["reflected"]


def test_a_80_l_40_is_in_80_197() -> None:
    assert verdicts("A_C.3_80_L.44", "A_RES_80_197", "A_80_L.40") == ["reflected"]


def without(document: Document, *labels: str) -> Document:
    return replace(document, paragraphs=[p for p in document.paragraphs if p.label not in labels])


def edited(document: Document, label: str, old: str, new: str) -> Document:
    paragraphs = []
    for paragraph in document.paragraphs:
        if paragraph.label == label:
            assert old in paragraph.text, (label, old)
            paragraph = replace(paragraph, text=paragraph.text.replace(old, new))
        paragraphs.append(paragraph)
    return replace(document, paragraphs=paragraphs)


def test_some_deletions_adopted_make_an_instruction_partly_reflected() -> None:
    # 80/111 without OP5 and OP6 (two of the four paragraphs L.35 #4 deletes)
    adopted = without(parse(GA / "A_RES_80_111.txt"), "OP5", "OP6")
    found = verdicts("A_80_L.27", adopted, "A_80_L.35")
    assert found[3] == "partly"
    assert found[1] == "not reflected"


def test_verdicts_on_a_derived_adoption_of_a_80_l_25() -> None:
    draft = parse(GA / "A_80_L.25.txt")
    adopted = edited(
        draft, "PP4", "and expressing deep concern about the impact of climate change,", ""
    )
    adopted = without(adopted, "PP16")
    adopted = edited(adopted, "OP69", "sexual and reproductive healthcare", "emergency healthcare")
    l33 = read_amendment(GA / "A_80_L.33.txt").instructions[0].operations[0].new[0]
    half = l33.split(" and should provide")[0] + ";"  # L.33's paragraph, cut short
    inserted = replace(draft.operative[0], label="OP70bis", number=None, text=half)
    paragraphs = list(adopted.paragraphs)
    paragraphs.insert(paragraphs.index(next(p for p in paragraphs if p.label == "OP71")), inserted)
    adopted = replace(adopted, paragraphs=paragraphs)
    found = verdicts(draft, adopted, "A_80_L.30", "A_80_L.32", "A_80_L.33", "A_80_L.36")
    assert found[0] == "reflected"  # PP4 words deleted
    assert found[1] == "not reflected"  # PP15 words kept
    assert found[2] == "reflected"  # PP16 deleted
    assert found[3] == "not reflected"  # PP20 kept
    assert found[7] == "not reflected"  # OP22 kept
    assert found[11] == "reflected"  # L.32: "emergency healthcare"
    assert found[12] == "partly"  # L.33: its paragraph, cut short
    assert found[13] == "not reflected"  # L.36: not there
