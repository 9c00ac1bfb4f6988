"""Order: versions follow the documents' own dates, never the order of the arguments.

The newer versions here are fixture texts with documented edits, each with a
``.meta.json`` beside it (as the corpus has) giving its symbol and date.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

from archive_helpers import (
    FIXTURES,
    archive_dir_fixture,  # noqa: F401 - pytest fixture
    commit_count,
    fixture,
    fsck_clean,
    git,
    head,
    replace_once,
    run,
    run_process,
)

from resdiff.archive.lock import ArchiveLock
from resdiff.archive.store import Archive

# fixtures/S_2020_110.meta.json dates the fixture 11 February 2020
OLDER_DATE = "2020-02-11"


def version_of_s_2020_110(folder: Path, name: str, day: str, extension: str) -> Path:
    """A later text of S/2020/110: the mandate extended until ``extension`` instead of
    12 March 2021, written as ``folder/name`` with a ``.meta.json`` (symbol, date ``day``)."""
    folder.mkdir(parents=True, exist_ok=True)
    text = replace_once(
        fixture("S_2020_110").read_text(), "until 12 March 2021", f"until {extension}"
    )
    path = folder / name
    path.write_text(text)
    written = date.fromisoformat(day).strftime("%-d %B %Y")
    sidecar = {"ID": "S/2020/110", "Date": written, "Title": "United States of America"}
    path.with_suffix(".meta.json").write_text(json.dumps(sidecar))
    return path


def current_text(archive: Path, dirname: str) -> str:
    return (archive / dirname / "text.md").read_text()


def log_dates(archive: Path, symbol: str) -> list[tuple[int, str | None]]:
    """(version number, document date) of every version, oldest first."""
    log = run("archive", "log", symbol, "--format", "json", "--archive", archive)
    return [(v["version"], v["document_date"]) for v in reversed(json.loads(log.stdout))]


def metas(path: Path) -> dict[str, object]:
    archive = Archive(path)
    try:
        return {m.symbol: m for m in archive.catalogue()}
    finally:
        archive.close()


# --------------------------------------------------------------------------- one symbol


def test_comparing_two_versions_in_reverse_keeps_the_newer_one_current(archive_dir, tmp_path):
    newer = version_of_s_2020_110(tmp_path / "new", "S_2020_110.txt", "2020-03-11", "12 May 2021")
    older = fixture("S_2020_110")
    result = run("compare", newer, older, "--archive", archive_dir)
    assert result.exit_code == 1
    assert result.stdout == run("compare", newer, older).stdout
    assert log_dates(archive_dir, "S/2020/110") == [(1, OLDER_DATE), (2, "2020-03-11")]
    assert "until 12 May 2021" in current_text(archive_dir, "S_2020_110")
    first = run("archive", "show", "S/2020/110@1", "--archive", archive_dir).stdout
    assert "until 12 March 2021" in first and "12 May 2021" not in first
    before = head(archive_dir)
    again = run("compare", older, newer, "--archive", archive_dir)
    assert again.stderr == (
        f"resdiff: archive {archive_dir}: S/2020/110 unchanged, S/2020/110 unchanged\n"
    )
    assert head(archive_dir) == before


def test_an_older_version_added_later_is_recorded_and_the_newer_stays_current(
    archive_dir, tmp_path
):
    newer = version_of_s_2020_110(tmp_path / "new", "S_2020_110.txt", "2020-03-11", "12 May 2021")
    assert run("archive", "add", newer, "--archive", archive_dir).exit_code == 0
    current = current_text(archive_dir, "S_2020_110")
    added = run_process("archive", "add", fixture("S_2020_110"), "--archive", archive_dir)
    assert added.returncode == 0, added.stderr
    assert added.stdout.startswith(
        f"updated S/2020/110 (version 1, dated {OLDER_DATE}, earlier than the current version"
    )
    assert current_text(archive_dir, "S_2020_110") == current
    assert git(archive_dir, "status", "--porcelain").stdout == ""
    subjects = git(archive_dir, "log", "--format=%s", "--", "S_2020_110").stdout.splitlines()
    assert subjects == [
        "Keep the current version of S/2020/110",
        f"Add an earlier version of S/2020/110 (dated {OLDER_DATE})",
        "Add S/2020/110",
    ]
    assert log_dates(archive_dir, "S/2020/110") == [(1, OLDER_DATE), (2, "2020-03-11")]
    shown = run("archive", "show", "S/2020/110", "--archive", archive_dir).stdout
    assert shown.startswith("S/2020/110@2 ") and "12 May 2021" in shown
    assert run("archive", "verify", "--deep", "--archive", archive_dir).exit_code == 0
    before = head(archive_dir)
    again = run("archive", "add", fixture("S_2020_110"), "--archive", archive_dir)
    assert again.stdout.startswith("unchanged: ")
    assert head(archive_dir) == before


# --------------------------------------------------------------------------- two symbols


def test_comparing_two_documents_in_reverse_links_the_older_one_as_predecessor(archive_dir):
    result = run("compare", fixture("S_2020_110"), fixture("S_2018_95"), "--archive", archive_dir)
    assert result.exit_code == 1
    assert result.stdout == run("compare", fixture("S_2020_110"), fixture("S_2018_95")).stdout
    kept = metas(archive_dir)
    assert kept["S/2020/110"].predecessor == "S/2018/95"
    assert kept["S/2018/95"].predecessor is None
    series = run("archive", "series", "s-2018-95", "--archive", archive_dir).stdout.splitlines()
    assert [line.split()[1] for line in series] == ["S/2018/95", "S/2020/110"]
    # the other way round: the same link, no cycle, no error, and the report
    before = head(archive_dir)
    again = run("compare", fixture("S_2018_95"), fixture("S_2020_110"), "--archive", archive_dir)
    assert again.exit_code == 1 and again.stdout
    assert again.stderr == (
        f"resdiff: archive {archive_dir}: S/2018/95 unchanged, S/2020/110 unchanged\n"
    )
    assert head(archive_dir) == before


def test_comparing_unrelated_documents_links_nothing(archive_dir):
    result = run(
        "compare", fixture("S_2018_341"), fixture("A_RES_80_54.md"), "--archive", archive_dir
    )
    assert result.exit_code == 1
    assert result.stderr.startswith(
        f"resdiff: archive {archive_dir}: S/2018/341 added, A/RES/80/54 added "
        "(not linked: they share too little text (score "
    )
    kept = metas(archive_dir)
    assert kept["A/RES/80/54"].predecessor is None and kept["A/RES/80/54"].series is None
    assert kept["S/2018/341"].series is None


def test_a_busy_archive_is_one_warning_and_the_report_is_printed(archive_dir, monkeypatch):
    monkeypatch.setenv("RESDIFF_LOCK_TIMEOUT", "0.2")
    with ArchiveLock(archive_dir / ".git" / "resdiff" / "lock"):
        result = run(
            "compare", fixture("S_2018_95"), fixture("S_2020_110"), "--archive", archive_dir
        )
    assert result.exit_code == 1
    assert result.stdout == run("compare", fixture("S_2018_95"), fixture("S_2020_110")).stdout
    assert result.stderr.startswith("resdiff: warning: not archived: archive is busy")
    assert len(result.stderr.splitlines()) == 1
    assert commit_count(archive_dir) == 1


# --------------------------------------------------------------------------- import


def test_import_orders_several_versions_of_one_symbol_by_their_dates(archive_dir, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    # file names in the opposite order of the dates: the last by name is the oldest
    version_of_s_2020_110(folder, "A-latest.txt", "2021-02-10", "12 March 2022")
    version_of_s_2020_110(folder, "B-middle.txt", "2020-06-01", "12 May 2021")
    shutil.copy(fixture("S_2020_110"), folder / "S_2020_110.txt")
    shutil.copy(FIXTURES / "S_2020_110.meta.json", folder / "S_2020_110.meta.json")
    before = commit_count(archive_dir)
    result = run_process("archive", "import", folder, "--archive", archive_dir)
    assert result.returncode == 0, result.stderr
    assert ": 1 added, 2 updated, 0 unchanged, 0 rejected in " in result.stdout
    assert log_dates(archive_dir, "S/2020/110") == [
        (1, OLDER_DATE),
        (2, "2020-06-01"),
        (3, "2021-02-10"),
    ]
    assert "until 12 March 2022" in current_text(archive_dir, "S_2020_110")
    assert commit_count(archive_dir) == before + 3  # two earlier versions, then the write
    assert run("archive", "verify", "--archive", archive_dir).exit_code == 0
    again = run("archive", "import", folder, "--archive", archive_dir)
    assert ": 0 added, 0 updated, 3 unchanged, 0 rejected" in again.stdout
    assert commit_count(archive_dir) == before + 3


def test_import_reads_dates_and_titles_from_the_meta_json_beside_each_text(archive_dir, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    names = ["S_2017_77", "S_2018_95", "S_2019_441"]
    for name in names:
        shutil.copy(fixture(name), folder)
        shutil.copy(FIXTURES / f"{name}.meta.json", folder)
    result = run("archive", "import", folder, "--archive", archive_dir)
    assert ": 3 added" in result.stdout and "ignored" not in result.stdout
    kept = metas(archive_dir)
    for name in names:
        sidecar = json.loads((FIXTURES / f"{name}.meta.json").read_text())
        day = date(*time.strptime(sidecar["Date"], "%d %B %Y")[:3]).isoformat()
        meta = kept[name.replace("_", "/")]
        assert (meta.date, meta.title) == (day, sidecar["Title"])


def test_a_killed_import_of_several_versions_is_all_there_or_not_at_all(archive_dir, tmp_path):
    rng = random.Random(5)
    for trial in range(4):
        folder = tmp_path / f"in{trial}"
        version_of_s_2020_110(folder, "A.txt", f"202{trial + 1}-06-01", f"12 March 203{trial}")
        version_of_s_2020_110(folder, "B.txt", f"202{trial + 1}-03-01", f"12 May 203{trial}")
        before = _versions(archive_dir)
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "resdiff.cli",
                "archive",
                "import",
                str(folder),
                "--archive",
                str(archive_dir),
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            start_new_session=True,
        )
        time.sleep(rng.uniform(0.2, 1.0))
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)  # the importer and its git
        process.communicate(timeout=60)
        with ArchiveLock(archive_dir / ".git" / "resdiff" / "lock"):
            pass  # an orphaned git of the killed import finishes first
        assert run("archive", "verify", "--archive", archive_dir).exit_code == 0
        assert len(_versions(archive_dir)) - len(before) in (0, 2)
        retry = run("archive", "import", folder, "--archive", archive_dir)
        assert retry.exit_code == 0, retry.stderr
    assert fsck_clean(archive_dir)


def _versions(archive: Path) -> list[tuple[int, str | None]]:
    """The versions of S/2020/110 ([] when it is not archived)."""
    if not (archive / "S_2020_110").exists():
        return []
    return log_dates(archive, "S/2020/110")
