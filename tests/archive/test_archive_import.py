"""import DIR: one commit for a whole folder, with counts and reasons."""

from __future__ import annotations

import shutil
from pathlib import Path

from archive_helpers import (
    FIXTURES,
    archive_dir_fixture,  # noqa: F401 - pytest fixture
    assert_one_line_error,
    commit_count,
    fixture,
    fixture_folder,
    git,
    head,
    run,
    run_process,
    snapshot,
)

from resdiff.archive.store import Archive


def test_import_stores_a_folder_in_one_commit_with_counts(archive_dir, tmp_path):
    folder = fixture_folder(tmp_path / "texts", with_others=True)
    result = run("archive", "import", folder, "--archive", archive_dir)
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("imported ")
    assert ": 17 added, 0 updated, 0 unchanged, 0 rejected in " in lines[0]
    # README.md (the twelve .meta.json files are read with the texts beside them)
    assert lines[1] == "ignored 1 file: not .txt, .md, .pdf or .docx"
    assert commit_count(archive_dir) == 2
    subject = git(archive_dir, "log", "-1", "--format=%s").stdout
    assert subject.startswith(
        "Archive 17 versions: A/HRC/RES/41/3, A/RES/80/31, A/RES/80/34 and 14 more"
    )
    again = run("archive", "import", folder, "--archive", archive_dir)
    assert ": 0 added, 0 updated, 17 unchanged, 0 rejected" in again.stdout
    assert commit_count(archive_dir) == 2


def test_import_rejects_bad_files_with_reasons_and_keeps_the_rest(archive_dir, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(fixture("S_2019_90"), folder)
    shutil.copy(fixture("S_2017_77"), folder)
    (folder / "S_2000_1.txt").write_bytes(b"\x00\x01" * 50)
    (folder / "notes.txt").write_text(
        "The Security Council,\n1. Decides to remain seized of the matter.\n"
    )
    (folder / "S_2000_2.md").write_text("Shopping list\n")
    shutil.copy(FIXTURES / "pdf" / "S_2019_90.pdf", folder)  # the same symbol twice
    result = run("archive", "import", folder, "--archive", archive_dir)
    assert result.exit_code == 0
    assert ": 2 added, 0 updated, 0 unchanged, 4 rejected in " in result.stdout
    reasons = [line for line in result.stderr.splitlines() if line.startswith("rejected ")]
    assert len(reasons) == 4
    assert any("S_2000_1.txt: looks binary" in r for r in reasons)
    assert any("notes.txt: no document symbol" in r for r in reasons)
    assert any("S_2000_2.md: no resolution paragraphs found" in r for r in reasons)
    assert any("S/2019/90 is also given by" in r for r in reasons)
    archive = Archive(archive_dir)
    assert [m.symbol for m in archive.catalogue()] == ["S/2017/77", "S/2019/90"]
    archive.close()


def test_import_applies_series_and_status(archive_dir, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("S_2018_95", "S_2020_110"):
        shutil.copy(fixture(name), folder)
    run(
        "archive",
        "import",
        folder,
        "--series",
        "sudan-sanctions",
        "--status",
        "adopted",
        "--archive",
        archive_dir,
    )
    archive = Archive(archive_dir)
    metas = archive.catalogue(series="sudan-sanctions")
    assert [(m.symbol, m.status) for m in metas] == [
        ("S/2018/95", "adopted"),
        ("S/2020/110", "adopted"),
    ]
    archive.close()


def test_import_in_parallel_gives_the_same_archive(archive_dir, tmp_path):
    folder = _many_versions(tmp_path / "many", 60)
    serial = tmp_path / "serial"
    Archive.init(serial)[0].close()
    run("archive", "import", folder, "--jobs", "1", "--archive", serial)
    result = run("archive", "import", folder, "--jobs", "2", "--archive", archive_dir)
    assert ": 60 added" in result.stdout
    files = {k: v for k, v in snapshot(archive_dir).items() if not k.startswith(".git/")}
    assert files == {k: v for k, v in snapshot(serial).items() if not k.startswith(".git/")}


def test_import_prints_no_progress_when_stderr_is_not_a_terminal(archive_dir, tmp_path):
    folder = _many_versions(tmp_path / "few", 3)
    result = run_process("archive", "import", folder, "--archive", archive_dir)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert result.stdout.startswith("imported ")


def test_import_errors(archive_dir, tmp_path):
    before = head(archive_dir)
    assert_one_line_error(
        run("archive", "import", tmp_path / "nowhere", "--archive", archive_dir),
        "no such directory",
    )
    empty = tmp_path / "empty"
    empty.mkdir()
    result = run("archive", "import", empty, "--archive", archive_dir)
    assert (
        result.exit_code == 0 and ": 0 added, 0 updated, 0 unchanged, 0 rejected" in result.stdout
    )
    assert head(archive_dir) == before


def _many_versions(folder: Path, count: int) -> Path:
    """``count`` versions of S/2019/90 under symbols S/2090/k, each with one word changed."""
    folder.mkdir()
    text = fixture("S_2019_90").read_text()
    for k in range(count):
        (folder / f"S_2090_{k}.txt").write_text(text.replace("12. Decides", f"12. Decides ({k})"))
    return folder
