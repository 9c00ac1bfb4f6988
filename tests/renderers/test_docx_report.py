"""DOCX report tests: accepting all tracked changes gives the new text, rejecting all the old.

The property is checked twice, independently: by walking the produced
WordprocessingML here (dropping w:del / w:ins and the paragraphs whose mark is
deleted / inserted), and by reading the file back with resdiff's own DOCX reader
in its accept and reject modes. Both are compared, paragraph by paragraph and
after ``normalise``, with the display text of the paragraphs the comparison
covers: opening line, headings, printed numbers, text and sub-items.

The check runs over the resolution text only, the bookmark ``resdiff_resolution``
after the summary page; the summary page is untracked report matter and must
read the same in both modes.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import time
import zipfile
from collections import Counter
from datetime import UTC, datetime, timedelta
from functools import cache
from pathlib import Path

import pytest

pytest.importorskip("docx")

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from resdiff.cli import main
from resdiff.compare import compare
from resdiff.errors import UsageError
from resdiff.model import Comparison, Document
from resdiff.normalize import normalise
from resdiff.parse import parse
from resdiff.readers.docx import read as read_docx
from resdiff.renderers import RenderOptions, render
from resdiff.renderers.docx import AUTHOR, BOOKMARK, build, revision_date

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
FIXED = datetime(2020, 1, 1, tzinfo=UTC)
FIXED_STAMP = "2020-01-01T00:00:00Z"
SC_PAIRS = [
    ("S_2018_95", "S_2020_110"),
    ("S_2017_444", "S_2019_441"),
    ("S_2017_77", "S_2019_90"),  # merges, a move, many removals, headings dropped
    # reversed, PP1's redline slides a deletion so that its equal parts do not follow the
    # old text token for token; the report then diffs the paragraph's words itself
    ("S_2018_341", "S_2018_1021"),
]
NEW_OPERATIVE = (
    "*Encourages* States to share good practices in international cooperation in the field "
    "of human rights, including through the universal periodic review;"
)


def w(tag: str) -> str:
    """Clark name of a WordprocessingML element."""
    return f"{{{W_NS}}}{tag}"


# --------------------------------------------------------------------------- inputs


def hrc_variant() -> str:
    """Resolution 41/3 edited as a drafter would, operative paragraphs renumbered.

    OP2 and OP3 merged; OP7 reworded; OP10 deleted; OP14 split in two at
    "and that the international community"; a new paragraph after OP20; OP23
    moved after OP28.
    """
    text = (FIXTURES / "A_HRC_RES_41_3.txt").read_text(encoding="utf-8")
    blocks = text.split("\n\n")

    def find(start: str) -> int:
        return next(i for i, block in enumerate(blocks) if block.startswith(start))

    i = find("7. *Urges*")
    blocks[i] = (
        blocks[i]
        .replace("to build an international order", "to strive to build a fair international order")
        .replace("and to reject all", "and to firmly reject all")
    )
    blocks.insert(find("28. ") + 1, blocks.pop(find("23. *Urges*")))
    blocks.insert(find("20. ") + 1, "99. " + NEW_OPERATIVE)
    del blocks[find("10. *Calls upon*")]
    i = find("2. *Recognizes*")
    third = blocks.pop(i + 1).split(" ", 1)[1].replace("*Reaffirms*", "reaffirms")
    blocks[i] = f"{blocks[i].rstrip(';')}, and {third}"
    i = find("14. *Re-emphasizes*")
    first, second = blocks[i].split(", and that the international community ")
    blocks[i : i + 1] = [f"{first};", f"99. *Stresses* that the international community {second}"]
    return "\n\n".join(_renumbered(blocks))


def _renumbered(blocks: list[str]) -> list[str]:
    result, count = [], 0
    for block in blocks:
        match = re.match(r"\d+\. ", block)
        if match:
            count += 1
            block = f"{count}. {block[match.end() :]}"
        result.append(block)
    return result


@pytest.fixture(scope="module")
def comparisons(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Comparison]:
    """Every case by name: the real Security Council pairs, the 41/3 variant, and reversed."""
    variant = tmp_path_factory.mktemp("hrc") / "A_HRC_RES_41_3.variant.txt"
    variant.write_text(hrc_variant(), encoding="utf-8")
    pairs = [(FIXTURES / f"{a}.txt", FIXTURES / f"{b}.txt") for a, b in SC_PAIRS]
    pairs.append((FIXTURES / "A_HRC_RES_41_3.txt", variant))
    result = {}
    for old, new in pairs:
        result[f"{old.stem}>{new.stem}"] = compare(old, new)
        result[f"{new.stem}>{old.stem}"] = compare(new, old)
    return result


@pytest.fixture(scope="module")
def reports(comparisons: dict[str, Comparison]) -> dict[str, bytes]:
    """The DOCX report of every case, dated FIXED."""
    return {name: build(c, date=FIXED) for name, c in comparisons.items()}


CASES = [f"{a}>{b}" for a, b in SC_PAIRS] + [f"{b}>{a}" for a, b in SC_PAIRS]
CASES += ["A_HRC_RES_41_3>A_HRC_RES_41_3.variant", "A_HRC_RES_41_3.variant>A_HRC_RES_41_3"]


# --------------------------------------------------------------------------- expected text


def expected(comparison: Comparison, side: str) -> list[str]:
    """Normalised display text of one side: opening, then heading and numbered text."""
    document: Document = getattr(comparison, side)
    covered = {id(p) for change in comparison.changes for p in getattr(change, side)}
    texts = [document.opening or ""]
    for paragraph in document.paragraphs:
        if id(paragraph) not in covered:
            continue
        texts.append(paragraph.heading or "")
        number = f"{paragraph.number}. " if paragraph.number else ""
        texts.append(number + paragraph.full_text())
    return [n for n in map(normalise, texts) if n]


# --------------------------------------------------------------------------- reading the XML


def document_xml(data: bytes) -> etree._Element:
    """The parsed word/document.xml of a report."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return etree.fromstring(package.read("word/document.xml"))


def body_paragraphs(root: etree._Element) -> tuple[list[etree._Element], list[etree._Element]]:
    """(summary paragraphs, resolution paragraphs): body-level w:p split at the bookmark."""
    paragraphs = root.find(w("body")).findall(w("p"))
    starts = [
        i
        for i, p in enumerate(paragraphs)
        if any(b.get(w("name")) == BOOKMARK for b in p.iter(w("bookmarkStart")))
    ]
    assert len(starts) == 1, "exactly one resolution bookmark"
    bookmark_id = paragraphs[starts[0]].find(w("bookmarkStart")).get(w("id"))
    ends = [
        i
        for i, p in enumerate(paragraphs)
        if any(b.get(w("id")) == bookmark_id for b in p.iter(w("bookmarkEnd")))
    ]
    assert len(ends) == 1 and ends[0] >= starts[0]
    return paragraphs[: starts[0]], paragraphs[starts[0] : ends[0] + 1]


def paragraph_text(paragraph: etree._Element, hidden: str | None) -> str:
    """Text of a paragraph's runs, leaving out those inside a ``hidden`` wrapper (ins/del)."""
    parts = []
    for run in paragraph.iter(w("r")):
        if hidden and run.getparent().tag == w(hidden):
            continue
        for child in run:
            if child.tag in (w("t"), w("delText")):
                parts.append(child.text or "")
            elif child.tag in (w("br"), w("tab")):
                parts.append(" ")
    return "".join(parts)


def mark_revision(paragraph: etree._Element) -> str | None:
    """'ins' or 'del' when the paragraph mark is tracked, else None."""
    properties = paragraph.find(f"{w('pPr')}/{w('rPr')}")
    for tag in ("ins", "del"):
        if properties is not None and properties.find(w(tag)) is not None:
            return tag
    return None


def view(data: bytes, mode: str) -> list[str]:
    """The resolution as Word shows it after accepting or rejecting all changes (normalised)."""
    hidden = "del" if mode == "accept" else "ins"
    _, paragraphs = body_paragraphs(document_xml(data))
    texts, pending = [], ""
    for paragraph in paragraphs:
        pending += paragraph_text(paragraph, hidden)
        if mark_revision(paragraph) == hidden:
            continue  # the mark goes: the text runs on into the next paragraph
        texts.append(pending)
        pending = ""
    texts.append(pending)
    return [n for n in map(normalise, texts) if n]


def reader_blocks(data: bytes, mode: str) -> list[str]:
    """Normalised text blocks of the whole report as resdiff's DOCX reader reads it."""
    raw = read_docx(Path("report.docx"), data, revisions=mode)
    return [n for n in map(normalise, raw.text.split("\n\n")) if n]


# --------------------------------------------------------------------------- the property


@pytest.mark.parametrize("name", CASES)
def test_accept_all_gives_new_text_and_reject_all_old_text(
    name: str, comparisons: dict[str, Comparison], reports: dict[str, bytes]
) -> None:
    comparison, data = comparisons[name], reports[name]
    assert view(data, "accept") == expected(comparison, "new")
    assert view(data, "reject") == expected(comparison, "old")


@pytest.mark.parametrize("name", CASES)
def test_resdiff_reader_agrees(
    name: str, comparisons: dict[str, Comparison], reports: dict[str, bytes]
) -> None:
    comparison, data = comparisons[name], reports[name]
    new, old = expected(comparison, "new"), expected(comparison, "old")
    accepted, rejected = reader_blocks(data, "accept"), reader_blocks(data, "reject")
    assert accepted[len(accepted) - len(new) :] == new
    assert rejected[len(rejected) - len(old) :] == old
    # what comes before is the summary page, the same whichever way changes are resolved
    assert accepted[: len(accepted) - len(new)] == rejected[: len(rejected) - len(old)]


def test_cases_cover_every_kind_of_change(comparisons: dict[str, Comparison]) -> None:
    kinds: Counter[str] = Counter()
    for name in CASES:
        comparison = comparisons[name]
        kinds.update(c.kind for c in comparison.changes)
        kinds["moved"] += sum(c.moved for c in comparison.changes)
        kinds["renumbered"] += bool(comparison.renumbered)
        kinds["heading"] += any(p.heading for p in comparison.old.paragraphs)
    for kind in ("unchanged", "reworded", "added", "removed", "moved", "split", "merged"):
        assert kinds[kind], f"no case exercises {kind}"
    assert kinds["renumbered"] and kinds["heading"]


def test_hrc_variant_has_each_edit(comparisons: dict[str, Comparison]) -> None:
    comparison = comparisons["A_HRC_RES_41_3>A_HRC_RES_41_3.variant"]
    summary = comparison.summary()
    for kind in ("reworded", "added", "removed", "moved", "split", "merged"):
        assert summary[kind] >= 1, kind


@cache
def base_paragraphs() -> tuple[str, ...]:
    """The first twelve operative paragraphs of 41/3, as the parser reads them."""
    return tuple(p.full_text() for p in parse(FIXTURES / "A_HRC_RES_41_3.txt").operative[:12])


def _edited(ops: list[tuple[str, int]]) -> list[str]:
    """Apply generated edits (drop, add, reword, move, merge, split) to the base paragraphs."""
    paragraphs = list(base_paragraphs())
    for op, k in ops:
        k %= len(paragraphs)
        if op == "drop" and len(paragraphs) > 2:
            del paragraphs[k]
        elif op == "add":
            paragraphs.insert(k, NEW_OPERATIVE)
        elif op == "reword":
            words = paragraphs[k].split()
            words[len(words) // 2] = "substantially"
            paragraphs[k] = " ".join(words)
        elif op == "move":
            paragraphs.append(paragraphs.pop(k))
        elif op == "merge" and k + 1 < len(paragraphs):
            paragraphs[k : k + 2] = [f"{paragraphs[k].rstrip(';')}, and {paragraphs[k + 1]}"]
        elif op == "split" and ", " in paragraphs[k]:
            head, tail = paragraphs[k].split(", ", 1)
            paragraphs[k : k + 1] = [f"{head};", f"*Further decides* {tail}"]
    return paragraphs


def _resolution(paragraphs: list[str]) -> str:
    numbered = [f"{i}. {text}" for i, text in enumerate(paragraphs, 1)]
    return "The Human Rights Council,\n\n" + "\n\n".join(numbered) + "\n"


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["drop", "add", "reword", "move", "merge", "split"]),
            st.integers(0, 20),
        ),
        min_size=1,
        max_size=5,
    )
)
def test_property_holds_for_generated_edits(tmp_path: Path, ops: list[tuple[str, int]]) -> None:
    old_path, new_path = tmp_path / "old.txt", tmp_path / "new.txt"
    old_path.write_text(_resolution(list(base_paragraphs())), encoding="utf-8")
    new_path.write_text(_resolution(_edited(ops)), encoding="utf-8")
    for a, b in ((old_path, new_path), (new_path, old_path)):
        comparison = compare(a, b)
        data = build(comparison, date=FIXED)
        assert view(data, "accept") == expected(comparison, "new")
        assert view(data, "reject") == expected(comparison, "old")


# --------------------------------------------------------------------------- revisions


@pytest.mark.parametrize("name", CASES)
def test_every_revision_has_author_date_and_unique_id(name: str, reports: dict[str, bytes]) -> None:
    root = document_xml(reports[name])
    revisions = [e for tag in ("ins", "del", "rPrChange") for e in root.iter(w(tag))]
    assert revisions
    for element in revisions:
        assert element.get(w("author")) == AUTHOR
        assert element.get(w("date")) == FIXED_STAMP
    ids = [e.get(w("id")) for e in revisions] + [
        e.get(w("id")) for e in root.iter(w("bookmarkStart"))
    ]
    assert all(i is not None and i.isdigit() for i in ids)
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("name", CASES)
def test_revision_markup_is_well_formed(name: str, reports: dict[str, bytes]) -> None:
    root = document_xml(reports[name])
    summary, resolution = body_paragraphs(root)
    for paragraph in summary:
        assert paragraph.find(f".//{w('ins')}") is None and paragraph.find(f".//{w('del')}") is None
    for element in root.iter(w("delText")):
        assert element.getparent().getparent().tag == w("del"), "w:delText only in deleted runs"
    for element in root.iter(w("t")):
        assert element.getparent().getparent().tag != w("del"), "w:t never in deleted runs"
    for element in [*root.iter(w("ins")), *root.iter(w("del"))]:
        parent = element.getparent()
        assert parent.tag == w("p") or (
            parent.tag == w("rPr") and parent.getparent().tag == w("pPr")
        ), "run wrappers sit in a paragraph, mark revisions in w:pPr/w:rPr"
        if parent.tag == w("p"):
            assert len(element) and all(child.tag == w("r") for child in element)
            assert element.get(w("id")) != "0"
    for element in (e for p in resolution for e in p.iter(w("t"), w("delText"))):
        assert element.get("{http://www.w3.org/XML/1998/namespace}space") == "preserve"


def test_added_and_removed_paragraphs_take_their_marks(
    comparisons: dict[str, Comparison], reports: dict[str, bytes]
) -> None:
    name = "A_HRC_RES_41_3>A_HRC_RES_41_3.variant"
    _, paragraphs = body_paragraphs(document_xml(reports[name]))
    added = normalise(NEW_OPERATIVE)
    removed = normalise("Calls upon the international community to maximize the benefits")
    inserted = [p for p in paragraphs if added in normalise(paragraph_text(p, "del"))]
    deleted = [p for p in paragraphs if removed in normalise(paragraph_text(p, "ins"))]
    assert len(inserted) == 1 and len(deleted) == 1
    assert mark_revision(inserted[0]) == "ins"
    assert mark_revision(deleted[0]) == "del"
    assert not deleted[0].findall(w("r")), "every run of a removed paragraph is in w:del"
    assert not inserted[0].findall(w("r")), "every run of an added paragraph is in w:ins"


def test_renumbering_is_a_tracked_change_of_the_number(
    comparisons: dict[str, Comparison], reports: dict[str, bytes]
) -> None:
    name = "S_2018_95>S_2020_110"
    assert comparisons[name].renumbered == {"4": "5"}
    _, paragraphs = body_paragraphs(document_xml(reports[name]))
    last = next(p for p in paragraphs if "remain seized" in paragraph_text(p, None))
    deleted = [t.text for t in last.iter(w("delText"))]
    inserted = [t.text for r in last.iter(w("ins")) for t in r.iter(w("t"))]
    assert deleted == ["4. "] and inserted == ["5. "]


def test_unchanged_paragraph_is_plain_and_keeps_its_italics(reports: dict[str, bytes]) -> None:
    name = "A_HRC_RES_41_3>A_HRC_RES_41_3.variant"
    _, paragraphs = body_paragraphs(document_xml(reports[name]))
    first = next(p for p in paragraphs if paragraph_text(p, None).startswith("1. Reaffirms"))
    assert first.find(f".//{w('ins')}") is None and first.find(f".//{w('del')}") is None
    italic = [r for r in first.iter(w("r")) if r.find(f"{w('rPr')}/{w('i')}") is not None]
    assert [paragraph_text(r, None) for r in italic] == ["Reaffirms"]


def test_summary_page_names_both_versions_and_counts(
    comparisons: dict[str, Comparison], reports: dict[str, bytes]
) -> None:
    name = "S_2017_77>S_2019_90"
    root = document_xml(reports[name])
    summary, _ = body_paragraphs(root)
    tables = root.find(w("body")).findall(w("tbl"))
    cells = [paragraph_text(p, None) for t in tables for p in t.iter(w("p"))]
    text = " ".join([paragraph_text(p, None) for p in summary] + cells)
    assert "S/2017/77" in text and "S/2019/90" in text
    assert "27 -> 3" in text and "Moved paragraphs: none" in text
    counts = comparisons[name].summary()
    assert cells[cells.index("removed") + 1] == str(counts["removed"])
    assert summary[-1].find(f".//{w('br')}").get(w("type")) == "page"


# --------------------------------------------------------------------------- package


def test_package_is_a_valid_word_file_with_track_revisions(reports: dict[str, bytes]) -> None:
    import docx

    data = reports["S_2018_95>S_2020_110"]
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        assert package.testzip() is None
        names = package.namelist()
        assert "[Content_Types].xml" in names and "word/document.xml" in names
        assert "docProps/thumbnail.jpeg" not in names
        settings_xml = etree.fromstring(package.read("word/settings.xml"))
        core = package.read("docProps/core.xml").decode()
    assert settings_xml.find(w("trackRevisions")) is not None
    order = [child.tag for child in settings_xml]
    assert order.index(w("trackRevisions")) < order.index(w("defaultTabStop"))
    assert "<dc:creator>resdiff</dc:creator>" in core and FIXED_STAMP in core
    docx.Document(io.BytesIO(data))  # python-docx opens it


def test_source_date_epoch_makes_output_reproducible(
    monkeypatch: pytest.MonkeyPatch, comparisons: dict[str, Comparison]
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1577836800")
    comparison = comparisons["S_2018_95>S_2020_110"]
    first = render(comparison, "docx", RenderOptions())
    time.sleep(1.1)
    second = render(comparison, "docx", RenderOptions())
    assert isinstance(first, bytes) and first == second
    dates = {e.get(w("date")) for e in document_xml(first).iter(w("ins"))}
    assert dates == {FIXED_STAMP}
    with zipfile.ZipFile(io.BytesIO(first)) as package:
        assert {i.date_time for i in package.infolist()} == {(2020, 1, 1, 0, 0, 0)}


def test_revision_date_defaults_to_now_in_whole_seconds(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    date = revision_date()
    assert date.tzinfo is not None and date.microsecond == 0
    assert abs(datetime.now(UTC) - date) < timedelta(minutes=1)
    assert revision_date({"SOURCE_DATE_EPOCH": "0"}) == datetime(1970, 1, 1, tzinfo=UTC)


def test_bad_source_date_epoch_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="SOURCE_DATE_EPOCH"):
        revision_date({"SOURCE_DATE_EPOCH": "yesterday"})


def test_old_zip_dates_are_clamped(comparisons: dict[str, Comparison]) -> None:
    data = build(comparisons["S_2018_95>S_2020_110"], date=datetime(1970, 1, 1, tzinfo=UTC))
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        assert {i.date_time for i in package.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    assert {e.get(w("date")) for e in document_xml(data).iter(w("ins"))} == {"1970-01-01T00:00:00Z"}


def test_cli_writes_the_report(tmp_path: Path) -> None:
    out = tmp_path / "out.docx"
    old, new = FIXTURES / "S_2018_95.txt", FIXTURES / "S_2020_110.txt"
    result = CliRunner().invoke(
        main,
        ["compare", str(old), str(new), "--format", "docx", "-o", str(out)],
        env={"SOURCE_DATE_EPOCH": "1577836800"},
    )
    assert result.exit_code == 1, result.output  # 1: the versions differ
    comparison = compare(old, new)
    assert view(out.read_bytes(), "accept") == expected(comparison, "new")
    assert view(out.read_bytes(), "reject") == expected(comparison, "old")


# --------------------------------------------------------------------------- LibreOffice

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
needs_soffice = pytest.mark.skipif(
    SOFFICE is None,
    reason="LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui",
)


def soffice_convert(source: Path, target: str, outdir: Path) -> Path:
    """Convert ``source`` with headless LibreOffice; return the converted file's path."""
    assert SOFFICE is not None
    home = outdir.parent / "home"  # a private LibreOffice profile, shared by the conversions
    home.mkdir(parents=True, exist_ok=True)
    outdir.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "HOME": str(home)}
    command = [SOFFICE, "--headless", "--norestore", "--convert-to", target, "--outdir"]
    subprocess.run(
        [*command, str(outdir), str(source)],
        check=True,
        capture_output=True,
        timeout=120,
        env=env,
    )
    extension = target.split(":", 1)[0]
    result = outdir / f"{source.stem}.{extension}"
    assert result.exists(), f"LibreOffice wrote no {extension}"
    return result


@pytest.fixture(scope="module")
def hrc_report(tmp_path_factory: pytest.TempPathFactory, reports: dict[str, bytes]) -> Path:
    path = tmp_path_factory.mktemp("soffice") / "report.docx"
    path.write_bytes(reports["A_HRC_RES_41_3>A_HRC_RES_41_3.variant"])
    return path


@pytest.mark.libreoffice
@needs_soffice
def test_libreoffice_renders_a_pdf(hrc_report: Path) -> None:
    pdf = soffice_convert(hrc_report, "pdf", hrc_report.parent / "pdf")
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF-") and len(data) > 10_000


@pytest.mark.libreoffice
@needs_soffice
def test_libreoffice_text_shows_changes_as_they_stand(hrc_report: Path) -> None:
    """LibreOffice's plain-text export keeps deleted and inserted text alike, unmarked."""
    text = soffice_convert(hrc_report, "txt:Text", hrc_report.parent / "txt")
    content = normalise(text.read_text(encoding="utf-8-sig"))
    assert normalise("Comparison of A/HRC/RES/41/3") in content  # the summary page
    assert normalise(NEW_OPERATIVE) in content  # an inserted paragraph
    assert normalise("Calls upon the international community to maximize") in content  # deleted
    assert normalise("scene to strive to build an a fair international order") in content


@pytest.mark.libreoffice
@needs_soffice
def test_libreoffice_keeps_every_revision(
    hrc_report: Path, comparisons: dict[str, Comparison]
) -> None:
    """Saved again by LibreOffice, the file still accepts to the new and rejects to the old."""
    saved = soffice_convert(hrc_report, "docx:MS Word 2007 XML", hrc_report.parent / "docx")
    data = saved.read_bytes()
    comparison = comparisons["A_HRC_RES_41_3>A_HRC_RES_41_3.variant"]
    new, old = expected(comparison, "new"), expected(comparison, "old")
    accepted, rejected = reader_blocks(data, "accept"), reader_blocks(data, "reject")
    assert accepted[len(accepted) - len(new) :] == new
    assert rejected[len(rejected) - len(old) :] == old


def test_footnotes_are_word_footnotes_with_tracked_changes() -> None:
    # 41/3 with the report symbol of footnote 3 changed and a footnote 4 added to OP30:
    # accepting all changes gives the new footnotes, rejecting all the old ones.
    from resdiff.parse import parse_text

    old = (FIXTURES / "A_HRC_RES_41_3.txt").read_text(encoding="utf-8")
    new = old.replace("³ A/HRC/41/25.", "³ A/HRC/44/31.\n\n⁴ A/HRC/43/72.")
    new = new.replace("at its forty-fourth session;\n", "at its forty-fourth session;⁴\n", 1)
    comparison = compare(parse_text(old), parse_text(new))
    data = build(comparison, date=datetime(2020, 1, 1, tzinfo=UTC))
    notes = {
        mode: [
            (n.marker, n.text) for n in read_docx(Path("r.docx"), data, revisions=mode).footnotes
        ]
        for mode in ("accept", "reject")
    }
    first = ("1", "See E/CN.4/2001/2–E/CN.4/Sub.2/2000/46, chap. II, sect. A.")
    assert notes["accept"] == [
        first,
        ("2", "A/HRC/40/78."),
        ("3", "A/HRC/44/31."),
        ("4", "A/HRC/43/72."),
    ]
    assert notes["reject"] == [first, ("2", "A/HRC/40/78."), ("3", "A/HRC/41/25.")]
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        footnotes = etree.fromstring(package.read("word/footnotes.xml"))
    deleted = ["".join(t.text for t in d.iter(w("delText"))) for d in footnotes.iter(w("del"))]
    inserted = ["".join(t.text or "" for t in i.iter(w("t"))) for i in footnotes.iter(w("ins"))]
    assert "41" in deleted and "44" in inserted and "A/HRC/43/72." in inserted
    # the text still reads the same either way
    assert view(data, "accept") == expected(comparison, "new")
    assert view(data, "reject") == expected(comparison, "old")
