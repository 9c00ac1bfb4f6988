"""Structure warnings: the parser says where its result does not fit the text.

Real documents that parse well give no warning; derived variants of them, each
with one defect that extraction or editing causes, give exactly one warning,
and the command line prints it on stderr, adds it to the JSON and ``check``
reports it.
"""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from conftest import FIXTURES

from resdiff.check import check_document
from resdiff.cli import main
from resdiff.parse import parse, parse_text

GA_204 = FIXTURES / "ga" / "A_RES_80_204.txt"


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def text_204() -> str:
    return GA_204.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "name",
    [
        "A_HRC_RES_41_3.txt",
        "S_2018_693.txt",
        "A_RES_80_31.md",
        "ga/A_RES_80_204.txt",
        "ga/A_RES_80_204.pdf",
        "ga/A_RES_80_204.pdftotext.txt",
        "ga/A_RES_80_204.pdftotext-layout.txt",
        "ga/A_RES_80_193.txt",
        "ga/A_C.3_80_L.35.txt",
    ],
)
def test_real_documents_that_parse_well_give_no_warning(name):
    assert parse(FIXTURES / name).warnings == []


def test_operative_numbers_alone_on_their_lines_are_paragraphs_and_no_warning():
    # A/RES/80/204 prints "1." ... "9." alone on their lines and 10-17 inline.
    document = parse(GA_204)
    assert [p.number for p in document.operative] == [str(n) for n in range(1, 18)]
    assert document.layout is not None and document.layout.numbers == "mixed"


def test_preamble_only_says_no_operative_paragraph():
    # derived: A/RES/80/204 cut before operative paragraph 1
    text = text_204()
    cut = text[: text.index("1. \nReaffirms that it is one")]
    warnings = parse_text(cut).warnings
    assert len(warnings) == 1
    assert warnings[0].startswith("no operative paragraph found")


def test_footnote_whose_marker_was_lost_is_named():
    # derived: A/RES/80/204 with marker 1 ("25 June 1993,1 for") deleted
    text = text_204().replace("1993,1 for", "1993, for", 1)
    assert parse_text(text).warnings == ["footnote(s) 1 not cited in the text: marker(s) not found"]


def test_job_number_left_inside_a_paragraph_is_named():
    # derived: A/RES/80/204 with the job number printed inside OP7's text
    text = text_204().replace(
        "conformity with the purposes", "conformity 25-20958 (E) with the purposes", 1
    )
    assert parse_text(text).warnings == ["OP7 holds page furniture ('25-20958 (E)')"]


def test_paragraph_many_times_the_median_is_named():
    # derived: A/RES/80/204 with OP16's first line repeated forty times inside OP16
    text = text_204()
    line = "Requests the Secretary-General, in collaboration with the United Nations "
    assert text.count(line) == 1
    text = text.replace(line, line + line * 40, 1)
    warnings = parse_text(text).warnings
    assert len(warnings) == 1
    assert warnings[0].startswith("OP16 is ") and "times the median paragraph length" in warnings[0]


def test_cli_prints_each_warning_on_stderr_and_in_the_json(tmp_path):
    path = tmp_path / "A_RES_80_204.derived-lost-marker.txt"
    path.write_text(text_204().replace("1993,1 for", "1993, for", 1), encoding="utf-8")
    result = run("parse", str(path), "--format", "json")
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [
        f"resdiff: warning: {path}: footnote(s) 1 not cited in the text: marker(s) not found"
    ]
    assert json.loads(result.stdout)["warnings"] == [
        "footnote(s) 1 not cited in the text: marker(s) not found"
    ]
    compared = run("compare", str(GA_204), str(path), "--format", "json")
    assert json.loads(compared.stdout)["warnings"] == [
        {"document": "new", "message": "footnote(s) 1 not cited in the text: marker(s) not found"}
    ]


def test_check_reports_the_warnings_as_structure_findings():
    document = parse_text(text_204().replace("1993,1 for", "1993, for", 1))
    found = [(f.rule, f.severity, f.message) for f in check_document(document)]
    assert (
        "structure",
        "warning",
        "footnote(s) 1 not cited in the text: marker(s) not found",
    ) in found


def test_amendment_is_refused_in_one_line_naming_the_draft():
    result = run("parse", str(FIXTURES / "ga" / "A_80_L.3.txt"))
    assert result.exit_code == 0  # a draft resolution, not an amendment
    amendment = FIXTURES / "ga" / "A_80_L.28.txt"
    refused = run("parse", str(amendment))
    assert refused.exit_code == 2
    assert refused.stderr.splitlines() == [
        f"resdiff: error: {amendment}: is an amendment to A/80/L.3, not a resolution: it holds "
        "instructions, not paragraphs"
    ]
