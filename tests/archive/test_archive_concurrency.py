"""Several writers at once, and writers killed half-way: nothing lost, nothing broken.

The kill tests run ``resdiff archive add`` / ``import`` as real processes and
SIGKILL them, either at a random moment of their run or just after their
write transaction has started (the moment that matters), sometimes with their
git child processes too. Afterwards ``git fsck`` must be clean, ``verify``
must pass, every add the process acknowledged must be there, an import must be
all there or not at all, and running the same command again must complete.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from archive_helpers import (
    SERIES,
    archive_dir_fixture,  # noqa: F401 - pytest fixture
    commit_count,
    fixture,
    fsck_clean,
    git,
    run,
)

from resdiff.archive.lock import ArchiveLock
from resdiff.archive.store import Archive

SC_FILES = [fixture(name) for pair in SERIES for name in pair]

WRITER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from resdiff.archive.store import AddRequest, Archive

    archive_path, go, worker, *files = sys.argv[1:]
    while not Path(go).exists():
        time.sleep(0.001)
    archive = Archive(archive_path)
    for k, name in enumerate(files):
        symbol = f"S/9{int(worker):03d}/{k}"
        result = archive.add(AddRequest(name, symbol=symbol))
        print("ack", symbol, result.results[0].outcome, flush=True)
    archive.close()
    """
)


def _concurrent_writers(archive: Path, go: Path, writers: int, per_writer: int) -> None:
    """``writers`` processes add ``per_writer`` documents each, all at once; check the result.

    Every add a writer acknowledged must be archived, in a commit of its own,
    and ``git fsck`` and ``verify`` must pass.
    """
    processes = []
    for worker in range(writers):
        files = [str(SC_FILES[(worker + k) % len(SC_FILES)]) for k in range(per_writer)]
        processes.append(
            subprocess.Popen(
                [sys.executable, "-c", WRITER, str(archive), str(go), str(worker), *files],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
        )
    time.sleep(0.5)  # let them all start and wait at the gate
    go.touch()
    outputs = [p.communicate(timeout=60 + 4 * per_writer * writers) for p in processes]
    assert [p.returncode for p in processes] == [0] * writers, [err for _, err in outputs]
    acknowledged = {line.split()[1] for out, _ in outputs for line in out.splitlines()}
    assert len(acknowledged) == writers * per_writer
    opened = Archive(archive)
    try:
        assert {m.symbol for m in opened.catalogue()} == acknowledged
        assert commit_count(archive) == 1 + writers * per_writer
        assert fsck_clean(archive)
        assert opened.verify().ok
    finally:
        opened.close()


def test_eight_concurrent_writers_all_succeed_and_nothing_is_lost(archive_dir, tmp_path):
    _concurrent_writers(archive_dir, tmp_path / "go", writers=8, per_writer=3)


@pytest.mark.slow
def test_eight_concurrent_writers_of_fifty_documents_each(archive_dir, tmp_path):
    # the hardening issue's figure: 8 processes adding 50 documents each at the same time
    _concurrent_writers(archive_dir, tmp_path / "go", writers=8, per_writer=50)


def test_a_crashed_write_is_undone_by_the_next_writer(archive_dir):
    run("archive", "add", fixture("S_2018_95"), "--archive", archive_dir)
    scratch = archive_dir / ".git" / "resdiff"
    # what a writer killed half-way leaves: its transaction file, part of its files,
    # a git index lock, and a staged but uncommitted change; and a note of the user's
    # in a document directory, which is not resdiff's to undo
    (scratch / "transaction").write_text("S_2020_110\nS_2018_95\nS_2017_7")  # torn last line
    (archive_dir / "S_2020_110").mkdir()
    (archive_dir / "S_2020_110" / "text.md").write_text("half")
    (archive_dir / "S_2018_95" / "notes.txt").write_text("mine")
    (archive_dir / "S_2018_95" / "text.md").write_text("overwritten")
    git(archive_dir, "add", "S_2018_95/text.md")
    (archive_dir / ".git" / "index.lock").write_text("")
    (archive_dir / ".git" / "objects" / "pack" / "tmp_pack_x1").write_bytes(b"PACK")
    result = run("archive", "add", fixture("S_2017_77"), "--archive", archive_dir)
    assert result.exit_code == 0, result.stderr
    assert not (archive_dir / "S_2020_110").exists()
    assert not (archive_dir / ".git" / "index.lock").exists()
    assert not (archive_dir / ".git" / "objects" / "pack" / "tmp_pack_x1").exists()
    assert not (scratch / "transaction").exists()
    assert sorted(p.name for p in (archive_dir / "S_2018_95").iterdir()) == [
        "meta.json",
        "notes.txt",
        "original.txt",
        "text.md",
    ]
    assert (archive_dir / "S_2018_95" / "notes.txt").read_text() == "mine"
    assert git(archive_dir, "status", "--porcelain").stdout == "?? S_2018_95/notes.txt\n"
    verified = run("archive", "verify", "--archive", archive_dir)
    assert verified.exit_code == 0, verified.stdout
    assert "note: S_2018_95/notes.txt: not an archive file" in verified.stdout


def test_verify_after_a_crash_undoes_it_and_passes(archive_dir):
    run("archive", "add", fixture("S_2018_95"), "--archive", archive_dir)
    (archive_dir / ".git" / "resdiff" / "transaction").write_text("S_2018_95\n")
    (archive_dir / "S_2018_95" / "meta.json").write_text("{}")
    result = run("archive", "verify", "--archive", archive_dir)
    assert result.exit_code == 0, result.stdout
    assert result.stdout.startswith("undid an interrupted write")


def test_a_busy_archive_times_out_with_a_clear_error(archive_dir, monkeypatch):
    monkeypatch.setenv("RESDIFF_LOCK_TIMEOUT", "0.2")
    with ArchiveLock(archive_dir / ".git" / "resdiff" / "lock"):
        result = run("archive", "add", fixture("S_2018_95"), "--archive", archive_dir)
    assert result.exit_code == 2
    assert result.stderr.startswith("resdiff: error: archive is busy")
    assert commit_count(archive_dir) == 1


# --------------------------------------------------------------------------- kill tests


def _start(args: list[str]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "resdiff.cli", "archive", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # so that a trial can kill git children too
    )


def _kill(process: subprocess.Popen[str], archive: Path, rng: random.Random) -> None:
    """SIGKILL the writer at a random moment, or just after its transaction starts."""
    marker = archive / ".git" / "resdiff" / "transaction"
    if rng.random() < 0.5:
        time.sleep(rng.uniform(0.0, 0.8))
    else:
        deadline = time.monotonic() + 10
        while not marker.exists() and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.0005)
        time.sleep(rng.uniform(0.0, 0.03))
    try:
        if rng.random() < 0.5:
            os.killpg(process.pid, signal.SIGKILL)  # writer and its git processes
        else:
            process.send_signal(signal.SIGKILL)  # the writer only; its git may finish
    except ProcessLookupError:
        pass
    process.wait(timeout=60)


def _acknowledged(process: subprocess.Popen[str]) -> str:
    out, _ = process.communicate(timeout=60)
    return out


def _check_consistent(archive: Path, tally: dict[str, int] | None = None) -> set[str]:
    with ArchiveLock(archive / ".git" / "resdiff" / "lock"):  # waits for an orphaned git
        pass
    if tally is not None:
        interrupted = (archive / ".git" / "resdiff" / "transaction").exists()
        tally["interrupted"] = tally.get("interrupted", 0) + interrupted
        tally["git lock left"] = (
            tally.get("git lock left", 0) + (archive / ".git" / "index.lock").exists()
        )
    assert fsck_clean(archive), git(archive, "fsck", "--no-dangling").stdout
    verified = run("archive", "verify", "--archive", archive)
    assert verified.exit_code == 0, verified.stdout
    opened = Archive(archive)
    try:
        return {m.symbol for m in opened.catalogue()}
    finally:
        opened.close()


def _kill_add_trial(archive: Path, rng: random.Random, trial: int, tally: dict[str, int]) -> None:
    source = rng.choice(SC_FILES)
    symbol = f"S/8{trial:03d}/1"
    args = ["add", str(source), "--symbol", symbol, "--archive", str(archive)]
    process = _start(args)
    _kill(process, archive, rng)
    acknowledged = f"added {symbol}" in _acknowledged(process)
    tally["acknowledged"] = tally.get("acknowledged", 0) + acknowledged
    present = _check_consistent(archive, tally)
    if acknowledged:
        assert symbol in present
    retry = run(*(["archive", *args]))
    assert retry.exit_code == 0, retry.stderr
    assert symbol in _check_consistent(archive)


def _kill_import_trial(
    archive: Path, rng: random.Random, trial: int, tmp: Path, tally: dict[str, int]
) -> None:
    folder = tmp / f"import-{trial}"
    folder.mkdir()
    # 20 files make a bulk write (one pack, signatures seeded), 5 an ordinary one
    chosen = [rng.choice(SC_FILES) for _ in range(rng.choice((5, 20)))]
    symbols = set()
    for k, source in enumerate(chosen):
        (folder / f"S_7{trial:03d}_{k}.txt").write_bytes(source.read_bytes())
        symbols.add(f"S/7{trial:03d}/{k}")
    process = _start(["import", str(folder), "--archive", str(archive)])
    _kill(process, archive, rng)
    acknowledged = f": {len(chosen)} added" in _acknowledged(process)
    tally["acknowledged"] = tally.get("acknowledged", 0) + acknowledged
    present = _check_consistent(archive, tally) & symbols
    assert present in (set(), symbols)  # one commit: all or nothing
    if acknowledged:
        assert present == symbols
    retry = run("archive", "import", folder, "--archive", archive)
    assert retry.exit_code == 0, retry.stderr
    assert _check_consistent(archive) >= symbols


def _kill_trials(archive: Path, tmp: Path, trials: int, seed: int) -> dict[str, int]:
    """Run ``trials`` kill trials (adds and imports in turn); count what they hit."""
    rng = random.Random(seed)
    tally: dict[str, int] = {}
    for trial in range(trials):
        if trial % 2 == 0:
            _kill_add_trial(archive, rng, trial, tally)
        else:
            _kill_import_trial(archive, rng, trial, tmp, tally)
    return tally


def test_killed_add_and_import_leave_a_consistent_archive(archive_dir, tmp_path):
    _kill_trials(archive_dir, tmp_path, trials=6, seed=20240611)


@pytest.mark.slow
def test_killed_writers_many_times(archive_dir, tmp_path):
    tally = _kill_trials(archive_dir, tmp_path, trials=60, seed=7)
    print("kill trials:", tally)
    # the trials must hit the write itself, not only start-up and the end
    assert tally.get("interrupted", 0) >= 5
    assert 0 < tally.get("acknowledged", 0) < 60
