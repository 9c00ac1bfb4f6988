"""PDF reader tests on real Security Council PDFs (fixtures/pdf/) and on broken PDFs.

Expected values (operative paragraph numbers, where a page break falls inside
a paragraph, footnote markers and texts) were read from the corpus ``.txt``
twins and the printed documents, not from the reader's output.
"""

from __future__ import annotations

import io
import logging
import re
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

pytest.importorskip("pdfminer")

from conftest import GRAY_SQUARE, PDF_FIXTURES, encrypted_pdf, minimal_pdf

from resdiff.errors import InputError
from resdiff.readers import RawDocument
from resdiff.readers import pdf as reader
from resdiff.readers import read as read_any

FILES = ["S_2019_90.pdf", "S_2018_95.pdf", "S_2020_110.pdf", "S_2024_557.pdf"]
NUMBERED = re.compile(r"^(\d+)\. ")
NO_TEXT = "has no text layer (scanned image?); run OCR first"


def read_fixture(name: str) -> RawDocument:
    """Read ``fixtures/pdf/<name>`` with the PDF reader."""
    path = PDF_FIXTURES / name
    return reader.read(path, path.read_bytes())


def blocks(raw: RawDocument) -> list[str]:
    """The paragraphs of the reader's text (blocks between blank lines)."""
    return raw.text.strip("\n").split("\n\n")


def reason(tmp_path: Path, data: bytes) -> str:
    """The ``InputError`` reason the reader gives for ``data`` (fails if none)."""
    path = tmp_path / "input.pdf"
    path.write_bytes(data)
    with pytest.raises(InputError) as caught:
        read_any(path)
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(f"{path}: ")
    return caught.value.reason


# --------------------------------------------------------------------------- layout


def test_header_keeps_information_lines_and_drops_masthead() -> None:
    assert blocks(read_fixture("S_2019_90.pdf"))[:7] == [
        "S/2019/90",
        "Security Council",
        "Distr.: General",
        "31 January 2019",
        "Original: English",
        "France: draft resolution",
        "The Security Council,",
    ]


@pytest.mark.parametrize("name", FILES)
def test_no_page_furniture_remains(name: str) -> None:
    raw = read_fixture(name)
    text = raw.text
    symbol = "S/" + name.removeprefix("S_").removesuffix(".pdf").replace("_", "/")
    assert blocks(raw)[0] == symbol
    assert text.count(symbol) == 1, "running header left in the text"
    assert not re.search(r"\b\d{2}-\d{5}\b", text), "job number left in the text"
    assert not re.search(r"\*\d{7}\*", text), "barcode left in the text"
    assert not [b for b in blocks(raw) if re.fullmatch(r"\d+(/\d+)?|-\s*\d+\s*-", b)]
    assert "United Nations" not in blocks(raw)
    assert "recycle" not in text.lower()


@pytest.mark.parametrize("name", FILES)
def test_one_line_per_paragraph_one_blank_line_between(name: str) -> None:
    raw = read_fixture(name)
    assert "\n\n\n" not in raw.text
    assert all(block and "\n" not in block for block in blocks(raw))


@pytest.mark.parametrize(
    ("name", "numbers"),
    [
        ("S_2019_90.pdf", list(range(1, 13))),
        ("S_2018_95.pdf", list(range(1, 5))),
        ("S_2020_110.pdf", list(range(1, 6))),
        # operative paragraphs 1-6, annex I paragraphs 1-15, annex II paragraphs 1-12
        ("S_2024_557.pdf", [*range(1, 7), *range(1, 16), *range(1, 13)]),
    ],
)
def test_numbered_paragraphs(name: str, numbers: list[int]) -> None:
    found = [NUMBERED.match(b) for b in blocks(read_fixture(name))]
    assert [int(m.group(1)) for m in found if m] == numbers


@pytest.mark.parametrize(
    ("name", "start", "across_break", "end"),
    [
        (
            "S_2019_90.pdf",
            "3. Decides to extend until 29 February 2020 the mandate",
            "regarding its further extension no later than 31 January 2020",
            "expertise of the current members of the Panel of Experts;",
        ),
        (
            "S_2018_95.pdf",
            "3. Expresses its intention to regularly review the measures on Darfur",
            "and recommendations, and in light of the upcoming interim report",
            "taking into account relevant Security Council resolutions;",
        ),
        (
            "S_2020_110.pdf",
            "3. Expresses its intention to regularly review the measures on Darfur",
            "on the ground, taking note of the Committee Chair’s report",
            "taking into account relevant Security Council resolutions;",
        ),
    ],
)
def test_paragraph_across_page_break_is_one_block(
    name: str, start: str, across_break: str, end: str
) -> None:
    matching = [b for b in blocks(read_fixture(name)) if b.startswith(start)]
    assert len(matching) == 1
    assert across_break in matching[0]
    assert matching[0].endswith(end)


def test_line_end_hyphen_of_a_real_compound_is_kept() -> None:
    text = read_fixture("S_2019_90.pdf").text
    assert "recalls the value of information-sharing between MINUSCA" in text
    assert "to re-establish the Panel of Experts" in text


def test_sub_items_start_their_own_blocks() -> None:
    paragraphs = blocks(read_fixture("S_2024_557.pdf"))
    for item in [
        "(a) Acknowledge to the petitioner the receipt of the delisting request;",
        "(f) In the case that a petition is returned pursuant to subparagraphs",
        "(i) how the circumstances that led to the original designation have",
        "(iii) the factual accuracy of claims made by the petitioner",
    ]:
        assert len([b for b in paragraphs if b.startswith(item)]) == 1, item


# --------------------------------------------------------------------------- footnotes


def test_footnotes_are_separated_from_the_text() -> None:
    raw = read_fixture("S_2024_557.pdf")
    assert [note.marker for note in raw.footnotes] == ["1", "2", "3"]
    first, second, third = (note.text for note in raw.footnotes)
    assert first.startswith("Petitions submitted before the date of the adoption of this")
    assert first.endswith("once this appointment is effective.")
    assert second.startswith("A State can decide, that as a rule, its citizens or residents")
    assert third == (
        "The summary is distinct from a recommendation. "
        "The Focal Point will not make a recommendation on the petition."
    )
    for note in raw.footnotes:
        assert note.text[:40] not in raw.text
    assert "____" not in raw.text


def test_footnote_markers_are_superscripts_glued_to_the_text() -> None:
    text = read_fixture("S_2024_557.pdf").text
    assert "pursuant to resolution 1267 (1999).¹ Petitioners seeking" in text
    assert "their state of residence or citizenship.²\n" in text
    assert "assist the Committee with its decision;³\n" in text
    assert Counter(ch for ch in text if ch in "¹²³") == {"¹": 1, "²": 1, "³": 1}


def test_documents_without_footnotes_return_none() -> None:
    assert read_fixture("S_2019_90.pdf").footnotes == []


def test_dispatcher_reads_pdf_by_content() -> None:
    raw = read_any(PDF_FIXTURES / "S_2020_110.pdf")
    assert raw.format == "pdf"
    assert raw.path == str(PDF_FIXTURES / "S_2020_110.pdf")
    assert "5. Decides to remain seized of the matter." in raw.text


def test_rotated_pages_read_like_upright_ones() -> None:
    pypdf = pytest.importorskip("pypdf")
    path = PDF_FIXTURES / "S_2019_90.pdf"
    writer = pypdf.PdfWriter(clone_from=str(path))
    for page in writer.pages:
        page.rotate(90)
    buffer = io.BytesIO()
    writer.write(buffer)
    assert reader.read(path, buffer.getvalue()).text == read_fixture("S_2019_90.pdf").text


# --------------------------------------------------------------------------- line-end hyphens


@pytest.mark.parametrize(
    ("left", "right", "known", "joined"),
    [
        ("the value of information-", "sharing between", [], "information-sharing between"),
        ("the Secretary-", "General’s report", [], "Secretary-General’s report"),
        ("support to troop-", "and police-contributing", [], "troop- and police-contributing"),
        ("enhanced informa-", "tion exchange", [], "enhanced information exchange"),
        ("its devel-", "opment", ["development"], "its development"),
        ("its post-", "conflict phase", ["post-conflict"], "its post-conflict phase"),
    ],
)
def test_line_end_hyphen_rule(left: str, right: str, known: list[str], joined: str) -> None:
    assert reader._join_pair(left, right, Counter(known)).endswith(joined)


# --------------------------------------------------------------------------- errors


def test_encrypted_pdf(tmp_path: Path) -> None:
    assert reason(tmp_path, encrypted_pdf(PDF_FIXTURES / "S_2019_90.pdf")) == "is encrypted"


@pytest.mark.parametrize("keep", [0.5, 0.1])
def test_truncated_pdf(tmp_path: Path, keep: float) -> None:
    data = (PDF_FIXTURES / "S_2019_90.pdf").read_bytes()
    assert reason(tmp_path, data[: int(len(data) * keep)]).startswith("is not a readable PDF: ")


def test_garbage_after_pdf_header(tmp_path: Path) -> None:
    assert reason(tmp_path, b"%PDF-1.7\nnot a PDF at all\n").startswith("is not a readable PDF: ")


def test_image_only_pdf(tmp_path: Path) -> None:
    assert reason(tmp_path, minimal_pdf(GRAY_SQUARE)) == NO_TEXT


def test_blank_pdf(tmp_path: Path) -> None:
    assert reason(tmp_path, minimal_pdf(b"")) == NO_TEXT


def test_missing_library_is_an_input_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pdfminer.pdfparser", None)
    assert "pdfminer.six" in reason(tmp_path, (PDF_FIXTURES / "S_2019_90.pdf").read_bytes())


def test_reading_prints_and_logs_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    data = (PDF_FIXTURES / "S_2018_95.pdf").read_bytes()
    read_fixture("S_2018_95.pdf")
    reason(tmp_path, data[: len(data) // 2])
    captured = capsys.readouterr()
    assert captured.out == captured.err == ""
    assert [r for r in caplog.records if r.name.startswith("pdfminer")] == []
    assert logging.getLogger("pdfminer").level == logging.NOTSET


# --------------------------------------------------------------------------- linear layout


@given(st.lists(st.sampled_from([9.0, 10.0, 10.5, 12.0]), max_size=40), st.data())
def test_prefix_mode_is_counters_most_common(sizes: list[float], data: st.DataObject) -> None:
    """The footnote-area search takes the commonest size above each rule from one pass."""
    ends = sorted(data.draw(st.lists(st.integers(0, len(sizes)), max_size=6)))
    modes = reader._PrefixMode(sizes)
    for end in ends:
        expected = Counter(sizes[:end]).most_common(1)
        assert modes.up_to(end) == (expected[0][0] if expected else None)


def test_joining_many_lines_is_linear() -> None:
    """A paragraph of 200,000 one-word lines joins in well under a second (it was
    quadratic: each line copied the whole text joined so far)."""
    words = ("informa-", "tion", "sharing", "post-", "conflict") * 40_000
    lines = [reader.Line(chars=[], page=1, top=0.0, bottom=0.0, text=word) for word in words]
    started = time.perf_counter()
    joined = reader._join(lines, Counter({"information": 1}))
    assert time.perf_counter() - started < 2.0
    assert joined.startswith("information sharing post-conflict information sharing")
