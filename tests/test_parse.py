"""Parsing real resolutions: header, paragraphs, sub-items, footnotes, meeting line, vote.

Every count and label expected here was established by reading the fixture
files (see the comments); none was copied from parser output.
"""

from __future__ import annotations

import re

import pytest
from conftest import (
    FIXTURES,
    GA_FILES,
    HRC,
    SC_FILES,
    bracket_footnotes,
    fixture_text,
    footnote_map,
    glued_footnotes,
    paragraph,
    paragraph_keys,
    replace_once,
    rewrap,
    run_in,
    with_furniture,
)

from resdiff.parse import parse, parse_text, symbol_from_filename
from resdiff.readers import RawDocument

# --------------------------------------------------------------------------- HRC 41/3


def test_hrc_header(hrc_doc):
    assert hrc_doc.symbol == "A/HRC/RES/41/3"
    assert hrc_doc.body == "Human Rights Council"
    assert hrc_doc.title.startswith("41/3. Enhancement")
    assert hrc_doc.title.endswith("in the field of human rights")
    assert hrc_doc.date == "2019-07-11"  # "Resolution adopted ... on 11 July 2019"
    assert hrc_doc.path == str(HRC)


def test_hrc_paragraph_counts(hrc_doc):
    # Lines 26-84 of the file hold 28 preambular paragraphs, one per line;
    # lines 86-158 hold operative paragraphs 1-34 (17 split by a page break).
    assert len(hrc_doc.preamble) == 28
    assert len(hrc_doc.operative) == 34
    assert len(hrc_doc.paragraphs) == 62
    assert [p.label for p in hrc_doc.preamble] == [f"PP{i}" for i in range(1, 29)]
    assert [p.number for p in hrc_doc.operative] == [str(i) for i in range(1, 35)]
    assert [p.label for p in hrc_doc.operative] == [f"OP{i}" for i in range(1, 35)]
    assert all(p.number is None for p in hrc_doc.preamble)


def test_hrc_paragraph_boundaries(hrc_doc):
    assert paragraph(hrc_doc, "PP1").text.startswith("Reaffirming its commitment to promoting")
    assert paragraph(hrc_doc, "PP28").text == (
        "Noting that 2019 marks the forty-first anniversary of the adoption of the "
        "Buenos Aires Plan of Action,"
    )
    assert paragraph(hrc_doc, "OP1").text.startswith("*Reaffirms* that it is one of the purposes")
    assert paragraph(hrc_doc, "OP23").text == "*Urges* States to continue to support the funds;"
    assert paragraph(hrc_doc, "OP34").text.endswith(
        "in accordance with its annual programme of work."
    )
    # The printed number is not part of the text.
    assert not any(re.match(r"\d+\.", p.text) for p in hrc_doc.operative)


def test_hrc_paragraph_split_by_page_break_is_one_paragraph(hrc_doc):
    op17 = paragraph(hrc_doc, "OP17")
    assert op17.text.startswith("*Emphasizes* the importance of the universal periodic review")
    assert "inter alia, improving the situation of human rights on the ground" in op17.text
    assert op17.text.endswith("commitments undertaken by States;")
    assert paragraph(hrc_doc, "OP18").text.startswith("*Also emphasizes* the need")


def test_hrc_footnotes(hrc_doc):
    assert [(n.marker, n.text) for n in hrc_doc.footnotes] == [
        ("1", "See E/CN.4/2001/2–E/CN.4/Sub.2/2000/46, chap. II, sect. A."),
        ("2", "A/HRC/40/78."),
        ("3", "A/HRC/41/25."),
    ]
    assert footnote_map(hrc_doc) == {"PP7": ["1"], "OP20": ["2"], "OP29": ["3"]}
    assert paragraph(hrc_doc, "PP7").text.endswith("at its fifty-second session,¹")
    assert paragraph(hrc_doc, "OP20").text.endswith("in the Field of Human Rights;²")


def test_hrc_footnote_lines_do_not_leak_into_paragraphs(hrc_doc):
    # Footnotes 2 and 3 are printed between operative paragraphs 30 and 31,
    # footnote 1 between preambular paragraphs 17 and 18.
    assert paragraph(hrc_doc, "OP30").text.endswith("at its forty-fourth session;")
    assert paragraph(hrc_doc, "OP31").text.startswith("*Invites* States")
    assert paragraph(hrc_doc, "PP17").text.endswith("including the right to development,")
    assert paragraph(hrc_doc, "PP18").text.startswith("Recognizing that the enhancement")
    for p in hrc_doc.paragraphs:
        assert "A/HRC/40/78" not in p.text
        assert "A/HRC/41/25" not in p.text
        assert "E/CN.4/2001/2" not in p.text


def test_hrc_meeting_and_vote(hrc_doc):
    assert hrc_doc.meeting == "38th meeting 11 July 2019"
    vote = hrc_doc.vote
    assert vote is not None
    assert vote.adoption.startswith("Adopted by a recorded vote of 28 to 14, with 5 abstentions")
    assert (vote.in_favour, vote.against, vote.abstaining) == (28, 14, 5)
    assert len(vote.in_favour_countries) == 28
    assert len(vote.against_countries) == 14
    assert len(vote.abstaining_countries) == 5
    assert vote.in_favour_countries[0] == "Afghanistan"
    assert vote.in_favour_countries[-1] == "Uruguay"
    assert "Democratic Republic of the Congo" in vote.in_favour_countries
    assert "United Kingdom of Great Britain and Northern Ireland" in vote.against_countries
    assert vote.abstaining_countries == ["Argentina", "Brazil", "Chile", "Mexico", "Peru"]
    # The meeting and the vote are not paragraphs.
    assert not any("38th meeting" in p.text or "In favour" in p.text for p in hrc_doc.paragraphs)


def test_hrc_vote_lists_match_the_source_lines(hrc_doc):
    lines = HRC.read_text(encoding="utf-8").split("\n")
    favour = lines[lines.index("In favour:") + 2].split(", ")
    against = lines[lines.index("Against:") + 2].split(", ")
    assert hrc_doc.vote.in_favour_countries == favour
    assert hrc_doc.vote.against_countries == against


def test_parse_accepts_path_str_text_and_raw_document(hrc_text, hrc_doc):
    keys = paragraph_keys(hrc_doc)
    assert paragraph_keys(parse(str(HRC))) == keys
    from_text = parse(hrc_text)
    assert paragraph_keys(from_text) == keys
    assert from_text.path is None
    raw = RawDocument(text=hrc_text, path="somewhere/resolution.txt", format="text")
    assert paragraph_keys(parse(raw)) == keys
    assert paragraph_keys(parse_text(hrc_text)) == keys


def test_to_dict_shape(hrc_doc):
    data = hrc_doc.to_dict()
    assert data["schema_version"] == 1
    assert {"symbol", "body", "title", "paragraphs", "footnotes", "meeting", "vote"} <= set(data)
    first = data["paragraphs"][0]
    assert set(first) >= {"label", "section", "number", "text", "subitems", "footnotes"}
    assert data["vote"]["countries"]["abstaining"][-1] == "Peru"


# --------------------------------------------------------------------------- robustness variants
#
# Each variant is 41/3 with one kind of damage that extraction or editing
# causes; each must give the same paragraphs (labels, sections, normalised
# text) and the same footnote attachments as the original.


def _same_as_original(variant_doc, hrc_doc) -> None:
    assert paragraph_keys(variant_doc) == paragraph_keys(hrc_doc)
    assert footnote_map(variant_doc) == footnote_map(hrc_doc)


def test_crlf_line_endings(hrc_text, hrc_doc):
    _same_as_original(parse(hrc_text.replace("\n", "\r\n")), hrc_doc)


def test_crlf_file(tmp_path, hrc_text, hrc_doc):
    path = tmp_path / "crlf.txt"
    path.write_bytes(hrc_text.replace("\n", "\r\n").encode("utf-8"))
    doc = parse(path)
    _same_as_original(doc, hrc_doc)
    assert doc.vote.abstaining_countries == hrc_doc.vote.abstaining_countries


def test_utf8_bom_file(tmp_path, hrc_text, hrc_doc):
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + hrc_text.encode("utf-8"))
    _same_as_original(parse(path), hrc_doc)


def test_utf8_bom_in_text(hrc_text, hrc_doc):
    _same_as_original(parse("\ufeff" + hrc_text), hrc_doc)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_bom_file(tmp_path, hrc_text, hrc_doc, encoding):
    bom = {"utf-16": b"", "utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff"}[encoding]
    path = tmp_path / f"{encoding}.txt"
    path.write_bytes(bom + hrc_text.encode(encoding))  # "utf-16" writes its own BOM
    doc = parse(path)
    _same_as_original(doc, hrc_doc)
    assert doc.title == hrc_doc.title


def test_rewrapped_at_70_columns(hrc_text, hrc_doc):
    variant = rewrap(hrc_text, 70)
    assert max(len(line) for line in variant.split("\n")[30:150]) <= 70
    _same_as_original(parse(variant), hrc_doc)


def test_rewrapped_at_40_columns(hrc_text, hrc_doc):
    _same_as_original(parse(rewrap(hrc_text, 40)), hrc_doc)


def test_page_furniture_between_lines(hrc_text, hrc_doc):
    variant = with_furniture(rewrap(hrc_text, 70))
    assert variant.count("GE.19-12345(E)") >= 10
    doc = parse(variant)
    _same_as_original(doc, hrc_doc)
    for p in doc.paragraphs:
        assert "GE.19" not in p.text and "3/9" not in p.text and "- 4 -" not in p.text
        assert "A/HRC/RES/41/3" not in p.text


def test_page_furniture_between_paragraph_lines(hrc_text, hrc_doc):
    _same_as_original(parse(with_furniture(hrc_text, every=3)), hrc_doc)


def test_footnote_body_wrapped_over_two_lines(hrc_text, hrc_doc):
    variant = replace_once(hrc_text, "chap. II, sect. A.", "chap. II,\nsect. A.")
    doc = parse(variant)
    _same_as_original(doc, hrc_doc)
    assert doc.footnotes[0].text == hrc_doc.footnotes[0].text


def test_numbered_paragraphs_run_together_on_one_line(hrc_text, hrc_doc):
    variant = run_in(hrc_text, 12, 14)
    assert "fundamental freedoms; 13. *Reaffirms* that each State" in variant
    _same_as_original(parse(variant), hrc_doc)


def test_whole_operative_part_on_one_line(hrc_text, hrc_doc):
    _same_as_original(parse(run_in(hrc_text, 1, 16)), hrc_doc)


def test_glued_digit_footnote_markers(hrc_text, hrc_doc):
    variant = glued_footnotes(hrc_text)
    assert "fifty-second session,1\n" in variant and "\n2 A/HRC/40/78." in variant
    doc = parse(variant)
    _same_as_original(doc, hrc_doc)
    # The markers are shown as superscripts again, so the display text is the same.
    assert [p.text for p in doc.paragraphs] == [p.text for p in hrc_doc.paragraphs]
    assert [(n.marker, n.text) for n in doc.footnotes] == [
        (n.marker, n.text) for n in hrc_doc.footnotes
    ]


@pytest.mark.parametrize("at_end", [False, True], ids=["in-place", "at-end"])
def test_markdown_footnote_markers(hrc_text, hrc_doc, at_end):
    variant = bracket_footnotes(hrc_text, at_end=at_end)
    assert "fifty-second session,[^1]\n" in variant and "[^2]: A/HRC/40/78." in variant
    doc = parse(variant)
    _same_as_original(doc, hrc_doc)
    assert [p.text for p in doc.paragraphs] == [p.text for p in hrc_doc.paragraphs]


def test_markdown_footnote_marker_inside_operative_paragraph(hrc_text, hrc_doc):
    # The same [^n] style where no preambular paragraph follows the marker.
    variant = replace_once(hrc_text, "Human Rights;²", "Human Rights;[^2]")
    variant = replace_once(variant, "² A/HRC/40/78.", "[^2]: A/HRC/40/78.")
    doc = parse(variant)
    _same_as_original(doc, hrc_doc)
    assert paragraph(doc, "OP20").text.endswith("Human Rights;²")


# --------------------------------------------------------------------------- Security Council

# Operative numbers by reading each file: (file, preambular count, last operative number).
SC_EXPECTED = {
    "S_2017_444.txt": (3, 3),
    "S_2018_341.txt": (2, 2),  # preambular paragraphs wrapped over several lines
    "S_2018_95.txt": (4, 4),
    "S_2018_1021.txt": (16, 35),  # 13-20 run together on the line of 12; 7 holds a 1-2-3 list
    "S_2019_441.txt": (3, 4),
    "S_2019_90.txt": (6, 12),
    "S_2020_110.txt": (4, 5),
    "S_2021_443.txt": (8, 5),
    "S_2022_443.txt": (3, 3),
    "S_2023_571.txt": (8, 3),  # job number, "Pleese recycle" and barcode lines in between
    "S_2024_400.txt": (22, 16),  # "11     Condemns" printed without its full stop
}


def test_every_sc_fixture_is_covered():
    # S_2018_221 prints its operative paragraph 7 without a number (tests/check covers it)
    others = {"S_2017_77.txt", "S_2018_693.txt", "S_2018_221.txt"}
    assert set(SC_EXPECTED) | others == set(SC_FILES)


@pytest.mark.parametrize("name", sorted(SC_EXPECTED))
def test_sc_operative_numbers_are_consecutive(name):
    doc = parse(FIXTURES / name)
    preambular, last = SC_EXPECTED[name]
    assert doc.body == "Security Council"
    assert doc.symbol == name.removesuffix(".txt").replace("_", "/")
    assert len(doc.preamble) == preambular
    assert [p.number for p in doc.operative] == [str(i) for i in range(1, last + 1)]
    assert all(p.text and not p.text[0].isdigit() for p in doc.operative)


def test_sc_last_paragraph_is_the_seized_clause():
    for name in SC_EXPECTED:
        doc = parse(FIXTURES / name)
        last = doc.operative[-1].text
        if "seized" in fixture_text(name).split("\n")[-1]:
            assert "seized of" in last and last.startswith("Decides to remain"), name


def test_sc_furniture_lines_dropped():
    doc = parse(FIXTURES / "S_2023_571.txt")
    assert paragraph(doc, "PP8").text.endswith("(S/2023/438),")
    assert paragraph(doc, "OP1").text.startswith("Decides that, in addition to the provisions")
    assert not any("recycle" in p.text or "2315068" in p.text for p in doc.paragraphs)


def test_sc_paragraph_split_across_lines_rejoined():
    # S_2018_95 line 8-9: operative paragraph 3 continues on the next line.
    doc = parse(FIXTURES / "S_2018_95.txt")
    op3 = paragraph(doc, "OP3")
    assert "in light of the upcoming interim report by the Panel of Experts" in op3.text
    assert op3.text.endswith("relevant Security Council resolutions;")
    # S_2020_110 lines 10-11: numbers indented with spaces.
    new = parse(FIXTURES / "S_2020_110.txt")
    assert paragraph(new, "OP4").text.startswith("Further expresses its intention to establish")
    assert paragraph(new, "OP5").text == "Decides to remain seized of the matter."


def test_s_2017_77_subitems_of_op1_and_op10():
    doc = parse(FIXTURES / "S_2017_77.txt")
    op1 = paragraph(doc, "OP1")
    assert op1.heading == "Arms embargo"
    assert op1.text.endswith("this measure shall not apply to:")
    labels = [s.label for s in op1.subitems]
    assert labels[:7] == ["(a)", "(b)", "(c)", "(d)", "(e)", "(f)", "(g)"]
    assert op1.subitems[0].text.startswith("Supplies intended solely for the support of or use")
    # (b) continues over a line that starts with "CAR process of Security Sector Reform".
    assert "CAR process of Security Sector Reform (SSR)" in op1.subitems[1].text
    assert not any(p.text.startswith("CAR process") for p in doc.paragraphs)
    op10 = paragraph(doc, "OP10")
    assert [s.label for s in op10.subitems] == ["(a)", "(b)", "(c)"]
    op17 = paragraph(doc, "OP17")
    assert [s.label for s in op17.subitems] == [f"({c})" for c in "abcdefgh"]
    op28 = paragraph(doc, "OP28")
    assert [s.label for s in op28.subitems] == [f"({c})" for c in "abcdefg"]


def test_s_2017_77_headings_and_preamble():
    doc = parse(FIXTURES / "S_2017_77.txt")
    # Lines 2-67: 28 preambular paragraphs (lines 8-10, 12-17 ... are continuations).
    assert len(doc.preamble) == 28
    assert doc.preamble[-1].text == "Acting under Chapter VII of the Charter of the United Nations,"
    headings = {p.label: p.heading for p in doc.operative if p.heading}
    assert headings["OP1"] == "Arms embargo"
    assert headings["OP5"] == "Travel ban"
    assert headings["OP12"] == "Asset freeze"
    assert headings["OP16"] == "Designation criteria"
    assert headings["OP19"] == "Sanctions Committee"
    assert headings["OP26"] == "Panel of Experts"
    assert not any(p.text.endswith(("Travel ban", "Asset freeze")) for p in doc.paragraphs)


def test_s_2017_77_numbers_present_in_the_source():
    # Line 303 holds paragraphs 29 to 37 run together ("...; 30.  Calls upon ..."),
    # with the heading "Reporting and review" run in before 36; 38 and 39 follow.
    text = fixture_text("S_2017_77.txt")
    line_303 = text.split("\n")[302]
    for number in range(30, 38):
        assert f" {number}.  " in line_303
    doc = parse(FIXTURES / "S_2017_77.txt")
    numbers = [int(p.number) for p in doc.operative]
    assert numbers[:35] == list(range(1, 36))
    assert numbers[-2:] == [38, 39]
    assert paragraph(doc, "OP39").text == "Decides to remain actively seized of the matter."
    assert paragraph(doc, "OP38").text.startswith("Affirms that it shall keep the situation")


def test_s_2017_77_run_in_paragraphs_after_inline_heading():
    doc = parse(FIXTURES / "S_2017_77.txt")
    assert [p.number for p in doc.operative] == [str(i) for i in range(1, 40)]
    assert paragraph(doc, "OP35").text.endswith("paragraph 9 of resolution 1998 (2011);")
    assert paragraph(doc, "OP36").heading == "Reporting and review"
    assert paragraph(doc, "OP36").text.startswith("Calls upon all States, particularly those")
    assert paragraph(doc, "OP37").text.startswith("Requests the Committee to report orally")


def test_subitem_after_or_and():
    doc = parse(FIXTURES / "S_2017_77.txt")
    op1 = paragraph(doc, "OP1")
    assert [s.label for s in op1.subitems] == [f"({c})" for c in "abcdefgh"]
    assert op1.subitems[6].text.endswith("as approved in advance by the Committee; or")
    op13 = paragraph(doc, "OP13")
    assert [s.label for s in op13.subitems] == ["(a)", "(b)", "(c)"]
    op56 = paragraph(parse(FIXTURES / "S_2018_693.txt"), "OP56")
    assert len(op56.subitems) == 10
    assert op56.subitems[7].text.endswith("participation of women; and")
    assert op56.subitems[9].text == "on the implementation of this resolution;"


def test_s_2018_693_numbers_and_roman_subitems():
    doc = parse(FIXTURES / "S_2018_693.txt")
    # 1-35 and 39-57 on their own lines, 36-38 run in on the line of 35.
    assert [p.number for p in doc.operative] == [str(i) for i in range(1, 58)]
    op7 = paragraph(doc, "OP7")
    assert [s.label for s in op7.subitems] == ["(i)", "(ii)", "(iii)", "(iv)", "(v)", "(vi)"]
    op56 = paragraph(doc, "OP56")
    assert op56.heading == "Reporting"
    assert [s.label for s in op56.subitems][:8] == [
        "(i)",
        "(ii)",
        "(iii)",
        "(iv)",
        "(v)",
        "(vi)",
        "(vii)",
        "(viii)",
    ]
    assert paragraph(doc, "OP57").text == "Decides to remain seized of the matter."


def test_s_2018_693_heading_in_preamble():
    doc = parse(FIXTURES / "S_2018_693.txt")
    # Lines 2-55: 36 preambular paragraphs (38, 46, 53-54 and 56 are continuations).
    assert len(doc.preamble) == 36
    assert paragraph(doc, "PP25").text.endswith("in assessing the implementation of the DDPD,")
    assert paragraph(doc, "PP26").text.startswith("Reiterating that there can be no military")


# --------------------------------------------------------------------------- General Assembly


def test_ga_front_matter_and_header():
    doc = parse(FIXTURES / "A_RES_80_31.md")
    assert doc.symbol == "A/RES/80/31"
    assert doc.body == "General Assembly"
    assert doc.title == "80/31. Nuclear-weapon-free southern hemisphere and adjacent areas"
    assert doc.date == "2025-12-01"  # "Resolution adopted by the General Assembly on 1 December"
    assert doc.meeting == "52nd plenary meeting 1 December 2025"


def test_ga_front_matter_is_read_when_the_header_lacks_it():
    # Without the printed title and as text (no file name), only the YAML front
    # matter names the resolution.
    text = replace_once(
        fixture_text("A_RES_80_31.md"),
        "80/31. Nuclear-weapon-free southern hemisphere and adjacent areas\n",
        "",
    )
    doc = parse(text)
    assert doc.symbol == "A/RES/80/31"
    assert doc.title == "Nuclear-weapon-free southern hemisphere and adjacent areas"
    assert len(doc.preamble) == 16


def test_ga_80_31_paragraphs():
    doc = parse(FIXTURES / "A_RES_80_31.md")
    # Lines 27-64: 16 preambular paragraphs; lines 66-84: operative 1-10.
    assert len(doc.preamble) == 16
    assert [p.number for p in doc.operative] == [str(i) for i in range(1, 11)]
    # PP1 runs over lines 27-32 (a list of resolutions wrapped without blank lines).
    assert paragraph(doc, "PP1").text.endswith("and 78/50 of 4 December 2023,")
    # Front matter, footnote definitions and the rule before them are no paragraphs.
    assert not any("record_id" in p.text or "Treaty Series" in p.text for p in doc.paragraphs)


def test_ga_paragraph_split_by_blank_line_is_rejoined():
    text = fixture_text("A_RES_80_31.md")
    assert "in particular in the field\n\nof nuclear weapons" in text
    doc = parse(FIXTURES / "A_RES_80_31.md")
    pp5 = paragraph(doc, "PP5")
    assert pp5.text.startswith("Determined also to continue to contribute")
    assert "in particular in the field of nuclear weapons and other weapons" in pp5.text
    assert pp5.text.endswith("purposes and principles of the Charter of the United Nations,")
    assert not any(p.text.startswith("of nuclear weapons") for p in doc.paragraphs)


def test_ga_footnotes_glued_and_bracketed():
    doc = parse(FIXTURES / "A_RES_80_31.md")
    assert [n.marker for n in doc.footnotes] == [str(i) for i in range(1, 13)]
    assert doc.footnotes[0].text == "Resolution S-10/2."
    # An indented continuation line belongs to its definition.
    assert doc.footnotes[1].text.endswith("Supplement No. 42 (A/54/42), annex I.")
    notes = footnote_map(doc)
    assert notes["PP2"] == ["1"]  # "...devoted to disarmament,1"
    assert notes["PP3"] == ["2"]  # "...region concerned”, 2"
    assert notes["PP6"] == ["3"]  # "...Nuclear Weapons[^3] and"
    assert notes["PP7"] == ["4"]  # "...Nuclear Weapons,4 which"
    assert notes["PP16"] == ["10"]  # "...Law of the Sea, 10"
    assert notes["OP4"] == ["11"]  # "...in Central Asia[^11] and"
    assert notes["OP6"] == ["12"]  # "...Nuclear Weapons;12"
    pp2 = paragraph(doc, "PP2").text
    assert pp2.endswith("devoted to disarmament,¹")
    assert "Treaty on the Prohibition of Nuclear Weapons³ and" in paragraph(doc, "PP6").text


def test_ga_glued_marker_does_not_eat_numbers():
    doc = parse(FIXTURES / "A_RES_80_31.md")
    pp1 = paragraph(doc, "PP1").text
    for reference in ("51/45 B of 10 December 1996", "76/44 of 6 December 2021", "78/50"):
        assert reference in pp1
    assert "Noting that 115 States" in paragraph(doc, "PP14").text


def test_ga_glued_markers_before_bracketed_markers_in_one_paragraph():
    doc = parse(FIXTURES / "A_RES_80_31.md")
    pp8 = paragraph(doc, "PP8")
    assert pp8.text.startswith("Stressing the importance of the treaties of Tlatelolco")
    assert [n.marker for n in pp8.footnotes] == ["5", "6", "7", "8", "9"]
    assert "Tlatelolco,⁵ Rarotonga,⁶ Bangkok⁷ and Pelindaba⁸" in pp8.text


def test_ga_80_54():
    doc = parse(FIXTURES / "A_RES_80_54.md")
    assert doc.symbol == "A/RES/80/54"
    assert len(doc.preamble) == 1
    assert [p.number for p in doc.operative] == [str(i) for i in range(1, 16)]
    # Operative 5 is wrapped with the marker glued after the final semicolon.
    assert paragraph(doc, "OP5").text.endswith("Austria, from 21 to 23 June 2022;²")
    assert footnote_map(doc)["OP5"] == ["2"]


def test_ga_running_title_is_not_text():
    doc = parse(FIXTURES / "A_RES_80_54.md")
    assert "objectives, purpose and the goal of a world free" in paragraph(doc, "OP6").text


def test_ga_80_34_paragraphs():
    doc = parse(FIXTURES / "A_RES_80_34.md")
    assert doc.symbol == "A/RES/80/34"
    assert [p.number for p in doc.operative] == [str(i) for i in range(1, 37)]
    # Operative 2 is split by a blank line at a page break (lines 61-63).
    assert "Use of Chemical Weapons and on Their Destruction provides that" in (
        paragraph(doc, "OP2").text
    )


def test_ga_80_34_title_of_convention_wrapped_inside_paragraph():
    doc = parse(FIXTURES / "A_RES_80_34.md")
    # Lines 27-47: 11 preambular paragraphs; line 34 continues line 33.
    assert len(doc.preamble) == 11
    assert "Development, Production, Stockpiling and Use of Chemical Weapons" in (
        paragraph(doc, "PP4").text
    )


def test_ga_80_34_document_symbols_are_not_footnote_markers():
    doc = parse(FIXTURES / "A_RES_80_34.md")
    recalling = [p for p in doc.preamble if p.text.startswith("Recalling decisions C-24")]
    assert len(recalling) == 1
    assert "C-24/DEC.4 and C-24/DEC.5 of 27 November 2019" in recalling[0].text
    assert recalling[0].footnotes == []
    # Footnotes 3, 4 and 5 are cited in operative paragraph 3 ("2024,3 ... 20254 ... 20255").
    assert [n.marker for n in paragraph(doc, "OP3").footnotes] == ["3", "4", "5"]


@pytest.mark.parametrize("name", GA_FILES)
def test_ga_files_parse_to_numbered_paragraphs(name):
    doc = parse(FIXTURES / name)
    assert doc.body == "General Assembly"
    assert doc.symbol == name.removesuffix(".md").replace("_", "/")
    numbers = [int(p.number) for p in doc.operative]
    assert numbers == list(range(1, len(numbers) + 1))
    assert doc.preamble and doc.operative
    assert doc.meeting and doc.meeting.startswith("52nd plenary meeting")


# --------------------------------------------------------------------------- small texts


def test_opening_line_without_header():
    text = fixture_text("S_2022_443.txt")
    doc = parse(text)
    assert doc.body == "Security Council"
    assert doc.opening == "The Security Council,"
    assert doc.symbol is None  # no header, no file name
    assert len(doc.preamble) == 3 and len(doc.operative) == 3


def test_symbol_from_file_name(tmp_path):
    path = tmp_path / "S_2022_443.txt"
    path.write_text(fixture_text("S_2022_443.txt"), encoding="utf-8")
    assert parse(path).symbol == "S/2022/443"
    other = tmp_path / "draft.txt"
    other.write_text(fixture_text("S_2022_443.txt"), encoding="utf-8")
    assert parse(other).symbol is None


@pytest.mark.parametrize(
    ("name", "symbol"),
    [
        ("A_80_L.11.txt", "A/80/L.11"),
        ("A_C.3_80_L.20_Rev.1.txt", "A/C.3/80/L.20/Rev.1"),
        ("A_RES_80_204.pdftotext-layout.txt", "A/RES/80/204"),
        ("A_HRC_RES_41_3.derived-reworded.txt", "A/HRC/RES/41/3"),
        ("notes.txt", None),
    ],
)
def test_symbol_from_file_name_keeps_draft_parts(name, symbol):
    assert symbol_from_filename(f"/somewhere/{name}") == symbol


def test_text_without_opening_line_starts_at_first_paragraph():
    # S_2022_443 without "The Security Council," still has its paragraphs.
    text = fixture_text("S_2022_443.txt").split("\n", 1)[1]
    doc = parse(text)
    assert len(doc.preamble) == 3
    assert [p.number for p in doc.operative] == ["1", "2", "3"]


def test_text_with_no_resolution_paragraphs():
    doc = parse("Shopping list for the weekend.\nEggs, milk and bread.\n")
    assert doc.paragraphs == []


@pytest.mark.parametrize(
    ("file", "title"),
    [
        # each title read from the raw text, between the sponsors line and the opening
        (
            "ga/A_C.3_80_L.7.txt",
            "Follow-up to the Fourteenth United Nations Congress on Crime Prevention and "
            "Criminal Justice and preparations for the Fifteenth United Nations Congress on "
            "Crime Prevention and Criminal Justice",
        ),
        (
            "ga/A_80_L.23.txt",
            "International cooperation on humanitarian assistance in the field of natural "
            "disasters, from relief to development",
        ),
        ("ga/A_C.2_80_L.16.txt", "United Nations Decade of Sustainable Transport 2026–2035"),
        ("ga/A_C.2_80_L.50.txt", "Combating sand and dust storms"),
    ],
)
def test_a_drafts_title_follows_its_whole_sponsors_line(file: str, title: str) -> None:
    """A sponsors line that runs on (cut after "of the", a name's "(Islamic Republic of
    Iran), ...", two notes "Iraq:*,**") is not the title, and a title opening with
    "United Nations" is not masthead."""
    assert parse(FIXTURES / file).title == title


def test_a_spaced_marker_before_a_date_is_a_marker_not_a_range() -> None:
    """Resolution 91 (1951) prints "resolutions of 13 August 1948 4 and 5 January 1949 5
    and have reaffirmed": 4 and 5 are footnote markers (their bodies are printed at the
    end), and "4 and 5 January" is not a range of numbers."""
    document = parse(FIXTURES / "historic" / "S_RES_91_1951.txt")
    paragraph = next(p for p in document.paragraphs if p.text.startswith("Observing that the"))
    assert [f.marker for f in paragraph.footnotes] == ["4", "5"]
    assert paragraph.footnotes[0].text.startswith("Ibid., Third Year. Supplement for November")
    assert "13 August 1948 and 5 January 1949 and have" in paragraph.text.replace("⁴", "").replace(
        "⁵", ""
    )
