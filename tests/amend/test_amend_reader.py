"""Amendment documents of the corpus read into instructions and operations.

Every expected value below was read from the documents in fixtures/ga
(the sponsors line, the amended draft, each numbered instruction), not taken
from resdiff's output.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from resdiff.amend import amendment_from_text, is_amendment, read_amendment
from resdiff.amend.grammar import read_instruction, read_targets
from resdiff.errors import InputError

GA = Path(__file__).parents[2] / "fixtures" / "ga"


def ops(symbol: str) -> list[list[tuple[object, ...]]]:
    """Per instruction, its operations as (kind, target label, old, new, anchor, position)."""
    amendment = read_amendment(GA / f"{symbol}.txt")
    return [
        [
            (o.kind, o.target.label(), o.old, o.new[0] if o.new else None, o.anchor, o.position)
            for o in instruction.operations
        ]
        for instruction in amendment.instructions
    ]


HEADERS = {
    "A_80_L.28": (["Ukraine"], "A/80/L.3", 8),
    "A_80_L.30": (["United States of America"], "A/80/L.25", 11),
    "A_80_L.31": (["United States of America"], "A/80/L.25", 1),
    "A_80_L.32": (["United States of America"], "A/80/L.25", 1),
    "A_80_L.33": (["United States of America"], "A/80/L.25", 1),
    "A_80_L.35": (["Belarus"], "A/80/L.27", 5),
    "A_80_L.36": (["Russian Federation"], "A/80/L.25", 1),
    "A_C.3_80_L.56": (
        [
            "Albania",
            "Australia",
            "Japan",
            "Liechtenstein",
            "Marshall Islands",
            "New Zealand",
            "Norway",
            "Ukraine",
        ],
        "A/C.3/80/L.2",
        1,
    ),
    "A_C.3_80_L.57": (["United States of America"], "A/C.3/80/L.3/Rev.1", 2),
    "A_C.3_80_L.61": (["Belarus", "Russian Federation"], "A/C.3/80/L.20/Rev.1", 2),
    "A_C.3_80_L.62": (["Belarus", "Russian Federation"], "A/C.3/80/L.20/Rev.1", 1),
}


@pytest.mark.parametrize("stem", sorted(HEADERS))
def test_header_sponsors_draft_and_count(stem: str) -> None:
    sponsors, amends, count = HEADERS[stem]
    amendment = read_amendment(GA / f"{stem}.txt")
    assert amendment.symbol == stem.replace("_", "/")
    assert amendment.sponsors == sponsors
    assert amendment.amends == amends
    assert len(amendment.instructions) == count
    assert [i.number for i in amendment.instructions] == list(range(1, count + 1))
    assert all(i.problem is None and i.operations for i in amendment.instructions)


@pytest.mark.parametrize(
    ("stem", "committee", "report", "sponsor_count"),
    [
        ("A_80_L.38", "Second Committee", "A/80/555", 28),
        ("A_80_L.39", "Second Committee", "A/80/555", 27),
        ("A_80_L.40", "Third Committee", "A/80/545", 53),
    ],
)
def test_drafts_named_by_a_committee_report(
    stem: str, committee: str, report: str, sponsor_count: int
) -> None:
    amendment = read_amendment(GA / f"{stem}.txt")
    assert amendment.amends is None  # the draft has no symbol of its own
    assert committee in amendment.amends_text and report in amendment.amends_text
    assert len(amendment.sponsors) == sponsor_count
    assert "Netherlands (Kingdom of the)" in amendment.sponsors or stem == "A_80_L.40"


def test_sponsor_lists_keep_names_with_brackets_and_accents() -> None:
    sponsors = read_amendment(GA / "A_80_L.40.txt").sponsors
    assert sponsors[:3] == ["Afghanistan", "Algeria", "Azerbaijan"]
    assert "Iran (Islamic Republic of)" in sponsors and "Côte d’Ivoire" in sponsors
    assert sponsors[-2:] == ["Yemen", "State of Palestine"]


def test_a_80_l_28_every_instruction() -> None:
    found = ops("A_80_L.28")
    everywhere = [(t, "Chernobyl", "Chornobyl") for t in ("title", "preamble", "operative part")]
    assert [(o[1], o[2], o[3]) for o in found[0]] == everywhere
    assert found[1] == [
        ("insert_words", "PP2", None, "of Ukraine", "Chornobyl nuclear power plant", "after")
    ]
    assert [(o[0], o[1], o[5]) for o in found[2]] == [("insert_paragraph", "PP5", "after")]
    assert found[2][0][3].startswith("Stressing that the fortieth anniversary")
    assert found[3] == [("replace_words", "OP1", "Takes note", "Welcomes", None, None)]
    amendment = read_amendment(GA / "A_80_L.28.txt")
    two = amendment.instructions[4].operations[0]
    assert (two.kind, two.target.label(), len(two.new)) == ("insert_paragraph", "OP4", 2)
    assert two.new[0].startswith("Expresses grave alarm at the damage")
    assert two.new[0].endswith("one of the world’s most dangerous nuclear disasters;")
    assert two.new[1].startswith("Stresses the importance of continued support")
    six = amendment.instructions[5].operations[0]
    assert six.target.label() == "OP7" and six.new[0].startswith("Decides to rename")
    assert found[6] == [
        (
            "insert_words",
            "OP8",
            None,
            ", including by paying particular attention to the significance of marking "
            "this day in 2026,",
            "International Chornobyl Disaster Remembrance Day",
            "after",
        )
    ]
    eight = amendment.instructions[7].operations[0]
    assert eight.kind == "replace_words" and eight.target.label() == "OP10"
    assert eight.old is not None and eight.old.endswith("consequences of the Chernobyl disaster")
    assert eight.new[0].endswith("consequences of the Chornobyl disaster")


def test_a_80_l_30_every_instruction() -> None:
    found = ops("A_80_L.30")
    expected = [
        ("delete_words", "PP4"),
        ("delete_words", "PP15"),
        ("delete_paragraph", "PP16"),
        ("delete_paragraph", "PP20"),
        ("delete_paragraph", "PP23"),
        ("delete_words", "PP41"),
        ("delete_words", "OP21"),
        ("delete_paragraph", "OP22"),
        ("delete_words", "OP24"),
        ("delete_words", "OP33"),
        ("delete_words", "OP39"),
    ]
    assert [(i[0][0], i[0][1]) for i in found] == expected
    assert found[0][0][2] == "and expressing deep concern about the impact of climate change,"
    assert found[5][0][2] == (
        "including in the face of the ongoing consequences and long-term effects of the "
        "coronavirus disease (COVID-19) pandemic, disasters caused by natural and human-made "
        "hazards, the adverse effects of climate change and armed conflicts,"
    )
    assert found[9][0][2] == "climate adaptation and mitigation,"  # "10. In ..." on one line


def test_single_instruction_amendments_to_a_80_l_25() -> None:
    assert ops("A_80_L.31") == [
        [
            (
                "insert_words",
                "OP68",
                None,
                # the amendment's own footnote marker "**" is not part of the words
                "in accordance with the Programme of Action of the International Conference "
                "on Population and Development and its review outcomes as adopted by the "
                "General Assembly,",
                "including sexual and reproductive health",
                "after",
            )
        ]
    ]
    assert ops("A_80_L.32") == [
        [("replace_words", "OP69", "sexual and reproductive", "emergency", None, None)]
    ]
    (inserted,) = ops("A_80_L.33")[0]
    assert inserted[:2] == ("insert_paragraph", "OP70")
    assert inserted[3].startswith("Stresses that there is no international right to an abortion")
    (inserted,) = ops("A_80_L.36")[0]
    assert inserted[:2] == ("insert_paragraph", "OP89")
    assert inserted[3].endswith(
        "delivery of humanitarian and development assistance on the ground;"
    )


def test_a_80_l_35_every_instruction() -> None:
    found = ops("A_80_L.35")
    assert [o[2:4] for o in found[0]] == [("Chornobyl", "Chernobyl")] * 3
    assert found[1] == [("delete_words", "PP2", "of Ukraine", None, None, None)]
    assert found[2] == [("replace_words", "OP1", "Welcomes", "Takes note of", None, None)]
    assert [o[:2] for o in found[3]] == [
        ("delete_paragraph", "OP5"),
        ("delete_paragraph", "OP6"),
        ("delete_paragraph", "OP10"),
        ("delete_paragraph", "OP13"),
    ]
    assert found[4][0][:2] == ("replace_words", "OP14")


def test_lists_of_paragraphs_to_delete() -> None:
    assert [o[:2] for o in ops("A_80_L.38")[0]] == [
        ("delete_paragraph", "PP21"),
        ("delete_paragraph", "OP35"),
        ("delete_paragraph", "OP38"),
        ("delete_paragraph", "OP39"),
    ]
    assert [o[1] for o in ops("A_80_L.39")[0]] == ["OP3", "OP43", "OP45"]
    assert ops("A_80_L.40") == [
        [("delete_words", "PP11", "sexual orientation and gender identity,", None, None, None)]
    ]


def test_third_committee_amendments() -> None:
    (inserted,) = ops("A_C.3_80_L.56")[0]
    assert inserted[:2] == ("insert_paragraph", "OP3")
    assert inserted[3].startswith("Notes with alarm that the Russian Federation")
    first, second = ops("A_C.3_80_L.57")
    assert first == [
        (
            "insert_words",
            "OP64",
            None,
            "and combating child pornography",
            "to strengthen their efforts in preventing",
            "after",
        )
    ]
    assert second[0][3].startswith(", and emphasizes that the new convention")
    replace, delete = ops("A_C.3_80_L.61")
    assert replace[0][:2] == ("replace_words", "PP14")
    assert replace[0][2].startswith("which notes that young children are holders")
    assert replace[0][3] == (
        "and taking note of the statement of the Committee on the Rights of the Child on "
        "article 5 of the Convention (2023)"
    )
    assert delete == [("delete_paragraph", "PP15", None, None, None, None)]
    (inserted,) = ops("A_C.3_80_L.62")[0]
    assert inserted[:2] == ("insert_paragraph", "PP14")
    assert inserted[3].startswith("Reaffirming that, in accordance with article 5")


def test_forms_beyond_the_corpus() -> None:
    cases = {
        "Replace operative paragraph 7 with the following: “Decides to act;”": (
            "replace_paragraph",
            "OP7",
        ),
        "Operative paragraph 7 should read: “Decides to act;”": ("replace_paragraph", "OP7"),
        "In operative paragraph 3 (b), after “States”, insert “and organizations”": (
            "insert_words",
            "OP3 (b)",
        ),
        "Delete subparagraph (c) of operative paragraph 2.": ("delete_paragraph", "OP2 (c)"),
        "Delete the last sentence of operative paragraph 5.": (
            "delete_words",
            "OP5, last sentence",
        ),
        "In operative paragraph 4, insert “urgently” before “to act”.": ("insert_words", "OP4"),
        "Before the first preambular paragraph, insert a new preambular paragraph reading: "
        "“Guided by the Charter,”": ("insert_paragraph", "PP1"),
        "Add a new operative paragraph at the end reading: “Decides to remain seized;”": (
            "insert_paragraph",
            "operative part",
        ),
        "In operative paragraph 9, add “, as appropriate” at the end.": ("insert_words", "OP9"),
        'In the title, replace "emergency" by "humanitarian".': ("replace_words", "title"),
    }
    for sentence, (kind, label) in cases.items():
        instruction = read_instruction(1, [sentence])
        assert instruction.problem is None, sentence
        assert [(o.kind, o.target.label()) for o in instruction.operations] == [(kind, label)]


def test_a_sentence_no_form_matches_is_not_guessed() -> None:
    instruction = read_instruction(3, ["Recast operative paragraph 5 in the passive voice."])
    assert instruction.operations == []
    assert instruction.problem is not None and "Recast operative paragraph 5" in instruction.problem


def test_targets_must_be_read_whole() -> None:
    assert read_targets("the paragraph on climate") is None
    assert read_targets("operative paragraph 4 and the annex") is None
    assert [t.label() for t in read_targets("preambular paragraphs 3 and 4") or []] == [
        "PP3",
        "PP4",
    ]


def test_a_resolution_is_not_an_amendment() -> None:
    text = (GA / "A_80_L.25.txt").read_text(encoding="utf-8")
    assert not is_amendment(text)
    assert is_amendment((GA / "A_80_L.30.txt").read_text(encoding="utf-8"))
    with pytest.raises(InputError, match="not an amendment"):
        amendment_from_text(text, "A_80_L.25.txt")


def test_hostile_instructions_are_read_in_bounded_time() -> None:
    import time

    sentences = [
        "In " + "the operative paragraph " * 3000 + "delete “x”.",
        "After " + "operative paragraph 1, " * 3000 + "insert a new paragraph reading:",
        "Replace " + "“x” " * 5000 + "with “y”.",
        "In operative paragraph 1, delete “" + "word " * 40000,  # a quote never closed
    ]
    for sentence in sentences:
        start = time.perf_counter()
        instruction = read_instruction(1, [sentence])
        assert time.perf_counter() - start < 5, sentence[:40]
        assert instruction.problem is not None
