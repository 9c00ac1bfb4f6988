"""Word-level redlines on real paragraphs: ops, reconstruction, what is not an edit."""

from __future__ import annotations

import pytest
from conftest import DERIVED_HRC, FIXTURES, HRC, SC_FILES, SERIES, paragraph, real_paragraphs

from resdiff.classify import is_technical, is_technical_token
from resdiff.compare import compare
from resdiff.normalize import TOKEN_RE, normalise
from resdiff.parse import parse, parse_text
from resdiff.redline import changed_tokens, display, fold, redline, spans
from resdiff.renderers import render


def side(diff, keep: str) -> str:
    """The text of one side of a redline: equal parts plus 'insert' or 'delete' parts."""
    return "".join(text for op, text in diff if op in ("equal", keep))


def test_identical_text_is_one_equal_part(hrc_doc):
    text = paragraph(hrc_doc, "OP1").text
    diff = redline(text, text)
    assert [op for op, _ in diff] == ["equal"]
    assert normalise(diff[0][1]) == normalise(text)


def test_verb_replaced(hrc_doc):
    old = paragraph(hrc_doc, "OP23").text  # "*Urges* States to continue to support the funds;"
    new = old.replace("*Urges*", "*Encourages*")
    diff = redline(old, new)
    assert diff == [
        ("delete", "Urges"),
        ("insert", "Encourages"),
        ("equal", " States to continue to support the funds;"),
    ]


def test_words_inserted(hrc_doc):
    old = paragraph(hrc_doc, "OP34").text
    new = old.replace("continue its consideration", "continue its careful consideration")
    diff = redline(old, new)
    assert [part for part in diff if part[0] != "equal"] == [("insert", " careful")]


_PAIRS = [
    pytest.param(
        a,
        b,
        id=f"{a}->{b}",
    )
    for a, b in SERIES
]


def test_old_side_keeps_its_spacing():
    # From S/2017/77 OP27 -> S/2019/90 OP3: "until 28 February 2018" -> "... 2399 (2018)".
    diff = redline("in February 2018", "in (2018)")
    assert side(diff, "insert") == "in (2018)"
    assert side(diff, "delete") == "in February 2018"


@pytest.mark.parametrize(("old", "new"), _PAIRS)
def test_redline_rebuilds_both_texts(old, new):
    comparison = compare(FIXTURES / f"{old}.txt", FIXTURES / f"{new}.txt")
    checked = 0
    for change in comparison.changes:
        if change.kind in ("reworded", "split", "merged"):
            old_text = " ".join(p.full_text() for p in change.old)
            new_text = " ".join(p.full_text() for p in change.new)
            assert normalise(side(change.redline, "insert")) == normalise(new_text)
            assert normalise(side(change.redline, "delete")) == normalise(old_text)
            checked += 1
    assert checked


def test_redline_never_splits_a_word():
    comparison = compare(HRC, DERIVED_HRC)
    for change in comparison.changes:
        for op, text in change.redline:
            if op == "equal":
                continue
            for token in TOKEN_RE.findall(text):
                whole = " ".join(
                    p.full_text() for p in (change.new if op == "insert" else change.old)
                )
                assert token in TOKEN_RE.findall(whole), (change.old_label, token)


def test_years_are_whole_tokens():
    comparison = compare(FIXTURES / "S_2018_95.txt", FIXTURES / "S_2020_110.txt")
    op2 = next(c for c in comparison.changes if c.new_label == "OP2")
    deleted, inserted = changed_tokens(op2.redline)
    assert "2019" in deleted and "2021" in inserted
    assert all(len(t) == 4 for t in deleted + inserted if t.isdigit() and t.startswith("20"))


def test_insertion_slides_to_a_clause_boundary():
    # S/2018/95 -> S/2020/110 operative 2: "... 2265 (2016) and 2340 (2017), reaffirms" became
    # "... 2265 (2016), 2340 (2017), and 2400 (2018), reaffirms": the insertion starts at
    # a word, not inside "(2017)".
    comparison = compare(FIXTURES / "S_2018_95.txt", FIXTURES / "S_2020_110.txt")
    op2 = next(c for c in comparison.changes if c.new_label == "OP2")
    inserts = [text for op, text in op2.redline if op == "insert"]
    assert " and 2400 (2018)," in inserts
    assert not any(text.startswith(")") for text in inserts)


def test_footnote_marker_emphasis_and_quotes_are_not_edits(hrc_doc):
    pp7 = paragraph(hrc_doc, "PP7").text  # ends "fifty-second session,¹"
    assert redline(pp7, pp7.removesuffix("¹"))[0][0] == "equal"
    assert len(redline(pp7, pp7.removesuffix("¹"))) == 1
    op1 = paragraph(hrc_doc, "OP1").text
    assert len(redline(op1, op1.replace("*Reaffirms*", "Reaffirms"))) == 1
    pp2 = paragraph(hrc_doc, "PP2").text  # “Transforming our world: ...”
    straight = pp2.replace("“", '"').replace("”", '"')
    # The redline keeps each side's spelling of the quotes; folded, it has no edit.
    assert fold(redline(pp2, straight)) == [("equal", display(straight))]
    assert [op for op, _ in redline(pp2, straight)].count("equal") == 3


def test_spacing_artefacts_are_not_edits():
    # S/2023/571 prints "conflict -affected"; a clean copy reads "conflict-affected".
    doc = parse(FIXTURES / "S_2023_571.txt")
    pp = next(p for p in doc.preamble if p.text.startswith("Considering that the ceasefire"))
    assert "conflict -affected" in pp.text or "conflict-affected" in pp.text
    clean = pp.text.replace("conflict -affected", "conflict-affected")
    assert len(redline(pp.text, clean)) == 1


def test_spans_keep_leading_space():
    assert spans("*Urges* States,¹ to act") == ["Urges", " States", ",", " to", " act"]


def test_technical_classification(hrc_doc):
    op30 = paragraph(hrc_doc, "OP30").text
    assert is_technical(redline(op30, op30.replace("forty-fourth", "forty-seventh")))
    assert not is_technical(redline(op30, op30.replace("*Requests*", "*Invites*")))
    assert not is_technical(redline(op30, op30))  # no edit at all
    pp28 = paragraph(hrc_doc, "PP28").text  # "Noting that 2019 marks the forty-first ..."
    assert is_technical(redline(pp28, pp28.replace("2019", "2020").replace("first", "second")))
    # Punctuation alone is an edit of wording, not a technical one.
    assert not is_technical(redline(pp28, pp28.replace(" of the adoption", ", of the adoption")))
    assert [is_technical_token(t) for t in ["2019", "forty-first", "July", "Urges"]] == [
        True,
        True,
        True,
        False,
    ]


def test_every_report_says_when_the_redline_was_anchored() -> None:
    """A paragraph too long for difflib gets a note in the text, markdown, HTML and JSON
    reports; an ordinary one does not."""
    lines = (FIXTURES / SC_FILES[0]).read_text(encoding="utf-8").splitlines()
    pool = " ".join(real_paragraphs()["operative"])
    long = " ".join([pool] * 3)
    old = parse_text("\n".join([lines[0], long, *lines[2:]]))
    new = parse_text("\n".join([lines[0], long.replace(" the ", " a ", 1), *lines[2:]]))
    comparison = compare(old, new)
    note = "long paragraph: word redline anchored on words found once in each version"
    assert [c.redline_note for c in comparison.changes if c.kind == "reworded"] == [note]
    for fmt in ("text", "markdown", "html", "json"):
        shown = " ".join(str(render(comparison, fmt)).split())  # text reports wrap lines
        assert note in shown, fmt
    ordinary = compare(parse_text("\n".join(lines)), new)
    assert all(c.redline_note is None for c in ordinary.changes)
