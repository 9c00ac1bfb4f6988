"""Adding versions and reading them back: layout, commits, history, show, list, errors."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from archive_helpers import (
    FIXTURES,
    HOSTILE_SYMBOLS,
    archive_dir_fixture,  # noqa: F401 - pytest fixture
    assert_one_line_error,
    commit_count,
    fixture,
    git,
    head,
    replace_once,
    run,
    snapshot,
)

from resdiff.archive.store import AddRequest, Archive
from resdiff.archive.symbols import SymbolError
from resdiff.archive.text import front_matter
from resdiff.errors import ResdiffError
from resdiff.parse import parse, parse_text


def add(archive: Path, *args: object):
    return run("archive", "add", *args, "--archive", archive)


# --------------------------------------------------------------------------- layout


def test_init_creates_a_plain_git_repository_with_one_commit(tmp_path):
    result = run("archive", "init", tmp_path / "a")
    assert result.exit_code == 0
    assert result.stdout == f"created {tmp_path / 'a'}\n"
    assert git(tmp_path / "a", "log", "--format=%s").stdout == "Create resdiff archive\n"
    assert (tmp_path / "a" / ".resdiff" / "archive.json").is_file()
    again = run("archive", "init", tmp_path / "a")
    assert again.exit_code == 0 and again.stdout.startswith("already an archive:")
    assert commit_count(tmp_path / "a") == 1


def test_init_refuses_a_folder_with_other_files(tmp_path):
    (tmp_path / "notes.txt").write_text("mine")
    assert_one_line_error(run("archive", "init", tmp_path), "not empty")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def test_add_stores_text_original_and_metadata_in_the_symbol_directory(archive_dir):
    result = add(archive_dir, fixture("S_2018_95"), "--date", "2018-02-08")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("added S/2018/95 (version 1) in ")
    folder = archive_dir / "S_2018_95"
    assert sorted(p.name for p in folder.iterdir()) == ["meta.json", "original.txt", "text.md"]
    assert (folder / "original.txt").read_bytes() == fixture("S_2018_95").read_bytes()
    meta = json.loads((folder / "meta.json").read_text())
    assert meta["symbol"] == "S/2018/95"
    assert meta["date"] == "2018-02-08"
    assert meta["status"] == "draft"
    assert meta["body"] == "Security Council"
    assert meta["source_name"] == "S_2018_95.txt"
    assert meta["source_format"] == "text"
    assert len(meta["source_sha256"]) == 64
    text = (folder / "text.md").read_text()
    assert front_matter(text) == {
        "symbol": "S/2018/95",
        "date": "2018-02-08",
        "body": "Security Council",
    }


def test_normalised_text_reads_back_to_the_same_paragraphs(archive_dir):
    for name in ("S_2017_77", "A_HRC_RES_41_3", "A_RES_80_31.md"):
        assert add(archive_dir, fixture(name)).exit_code == 0
    for symbol, name in (
        ("S_2017_77", "S_2017_77"),
        ("A_HRC_RES_41_3", "A_HRC_RES_41_3"),
        ("A_RES_80_31", "A_RES_80_31.md"),
    ):
        original = parse(fixture(name))
        again = parse_text((archive_dir / symbol / "text.md").read_text())
        assert [(p.label, p.text, p.heading) for p in again.paragraphs] == [
            (p.label, p.text, p.heading) for p in original.paragraphs
        ]
        assert [(n.marker, n.text) for n in again.footnotes] == [
            (n.marker, n.text) for n in original.footnotes
        ]


def test_commit_names_the_symbol_and_carries_the_metadata_as_trailers(archive_dir):
    add(
        archive_dir, fixture("A_HRC_RES_41_3"), "--series", "international-cooperation-human-rights"
    )
    message = git(archive_dir, "log", "-1", "--format=%B").stdout
    assert message.startswith("Add A/HRC/RES/41/3\n")
    trailers = git(archive_dir, "log", "-1", "--format=%(trailers:only,unfold)").stdout.splitlines()
    assert "Symbol: A/HRC/RES/41/3" in trailers
    assert "Date: 2019-07-11" in trailers
    assert "Status: adopted" in trailers
    assert "Series: international-cooperation-human-rights" in trailers
    assert "Source: A_HRC_RES_41_3.txt" in trailers
    assert any(t.startswith("Source-SHA256: ") for t in trailers)
    assert (
        "Title: 41/3. Enhancement of international cooperation in the field of human rights"
        in trailers
    )


def test_adding_the_same_text_again_is_a_no_op_that_says_so(archive_dir):
    add(archive_dir, fixture("S_2019_90"))
    before = head(archive_dir)
    copy = archive_dir.parent / "S_2019_90.txt"
    shutil.copy(fixture("S_2019_90"), copy)
    result = add(archive_dir, copy)
    assert result.exit_code == 0
    assert result.stdout == "unchanged: S/2019/90 is already archived with this text and metadata\n"
    assert head(archive_dir) == before


def test_a_changed_text_under_the_same_symbol_is_a_new_version(archive_dir, tmp_path):
    add(archive_dir, fixture("S_2019_90"))
    changed = tmp_path / "S_2019_90.txt"
    text = fixture("S_2019_90").read_text()
    changed.write_text(replace_once(text, "remain actively seized", "remain seized"))
    result = add(archive_dir, changed)
    assert result.exit_code == 0
    assert result.stdout.startswith("updated S/2019/90 (version 2) in ")
    log = run("archive", "log", "S/2019/90", "--archive", archive_dir)
    lines = log.stdout.splitlines()
    assert [line.split()[0] for line in lines] == ["S/2019/90@2", "S/2019/90@1"]
    assert "Update S/2019/90 (new version)" in lines[0]
    assert "Add S/2019/90" in lines[1]
    assert git(archive_dir, "log", "--format=%h", "--", "S_2019_90/text.md").stdout.count("\n") == 2
    old = run("archive", "show", "S/2019/90@1", "--archive", archive_dir)
    new = run("archive", "show", "S/2019/90", "--archive", archive_dir)
    assert "remain actively seized" in old.stdout
    assert "remain actively seized" not in new.stdout and "remain seized" in new.stdout


def test_metadata_only_change_is_recorded_and_keeps_the_text(archive_dir):
    add(archive_dir, fixture("S_2019_90"))
    text_before = (archive_dir / "S_2019_90" / "text.md").read_bytes()
    result = add(archive_dir, fixture("S_2019_90"), "--status", "adopted")
    assert result.stdout.startswith("updated S/2019/90 (version 2)")
    assert git(archive_dir, "log", "-1", "--format=%s").stdout == "Update S/2019/90 (metadata)\n"
    assert (archive_dir / "S_2019_90" / "text.md").read_bytes() == text_before
    log = run("archive", "log", "S/2019/90", "--archive", archive_dir, "--format", "json")
    versions = json.loads(log.stdout)
    assert [(v["version"], v["text_changed"]) for v in versions] == [(2, False), (1, True)]


def test_history_only_grows(archive_dir, tmp_path):
    heads = []
    for name in ("S_2018_95", "S_2020_110", "S_2017_77"):
        add(archive_dir, fixture(name))
        heads.append(head(archive_dir))
    add(archive_dir, fixture("S_2020_110"), "--predecessor", "S/2018/95")
    heads.append(head(archive_dir))
    run("archive", "import", tmp_path, "--archive", archive_dir)
    run("archive", "verify", "--archive", archive_dir)
    for earlier in heads:
        assert git(archive_dir, "merge-base", "--is-ancestor", earlier, "HEAD").returncode == 0
    assert git(archive_dir, "reflog", "--format=%gs").stdout.count("reset") == 0


def test_a_new_format_replaces_the_old_original(archive_dir):
    add(archive_dir, fixture("S_2018_95"))
    result = add(archive_dir, FIXTURES / "pdf" / "S_2018_95.pdf")
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in (archive_dir / "S_2018_95").iterdir()) == [
        "meta.json",
        "original.pdf",
        "text.md",
    ]
    shown = run("archive", "show", "S/2018/95@1", "--original", "--archive", archive_dir)
    assert shown.stdout_bytes == fixture("S_2018_95").read_bytes()
    assert run("archive", "verify", "--archive", archive_dir).exit_code == 0


# --------------------------------------------------------------------------- reading


def test_show_prints_metadata_then_the_text_and_json_has_both(archive_dir):
    add(archive_dir, fixture("A_HRC_RES_41_3"))
    shown = run("archive", "show", "A/HRC/RES/41/3", "--archive", archive_dir)
    assert shown.exit_code == 0
    first = shown.stdout.splitlines()[0]
    assert first.startswith("A/HRC/RES/41/3@1  commit ")
    assert (
        "title: 41/3. Enhancement of international cooperation in the field of human rights"
        in shown.stdout
    )
    assert "\n34. *Decides* to continue its consideration of the matter" in shown.stdout
    data = json.loads(
        run(
            "archive", "show", "A/HRC/RES/41/3@1", "--format", "json", "--archive", archive_dir
        ).stdout
    )
    assert data["ref"] == "A/HRC/RES/41/3@1"
    assert data["meta"]["status"] == "adopted"
    assert data["text"] == (archive_dir / "A_HRC_RES_41_3" / "text.md").read_text()


def test_show_by_commit_id(archive_dir):
    add(archive_dir, fixture("S_2019_90"))
    first = head(archive_dir)
    add(archive_dir, fixture("S_2017_77"))
    shown = run("archive", "show", f"S/2019/90@{first[:8]}", "--archive", archive_dir)
    assert shown.exit_code == 0 and shown.stdout.startswith("S/2019/90@1")
    assert_one_line_error(
        run("archive", "show", "S/2017/77@" + first[:8], "--archive", archive_dir),
        "not archived yet",
    )


def test_list_and_series_show_versions_in_date_order(archive_dir, tmp_path):
    derived = tmp_path / "L5.txt"
    derived.write_text((FIXTURES / "derived" / "A_HRC_RES_41_3.derived-reworded.txt").read_text())
    rev1 = tmp_path / "L5Rev1.txt"
    rev1.write_text(
        derived.read_text().replace("Expresses its deep concern", "Expresses its grave concern")
    )
    series = "international-cooperation-human-rights"
    add(
        archive_dir,
        rev1,
        "--symbol",
        "A/HRC/41/L.5/Rev.1",
        "--date",
        "2019-07-10",
        "--series",
        series,
    )
    add(
        archive_dir, derived, "--symbol", "A/HRC/41/L.5", "--date", "2019-07-05", "--series", series
    )
    add(archive_dir, fixture("A_HRC_RES_41_3"), "--predecessor", "A/HRC/41/L.5/Rev.1")
    add(archive_dir, fixture("S_2019_90"))
    listed = run("archive", "list", "--archive", archive_dir).stdout.splitlines()
    assert [line.split()[0] for line in listed] == [
        "A/HRC/41/L.5",
        "A/HRC/41/L.5/Rev.1",
        "A/HRC/RES/41/3",
        "S/2019/90",
    ]
    only = run("archive", "list", "--series", series, "--archive", archive_dir, "--format", "json")
    assert sorted(m["symbol"] for m in json.loads(only.stdout)) == [
        "A/HRC/41/L.5",
        "A/HRC/41/L.5/Rev.1",
        "A/HRC/RES/41/3",
    ]
    ordered = run("archive", "series", series, "--archive", archive_dir).stdout.splitlines()
    assert [line.split()[1] for line in ordered] == [
        "A/HRC/41/L.5",
        "A/HRC/41/L.5/Rev.1",
        "A/HRC/RES/41/3",
    ]
    assert "draft" in ordered[0] and "adopted" in ordered[2]
    assert ordered[2].endswith("(after A/HRC/41/L.5/Rev.1)")


# --------------------------------------------------------------------------- bad input


@pytest.mark.parametrize("symbol", HOSTILE_SYMBOLS)
def test_hostile_symbol_is_rejected_and_nothing_is_written(archive_dir, symbol):
    before = snapshot(archive_dir)
    result = add(archive_dir, fixture("S_2019_90"), "--symbol", symbol)
    assert_one_line_error(result, "invalid symbol")
    assert snapshot(archive_dir) == before
    with pytest.raises(SymbolError):
        Archive(archive_dir).add(AddRequest(fixture("S_2019_90"), symbol=symbol))
    assert snapshot(archive_dir) == before


@pytest.mark.parametrize("symbol", HOSTILE_SYMBOLS[:6])
def test_hostile_symbol_as_argument_or_predecessor_is_rejected(archive_dir, symbol):
    before = snapshot(archive_dir)
    for command in ("log", "show", "blame"):
        assert_one_line_error(run("archive", command, "--archive", archive_dir, "--", symbol))
    assert_one_line_error(
        add(archive_dir, fixture("S_2019_90"), "--predecessor", symbol), "invalid symbol"
    )
    assert snapshot(archive_dir) == before


def test_hostile_file_name_in_the_text_cannot_escape(archive_dir, tmp_path):
    # a symbol read from a file name goes through the same checks as --symbol
    sneaky = tmp_path / "-rf.txt"
    sneaky.write_bytes(fixture("S_2019_90").read_bytes())
    before = snapshot(archive_dir)
    assert_one_line_error(add(archive_dir, sneaky), "no document symbol")
    assert snapshot(archive_dir) == before


@pytest.mark.parametrize(
    ("make", "fragment"),
    [
        (lambda d: d / "missing.txt", "no such file"),
        (lambda d: _write(d / "binary.txt", b"\x00\x01\x02" * 100), "binary"),
        (lambda d: _write(d / "empty.txt", b""), "is empty"),
        (
            lambda d: _write(d / "S_2000_1.txt", b"Minutes of a meeting.\n"),
            "no resolution paragraphs",
        ),
        (lambda d: d, "directory"),
    ],
)
def test_bad_input_file_is_one_line_error_and_nothing_is_written(
    archive_dir, tmp_path, make, fragment
):
    folder = tmp_path / "inputs"
    folder.mkdir()
    before = snapshot(archive_dir)
    assert_one_line_error(add(archive_dir, make(folder)), fragment)
    assert snapshot(archive_dir) == before


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_unknown_symbol_revision_and_predecessor_are_errors(archive_dir):
    add(archive_dir, fixture("S_2019_90"))
    assert_one_line_error(
        run("archive", "log", "S/1999/1", "--archive", archive_dir), "not in the archive"
    )
    assert_one_line_error(
        run("archive", "show", "S/2019/90@7", "--archive", archive_dir), "versions 1 to 1"
    )
    assert_one_line_error(
        run("archive", "show", "S/2019/90@--output=x", "--archive", archive_dir),
        "invalid revision '--output=x'",  # refused before git sees it
    )
    assert_one_line_error(
        run("archive", "show", "S/2019/90@abcdef0", "--archive", archive_dir), "no such revision"
    )
    assert_one_line_error(
        add(archive_dir, fixture("S_2020_110"), "--predecessor", "S/1999/1"), "not in the archive"
    )
    assert_one_line_error(
        add(archive_dir, fixture("S_2019_90"), "--predecessor", "S/2019/90"), "own predecessor"
    )
    assert_one_line_error(
        run("archive", "series", "no-such", "--archive", archive_dir), "no series"
    )


def test_predecessor_links_never_form_a_cycle(archive_dir):
    add(archive_dir, fixture("S_2018_95"))
    add(archive_dir, fixture("S_2020_110"), "--predecessor", "S/2018/95")
    before = head(archive_dir)
    assert_one_line_error(
        add(archive_dir, fixture("S_2018_95"), "--predecessor", "S/2020/110"), "cycle"
    )
    assert head(archive_dir) == before


def test_bad_options_are_one_line_errors(archive_dir):
    for option, value in (("--date", "8 February 2018"), ("--series", "!!"), ("--status", "final")):
        result = add(archive_dir, fixture("S_2018_95"), option, value)
        assert result.exit_code == 2
        assert "Traceback" not in result.stderr


def test_a_folder_that_is_not_an_archive_is_an_error(tmp_path):
    assert_one_line_error(
        run("archive", "list", "--archive", tmp_path / "nowhere"), "not a resdiff archive"
    )
    git(tmp_path, "init", "-q")
    assert_one_line_error(run("archive", "list", "--archive", tmp_path), "not a resdiff archive")
    with pytest.raises(ResdiffError, match="not a resdiff archive"):
        Archive(tmp_path)


def test_corrupt_metadata_is_an_error_for_readers(archive_dir):
    add(archive_dir, fixture("S_2019_90"))
    (archive_dir / "S_2019_90" / "meta.json").write_text("{not json")
    git(archive_dir, "commit", "-qam", "break it")
    assert_one_line_error(run("archive", "list", "--archive", archive_dir), "corrupt metadata")
    assert_one_line_error(
        run("archive", "show", "S/2019/90", "--archive", archive_dir), "corrupt metadata"
    )


def test_archive_inside_a_hook_environment_stays_in_its_own_repository(
    archive_dir, tmp_path, monkeypatch
):
    # Inside another repository's git hook, GIT_DIR and GIT_INDEX_FILE point there.
    other = tmp_path / "other"
    other.mkdir()
    git(other, "init", "-q")
    monkeypatch.setenv("GIT_DIR", str(other / ".git"))
    monkeypatch.setenv("GIT_INDEX_FILE", str(other / ".git" / "index"))
    monkeypatch.setenv("GIT_WORK_TREE", str(other))
    assert add(archive_dir, fixture("S_2019_90")).exit_code == 0
    monkeypatch.delenv("GIT_DIR")
    monkeypatch.delenv("GIT_INDEX_FILE")
    monkeypatch.delenv("GIT_WORK_TREE")
    assert git(other, "rev-parse", "--verify", "-q", "HEAD").returncode != 0
    assert not (other / ".git" / "index").exists()
    assert (archive_dir / "S_2019_90" / "text.md").is_file()
