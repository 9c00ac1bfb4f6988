"""Series, diff across revisions and clause blame, on the real series fixtures."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from archive_helpers import (
    DERIVED_HRC,
    NEW_OP5,
    archive_dir_fixture,  # noqa: F401 - pytest fixture
    assert_one_line_error,
    fixture,
    replace_once,
    run,
    write_derived,
)

from resdiff.archive.store import Archive
from resdiff.compare import compare
from resdiff.renderers import render


def add(archive: Path, *args: object):
    result = run("archive", "add", *args, "--archive", archive)
    assert result.exit_code == 0, result.stderr
    return result


@pytest.fixture
def sudan_series(archive_dir: Path, tmp_path: Path) -> Path:
    """S/2018/95 -> S/2020/110 -> S/2022/110-derived, one series, linked by predecessor."""
    add(archive_dir, fixture("S_2018_95"), "--date", "2018-02-08", "--series", "sudan-sanctions")
    add(archive_dir, fixture("S_2020_110"), "--date", "2020-02-11", "--predecessor", "S/2018/95")
    derived = write_derived(tmp_path)
    add(archive_dir, derived, "--date", "2022-02-10", "--predecessor", "S/2020/110")
    return archive_dir


def test_predecessor_puts_the_new_version_in_the_series(sudan_series):
    listed = json.loads(
        run(
            "archive", "series", "sudan-sanctions", "--format", "json", "--archive", sudan_series
        ).stdout
    )
    assert [(m["symbol"], m["predecessor"]) for m in listed] == [
        ("S/2018/95", None),
        ("S/2020/110", "S/2018/95"),
        ("S/2022/110-derived", "S/2020/110"),
    ]


def test_undated_versions_follow_their_predecessors(archive_dir):
    # the Security Council drafts print no date: the predecessor link orders them
    add(archive_dir, fixture("S_2019_90"), "--series", "car-sanctions")
    add(archive_dir, fixture("S_2017_77"))
    add(archive_dir, fixture("S_2019_90"), "--predecessor", "S/2017/77")
    ordered = run(
        "archive", "series", "car-sanctions", "--archive", archive_dir
    ).stdout.splitlines()
    assert [line.split()[1] for line in ordered] == ["S/2017/77", "S/2019/90"]


def test_diff_between_archived_versions_is_the_compare_report(sudan_series):
    result = run("archive", "diff", "S/2018/95", "S/2020/110", "--archive", sudan_series)
    assert result.exit_code == 1  # differences
    direct = run("compare", fixture("S_2018_95"), fixture("S_2020_110"), "--no-archive")
    header, *rest = result.stdout.splitlines()
    assert header == "resdiff: S/2018/95@1 -> S/2020/110@1"  # the versions compared
    assert rest == direct.stdout.splitlines()[1:]
    for fmt in ("json", "markdown", "html"):
        archived = run(
            "archive", "diff", "S/2018/95", "S/2020/110", "--format", fmt, "--archive", sudan_series
        )
        plain = run(
            "compare", fixture("S_2018_95"), fixture("S_2020_110"), "--format", fmt, "--no-archive"
        )
        if fmt == "json":
            a, b = json.loads(archived.stdout), json.loads(plain.stdout)
            assert a["changes"] == b["changes"] and a["summary"] == b["summary"]
            assert a["old"]["path"] == "S/2018/95@1"
        else:
            assert archived.stdout.count("reworded") == plain.stdout.count("reworded")


def test_diff_options_apply(sudan_series):
    only = run(
        "archive",
        "diff",
        "S/2018/95",
        "S/2020/110",
        "--only-changes",
        "--section",
        "operative",
        "--archive",
        sudan_series,
    )
    assert "PP1" not in only.stdout and "OP2" in only.stdout
    same = run("archive", "diff", "S/2020/110", "S/2020/110@1", "--archive", sudan_series)
    assert same.exit_code == 0


def test_diff_across_revisions_of_one_symbol(archive_dir, tmp_path):
    add(archive_dir, fixture("S_2020_110"))
    revised = tmp_path / "S_2020_110.txt"
    revised.write_text(
        replace_once(fixture("S_2020_110").read_text(), "12 March 2021", "12 March 2022")
    )
    add(archive_dir, revised)
    result = run(
        "archive",
        "diff",
        "S/2020/110@1",
        "S/2020/110@2",
        "--format",
        "json",
        "--archive",
        archive_dir,
    )
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert (report["old"]["name"], report["new"]["name"]) == ("S/2020/110@1", "S/2020/110@2")
    text = run("archive", "diff", "S/2020/110@1", "S/2020/110@2", "--archive", archive_dir)
    assert text.stdout.startswith("resdiff: S/2020/110@1 -> S/2020/110@2\n")
    expected = json.loads(render(compare(fixture("S_2020_110"), revised), "json"))
    assert report["changes"] == expected["changes"]
    assert [
        (c["kind"], c["technical"], c["old"]["label"])
        for c in report["changes"]
        if c["kind"] != "unchanged"
    ] == [("reworded", True, "OP2")]


def test_diff_of_a_file_against_an_archived_symbol(sudan_series):
    result = run("archive", "diff", "S/2020/110", fixture("S_2020_110"), "--archive", sudan_series)
    assert result.exit_code == 0
    text = run("archive", "diff", "S/2018/95", fixture("S_2020_110"), "--archive", sudan_series)
    direct = compare(fixture("S_2018_95"), fixture("S_2020_110"))
    assert text.stdout.splitlines()[1] == render(direct, "text").splitlines()[1]
    assert_one_line_error(
        run("archive", "diff", "S/1999/9", "S/2020/110", "--archive", sudan_series),
        "not in the archive",
    )
    assert_one_line_error(
        run("archive", "diff", "nothing.txt", "S/2020/110", "--archive", sudan_series),
        "no such file",
    )


def test_blame_follows_each_clause_to_its_first_version(sudan_series):
    result = run(
        "archive", "blame", "S/2022/110-derived", "--format", "json", "--archive", sudan_series
    )
    assert result.exit_code == 0, result.stderr
    blame = json.loads(result.stdout)
    assert blame["versions"] == ["S/2018/95@1", "S/2020/110@1", "S/2022/110-derived@1"]
    assert blame["series"] == "sudan-sanctions"
    by_label = {p["label"]: p for p in blame["paragraphs"]}
    assert list(by_label) == ["PP1", "PP2", "PP3", "PP4", "OP1", "OP2", "OP3", "OP4", "OP5", "OP6"]

    def origin(label):
        return by_label[label]["origin"]["version"], by_label[label]["origin"]["label"]

    def changed(label):
        return [(s["version"], s["kind"]) for s in by_label[label]["changes"]]

    # PP1: "Recalling its previous resolutions and statements ..." reworded for 2020
    assert origin("PP1") == ("S/2018/95@1", "PP1")
    assert changed("PP1") == [("S/2020/110@1", "reworded")]
    # PP2 and PP4 are the same in all three
    assert origin("PP2") == ("S/2018/95@1", "PP2") and changed("PP2") == []
    assert origin("PP4") == ("S/2018/95@1", "PP4") and changed("PP4") == []
    # PP3 cites a new Panel report each time: S/2017/1125, S/2020/36, S/2021/40
    assert origin("PP3") == ("S/2018/95@1", "PP3")
    assert changed("PP3") == [("S/2020/110@1", "reworded"), ("S/2022/110-derived@1", "reworded")]
    # OP2 extends the mandate each time (2019, 2021, 2022)
    assert changed("OP2") == [("S/2020/110@1", "reworded"), ("S/2022/110-derived@1", "reworded")]
    # OP4 first appears in S/2020/110; OP5 is new in the derived version
    assert origin("OP4") == ("S/2020/110@1", "OP4") and changed("OP4") == []
    assert origin("OP5") == ("S/2022/110-derived@1", "OP5")
    assert by_label["OP5"]["text"] in NEW_OP5
    # "Decides to remain seized" was OP4 in 2018, OP5 in 2020, OP6 now
    assert origin("OP6") == ("S/2018/95@1", "OP4") and changed("OP6") == []


def test_blame_text_report(sudan_series):
    result = run("archive", "blame", "S/2022/110-derived", "--archive", sudan_series)
    lines = result.stdout.splitlines()
    assert lines[0] == "blame S/2022/110-derived@1 (series sudan-sanctions; 3 versions)"
    assert lines[1:4] == ["  v1  S/2018/95@1", "  v2  S/2020/110@1", "  v3  S/2022/110-derived@1"]
    op5 = next(line for line in lines if line.startswith("OP5 "))
    assert "since S/2022/110-derived@1 OP5" in op5 and "new in this version" in op5
    pp3 = next(line for line in lines if line.startswith("PP3 "))
    assert "reworded in S/2020/110@1" in pp3 and "reworded in S/2022/110-derived@1" in pp3


def test_blame_of_an_earlier_version_stops_there(sudan_series):
    blame = json.loads(
        run("archive", "blame", "S/2020/110", "--format", "json", "--archive", sudan_series).stdout
    )
    assert blame["versions"] == ["S/2018/95@1", "S/2020/110@1"]
    assert {p["label"]: p["origin"]["version"] for p in blame["paragraphs"]}[
        "OP4"
    ] == "S/2020/110@1"


def test_blame_walks_revisions_of_the_same_symbol(archive_dir, tmp_path):
    add(archive_dir, DERIVED_HRC, "--symbol", "A/HRC/41/L.5", "--date", "2019-07-05")
    revised = tmp_path / "rev.txt"
    revised.write_text(
        replace_once(
            DERIVED_HRC.read_text(), "Expresses its deep concern", "Expresses its grave concern"
        )
    )
    add(archive_dir, revised, "--symbol", "A/HRC/41/L.5")
    add(archive_dir, fixture("A_HRC_RES_41_3"), "--predecessor", "A/HRC/41/L.5")
    archive = Archive(archive_dir)
    blame = archive.blame("A/HRC/RES/41/3")
    assert blame.versions == ["A/HRC/41/L.5@1", "A/HRC/41/L.5@2", "A/HRC/RES/41/3@1"]
    clauses = {c.label: c for c in blame.clauses}
    # OP8: "deep concern" (L.5) -> "grave concern" (L.5 v2) -> "concern" (41/3)
    assert [(s.version, s.kind) for s in clauses["OP8"].changes] == [
        ("A/HRC/41/L.5@2", "reworded"),
        ("A/HRC/RES/41/3@1", "reworded"),
    ]
    # OP33 was deleted in the derived text, so in 41/3 it is new
    assert clauses["OP33"].origin == "A/HRC/RES/41/3@1"
    # PP27 was moved to PP4 in the derived text: followed back through the move
    assert (clauses["PP27"].origin, clauses["PP27"].origin_label) == ("A/HRC/41/L.5@1", "PP4")
    assert clauses["PP27"].changes == ()
    archive.close()


def test_evolution_of_an_archived_series(sudan_series):
    result = run(
        "archive", "evolution", "sudan-sanctions", "--format", "json", "--archive", sudan_series
    )
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    assert [v["symbol"] for v in report["versions"]][:2] == ["S/2018/95", "S/2020/110"]
    assert len(report["steps"]) == len(report["versions"]) - 1 == 2
    # new OP4 of S/2020/110 ("Further expresses its intention ...") appears in the
    # second version (index 1), with that text
    benchmarks = [
        step
        for clause in report["clauses"]
        for step in clause["steps"]
        if step["state"] == "added" and step.get("text", "").startswith("Further expresses")
    ]
    assert [step["version"] for step in benchmarks] == [1]


def test_evolution_needs_two_versions(archive_dir):
    add(archive_dir, fixture("S_2018_95"), "--series", "alone")
    result = run("archive", "evolution", "alone", "--archive", archive_dir)
    assert_one_line_error(result, "two versions")
