"""``resdiff amend`` and ``resdiff compare --amendments`` on real files: exit status,
formats, tracked changes by the sponsors, one-line errors."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

from click.testing import CliRunner
from lxml import etree

from resdiff import parse
from resdiff.cli import main

FIXTURES = Path(__file__).parents[2] / "fixtures"
GA = FIXTURES / "ga"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def run(*args: object):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def test_all_applied_exits_0_and_ends_with_the_amended_text(tmp_path: Path) -> None:
    result = run("amend", GA / "A_80_L.27.txt", GA / "A_80_L.35.txt")
    assert result.exit_code == 0
    out = result.output
    assert out.startswith(
        "resdiff amend: A/80/L.27 amended by A/80/L.35: 5 instructions, 5 applied"
    )
    assert "A/80/L.35 #4 applied: delete OP5; delete OP6; delete OP10; delete OP13" in out
    assert "refer to the draft as tabled" in out
    assert "· made by A/80/L.35 #3 (Belarus)" in out
    amended = out.split("Amended text: ", 1)[1]
    assert "1. Takes note of the report of the Secretary-General" in amended
    # the amended text is a resolution text again: resdiff reads it
    text = amended.split("\n", 2)[2]
    path = tmp_path / "amended.txt"
    path.write_text(text, encoding="utf-8")
    document = parse(path)
    assert (len(document.preamble), len(document.operative)) == (7, 10)


def test_some_not_applied_exits_1() -> None:
    result = run(
        "amend",
        GA / "A_80_L.25.txt",
        FIXTURES / "derived" / "A_80_L.30.derived-every-operation.txt",
    )
    assert result.exit_code == 1
    assert "#13 ambiguous: in OP21, replace “the importance of” with" in result.output


def test_json_shape(tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    result = run(
        "amend", GA / "A_80_L.25.txt", GA / "A_80_L.30.txt", GA / "A_80_L.33.txt",
        "--format", "json", "-o", out,
    )  # fmt: skip
    assert result.exit_code == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert set(data) == {
        "schema_version", "draft", "amendments", "counts", "instructions", "title", "amended",
        "comparison",
    }  # fmt: skip
    assert data["counts"] == {
        "applied": 12,
        "target not found": 0,
        "ambiguous": 0,
        "not understood": 0,
    }
    assert [a["symbol"] for a in data["amendments"]] == ["A/80/L.30", "A/80/L.33"]
    first = data["instructions"][0]
    assert (first["amendment"], first["number"], first["status"]) == ("A/80/L.30", 1, "applied")
    assert first["operations"][0]["target"]["label"] == "PP4"
    added = [c for c in data["comparison"]["changes"] if c["kind"] == "added"]
    assert [c["made_by"] for c in added] == [[{"amendment": "A/80/L.33", "instruction": 1}]]
    assert len(data["amended"]["paragraphs"]) == 44 + 95


def test_docx_tracks_each_change_by_its_sponsors(tmp_path: Path) -> None:
    out = tmp_path / "amended.docx"
    result = run(
        "amend", GA / "A_80_L.25.txt", GA / "A_80_L.30.txt", GA / "A_80_L.36.txt",
        "--format", "docx", "-o", out,
    )  # fmt: skip
    assert result.exit_code == 0
    with zipfile.ZipFile(out) as archive:
        root = etree.fromstring(archive.read("word/document.xml"))
    by_author: dict[str, str] = {}
    for revision in root.iter(f"{W}ins", f"{W}del"):
        text = "".join(t.text or "" for t in revision.iter(f"{W}t", f"{W}delText"))
        author = revision.get(f"{W}author")
        by_author[author] = by_author.get(author, "") + text + "|"
    assert set(by_author) == {"United States of America", "Russian Federation", "resdiff"}
    assert (
        "Calls upon Member States to refrain from promulgating" in by_author["Russian Federation"]
    )
    assert "and expressing deep concern" in by_author["United States of America"]
    # resdiff itself only renumbers: its revisions are printed numbers
    assert all(re.fullmatch(r"(?:\d+\. )?", piece) for piece in by_author["resdiff"].split("|"))


def test_html(tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    result = run(
        "amend", GA / "A_C.3_80_L.2.txt", GA / "A_C.3_80_L.56.txt", "--format", "html", "-o", out
    )
    assert result.exit_code == 0
    page = out.read_text(encoding="utf-8")
    assert "made by A/C.3/80/L.56 #1" in page and "A/C.3/80/L.56 #1 applied" in page


def test_markdown() -> None:
    result = run("amend", GA / "A_80_L.3.txt", GA / "A_80_L.28.txt", "--format", "markdown")
    assert result.exit_code == 0
    assert "| A/80/L.28 `#5` | applied | insert 2 new paragraphs after OP4 |" in result.output
    assert "#### Amended text" in result.output


def test_errors_are_one_line_and_exit_2() -> None:
    cases = [
        (["amend", GA / "A_80_L.30.txt", GA / "A_80_L.30.txt"], "is an amendment, not a draft"),
        (["amend", GA / "A_80_L.25.txt", GA / "A_80_L.27.txt"], "not an amendment"),
        (["amend", GA / "A_80_L.25.txt", GA / "missing.txt"], "no such file"),
        (["amend", GA / "A_80_L.25.txt"], "missing argument"),
        (
            ["compare", GA / "A_80_L.27.txt", GA / "A_RES_80_111.txt", "--format", "html",
             "--amendments", GA / "A_80_L.35.txt"],
            "--amendments works with --format text, markdown or json",
        ),
    ]  # fmt: skip
    for args, message in cases:
        result = CliRunner().invoke(main, [str(a) for a in args])
        assert result.exit_code == 2, args
        lines = result.output.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("resdiff: error: "), result.output
        assert message in lines[0]


def test_a_mismatched_draft_is_warned_about() -> None:
    result = CliRunner().invoke(
        main, ["amend", str(GA / "A_80_L.27.txt"), str(GA / "A_80_L.30.txt")]
    )
    assert "resdiff: warning: A/80/L.30 amends A/80/L.25, not A/80/L.27" in result.output
    assert result.exit_code == 1  # its paragraphs are not in A/80/L.27


def test_compare_with_amendments() -> None:
    result = run(
        "compare", GA / "A_80_L.27.txt", GA / "A_RES_80_111.txt", "--only-changes",
        "--amendments", GA / "A_80_L.35.txt",
    )  # fmt: skip
    assert result.exit_code == 0  # like diff: the texts do not differ
    assert "Amendments: 5 instructions: 0 reflected, 5 not reflected, 0 partly" in result.output
    assert (
        "A/80/L.35 #3 not reflected: in OP1, replace “Welcomes” with “Takes note of”"
        in result.output
    )
    result = run(
        "compare", GA / "A_C.3_80_L.2.txt", GA / "A_RES_80_192.txt", "--format", "json",
        "--amendments", GA / "A_C.3_80_L.56.txt",
    )  # fmt: skip
    data = json.loads(result.output)
    (instruction,) = data["amendments"]["instructions"]
    assert instruction["verdict"] == "reflected"
    assert instruction["operations"][0]["reason"] == "adopted as OP4 (100%)"
