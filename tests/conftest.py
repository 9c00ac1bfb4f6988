"""Shared helpers for the core tests: real fixture texts and variants built from them.

Every variant here is a real text from ``fixtures/`` with a few documented
string edits, made in code so that the edit is visible next to the test that
relies on it. Expected values in the tests come from reading the fixture
files, never from parser output.
"""

from __future__ import annotations

import io
import json
import os
import re
import textwrap
import zipfile
import zlib
from collections import Counter
from functools import cache
from pathlib import Path

import pytest

from resdiff.model import Comparison, Document
from resdiff.normalize import normalise
from resdiff.parse import parse

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
DERIVED = FIXTURES / "derived"
PDF_FIXTURES = FIXTURES / "pdf"
HRC = FIXTURES / "A_HRC_RES_41_3.txt"
DERIVED_HRC = DERIVED / "A_HRC_RES_41_3.derived-reworded.txt"

SC_FILES = sorted(p.name for p in FIXTURES.glob("S_*.txt"))
GA_FILES = sorted(p.name for p in FIXTURES.glob("A_RES_80_*.md"))

# Security Council series: (older draft, newer draft drafted from it).
SERIES = [tuple(pair) for pair in json.loads((FIXTURES / "series.json").read_text())]

DERIVED_NOTICE = (
    "[Derived test variant of Human Rights Council resolution 41/3 made for resdiff's "
    "tests; not a UN document. The edits are listed in fixtures/README.md.]"
)

# A real operative paragraph of General Assembly resolution 80/40 (fixtures/A_RES_80_40.md,
# operative paragraph 5), inserted into the derived 41/3 variant after its paragraph 20.
GA_80_40_OP5 = (
    "Calls once again upon all Member States to renew and fulfil their individual and "
    "collective commitments to multilateral cooperation as an important means of pursuing "
    "and achieving their common objectives in the area of disarmament and non\u2011proliferation;"
)


# --------------------------------------------------------------------------- isolation


@pytest.fixture(autouse=True)
def isolated_from_the_user(tmp_path_factory: pytest.TempPathFactory, monkeypatch) -> Path:
    """Run every test away from the user's settings, archive and home folder.

    No ``RESDIFF_*`` variable is set (``RESDIFF_ARCHIVE`` would make ``compare``
    store into the user's archive), ``HOME`` is a fresh empty folder (``~`` in
    a setting, the user's git configuration) and so is the working directory
    (``./resdiff-archive``, ``.resdiff.toml``). Returns the temporary home.
    """
    for name in [name for name in os.environ if name.startswith("RESDIFF_")]:
        monkeypatch.delenv(name)
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    monkeypatch.chdir(tmp_path_factory.mktemp("cwd"))
    return home


# --------------------------------------------------------------------------- reading


def fixture_text(name: str) -> str:
    """The text of ``fixtures/<name>`` (UTF-8)."""
    return (FIXTURES / name).read_text(encoding="utf-8")


def replace_once(text: str, old: str, new: str, count: int = 1) -> str:
    """Replace ``old`` by ``new``, asserting it occurs exactly ``count`` times."""
    found = text.count(old)
    assert found == count, f"{old!r} occurs {found} times, expected {count}"
    return text.replace(old, new)


def paragraph_keys(document: Document) -> list[tuple[str, str, str]]:
    """(label, section, normalised full text) of each paragraph, in order."""
    return [(p.label, p.section, normalise(p.full_text())) for p in document.paragraphs]


def footnote_map(document: Document) -> dict[str, list[str]]:
    """Paragraph label -> markers of the footnotes attached to it (only cited ones)."""
    return {p.label: [n.marker for n in p.footnotes] for p in document.paragraphs if p.footnotes}


def paragraph(document: Document, label: str):
    """The paragraph labelled ``label`` (fails the test when there is none)."""
    found = [p for p in document.paragraphs if p.label == label]
    assert found, f"no paragraph {label}; labels: {[p.label for p in document.paragraphs]}"
    return found[0]


# --------------------------------------------------------------------------- comparisons


def assert_partition(comparison: Comparison) -> None:
    """Every paragraph of both versions appears in exactly one change."""
    old_seen = Counter(id(p) for c in comparison.changes for p in c.old)
    new_seen = Counter(id(p) for c in comparison.changes for p in c.new)
    for side, doc, seen in (("old", comparison.old, old_seen), ("new", comparison.new, new_seen)):
        expected = Counter(id(p) for p in doc.paragraphs)
        missing = [p.label for p in doc.paragraphs if seen[id(p)] == 0]
        twice = [p.label for p in doc.paragraphs if seen[id(p)] > 1]
        assert not missing, f"{side} paragraphs in no change: {missing}"
        assert not twice, f"{side} paragraphs in several changes: {twice}"
        assert seen == expected, f"{side}: changes hold paragraphs not in the document"
    for change in comparison.changes:
        shape = (len(change.old), len(change.new))
        allowed = {
            "unchanged": lambda o, n: o == n == 1,
            "reworded": lambda o, n: o == n == 1,
            "added": lambda o, n: o == 0 and n == 1,
            "removed": lambda o, n: o == 1 and n == 0,
            "split": lambda o, n: o == 1 and n >= 2,
            "merged": lambda o, n: o >= 2 and n == 1,
        }[change.kind]
        assert allowed(*shape), f"{change.kind} change with shape {shape}"


def changes_by_pair(comparison: Comparison) -> dict[tuple[str, str], object]:
    """(old label(s), new label(s)) -> change, for every change."""
    return {(c.old_label, c.new_label): c for c in comparison.changes}


def non_unchanged(comparison: Comparison) -> list[tuple[str, str, str, bool, bool]]:
    """(kind, old, new, moved, technical) of every change that is not plain unchanged."""
    return [
        (c.kind, c.old_label, c.new_label, c.moved, c.technical)
        for c in comparison.changes
        if c.kind != "unchanged" or c.moved
    ]


# --------------------------------------------------------------------------- 41/3 line edits
#
# In fixtures/A_HRC_RES_41_3.txt every paragraph is one line (paragraph 17 is
# two, split by a page break), paragraphs are separated by blank lines, and
# operative paragraphs start "N. *Verb*".

_OP_START = re.compile(r"^(\d{1,2})\. (\*.*)$")


def op_line(lines: list[str], number: int) -> int:
    """Index of the line that starts operative paragraph ``number``."""
    found = [i for i, line in enumerate(lines) if line.startswith(f"{number}. *")]
    assert len(found) == 1, f"operative paragraph {number} starts on {len(found)} lines"
    return found[0]


def pp_line(lines: list[str], start: str) -> int:
    """Index of the one line that starts with ``start`` (a preambular paragraph)."""
    found = [i for i, line in enumerate(lines) if line.startswith(start)]
    assert len(found) == 1, f"{start!r} starts {len(found)} lines"
    return found[0]


def renumber(lines: list[str], first: int, delta: int, last: int = 999) -> list[str]:
    """Shift the printed numbers of operative paragraphs numbered ``first``..``last``."""
    out = []
    for line in lines:
        match = _OP_START.match(line)
        if match and first <= int(match.group(1)) <= last:
            line = f"{int(match.group(1)) + delta}. {match.group(2)}"
        out.append(line)
    return out


def delete_line(lines: list[str], index: int) -> list[str]:
    """Remove one paragraph line and the blank line after it."""
    assert lines[index + 1] == "", "a paragraph line is followed by a blank line"
    return lines[:index] + lines[index + 2 :]


def derive_hrc_reworded(text: str) -> str:
    """The documented derived variant of 41/3 (fixtures/derived/...derived-reworded.txt).

    Edits: OP8 "Expresses its concern" -> "Expresses its deep concern"; OP23
    "Urges States" -> "Encourages States"; "forty-fourth session" ->
    "forty-seventh session" in OP30 and OP34; OP33 deleted; a new operative
    paragraph (GA resolution 80/40, operative paragraph 5) inserted after OP20;
    PP27 ("Stressing the need to explore ways and means ...") moved after PP3;
    old OP21-OP32 renumbered 22-33 (OP34 keeps its number); a notice line on top.
    """
    text = replace_once(text, "8. *Expresses its concern* at", "8. *Expresses its deep concern* at")
    text = replace_once(
        text, "23. *Urges* States to continue", "23. *Encourages* States to continue"
    )
    text = replace_once(text, "at its forty-fourth session", "at its forty-seventh session", 2)
    lines = text.split("\n")
    lines = delete_line(lines, op_line(lines, 33))
    moved = pp_line(lines, "Stressing the need to explore ways and means")
    paragraph_27 = lines[moved]
    lines = delete_line(lines, moved)
    after = pp_line(lines, "Recalling also the United Nations Millennium Declaration")
    lines[after + 2 : after + 2] = [paragraph_27, ""]
    lines = renumber(lines, 21, +1, last=32)
    after = op_line(lines, 20)
    rest = GA_80_40_OP5.removeprefix("Calls once again upon ")
    lines[after + 2 : after + 2] = [f"21. *Calls once again upon* {rest}", ""]
    return "\n".join([DERIVED_NOTICE, *lines])


def split_hrc_op8(text: str) -> str:
    """41/3 with OP8 split at ", and reaffirms" into OP8 and a new OP9; later OPs renumbered."""
    lines = renumber(text.split("\n"), 9, +1)
    index = op_line(lines, 8)
    head, tail = lines[index].split(", and reaffirms the importance", 1)
    lines[index : index + 1] = [f"{head};", "", f"9. *Reaffirms* the importance{tail}"]
    return "\n".join(lines)


def merge_hrc_ops(text: str, first: int) -> str:
    """41/3 with operative paragraphs ``first`` and ``first + 1`` merged into one.

    The first loses its final semicolon, the second its number and its verb's
    capital: "...to the funds, and also requests the Office ...".
    """
    lines = text.split("\n")
    a, b = op_line(lines, first), op_line(lines, first + 1)
    assert b == a + 2 and lines[a].endswith(";")
    second = _OP_START.match(lines[b]).group(2)
    verb = re.match(r"\*([^*]+)\*(.*)$", second)
    lines[a] = f"{lines[a][:-1]}, and {verb.group(1).lower()}{verb.group(2)}"
    lines = delete_line(lines, b)
    return "\n".join(renumber(lines, first + 2, -1))


# --------------------------------------------------------------------------- robustness variants

_SUPERSCRIPT_MARKERS = {"¹": "1", "²": "2", "³": "3"}


def body_bounds(lines: list[str]) -> tuple[int, int]:
    """Indices of the opening line ("The Human Rights Council,") and the meeting line."""
    opening = lines.index("The Human Rights Council,")
    meeting = next(i for i, line in enumerate(lines) if line.startswith("*38th meeting"))
    return opening, meeting


def rewrap(text: str, width: int = 70) -> str:
    """Wrap every paragraph line of the body at ``width`` (footnote lines are left whole)."""
    lines = text.split("\n")
    opening, meeting = body_bounds(lines)
    out = lines[: opening + 1]
    for line in lines[opening + 1 : meeting]:
        if line[:1] in _SUPERSCRIPT_MARKERS:
            out.append(line)
            continue
        out.extend(textwrap.wrap(line, width) or [""])
    return "\n".join(out + lines[meeting:])


PAGE_FURNITURE = ["", "GE.19-12345(E)", "", "A/HRC/RES/41/3", "3/9", "- 4 -", ""]


def with_furniture(text: str, every: int = 17) -> str:
    """Insert page furniture (job number, running symbol, page numbers) every ``every`` lines.

    Blocks land between lines of one paragraph as well as between paragraphs.
    """
    lines = text.split("\n")
    opening, meeting = body_bounds(lines)
    out = lines[: opening + 1]
    for count, line in enumerate(lines[opening + 1 : meeting], start=1):
        out.append(line)
        if count % every == 0:
            out.extend(PAGE_FURNITURE)
    return "\n".join(out + lines[meeting:])


def run_in(text: str, first: int, last: int) -> str:
    """Put operative paragraphs ``first``..``last`` on one line: "...; 13. *Reaffirms* ..."."""
    lines = text.split("\n")
    start, end = op_line(lines, first), op_line(lines, last)
    joined = " ".join(line for line in lines[start : end + 1] if line)
    return "\n".join([*lines[:start], joined, *lines[end + 1 :]])


def bracket_footnotes(text: str, *, at_end: bool = False) -> str:
    """Markers as ``[^n]`` and bodies as ``[^n]: ...`` definitions (in place or at the end)."""
    lines = text.split("\n")
    out, definitions = [], []
    for line in lines:
        if line[:1] in _SUPERSCRIPT_MARKERS:
            definition = f"[^{_SUPERSCRIPT_MARKERS[line[0]]}]: {line[1:].strip()}"
            if at_end:
                definitions += ["", definition]
            else:
                out.append(definition)
            continue
        for sup, digit in _SUPERSCRIPT_MARKERS.items():
            line = line.replace(sup, f"[^{digit}]")
        out.append(line)
    return "\n".join(out + definitions)


def glued_footnotes(text: str) -> str:
    """Markers as plain digits glued to the text ("session,1") and bodies as "1 See ..."."""
    out = []
    for line in text.split("\n"):
        if line[:1] in _SUPERSCRIPT_MARKERS:
            out.append(f"{_SUPERSCRIPT_MARKERS[line[0]]} {line[1:].strip()}")
            continue
        for sup, digit in _SUPERSCRIPT_MARKERS.items():
            line = line.replace(sup, digit)
        out.append(line)
    return "\n".join(out)


# --------------------------------------------------------------------------- real paragraphs


@cache
def real_paragraphs() -> dict[str, tuple[str, ...]]:
    """Distinct real preambular and operative paragraphs of 41/3 and the Security Council drafts.

    Paragraphs holding an inner "1. ... 2. ..." list are left out: printed and
    wrapped, their inner numbers are ambiguous.
    """
    pool: dict[str, list[str]] = {"preamble": [], "operative": []}
    seen: set[str] = set()
    for path in [HRC, *(FIXTURES / name for name in SC_FILES)]:
        for p in parse(path).paragraphs:
            text = p.full_text()
            key = normalise(text)
            if re.search(r"(?:^|\s)\d{1,3}\.\s+[A-Z]", text):
                continue
            if p.section in pool and key and key not in seen:
                seen.add(key)
                pool[p.section].append(text)
    return {section: tuple(texts) for section, texts in pool.items()}


# --------------------------------------------------------------------------- broken files
#
# Files that are broken the ways real inputs are: shared by the reader tests
# (tests/readers/) and the whole-process tests (test_adversarial.py).

# Page content painting a 2x2 grey inline image: ink on the page, but no text layer.
GRAY_SQUARE = b"q 200 0 0 200 100 400 cm BI /W 2 /H 2 /BPC 8 /CS /G ID \x00\xff\xff\x00 EI Q"


def minimal_pdf(content: bytes) -> bytes:
    """A one-page PDF whose page draws ``content`` (no fonts, so no text layer)."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
    ]
    return _pdf_file(objects)


def text_pdf(content: bytes, pages: int = 1) -> bytes:
    """A PDF of ``pages`` pages that all draw one deflated content stream, ``content``, with
    Helvetica as font /F1: a few kilobytes however many pages and characters it holds."""
    stream = zlib.compress(content, 9)
    kids = " ".join(f"{5 + k} 0 R" for k in range(pages)).encode()
    page = (
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 3 0 R >> >> /Contents 4 0 R >>"
    )
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, pages),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream" % (len(stream), stream),
        *[page] * pages,
    ]
    return _pdf_file(objects)


def _pdf_file(objects: list[bytes]) -> bytes:
    """A PDF file of ``objects`` (numbered from 1; the first is the catalog)."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\n" % (len(objects) + 1)
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def small_type(lines: int, text: str, size: float = 2.0) -> bytes:
    """Page content: ``lines`` lines of ``text`` in ``size``-point type, from the top down."""
    row = b"(%s) Tj 0 -%.1f Td" % (_pdf_string(text), size)
    return b"BT /F1 %.1f Tf 36 780 Td\n%s\nET" % (size, b"\n".join([row] * lines))


def staircase(text: str, size: float = 6.0) -> bytes:
    """Page content: each character of ``text`` on a baseline of its own, 1.6 pt below the
    last, in sizes alternating between ``size`` and half of it (every other one a
    candidate superscript)."""
    steps = [
        b"/F1 %.1f Tf 0 -1.6 Td (%s) Tj" % (size if k % 2 else size / 2, _pdf_string(char))
        for k, char in enumerate(text)
    ]
    return b"BT 36 780 Td\n%s\nET" % b"\n".join(steps)


def _pdf_string(text: str) -> bytes:
    """``text`` inside a PDF literal string: Latin-1, parentheses and backslashes escaped."""
    data = text.encode("latin-1", "replace")
    return data.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def encrypted_pdf(source: Path, password: str = "secret") -> bytes:
    """``source`` (a real PDF) encrypted with AES-128 by pypdf (skips the test without pypdf)."""
    pypdf = pytest.importorskip("pypdf")
    writer = pypdf.PdfWriter(clone_from=str(source))
    writer.encrypt(password, algorithm="AES-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def raw_docx(body: str, **parts: str) -> bytes:
    """A minimal .docx: ``body`` inside w:document/w:body, and any of the parts
    ``numbering``, ``footnotes`` and ``styles`` given as the inner XML of their root."""
    roots = {"numbering": "numbering", "footnotes": "footnotes", "styles": "styles"}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr(
            "word/document.xml",
            f'<w:document xmlns:w="{W_NS}"><w:body>{body}</w:body></w:document>',
        )
        for name, inner in parts.items():
            root = roots[name]
            package.writestr(f"word/{name}.xml", f'<w:{root} xmlns:w="{W_NS}">{inner}</w:{root}>')
    return buffer.getvalue()


def docx_paragraph(text: str, num_id: int | None = None, style: str | None = None) -> str:
    """One w:p of ``text`` (escaped), numbered by list ``num_id`` or styled ``style``."""
    props = f'<w:pStyle w:val="{style}"/>' if style is not None else ""
    if num_id is not None:
        props += f'<w:numPr><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>'
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return f"<w:p><w:pPr>{props}</w:pPr><w:r><w:t>{escaped}</w:t></w:r></w:p>"


def zip_bomb(path: Path, megabytes: int) -> Path:
    """A .docx-shaped zip whose word/document.xml is ``megabytes`` MiB of zeros, deflated."""
    chunk = bytes(1024 * 1024)
    with (
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive,
        archive.open("word/document.xml", "w", force_zip64=True) as member,
    ):
        for _ in range(megabytes):
            member.write(chunk)
    return path


# --------------------------------------------------------------------------- pytest fixtures


@pytest.fixture(scope="session")
def hrc_text() -> str:
    """Resolution 41/3 as stored in fixtures/."""
    return HRC.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def hrc_doc() -> Document:
    """Resolution 41/3 parsed once for the session (tests must not mutate it)."""
    return parse(HRC)
