"""DOCX reader tests, on Word documents built with python-docx from corpus text."""

from __future__ import annotations

import io
import os
import re
import time
import zipfile
from pathlib import Path

import pytest

docx = pytest.importorskip("docx")

from conftest import zip_bomb  # noqa: E402
from docx.opc.constants import CONTENT_TYPE as CT  # noqa: E402
from docx.opc.constants import RELATIONSHIP_TYPE as RT  # noqa: E402
from docx.opc.packuri import PackURI  # noqa: E402
from docx.opc.part import Part  # noqa: E402
from docx.oxml import parse_xml  # noqa: E402
from docx.oxml.ns import qn  # noqa: E402

from resdiff.errors import InputError  # noqa: E402
from resdiff.model import Footnote  # noqa: E402
from resdiff.readers import docx as reader  # noqa: E402
from resdiff.readers import read as read_any  # noqa: E402

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
OPERATIVE = re.compile(r"^(\d+)\. (.*)$", re.DOTALL)
REVISION = 'w:id="{id}" w:author="Drafter" w:date="2019-07-01T10:00:00Z"'


# --------------------------------------------------------------------------- corpus text


def resolution_blocks() -> tuple[list[str], dict[str, str]]:
    """Resolution 41/3 as a drafter types it: blank-line blocks and footnote bodies.

    Footnote bodies printed between paragraphs go to the footnotes part, and the
    operative paragraph split by a page break (17) is rejoined.
    """
    text = (FIXTURES / "A_HRC_RES_41_3.txt").read_text(encoding="utf-8")
    blocks: list[str] = []
    notes: dict[str, str] = {}
    for block in (b.strip() for b in re.split(r"\n\s*\n", text)):
        if not block:
            continue
        if block[0] in SUPERSCRIPTS:
            marker, body = block.split(" ", 1)
            notes[marker.translate(str.maketrans(SUPERSCRIPTS, "0123456789"))] = body
        elif block[0].islower():
            blocks[-1] = f"{blocks[-1]} {block}"
        else:
            blocks.append(block)
    return blocks, notes


def s_2018_693_items() -> list[str]:
    """Operative paragraphs 7-12 of S/RES/2018/693 (2431) with their (i), (ii) ... items."""
    lines = (FIXTURES / "S_2018_693.txt").read_text(encoding="utf-8").splitlines()[84:112]
    items: list[str] = []
    for line in lines:
        if re.match(r"^(\d+\.|\([ivx]+\))\s", line):
            items.append(re.sub(r"\s+", " ", line.strip()))
        else:
            items[-1] = f"{items[-1]} {line.strip()}"
    return items


# --------------------------------------------------------------------------- building DOCX


def add_list(document: object, levels: list[tuple[str, str, int]], overrides: str = "") -> str:
    """Add an abstractNum with ``levels`` (numFmt, lvlText, start) and a num using it."""
    numbering = document.part.numbering_part.element  # type: ignore[attr-defined]
    abstract_id = 100 + len(numbering.findall(qn("w:abstractNum")))
    num_id = str(100 + len(numbering.findall(qn("w:num"))))
    lvls = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/></w:lvl>'
        for i, (fmt, text, start) in enumerate(levels)
    )
    abstract = parse_xml(
        f'<w:abstractNum xmlns:w="{W_NS}" w:abstractNumId="{abstract_id}">{lvls}</w:abstractNum>'
    )
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    numbering.append(
        parse_xml(
            f'<w:num xmlns:w="{W_NS}" w:numId="{num_id}">'
            f'<w:abstractNumId w:val="{abstract_id}"/>{overrides}</w:num>'
        )
    )
    return num_id


def add_instance(document: object, of_num: str, overrides: str = "") -> str:
    """Add another w:num on the abstractNum that ``of_num`` uses."""
    numbering = document.part.numbering_part.element  # type: ignore[attr-defined]
    source = numbering.xpath(f'w:num[@w:numId="{of_num}"]')[0]
    abstract_id = source.find(qn("w:abstractNumId")).get(qn("w:val"))
    num_id = str(100 + len(numbering.findall(qn("w:num"))))
    numbering.append(
        parse_xml(
            f'<w:num xmlns:w="{W_NS}" w:numId="{num_id}">'
            f'<w:abstractNumId w:val="{abstract_id}"/>{overrides}</w:num>'
        )
    )
    return num_id


def set_numbering(paragraph: object, num_id: str, ilvl: int = 0) -> None:
    """Give a paragraph a w:numPr (Word automatic numbering)."""
    ppr = paragraph._p.get_or_add_pPr()  # type: ignore[attr-defined]
    ppr.insert(
        0,
        parse_xml(
            f'<w:numPr xmlns:w="{W_NS}"><w:ilvl w:val="{ilvl}"/>'
            f'<w:numId w:val="{num_id}"/></w:numPr>'
        ),
    )


def add_block(document: object, block: str, num_id: str | None = None, ilvl: int = 0) -> object:
    """Add ``block`` as one Word paragraph: *italic* runs, line breaks, footnote references."""
    paragraph = document.add_paragraph()  # type: ignore[attr-defined]
    if num_id is not None:
        set_numbering(paragraph, num_id, ilvl)
    for index, piece in enumerate(re.split(r"\*([^*]+)\*", block)):
        italic = index % 2 == 1
        for number, line in enumerate(piece.split("\n")):
            if number:
                run = paragraph.add_run()
                run.italic = italic or None
                run.add_break()
            add_text(paragraph, line, italic)
    return paragraph


def add_text(paragraph: object, text: str, italic: bool) -> None:
    """Add runs for ``text``, turning superscript digits into w:footnoteReference runs."""
    for piece in re.split(f"([{SUPERSCRIPTS}]+)", text):
        if not piece:
            continue
        if piece[0] in SUPERSCRIPTS:
            note_id = piece.translate(str.maketrans(SUPERSCRIPTS, "0123456789"))
            paragraph._p.append(  # type: ignore[attr-defined]
                parse_xml(
                    f'<w:r xmlns:w="{W_NS}"><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
                    f'<w:footnoteReference w:id="{note_id}"/></w:r>'
                )
            )
        else:
            paragraph.add_run(piece).italic = italic or None  # type: ignore[attr-defined]


def add_footnotes(document: object, notes: dict[str, str]) -> None:
    """Add a word/footnotes.xml part (python-docx has no footnote API)."""
    w = f'xmlns:w="{W_NS}"'
    bodies = "".join(
        f'<w:footnote w:id="{note_id}"><w:p><w:r><w:rPr><w:vertAlign w:val="superscript"/>'
        f'</w:rPr><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> {escape(body)}</w:t>'
        f"</w:r></w:p></w:footnote>"
        for note_id, body in notes.items()
    )
    xml = (
        f"<w:footnotes {w}>"
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p>'
        "</w:footnote>"
        '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r>'
        "<w:continuationSeparator/></w:r></w:p></w:footnote>"
        f"{bodies}</w:footnotes>"
    )
    part = Part(
        PackURI("/word/footnotes.xml"),
        CT.WML_FOOTNOTES,
        xml.encode("utf-8"),
        document.part.package,  # type: ignore[attr-defined]
    )
    document.part.relate_to(part, RT.FOOTNOTES)  # type: ignore[attr-defined]


def escape(text: str) -> str:
    """Escape text for an XML element."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def save(document: object, tmp_path: Path, name: str = "draft.docx") -> Path:
    """Save ``document`` and return its path."""
    path = tmp_path / name
    document.save(str(path))  # type: ignore[attr-defined]
    return path


def read_docx(path: Path, revisions: str = "accept") -> reader.RawDocument:
    """Run the DOCX reader on a saved file."""
    return reader.read(path, path.read_bytes(), revisions=revisions)


def build_resolution(tmp_path: Path) -> Path:
    """Resolution 41/3 as a Word draft: list-numbered operative paragraphs, real footnotes."""
    blocks, notes = resolution_blocks()
    document = docx.Document()
    num_id = add_list(document, [("decimal", "%1.", 1)])
    for block in blocks:
        match = OPERATIVE.match(block)
        if match:
            add_block(document, match.group(2), num_id)
        else:
            add_block(document, block)
    add_footnotes(document, notes)
    return save(document, tmp_path, "A_HRC_RES_41_3.docx")


# --------------------------------------------------------------------------- resolution 41/3


def test_resolution_text_is_recovered_block_for_block(tmp_path: Path) -> None:
    blocks, _ = resolution_blocks()
    raw = read_docx(build_resolution(tmp_path))
    assert raw.format == "docx"
    assert raw.text.split("\n\n") == blocks
    assert len(raw.text.split("\n\n")) == len(blocks)


def test_resolution_operative_numbers_come_from_list_numbering(tmp_path: Path) -> None:
    raw = read_docx(build_resolution(tmp_path))
    numbers = re.findall(r"^(\d+)\. ", raw.text, re.MULTILINE)
    assert numbers == [str(n) for n in range(1, 35)]
    assert "\n\n3. *Reaffirms* the duty of States to cooperate" in raw.text
    assert "\n\n34. *Decides* to continue its consideration" in raw.text


def test_resolution_italics_become_markdown_emphasis(tmp_path: Path) -> None:
    raw = read_docx(build_resolution(tmp_path))
    assert "8. *Expresses its concern* at the continued imposition" in raw.text
    assert "*38th meeting\n11 July 2019*" in raw.text
    assert "**" not in raw.text


def test_resolution_footnotes_are_returned_and_marked(tmp_path: Path) -> None:
    _, notes = resolution_blocks()
    raw = read_docx(build_resolution(tmp_path))
    assert raw.footnotes == [Footnote(marker, body) for marker, body in notes.items()]
    assert raw.footnotes[0] == Footnote(
        "1", "See E/CN.4/2001/2–E/CN.4/Sub.2/2000/46, chap. II, sect. A."
    )
    assert "at its fifty-second session,¹\n\n" in raw.text
    assert "Field of Human Rights;²" in raw.text
    assert "at its forty-first session;³" in raw.text


def test_reader_is_chosen_by_content(tmp_path: Path) -> None:
    path = build_resolution(tmp_path)
    renamed = path.rename(tmp_path / "draft.bin")
    raw = read_any(renamed)
    assert raw.format == "docx"
    assert raw.text.startswith("General Assembly\n\nDistr.: General\n17 July 2019")


# --------------------------------------------------------------------------- numbering


@pytest.mark.parametrize(
    ("fmt", "text", "labels"),
    [
        ("lowerRoman", "(%2)", "(i) (ii) (iii) (iv) (v) (vi) (i) (ii) (iii)"),
        ("lowerLetter", "(%2)", "(a) (b) (c) (d) (e) (f) (a) (b) (c)"),
        ("upperLetter", "%2)", "A) B) C) D) E) F) A) B) C)"),
        ("upperRoman", "%2.", "I. II. III. IV. V. VI. I. II. III."),
        ("decimal", "%1.%2", "7.1 7.2 7.3 7.4 7.5 7.6 11.1 11.2 11.3"),
    ],
)
def test_two_level_list_restarts_sub_items(
    tmp_path: Path, fmt: str, text: str, labels: str
) -> None:
    items = s_2018_693_items()
    document = docx.Document()
    start_at_7 = '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="7"/></w:lvlOverride>'
    num_id = add_list(document, [("decimal", "%1.", 1), (fmt, text, 1)], start_at_7)
    for item in items:
        label, body = item.split(" ", 1)
        add_block(document, body, num_id, ilvl=1 if label.startswith("(") else 0)
    got = [
        block.split(" ", 1)[0] for block in read_docx(save(document, tmp_path)).text.split("\n\n")
    ]
    sub = iter(labels.split())
    expected = ["7.", *[next(sub) for _ in range(6)], "8.", "9.", "10.", "11."]
    expected += [next(sub) for _ in range(3)] + ["12."]
    assert got == expected


def test_list_items_keep_their_text(tmp_path: Path) -> None:
    items = s_2018_693_items()
    document = docx.Document()
    num_id = add_list(
        document,
        [("decimal", "%1.", 7), ("lowerRoman", "(%2)", 1)],
    )
    for item in items:
        label, body = item.split(" ", 1)
        add_block(document, body, num_id, ilvl=1 if label.startswith("(") else 0)
    assert read_docx(save(document, tmp_path)).text.split("\n\n") == items


def test_numbering_from_paragraph_style_and_removed_by_num_id_0(tmp_path: Path) -> None:
    blocks, _ = resolution_blocks()
    operative = [OPERATIVE.match(b).group(2) for b in blocks if OPERATIVE.match(b)]
    document = docx.Document()
    for body in operative[:3]:
        add_block(document, body).style = document.styles["List Number"]
    unnumbered = add_block(document, operative[3])
    unnumbered.style = document.styles["List Number"]
    set_numbering(unnumbered, "0")
    got = read_docx(save(document, tmp_path)).text.split("\n\n")
    assert [b.split(" ", 1)[0] for b in got[:3]] == ["1.", "2.", "3."]
    assert got[3] == operative[3]


def test_instances_of_one_list_share_counters_unless_restarted(tmp_path: Path) -> None:
    blocks, _ = resolution_blocks()
    operative = [OPERATIVE.match(b).group(2) for b in blocks if OPERATIVE.match(b)]
    document = docx.Document()
    first = add_list(document, [("decimal", "%1.", 1)])
    continued = add_instance(document, first)
    restarted = add_instance(
        document, first, '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>'
    )
    for body, num_id in zip(operative, [first, first, continued, restarted, first], strict=False):
        add_block(document, body, num_id)
    got = read_docx(save(document, tmp_path)).text.split("\n\n")
    assert [b.split(" ", 1)[0] for b in got] == ["1.", "2.", "3.", "1.", "2."]


@pytest.mark.parametrize(
    ("number", "fmt", "printed"),
    [
        (1, "lowerLetter", "a"),
        (26, "lowerLetter", "z"),
        (27, "lowerLetter", "aa"),
        (3, "upperLetter", "C"),
        (9, "lowerRoman", "ix"),
        (14, "upperRoman", "XIV"),
        (1994, "upperRoman", "MCMXCIV"),
        (3, "decimalZero", "03"),
        (12, "decimal", "12"),
        (5, "ordinalText", "5"),
    ],
)
def test_format_number(number: int, fmt: str, printed: str) -> None:
    assert reader.format_number(number, fmt) == printed


# --------------------------------------------------------------------------- styles and tables


def test_italic_from_character_and_paragraph_styles(tmp_path: Path) -> None:
    document = docx.Document()
    paragraph = document.add_paragraph()
    paragraph.add_run("Decides", style="Emphasis")
    paragraph.add_run(" to remain seized of the matter.")
    document.add_paragraph("The Human Rights Council,", style="Quote")
    got = read_docx(save(document, tmp_path)).text
    assert got == "*Decides* to remain seized of the matter.\n\n*The Human Rights Council,*"


def test_table_cells_are_blocks(tmp_path: Path) -> None:
    document = docx.Document()
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "In favour:"
    table.cell(0, 1).text = "Afghanistan, Angola, Bahamas"
    table.cell(0, 1).add_paragraph("Bahrain, Bangladesh")
    document.add_paragraph("Against:")
    got = read_docx(save(document, tmp_path)).text
    assert got == "In favour:\n\nAfghanistan, Angola, Bahamas\n\nBahrain, Bangladesh\n\nAgainst:"


# --------------------------------------------------------------------------- tracked changes


def tracked_draft(tmp_path: Path) -> Path:
    """Operative paragraphs 29-31 of 41/3 with tracked edits in 30 and 31 deleted whole."""
    blocks, _ = resolution_blocks()
    operative = [OPERATIVE.match(b).group(2) for b in blocks if OPERATIVE.match(b)]
    document = docx.Document()
    num_id = add_list(document, [("decimal", "%1.", 29)])
    add_block(document, operative[28], num_id)
    thirty = add_block(document, "*Requests* the High Commissioner to prepare a ", num_id)
    thirty._p.append(
        parse_xml(
            f'<w:del xmlns:w="{W_NS}" {REVISION.format(id=1)}><w:r><w:delText xml:space='
            '"preserve">new </w:delText></w:r></w:del>'
        )
    )
    thirty._p.append(
        parse_xml(
            f'<w:ins xmlns:w="{W_NS}" {REVISION.format(id=2)}><w:r><w:t xml:space="preserve">'
            "comprehensive </w:t></w:r></w:ins>"
        )
    )
    thirty.add_run("report")
    thirty._p.append(
        parse_xml(
            f'<w:moveFrom xmlns:w="{W_NS}" {REVISION.format(id=3)}><w:r><w:t xml:space='
            '"preserve"> at its forty-fourth session</w:t></w:r></w:moveFrom>'
        )
    )
    thirty.add_run(" on the work of the Office")
    thirty._p.append(
        parse_xml(
            f'<w:moveTo xmlns:w="{W_NS}" {REVISION.format(id=4)}><w:r><w:t xml:space='
            '"preserve"> at its forty-fourth session</w:t></w:r></w:moveTo>'
        )
    )
    thirty.add_run(";")
    deleted = add_block(document, "", num_id)
    deleted._p.get_or_add_pPr().append(
        parse_xml(f'<w:rPr xmlns:w="{W_NS}"><w:del {REVISION.format(id=5)}/></w:rPr>')
    )
    deleted._p.append(
        parse_xml(
            f'<w:del xmlns:w="{W_NS}" {REVISION.format(id=6)}><w:r><w:delText>'
            f"{escape(operative[30].replace('*', ''))}</w:delText></w:r></w:del>"
        )
    )
    add_block(document, operative[31], num_id)
    return save(document, tmp_path)


def test_accepting_revisions(tmp_path: Path) -> None:
    got = read_docx(tracked_draft(tmp_path), "accept").text.split("\n\n")
    assert got[1] == (
        "30. *Requests* the High Commissioner to prepare a comprehensive report"
        " on the work of the Office at its forty-fourth session;"
    )
    assert len(got) == 3
    assert got[2].startswith("31. *Recalls* that, in its resolution 72/171")


def test_rejecting_revisions(tmp_path: Path) -> None:
    got = read_docx(tracked_draft(tmp_path), "reject").text.split("\n\n")
    assert got[1] == (
        "30. *Requests* the High Commissioner to prepare a new report"
        " at its forty-fourth session on the work of the Office;"
    )
    assert got[2].startswith("31. Invites States and relevant United Nations human rights")
    assert got[3].startswith("32. *Recalls* that, in its resolution 72/171")


def test_rejecting_a_formatting_change_restores_old_italics(tmp_path: Path) -> None:
    document = docx.Document()
    paragraph = document.add_paragraph()
    run = paragraph.add_run("Decides")
    run.italic = True
    run._r.get_or_add_rPr().append(
        parse_xml(f'<w:rPrChange xmlns:w="{W_NS}" {REVISION.format(id=1)}><w:rPr/></w:rPrChange>')
    )
    paragraph.add_run(" to remain seized of the matter.")
    path = save(document, tmp_path)
    assert read_docx(path, "accept").text.startswith("*Decides* to")
    assert read_docx(path, "reject").text.startswith("Decides to")


def test_rejecting_a_numbering_change_removes_the_label(tmp_path: Path) -> None:
    blocks, _ = resolution_blocks()
    operative = [OPERATIVE.match(b).group(2) for b in blocks if OPERATIVE.match(b)]
    document = docx.Document()
    num_id = add_list(document, [("decimal", "%1.", 1)])
    paragraph = add_block(document, operative[0], num_id)
    paragraph._p.get_or_add_pPr().append(
        parse_xml(f'<w:pPrChange xmlns:w="{W_NS}" {REVISION.format(id=1)}><w:pPr/></w:pPrChange>')
    )
    path = save(document, tmp_path)
    assert read_docx(path, "accept").text.startswith("1. *Reaffirms* that it is one")
    assert read_docx(path, "reject").text.startswith("*Reaffirms* that it is one")


def test_hidden_text_is_not_read(tmp_path: Path) -> None:
    document = docx.Document()
    paragraph = document.add_paragraph("Decides to remain seized of the matter.")
    paragraph.add_run(" (drafting note)").font.hidden = True
    assert read_docx(save(document, tmp_path)).text == "Decides to remain seized of the matter."


# --------------------------------------------------------------------------- errors


def test_random_bytes_are_not_a_docx(tmp_path: Path) -> None:
    path = tmp_path / "noise.docx"
    path.write_bytes(b"PK\x03\x04" + os.urandom(4096))
    with pytest.raises(InputError, match="is not a DOCX file"):
        read_docx(path)


def test_zip_without_document_part(tmp_path: Path) -> None:
    path = tmp_path / "sheet.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(InputError, match=r"is a zip but not a Word document \(no word/document"):
        read_docx(path)


def test_damaged_xml(tmp_path: Path) -> None:
    path = tmp_path / "damaged.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", f'<w:document xmlns:w="{W_NS}"><w:body><w:p>')
    with pytest.raises(InputError, match=r"is a damaged Word document: word/document.xml: "):
        read_docx(path)


def test_corrupt_compressed_data(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    body = f'<w:document xmlns:w="{W_NS}"><w:body><w:p/></w:body></w:document>' * 50
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", body)
    data = bytearray(buffer.getvalue())
    data[60:80] = b"\xff" * 20  # inside the deflate stream of the only member
    with pytest.raises(InputError, match="is a damaged Word document"):
        reader.read(tmp_path / "corrupt.docx", bytes(data))


@pytest.mark.parametrize(
    "doctype",
    [
        '<!DOCTYPE d [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;&a;">]>',  # entity expansion
        '<!DOCTYPE d SYSTEM "http://example.org/d.dtd">',  # an external DTD
    ],
    ids=["entities", "external"],
)
def test_document_type_declaration_is_refused(tmp_path: Path, doctype: str) -> None:
    """Entities were neither expanded nor kept: the text after one was silently lost."""
    path = tmp_path / "laughs.docx"
    xml = (
        f'<?xml version="1.0"?>{doctype}<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r>'
        "<w:t>Decides &b; to remain seized of the matter.</w:t></w:r></w:p></w:body></w:document>"
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", xml)
    with pytest.raises(InputError) as raised:
        read_docx(path)
    assert str(raised.value) == (
        f"{path}: is not a Word document: word/document.xml has a document type declaration "
        "(DTD), which Word never writes; its entities would be lost"
    )


@pytest.mark.parametrize("megabytes", [300, 50])  # over the total; a 1000:1 member
def test_zip_bomb_is_refused_before_extraction(tmp_path: Path, megabytes: int) -> None:
    path = zip_bomb(tmp_path / "bomb.docx", megabytes)
    assert path.stat().st_size < 2 * 1024 * 1024
    started = time.perf_counter()
    with pytest.raises(InputError, match=r"too large when uncompressed \(possible zip bomb\)"):
        read_docx(path)
    assert time.perf_counter() - started < 1.0


def test_decompression_is_bounded_when_declared_sizes_lie(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = build_resolution(tmp_path)
    monkeypatch.setattr(reader, "_check_declared_sizes", lambda name, members: None)
    monkeypatch.setattr(reader, "MAX_UNCOMPRESSED", 20_000)
    with pytest.raises(InputError, match="possible zip bomb"):
        read_docx(path)


def test_xml_part_size_is_bounded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = build_resolution(tmp_path)
    monkeypatch.setattr(reader, "MAX_XML_PART", 20_000)
    with pytest.raises(InputError, match=r"is too large \(word/document.xml is over"):
        read_docx(path)


def test_zip_with_too_many_members(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for index in range(reader.MAX_ENTRIES + 1):
            archive.writestr(f"m/{index}", b"")
    with pytest.raises(InputError, match="zip with 10001 members"):
        reader.read(tmp_path / "many.docx", buffer.getvalue())


def test_strict_open_xml_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "strict.docx"
    strict = "http://purl.oclc.org/ooxml/wordprocessingml/main"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(
            "word/document.xml", f'<w:document xmlns:w="{strict}"><w:body/></w:document>'
        )
    with pytest.raises(InputError, match="Strict Open XML"):
        read_docx(path)


# --------------------------------------------------------------------------- with the parser


def test_docx_parses_like_the_text_fixture(tmp_path: Path) -> None:
    parse_module = pytest.importorskip(
        "resdiff.parse", reason="resdiff.parse (the parser) is not written yet"
    )
    normalise = pytest.importorskip("resdiff.normalize").normalise
    from_docx = parse_module.parse(read_any(build_resolution(tmp_path)))
    from_text = parse_module.parse(FIXTURES / "A_HRC_RES_41_3.txt")

    def shape(document: object) -> list[tuple[str, str, str | None, str]]:
        return [
            (p.label, p.section, p.number, normalise(p.full_text()))
            for p in document.paragraphs  # type: ignore[attr-defined]
        ]

    assert shape(from_docx) == shape(from_text)
    assert [(f.marker, normalise(f.text)) for f in from_docx.footnotes] == [
        (f.marker, normalise(f.text)) for f in from_text.footnotes
    ]


def test_fixture_helpers_see_the_whole_resolution() -> None:
    blocks, notes = resolution_blocks()
    assert sum(1 for b in blocks if OPERATIVE.match(b)) == 34
    assert list(notes) == ["1", "2", "3"]
