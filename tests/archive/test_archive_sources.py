"""``resdiff sources``: which archived paragraphs the new paragraphs of a text reuse.

The archive holds the ``ARCHIVED`` fixtures (SC series, 41/3, GA 80/31, 80/34,
80/40, 80/54). The query is a derived next version of A/RES/80/40 whose
operative paragraph 4 is replaced by operative paragraph 1 of A/RES/80/34
(chemical weapons), lightly reworded. Expected values come from reading the
fixture files.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from archive_helpers import (
    assert_one_line_error,
    fixture,
    fixtures_archive_fixture,  # noqa: F401
    fixtures_archive_template_fixture,  # noqa: F401
    replace_once,
    run,
)

from resdiff.archive.sources import INDEX_FILE, SourceIndex
from resdiff.archive.store import Archive

OLD_OP4 = (
    "4. Underlines the importance of preserving the existing agreements on arms regulation "
    "and disarmament and the multilateral disarmament forums, which constitute an expression "
    "of the results of international cooperation and multilateral negotiations in response "
    "to the challenges facing humankind;"
)
# A/RES/80/34 OP1, with "possible" dropped and "again" added.
COPIED_OP4 = (
    "4. Reaffirms again its condemnation in the strongest terms of the use of chemical weapons "
    "by anyone under any circumstances, emphasizing that any use of chemical weapons anywhere, "
    "at any time, by anyone, under any circumstances is unacceptable and is and would be a "
    "violation of international law and expressing its strong conviction that those "
    "individuals responsible for the use of chemical weapons must and should be held "
    "accountable;"
)


def derived_text(tmp_path: Path) -> Path:
    """A/RES/81/40: A/RES/80/40 with OP4 replaced by ``COPIED_OP4``."""
    text = fixture("A_RES_80_40.md").read_text("utf-8")
    text = replace_once(text, "symbol: A/RES/80/40", "symbol: A/RES/81/40")
    text = replace_once(text, OLD_OP4, COPIED_OP4)
    path = tmp_path / "A_RES_81_40.md"
    path.write_text(text, "utf-8")
    return path


def sources_json(*args: object) -> dict:
    result = run("sources", *args, "--format", "json")
    assert result.exit_code == 0, (result.stdout, result.stderr)
    return json.loads(result.stdout)


def all_sources(report: dict) -> list[dict]:
    return [s for p in report["paragraphs"] for s in p["sources"]]


def test_copied_paragraph_source_is_found_first(fixtures_archive: Path, tmp_path: Path) -> None:
    report = sources_json(derived_text(tmp_path), "--archive", fixtures_archive)
    assert report["schema_version"] == 1
    assert report["symbol"] == "A/RES/81/40"
    assert report["predecessor"] == "A/RES/80/40"
    by_label = {p["label"]: p for p in report["paragraphs"]}
    best = by_label["OP4"]["sources"][0]
    assert (best["symbol"], best["label"]) == ("A/RES/80/34", "OP1")
    assert best["score"] >= 0.9
    assert best["text"].startswith("Reaffirms its condemnation in the strongest possible terms")


def test_unchanged_paragraphs_are_not_listed(fixtures_archive: Path, tmp_path: Path) -> None:
    report = sources_json(derived_text(tmp_path), "--archive", fixtures_archive)
    assert [p["label"] for p in report["paragraphs"]] == ["OP4"]


def test_predecessor_and_own_symbol_are_never_sources(
    fixtures_archive: Path, tmp_path: Path
) -> None:
    path = derived_text(tmp_path)
    added = run("archive", "--archive", fixtures_archive, "add", path)
    assert added.exit_code == 0, added.stderr
    report = sources_json(
        path, "--archive", fixtures_archive, "--all", "--predecessor", "A/RES/80/40"
    )
    assert len(report["paragraphs"]) == 23  # 14 preambular, 9 operative
    symbols = {s["symbol"] for s in all_sources(report)}
    assert symbols, "the shared GA language should find some sources"
    assert not symbols & {"A/RES/80/40", "A/RES/81/40"}


def test_all_without_predecessor_finds_the_earlier_version(
    fixtures_archive: Path, tmp_path: Path
) -> None:
    report = sources_json(derived_text(tmp_path), "--archive", fixtures_archive, "--all")
    assert report["predecessor"] is None
    firsts = {p["label"]: p["sources"][0] for p in report["paragraphs"]}
    assert (firsts["OP8"]["symbol"], firsts["OP8"]["label"]) == ("A/RES/80/40", "OP8")
    assert firsts["OP8"]["score"] == 1.0


def test_text_report(fixtures_archive: Path, tmp_path: Path) -> None:
    result = run("sources", derived_text(tmp_path), "--archive", fixtures_archive)
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("resdiff: sources of A/RES/81/40: 1 paragraph looked up")
    assert "new since A/RES/80/40" in lines[0]
    assert any("A/RES/80/34 OP1" in line for line in lines)


def test_index_is_kept_in_git_dir_and_follows_head(fixtures_archive: Path, tmp_path: Path) -> None:
    path = derived_text(tmp_path)
    sources_json(path, "--archive", fixtures_archive)
    index_file = fixtures_archive / ".git" / "resdiff" / INDEX_FILE
    assert index_file.is_file()
    run("archive", "--archive", fixtures_archive, "add", path)
    archive = Archive(fixtures_archive)
    head = archive.repo.head()
    archive.close()
    report = sources_json(path, "--archive", fixtures_archive, "--all")
    assert "A/RES/81/40" not in {s["symbol"] for s in all_sources(report)}
    index = SourceIndex(index_file)
    try:
        assert index.head == head
        indexed = index.connection.execute("SELECT symbol FROM symbols").fetchall()
        assert ("A/RES/81/40",) in indexed
    finally:
        index.close()


def test_damaged_index_is_rebuilt(fixtures_archive: Path, tmp_path: Path) -> None:
    index_file = fixtures_archive / ".git" / "resdiff" / INDEX_FILE
    index_file.parent.mkdir(parents=True, exist_ok=True)
    index_file.write_bytes(b"not a database" * 100)
    report = sources_json(derived_text(tmp_path), "--archive", fixtures_archive)
    assert report["paragraphs"][0]["sources"][0]["symbol"] == "A/RES/80/34"
    sqlite3.connect(index_file).execute("SELECT count(*) FROM paragraphs").fetchone()


def test_no_archive_is_an_error(tmp_path: Path) -> None:
    result = run("sources", derived_text(tmp_path), "--archive", tmp_path / "nowhere")
    assert_one_line_error(result, "not a resdiff archive")


def test_missing_file_is_an_error(fixtures_archive: Path, tmp_path: Path) -> None:
    result = run("sources", tmp_path / "missing.md", "--archive", fixtures_archive)
    assert_one_line_error(result, "missing.md", "no such file")


def test_unknown_predecessor_is_an_error(fixtures_archive: Path, tmp_path: Path) -> None:
    result = run(
        "sources",
        derived_text(tmp_path),
        "--archive",
        fixtures_archive,
        "--predecessor",
        "A/RES/1/1",
    )
    assert_one_line_error(result, "A/RES/1/1")


def test_top_and_threshold_limit_the_sources(fixtures_archive: Path, tmp_path: Path) -> None:
    path = derived_text(tmp_path)
    report = sources_json(path, "--archive", fixtures_archive, "--all", "--top", "1")
    assert all(len(p["sources"]) <= 1 for p in report["paragraphs"])
    strict = sources_json(path, "--archive", fixtures_archive, "--all", "--threshold", "0.95")
    assert all(s["score"] >= 0.95 for s in all_sources(strict))
