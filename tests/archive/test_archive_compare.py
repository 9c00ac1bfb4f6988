"""compare OLD NEW --archive: compare and keep, in one step."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

from archive_helpers import (
    archive_dir_fixture,  # noqa: F401 - pytest fixture
    commit_count,
    fixture,
    git,
    head,
    run,
)

from resdiff.archive.store import Archive


def metas(path):
    archive = Archive(path)
    try:
        return {m.symbol: m for m in archive.catalogue()}
    finally:
        archive.close()


def test_compare_with_archive_keeps_both_versions_linked(tmp_path, monkeypatch):
    monkeypatch.delenv("RESDIFF_ARCHIVE", raising=False)
    monkeypatch.chdir(tmp_path)
    target = tmp_path / "kept"
    result = run("compare", fixture("S_2018_95"), fixture("S_2020_110"), "--archive", target)
    assert result.exit_code == 1  # the report and exit status are compare's
    assert result.stdout == run("compare", fixture("S_2018_95"), fixture("S_2020_110")).stdout
    notes = result.stderr.splitlines()
    assert notes[0] == f"resdiff: created archive {target}"
    assert notes[1] == (
        f"resdiff: archive {target}: S/2018/95 added, "
        "S/2020/110 added (after S/2018/95, series s-2018-95)"
    )
    kept = metas(target)
    assert kept["S/2020/110"].predecessor == "S/2018/95"
    assert kept["S/2020/110"].series == kept["S/2018/95"].series == "s-2018-95"
    assert commit_count(target) == 2  # the archive's first commit, then both versions at once
    before = head(target)
    again = run("compare", fixture("S_2018_95"), fixture("S_2020_110"), "--archive", target)
    assert again.stderr.splitlines() == [
        f"resdiff: archive {target}: S/2018/95 unchanged, S/2020/110 unchanged"
    ]
    assert head(target) == before


def test_compare_continues_a_series(archive_dir, tmp_path):
    run("compare", fixture("S_2018_95"), fixture("S_2020_110"), "--archive", archive_dir)
    derived = tmp_path / "S_2022_110-derived.txt"
    derived.write_text(fixture("S_2020_110").read_text().replace("12 March 2021", "12 March 2022"))
    run("compare", fixture("S_2020_110"), derived, "--archive", archive_dir)
    kept = metas(archive_dir)
    assert kept["S/2022/110-derived"].predecessor == "S/2020/110"
    assert kept["S/2022/110-derived"].series == "s-2018-95"
    series = run("archive", "series", "s-2018-95", "--archive", archive_dir).stdout.splitlines()
    assert [line.split()[1] for line in series] == ["S/2018/95", "S/2020/110", "S/2022/110-derived"]


def test_a_recorded_predecessor_is_kept(archive_dir):
    run("compare", fixture("S_2018_95"), fixture("S_2020_110"), "--archive", archive_dir)
    run("compare", fixture("S_2017_444"), fixture("S_2020_110"), "--archive", archive_dir)
    assert metas(archive_dir)["S/2020/110"].predecessor == "S/2018/95"


def test_comparing_two_texts_of_one_symbol_records_two_versions(archive_dir, tmp_path):
    newer = tmp_path / "newer" / "S_2020_110.txt"
    newer.parent.mkdir()
    newer.write_text(fixture("S_2020_110").read_text().replace("12 March 2021", "12 March 2022"))
    run("compare", fixture("S_2020_110"), newer, "--archive", archive_dir)
    log = run("archive", "log", "S/2020/110", "--format", "json", "--archive", archive_dir)
    assert [v["version"] for v in json.loads(log.stdout)] == [2, 1]
    before = head(archive_dir)
    run("compare", fixture("S_2020_110"), newer, "--archive", archive_dir)
    assert head(archive_dir) == before


def test_resdiff_archive_variable_turns_archiving_on(archive_dir):
    env = {"RESDIFF_ARCHIVE": str(archive_dir)}
    result = run("compare", fixture("S_2017_77"), fixture("S_2019_90"), env=env)
    assert result.exit_code == 1
    assert set(metas(archive_dir)) == {"S/2017/77", "S/2019/90"}
    with_flag = run("compare", fixture("S_2017_444"), fixture("S_2019_441"), "--archive", env=env)
    assert with_flag.exit_code == 1
    assert "S/2019/441" in metas(archive_dir)


def test_no_archive_turns_it_off_for_one_run(archive_dir):
    before = head(archive_dir)
    env = {"RESDIFF_ARCHIVE": str(archive_dir)}
    result = run("compare", fixture("S_2017_77"), fixture("S_2019_90"), "--no-archive", env=env)
    assert result.exit_code == 1 and result.stderr == ""
    both = run(
        "compare",
        fixture("S_2017_77"),
        fixture("S_2019_90"),
        "--archive",
        archive_dir,
        "--no-archive",
    )
    assert both.stderr == ""
    assert head(archive_dir) == before


def test_archive_setting_in_the_project_file(tmp_path, monkeypatch):
    monkeypatch.delenv("RESDIFF_ARCHIVE", raising=False)
    (tmp_path / ".resdiff.toml").write_text('archive = "versions"\n')
    work = tmp_path / "drafts"
    work.mkdir()
    monkeypatch.chdir(work)
    result = run("compare", fixture("S_2021_443"), fixture("S_2023_571"))
    assert result.exit_code == 1
    assert set(metas(tmp_path / "versions")) == {"S/2021/443", "S/2023/571"}


def test_files_without_a_symbol_are_compared_but_not_kept(archive_dir, tmp_path):
    old, new = tmp_path / "old.txt", tmp_path / "new.txt"
    shutil.copy(fixture("S_2018_95"), old)
    shutil.copy(fixture("S_2020_110"), new)
    before = head(archive_dir)
    result = run("compare", old, new, "--archive", archive_dir)
    assert result.exit_code == 1
    assert result.stderr == f"resdiff: warning: not archived: no document symbol in {old}, {new}\n"
    assert head(archive_dir) == before


def test_a_path_that_is_not_an_archive_is_a_warning_and_the_report_is_printed(tmp_path):
    (tmp_path / "notes.txt").write_text("mine")
    result = run("compare", fixture("S_2018_95"), fixture("S_2020_110"), "--archive", tmp_path)
    assert result.exit_code == 1  # compare's status: the versions differ
    assert result.stdout == run("compare", fixture("S_2018_95"), fixture("S_2020_110")).stdout
    assert result.stderr.startswith("resdiff: warning: not archived: ")
    assert "not empty" in result.stderr and len(result.stderr.splitlines()) == 1
    assert git(tmp_path, "status").returncode != 0  # no repository was made


def test_plain_compare_never_imports_gitpython(tmp_path):
    old, new = str(fixture("S_2018_95")), str(fixture("S_2020_110"))
    code = (
        "import sys\n"
        "from resdiff.cli import main\n"
        f"sys.argv = ['resdiff', 'compare', {old!r}, {new!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "assert 'git' not in sys.modules, 'GitPython was imported'\n"
        "import resdiff\nassert resdiff.Archive and 'git' in sys.modules\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "RESDIFF_ARCHIVE"}
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
