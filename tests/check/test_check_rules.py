"""The structural rules of ``resdiff.check`` on real texts and on variants derived from them.

Real mistakes come from texts in fixtures/ (copied unchanged from the
corpus; see its README). Where no real text has a mistake, the test derives a
variant from a real fixture by the string edit written next to it. Expected
lines and labels were read from the files.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import FIXTURES, HRC, delete_line, fixture_text, op_line, renumber, replace_once

from resdiff.check import RULE_IDS, RULES, check_document, check_file, opens_like_preamble
from resdiff.model import Paragraph
from resdiff.parse import parse
from resdiff.readers import read

CORPUS = Path(__file__).resolve().parents[2] / "fixtures"
ALL_FIXTURES = sorted(
    [*FIXTURES.glob("*.txt"), *FIXTURES.glob("A_RES_*.md"), *CORPUS.glob("*.txt")],
    key=lambda p: p.name,
)


def found(source: str | Path, rule: str | None = None, **options) -> list[tuple[str, str, int]]:
    """(rule, label, line) of each finding for a path or a text, optionally of one rule."""
    if isinstance(source, Path):
        findings = check_file(source, **options)
    else:
        findings = check_document(parse(source), text=source, **options)
    return [(f.rule, f.label, f.line) for f in findings if rule in (None, f.rule)]


def messages(source: str | Path, rule: str, **options) -> list[str]:
    """The messages of one rule's findings."""
    if isinstance(source, Path):
        findings = check_file(source, **options)
    else:
        findings = check_document(parse(source), text=source, **options)
    return [f.message for f in findings if f.rule == rule]


def hrc_lines() -> list[str]:
    return fixture_text("A_HRC_RES_41_3.txt").split("\n")


# --------------------------------------------------------------------------- registry


def test_every_rule_has_an_id_a_severity_and_a_docstring():
    assert len(RULE_IDS) == len(RULES) == 13
    for rule in RULES:
        assert rule.severity in ("error", "warning")
        assert rule.run.__doc__ and rule.summary


def test_resolution_41_3_is_clean():
    assert found(HRC) == []
    assert found(HRC, adopted=True) == []


@pytest.mark.parametrize("path", ALL_FIXTURES, ids=lambda p: p.name)
def test_no_bracket_quote_empty_or_duplicate_findings_in_real_texts(path):
    quiet = {"unbalanced-brackets", "unbalanced-quotes", "empty-paragraph", "duplicate-text"}
    assert [f for f in found(path) if f[0] in quiet] == []


# --------------------------------------------------------------------------- numbering


def test_real_operative_paragraph_without_its_number_s_2018_221():
    # S/2018/221, line 93: "Decides that the mandate of UNMISS ..." between 6. and 8.
    path = CORPUS / "S_2018_221.txt"
    assert found(path, "operative-numbering") == [("operative-numbering", "OP#7", 93)]
    assert messages(path, "operative-numbering") == [
        "operative paragraph has no printed number (expected 7)"
    ]


def test_numbering_gap_when_a_paragraph_is_deleted():
    # derived: 41/3 with operative paragraph 5 deleted and no renumbering
    lines = hrc_lines()
    text = "\n".join(delete_line(lines, op_line(lines, 5)))
    assert found(text, "operative-numbering") == [("operative-numbering", "OP6", 94)]
    assert messages(text, "operative-numbering") == ["numbering jumps from 4 to 6 (5 missing)"]


def test_duplicate_number():
    # derived: 41/3 with operative paragraphs 6-34 renumbered 5-33, so 5 is printed twice
    text = "\n".join(renumber(hrc_lines(), 6, -1))
    assert found(text, "operative-numbering") == [("operative-numbering", "OP5~2", 96)]
    assert messages(text, "operative-numbering") == ["number 5 is printed twice"]


def test_real_number_without_full_stop_s_2024_400():
    # S/2024/400, line 88: "11     Condemns disinformation ..."
    path = CORPUS / "S_2024_400.txt"
    assert found(path, "operative-number-format") == [("operative-number-format", "OP11", 88)]
    assert found(path, "operative-numbering") == []


def test_real_preambular_paragraph_ending_with_a_full_stop_s_2024_400():
    # S/2024/400 PP19 (line 73) "... United Nations and associated personnel." is the only
    # preambular paragraph that really ends with a full stop; footnote 1 is cited in PP7
    path = CORPUS / "S_2024_400.txt"
    assert found(path, "preamble-punctuation") == [("preamble-punctuation", "PP19", 73)]
    assert [n.marker for n in parse(path).footnotes] == ["1"]


# --------------------------------------------------------------------------- sub-items


def test_real_list_that_lost_its_first_labels_a_res_80_34():
    # A/RES/80/34 operative paragraph 5: items (a)-(e) lost their labels in extraction
    path = FIXTURES / "A_RES_80_34.md"
    assert found(path, "subitem-sequence") == [("subitem-sequence", "OP5", 69)]
    assert messages(path, "subitem-sequence") == [
        "sub-item (f) opens the list: expected (a) or (i)"
    ]


def test_real_consecutive_lists_are_clean():
    # S/2017/77 OP1 (a)-(h), OP10, OP13, OP17, OP28; S/2018/693 (i)-(x) and an inline
    # "(a)" in OP38 ("... to ensure: (a) continued monitoring ...") before a "(b)" line
    assert found(FIXTURES / "S_2017_77.txt", "subitem-sequence") == []
    assert found(FIXTURES / "S_2018_693.txt", "subitem-sequence") == []


def test_letter_skipped():
    # derived: S/2017/77 with OP1's "(c)" relabelled "(d)"
    text = replace_once(
        fixture_text("S_2017_77.txt"), "(c)  Supplies brought", "(d)  Supplies brought"
    )
    assert found(text, "subitem-sequence") == [("subitem-sequence", "OP1", 69)]
    assert messages(text, "subitem-sequence") == ["sub-item (d) follows (b): expected (c)"]


def test_roman_numeral_skipped():
    # derived: S/2018/693 with OP11's "(iii)" relabelled "(iv)"
    text = replace_once(
        fixture_text("S_2018_693.txt"),
        "(iii)  Support for the mediation",
        "(iv)  Support for the mediation",
    )
    assert found(text, "subitem-sequence") == [("subitem-sequence", "OP11", 108)]
    assert messages(text, "subitem-sequence") == ["sub-item (iv) follows (ii): expected (iii)"]


# --------------------------------------------------------------------------- punctuation


def test_real_preambular_paragraph_ending_with_a_full_stop_s_2017_77():
    # S/2017/77 line 60: "Acknowledging in this respect ... affected by armed conflict."
    path = FIXTURES / "S_2017_77.txt"
    assert found(path, "preamble-punctuation") == [("preamble-punctuation", "PP21", 60)]
    assert messages(path, "preamble-punctuation") == [
        'a preambular paragraph should end with a comma, not "."'
    ]


def test_real_operative_paragraphs_ending_with_a_comma_s_2018_1021():
    # S/2018/1021 OP5 (line 90) "... towards a political solution," and OP34 (line 146)
    path = FIXTURES / "S_2018_1021.txt"
    assert found(path, "operative-punctuation") == [
        ("operative-punctuation", "OP5", 90),
        ("operative-punctuation", "OP34", 146),
    ]


def test_last_operative_paragraph_needs_a_full_stop():
    # derived: S/2019/90 with its last paragraph ending "matter;" instead of "matter."
    text = replace_once(
        fixture_text("S_2019_90.txt"), "seized of the matter.", "seized of the matter;"
    )
    assert messages(text, "operative-punctuation") == [
        'the last operative paragraph should end with a full stop, not ";"'
    ]


def test_footnote_markers_and_closing_quotes_do_not_hide_the_final_mark():
    paragraph = Paragraph("PP1", "preamble", "entitled “Transforming our world”,¹")
    assert check_document(parse_paragraphs([paragraph]), disable=["duplicate-text"]) == []


def parse_paragraphs(paragraphs: list[Paragraph]):
    document = parse("The Human Rights Council,\n")
    document.paragraphs = paragraphs
    document.footnotes = parse(HRC).footnotes[:1]
    return document


# --------------------------------------------------------------------------- footnotes


def test_real_footnote_cited_twice_a_res_80_48():
    # A/RES/80/48: footnote 5 is cited in PP13 (",5 adopted") and again in OP12, where the
    # extraction turned "P5" into "P[^5]" (line 106)
    path = CORPUS / "A_RES_80_48.md"
    assert found(path, "footnote-match") == [("footnote-match", "OP12", 106)]
    assert messages(path, "footnote-match") == ["footnote 5 is cited again (first in PP13)"]


def test_real_markers_printed_as_plain_digits_count_as_cited():
    # A/RES/80/51 "Nuclear Weapons 6and the advisory opinion ..., 7in which";
    # A/RES/80/34 "... and on Their Destruction 2 reaffirms"
    assert found(CORPUS / "A_RES_80_51.md", "footnote-match") == []
    assert found(FIXTURES / "A_RES_80_34.md", "footnote-match") == []


def test_footnote_body_never_cited():
    # derived: 41/3 with the marker "¹" removed from the paragraph that cites it (line 40)
    lines = hrc_lines()
    assert lines[39].count("¹") == 1 and lines[61].startswith("¹ See E/CN.4")
    lines[39] = lines[39].replace("¹", "")
    result = "\n".join(lines)
    assert found(result, "footnote-match") == [("footnote-match", "", 62)]
    assert messages(result, "footnote-match") == [
        'footnote 1 is never cited: "See E/CN.4/2001/2–E/CN.4/Sub.2/2000/4..."'
    ]


def test_footnote_marker_without_body():
    # derived: 41/3 with the body of footnote 3 ("³ A/HRC/41/25.", line 150) deleted
    lines = hrc_lines()
    assert lines[149] == "³ A/HRC/41/25."
    text = "\n".join(lines[:149] + lines[150:])
    citing = next(p for p in parse(text).paragraphs if "³" in p.text)
    assert found(text, "footnote-match") == [("footnote-match", citing.label, citing.line)]
    assert messages(text, "footnote-match") == ["footnote marker 3 has no footnote body"]


# --------------------------------------------------------------------------- brackets, quotes


def test_unclosed_parenthesis():
    # derived: S/2019/90 PP1 "the Central African Republic (CAR)" -> "(CAR"
    text = replace_once(fixture_text("S_2019_90.txt"), "Republic (CAR),", "Republic (CAR,")
    assert found(text, "unbalanced-brackets") == [("unbalanced-brackets", "PP1", 2)]
    assert messages(text, "unbalanced-brackets")[0].startswith(
        'opening bracket "(" is never closed'
    )


def test_closing_bracket_without_opening():
    # derived: S/2019/90 OP2 "resolution 2399 (2018)" -> "resolution 2399 2018)"
    text = replace_once(
        fixture_text("S_2019_90.txt"),
        "paragraphs 9 and 16 of resolution 2399 (2018)",
        "paragraphs 9 and 16 of resolution 2399 2018)",
    )
    assert [m[:44] for m in messages(text, "unbalanced-brackets")] == [
        'closing bracket ")" without its opening one '
    ]


def test_unclosed_quotation_mark():
    # derived: 41/3 PP line 28 'entitled “Transforming our world: ...”' without its ”
    text = replace_once(
        fixture_text("A_HRC_RES_41_3.txt"),
        "Sustainable Development”, in which",
        "Sustainable Development, in which",
    )
    label = next(p.label for p in parse(text).paragraphs if p.line == 28)
    assert found(text, "unbalanced-quotes") == [("unbalanced-quotes", label, 28)]
    assert messages(text, "unbalanced-quotes")[0].startswith(
        'opening quotation mark "“" is never closed'
    )


def test_odd_straight_quotes():
    # derived: 41/3 with the curly quotes of line 28 made straight and the closing one lost
    text = replace_once(
        fixture_text("A_HRC_RES_41_3.txt"),
        "entitled “Transforming our world",
        'entitled "Transforming our world',
    )
    text = replace_once(
        text, "Sustainable Development”, in which", "Sustainable Development, in which"
    )
    assert messages(text, "unbalanced-quotes") == ['odd number of straight quotation marks (")']


# --------------------------------------------------------------------------- residue

RESIDUE_EDITS = [
    # (operative paragraph, old text, new text, expected message start)
    (
        3,
        "3. *Reaffirms* the duty of States to cooperate",
        "3. *Reaffirms* the duty of States [to cooperate]",
        "square-bracketed text",
    ),
    (4, "4. *Underlines*", "4. *Underlines* [deleted]", "a [deleted] mark"),
    (6, "6. *Also reaffirms*", "6. Alt 1 *Also reaffirms*", 'an "alt" label'),
    (7, "7. *Urges*", "7. *Urges* (AD REF)", "an AD REF mark"),
    (9, "9. *", "9. AGREED *", 'an "agreed" mark'),
    (10, "10. *", "10. OP10 bis *", 'a "bis"/"ter" label'),
]


def residue_variant() -> str:
    """41/3 with one negotiation mark added to each of operative paragraphs 3, 4, 6, 7, 9, 10."""
    lines = hrc_lines()
    for number, old, new, _ in RESIDUE_EDITS:
        index = op_line(lines, number)
        assert lines[index].startswith(old)
        lines[index] = new + lines[index][len(old) :]
    return "\n".join(lines)


def test_negotiation_residue_in_adopted_text():
    text = residue_variant()
    found_here = check_document(parse(text), text=text, adopted=True)
    residue = [(f.label, f.message) for f in found_here if f.rule == "negotiation-residue"]
    assert [label for label, _ in residue] == [f"OP{n}" for n, *_ in RESIDUE_EDITS]
    for (_, message), (*_, expected) in zip(residue, RESIDUE_EDITS, strict=True):
        assert message.startswith(f"{expected} in an adopted text")


def test_no_residue_rule_for_drafts():
    assert found(residue_variant(), "negotiation-residue") == []


def test_real_adopted_texts_have_no_residue():
    # "internationally agreed", "agreed conclusions" (A/RES/80/40) and "[^n]" markers are text
    for name in ("A_RES_80_31.md", "A_RES_80_34.md", "A_RES_80_40.md", "A_RES_80_54.md"):
        assert found(FIXTURES / name, "negotiation-residue", adopted=True) == [], name


def test_bis_paragraph_joined_to_the_previous_one_is_still_found():
    # derived: 41/3 with "5. *Reaffirms*" relabelled "5 bis. *Reaffirms*"; the parser
    # reads no number there, joins the line to OP4 and takes its "5" for a footnote
    # marker ("...rights;⁵ bis."); the label is still found
    lines = hrc_lines()
    index = op_line(lines, 5)
    lines[index] = lines[index].replace("5. *", "5 bis. *", 1)
    text = "\n".join(lines)
    assert messages(text, "negotiation-residue", adopted=True) == [
        'a "bis"/"ter" label in an adopted text: "5 bis"'
    ]


def test_article_bis_of_a_treaty_is_not_a_label():
    paragraph = Paragraph("PP1", "preamble", "Recalling article 8 bis of the Rome Statute,")
    document = parse_paragraphs([paragraph])
    document.footnotes = []
    assert check_document(document, adopted=True) == []


# --------------------------------------------------------------------------- paragraphs


def test_same_text_twice():
    # derived: S/2019/90 with preambular paragraph 2 (line 3) pasted twice
    lines = fixture_text("S_2019_90.txt").split("\n")
    text = "\n".join([*lines[:3], lines[2], *lines[3:]])
    assert found(text, "duplicate-text") == [("duplicate-text", "PP3", 4)]
    assert messages(text, "duplicate-text") == ["same text as PP2 (line 3)"]


def test_empty_paragraph():
    # derived: 41/3 with the words of operative paragraph 5 deleted, leaving "5. ;"
    lines = hrc_lines()
    lines[op_line(lines, 5)] = "5. ;"
    text = "\n".join(lines)
    assert found(text, "empty-paragraph") == [("empty-paragraph", "OP5", 94)]
    assert found(text, "operative-numbering") == []


def test_number_alone_on_its_line_is_an_empty_paragraph():
    # derived: 41/3 with the text of operative paragraph 5 deleted, leaving "5."
    lines = hrc_lines()
    lines[op_line(lines, 5)] = "5."
    assert found("\n".join(lines), "empty-paragraph") == [("empty-paragraph", "OP5", 94)]


def test_numbered_preambular_paragraph_after_operative_ones():
    # derived: 41/3 with preambular "Reaffirming General Assembly resolution 33/134 ..." (line
    # 36) moved after operative paragraph 4 and numbered 5, as a word processor numbers it
    lines = hrc_lines()
    moved = lines[35]
    assert moved.startswith("Reaffirming General Assembly resolution 33/134")
    lines = delete_line(lines, 35)
    lines = renumber(lines, 5, +1)
    index = op_line(lines, 4)
    lines[index + 2 : index + 2] = [f"5. {moved}", ""]
    text = "\n".join(lines)
    assert found(text, "preamble-after-operative") == [("preamble-after-operative", "OP5", 92)]
    assert found(text, "operative-numbering") == []


def test_unnumbered_preambular_paragraph_after_operative_ones():
    # derived: 41/3 with line 36 ("Reaffirming General Assembly resolution 33/134 ...")
    # moved, unnumbered, after operative paragraph 4
    lines = hrc_lines()
    moved = lines[35]
    lines = delete_line(lines, 35)
    index = op_line(lines, 4)
    lines[index + 2 : index + 2] = [moved, ""]
    text = "\n".join(lines)
    assert ("preamble-after-operative", "OP#5", 92) in found(text)


def test_unnumbered_preambular_paragraph_is_not_a_missing_number():
    # derived at the parse level: 41/3 with a copy of PP3 inserted, unnumbered, after OP4
    document = parse(HRC)
    pp3 = document.preamble[2]
    position = document.paragraphs.index(next(p for p in document.operative if p.number == "4"))
    stray = Paragraph("OP#5", "operative", pp3.text, line=91)
    document.paragraphs.insert(position + 1, stray)
    findings = check_document(document, disable=["duplicate-text"])
    assert [(f.rule, f.label) for f in findings] == [
        ("operative-punctuation", "OP#5"),  # it ends with a comma
        ("preamble-after-operative", "OP#5"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("*Recalling* its resolutions", True),
        ("Deeply concerned by", True),
        ("Strongly condemning the attacks", True),
        ("Strongly condemns the attacks", False),
        ("*Also decides* to", False),
        ("Acting under Chapter VII of the Charter", True),
        ("Decides to remain seized", False),
        ("Conscious of the need", True),
        ("Welcomes the report", False),
    ],
)
def test_opens_like_preamble(text, expected):
    assert opens_like_preamble(text) is expected


# --------------------------------------------------------------------------- options, PDF


def test_disabled_rules_are_not_run():
    path = FIXTURES / "S_2018_1021.txt"
    assert found(path, disable=["operative-punctuation"]) == []


def test_unknown_rule_id_is_an_error():
    from resdiff.errors import UsageError

    with pytest.raises(UsageError, match="unknown rule id no-such-rule"):
        check_file(HRC, disable=["no-such-rule"])


def test_pdf_findings_carry_the_line_of_the_extracted_text():
    # S/2024/557 operative paragraph 5 ends "... delisting procedures," in the official PDF
    path = FIXTURES / "pdf" / "S_2024_557.pdf"
    assert found(path) == [("operative-punctuation", "OP5", 35)]
    assert read(path).text.split("\n")[34].startswith("5. Establishes an informal working group")
