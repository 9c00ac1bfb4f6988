"""A full disk: ``add`` and ``import`` fail with one clear line and leave the archive as it was.

Two ways of running out of space:

- simulated: resdiff's own file writes (``transaction._write_file``, which
  leaves a torn file as a full disk does, and the journal) raise ``ENOSPC``
  after some calls, or the git command GitPython runs (``add``, ``commit``,
  ``reset``) fails the way git does on a full disk;
- real (as root, where mounting is allowed): the archive on a small tmpfs
  filled up but for a few pages, one more page (three for an import) freed
  after each failed attempt, so that the write runs out of space at each step
  in turn (resdiff's journal and files, then git's objects, index and commit)
  until it succeeds.

After each failure: the command exited 2 with one ``resdiff: error:`` line
saying the disk is full, and HEAD, the index, the refs, every file of the
working tree and of ``.git`` (objects aside: git may leave unreachable
ones, which ``fsck`` allows) are what they were; ``verify`` and ``git fsck``
pass; the same command succeeds once there is space again.
"""

from __future__ import annotations

import errno
import itertools
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import git as gitpython
import pytest
from archive_helpers import (
    archive_dir_fixture,  # noqa: F401 - pytest fixture
    assert_one_line_error,
    commit_count,
    derive_s_2020_110,
    fixture,
    fsck_clean,
    git,
    head,
    run,
    run_process,
    snapshot,
)

from resdiff.archive import transaction
from resdiff.archive.store import Archive

DISK_FULL = "the disk is full (no space left on device)"
UNDONE = "nothing was stored and the archive is as it was"
GIT_NO_SPACE = b"error: unable to write file S_1/text.md: No space left on device\n"
PAGE = 4096
# Scratch files of the last commit attempt, rewritten by every write; objects are
# compared through fsck (a failed write may leave unreachable ones) and the index
# through ``git ls-files --stage``.
SCRATCH = (".git/index", ".git/resdiff/pathspec", ".git/resdiff/message")
SMALL_TEXTS = ["S_2017_444", "S_2018_341", "S_2019_441", "S_2018_95"]


# --------------------------------------------------------------------------- helpers


def archive_state(path: Path) -> dict[str, object]:
    """Everything a failed write must leave as it was."""
    files = {
        name: digest
        for name, digest in snapshot(path).items()
        if not name.startswith(".git/objects/") and name not in SCRATCH
    }
    return {
        "head": head(path),
        "commits": commit_count(path),
        "refs": git(path, "show-ref").stdout,
        "index": git(path, "ls-files", "--stage").stdout,
        "status": git(path, "status", "--porcelain", "--untracked-files=all").stdout,
        "files": files,
    }


def leftovers(path: Path) -> list[str]:
    """Temporary and lock files a failed write would leave (the writer lock aside)."""
    git_dir = path / ".git"
    found = [*git_dir.glob("objects/pack/tmp_*"), *git_dir.glob("objects/??/tmp_obj_*")]
    found += [p for p in git_dir.rglob("*.lock") if p != git_dir / "resdiff" / "lock"]
    found += list(path.rglob(".*.tmp"))
    found += [git_dir / "resdiff" / "transaction"] * (git_dir / "resdiff" / "transaction").exists()
    return sorted(str(p.relative_to(path)) for p in found)


def assert_as_before(path: Path, before: dict[str, object]) -> None:
    """The archive is exactly as ``before``, with nothing left over, and sound."""
    assert leftovers(path) == []
    assert archive_state(path) == before
    assert fsck_clean(path), git(path, "fsck", "--no-dangling").stdout
    opened = Archive(path)
    try:
        report = opened.verify()
        assert report.ok, report.problems
        assert report.recovered == []
    finally:
        opened.close()


def verified(path: Path) -> bool:
    """True when ``verify`` finds nothing wrong."""
    opened = Archive(path)
    try:
        return opened.verify().ok
    finally:
        opened.close()


def symbols(path: Path) -> set[str]:
    """The symbols archived at HEAD."""
    opened = Archive(path)
    try:
        return {m.symbol for m in opened.catalogue()}
    finally:
        opened.close()


def add(path: Path, *args: object):
    """``resdiff archive add ARGS`` in process."""
    return run("archive", "add", *args, "--archive", path)


class Completed:
    """A finished process seen as click's ``Result`` (``exit_code``, ``stdout``, ``stderr``)."""

    def __init__(self, done: subprocess.CompletedProcess[str]) -> None:
        self.exit_code = done.returncode
        self.stdout = done.stdout
        self.stderr = done.stderr


class Disk:
    """A simulated disk that fills up: ``full`` switches the failures on and off."""

    def __init__(self) -> None:
        self.full = False
        self.failed: list[str] = []

    def no_space(self, what: str, filename: object = None) -> OSError:
        """The error a write on a full disk raises (and a note of which write it was)."""
        self.failed.append(what)
        return OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), filename)


def fail_file_writes_after(
    monkeypatch: pytest.MonkeyPatch, disk: Disk, calls: int, *, code: int = errno.ENOSPC
) -> None:
    """resdiff's writes of document files fail from write number ``calls`` on.

    The failing write leaves the first half of its file, as a full disk does.
    """
    real = transaction._write_file
    counter = itertools.count()

    def write(path: Path, data: bytes) -> None:
        if not disk.full or next(counter) < calls:
            real(path, data)
            return
        real(path, data[: len(data) // 2])
        disk.failed.append(f"write {path.name}")
        raise OSError(code, os.strerror(code), str(path))

    monkeypatch.setattr(transaction, "_write_file", write)


def git_subcommand(command: list[str]) -> str:
    """``commit`` for ``git -c a=b -c c=d commit ...``."""
    rest = command[1:]
    while rest and rest[0] == "-c":
        rest = rest[2:]
    return rest[0] if rest else ""


def fail_git(
    monkeypatch: pytest.MonkeyPatch,
    disk: Disk,
    names: set[str],
    stderr: bytes = GIT_NO_SPACE,
) -> None:
    """The git commands ``names`` fail as git does when the disk is full.

    resdiff runs git through ``Git.execute`` with ``with_exceptions=False``,
    which returns (status, stdout, stderr) instead of raising; git exits 128.
    """
    real = gitpython.cmd.Git.execute

    def execute(self: gitpython.cmd.Git, command: list[str], **kwargs: object) -> object:
        name = git_subcommand(command) if isinstance(command, list) else ""
        if disk.full and name in names:
            disk.failed.append(f"git {name}")
            return (128, b"", stderr)
        return real(self, command, **kwargs)

    monkeypatch.setattr(gitpython.cmd.Git, "execute", execute)


@pytest.fixture(name="filled")
def filled_fixture(archive_dir: Path, tmp_path: Path) -> tuple[Path, Path]:
    """An archive holding S/2020/110 and S/2017/77, and a derived S/2020/110 to add."""
    for name in ("S_2020_110", "S_2017_77"):
        assert add(archive_dir, fixture(name)).exit_code == 0
    derived = tmp_path / "derived.txt"
    derived.write_text(derive_s_2020_110(fixture("S_2020_110").read_text("utf-8")), "utf-8")
    return archive_dir, derived


def import_folder(folder: Path, count: int) -> tuple[Path, set[str]]:
    """``count`` small texts named S_6000_<k>.txt (symbols S/6000/<k>: the file name)."""
    folder.mkdir()
    for k in range(count):
        source = fixture(SMALL_TEXTS[k % len(SMALL_TEXTS)])
        (folder / f"S_6000_{k}.txt").write_bytes(source.read_bytes())
    return folder, {f"S/6000/{k}" for k in range(count)}


# --------------------------------------------------------------------------- simulated: add

ADDS = {
    # a new document: its directory must disappear again
    "new": lambda derived: [fixture("S_2018_95")],
    # a new version of an archived one: the old files must come back
    "update": lambda derived: [derived, "--symbol", "S/2020/110"],
}


@pytest.mark.parametrize("kind", sorted(ADDS))
@pytest.mark.parametrize("calls", [0, 1, 2])
def test_add_fails_cleanly_when_a_file_write_runs_out_of_space(filled, monkeypatch, kind, calls):
    archive, derived = filled
    before = archive_state(archive)
    disk = Disk()
    fail_file_writes_after(monkeypatch, disk, calls)
    disk.full = True
    line = assert_one_line_error(add(archive, *ADDS[kind](derived)), DISK_FULL, UNDONE)
    assert str(archive) in line and "Traceback" not in line
    assert len(disk.failed) == 1  # it stopped at the first failed write
    assert_as_before(archive, before)
    disk.full = False
    retried = add(archive, *ADDS[kind](derived))
    assert retried.exit_code == 0, retried.stderr
    assert commit_count(archive) == before["commits"] + 1
    assert fsck_clean(archive)
    assert verified(archive)


@pytest.mark.parametrize("kind", sorted(ADDS))
def test_add_fails_cleanly_when_the_journal_cannot_be_written(filled, monkeypatch, kind):
    archive, derived = filled
    before = archive_state(archive)
    disk = Disk()
    real = transaction.Transaction._journal_add

    def journal_add(self: transaction.Transaction, dirname: str) -> None:
        if disk.full:
            raise disk.no_space("journal", str(self.scratch / transaction.JOURNAL))
        real(self, dirname)

    monkeypatch.setattr(transaction.Transaction, "_journal_add", journal_add)
    disk.full = True
    line = assert_one_line_error(add(archive, *ADDS[kind](derived)), DISK_FULL, UNDONE)
    assert "(writing .git/resdiff/transaction)" in line
    assert_as_before(archive, before)
    disk.full = False
    assert add(archive, *ADDS[kind](derived)).exit_code == 0


@pytest.mark.parametrize("kind", sorted(ADDS))
@pytest.mark.parametrize("command", ["add", "commit"])
def test_add_fails_cleanly_when_git_runs_out_of_space(filled, monkeypatch, kind, command):
    # "commit": git add has staged the new files; the undo must unstage them too
    archive, derived = filled
    before = archive_state(archive)
    disk = Disk()
    fail_git(monkeypatch, disk, {command})
    disk.full = True
    line = assert_one_line_error(add(archive, *ADDS[kind](derived)), DISK_FULL, UNDONE)
    assert f"(git {command})" in line
    assert disk.failed == [f"git {command}"]
    assert_as_before(archive, before)
    disk.full = False
    assert add(archive, *ADDS[kind](derived)).exit_code == 0
    assert commit_count(archive) == before["commits"] + 1


def test_a_quota_is_reported_as_a_quota(filled, monkeypatch):
    archive, _ = filled
    before = archive_state(archive)
    disk = Disk()
    fail_file_writes_after(monkeypatch, disk, 1, code=errno.EDQUOT)
    disk.full = True
    assert_one_line_error(add(archive, fixture("S_2018_95")), "disk quota exceeded", UNDONE)
    assert_as_before(archive, before)


def test_git_failing_for_another_reason_is_not_called_a_full_disk(filled, monkeypatch):
    archive, _ = filled
    before = archive_state(archive)
    disk = Disk()
    fail_git(monkeypatch, disk, {"commit"}, b"fatal: some other trouble\n")
    disk.full = True
    line = assert_one_line_error(add(archive, fixture("S_2018_95")), "git commit failed")
    assert "disk" not in line
    assert_as_before(archive, before)


def test_when_the_undo_also_runs_out_of_space_the_next_write_finishes_it(filled, monkeypatch):
    # git commit fails after git add staged the files, and so does the reset that would
    # unstage them: the journal stays, and the next command undoes the write
    archive, _ = filled
    before = archive_state(archive)
    disk = Disk()
    fail_git(monkeypatch, disk, {"commit", "reset"})
    disk.full = True
    line = assert_one_line_error(add(archive, fixture("S_2018_95")), DISK_FULL)
    assert "undone by the next `resdiff archive add`, `import` or `verify`" in line
    assert (archive / ".git" / "resdiff" / "transaction").read_text() == "S_2018_95\n"
    assert head(archive) == before["head"]
    disk.full = False
    checked = run("archive", "verify", "--archive", archive)
    assert checked.exit_code == 0, checked.stdout
    assert checked.stdout.startswith("undid an interrupted write")
    assert_as_before(archive, before)
    assert add(archive, fixture("S_2018_95")).exit_code == 0
    assert "S/2018/95" in symbols(archive)


def test_recording_the_new_head_is_not_needed_once_git_has_committed(filled, monkeypatch):
    # the last write of an add: when it fails the commit stands, and the add is acknowledged
    archive, _ = filled
    before = archive_state(archive)
    real = transaction.write_atomically

    def write_atomically(path: Path, data: bytes) -> None:
        if path.name == transaction.KNOWN_HEAD:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
        real(path, data)

    monkeypatch.setattr(transaction, "write_atomically", write_atomically)
    result = add(archive, fixture("S_2018_95"))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("added S/2018/95")
    assert commit_count(archive) == before["commits"] + 1
    assert (archive / ".git" / "resdiff" / "known-head").read_text() == before["head"]
    assert leftovers(archive) == []
    assert git(archive, "status", "--porcelain", "--untracked-files=all").stdout == ""
    assert verified(archive)


# --------------------------------------------------------------------------- simulated: import


@pytest.mark.parametrize("calls", [0, 7, 59])
def test_import_fails_cleanly_when_a_file_write_runs_out_of_space(
    filled, monkeypatch, tmp_path, calls
):
    # 20 files: a bulk write (one pack); 60 file writes, failing at the first, a middle, the last
    archive, _ = filled
    folder, wanted = import_folder(tmp_path / "texts", 20)
    before = archive_state(archive)
    disk = Disk()
    fail_file_writes_after(monkeypatch, disk, calls)
    disk.full = True
    result = run("archive", "import", folder, "--archive", archive, "--jobs", "1")
    assert result.exit_code == 2, result.stdout
    assert result.stdout == ""
    errors = [line for line in result.stderr.splitlines() if line.startswith("resdiff:")]
    assert len(errors) == 1 and DISK_FULL in errors[0] and UNDONE in errors[0]
    assert "Traceback" not in result.stderr
    assert_as_before(archive, before)
    disk.full = False
    retried = run("archive", "import", folder, "--archive", archive, "--jobs", "1")
    assert retried.exit_code == 0, retried.stderr
    assert wanted <= symbols(archive)
    assert commit_count(archive) == before["commits"] + 1


@pytest.mark.parametrize("command", ["add", "commit"])
def test_import_fails_cleanly_when_git_runs_out_of_space(filled, monkeypatch, tmp_path, command):
    archive, _ = filled
    folder, wanted = import_folder(tmp_path / "texts", 20)
    before = archive_state(archive)
    disk = Disk()
    fail_git(monkeypatch, disk, {command})
    disk.full = True
    result = run("archive", "import", folder, "--archive", archive, "--jobs", "1")
    assert result.exit_code == 2 and result.stdout == ""
    errors = [line for line in result.stderr.splitlines() if line.startswith("resdiff:")]
    assert len(errors) == 1 and "Traceback" not in result.stderr
    assert DISK_FULL in errors[0] and f"(git {command})" in errors[0] and UNDONE in errors[0]
    assert_as_before(archive, before)
    disk.full = False
    assert run("archive", "import", folder, "--archive", archive).exit_code == 0
    assert wanted <= symbols(archive)


# --------------------------------------------------------------------------- a real small disk


class Filler:
    """A file that takes all the free space of a file system but what is asked for."""

    def __init__(self, disk: Path) -> None:
        self.path = disk / "filler"

    def leave(self, free: int) -> None:
        """Fill the file system, then free ``free`` bytes (whole pages)."""
        with open(self.path, "ab", buffering=0) as handle:
            chunk = b"\0" * (64 * PAGE)
            while True:
                try:
                    if not handle.write(chunk):
                        break
                except OSError as exc:
                    if exc.errno != errno.ENOSPC:
                        raise
                    if len(chunk) == PAGE:
                        break
                    chunk = b"\0" * PAGE
        size = self.path.stat().st_size // PAGE * PAGE
        os.truncate(self.path, max(0, size - free))

    def remove(self) -> None:
        """Give all the space back."""
        self.path.unlink(missing_ok=True)


@pytest.fixture(name="small_disk")
def small_disk_fixture(tmp_path: Path) -> Iterator[Path]:
    """A fresh 8 MB tmpfs; skipped where mounting is not allowed (not root, a container)."""
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("a real full disk needs `mount -t tmpfs`, which needs root")
    mountpoint = tmp_path / "disk"
    mountpoint.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", str(mountpoint)],
        capture_output=True,
        text=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.strip()}")
    try:
        yield mountpoint
    finally:
        if subprocess.run(["umount", str(mountpoint)], check=False).returncode != 0:
            subprocess.run(["umount", "-l", str(mountpoint)], check=False)


def fill_page_by_page(
    archive: Path, disk: Path, command: list[object], *, step: int = 1
) -> list[str]:
    """Run ``command`` on a disk left with 0, step, 2*step... free pages until it succeeds.

    After each failure the archive must be as it was. Returns the error lines.
    """
    before = archive_state(archive)
    filler = Filler(disk)
    errors = []
    for pages in itertools.count(0, step):
        assert pages < 400, "the command never succeeded"
        filler.leave(pages * PAGE)
        result = run(*command)
        filler.remove()
        if result.exit_code == 0:
            return errors
        lines = [line for line in result.stderr.splitlines() if line.startswith("resdiff:")]
        assert result.exit_code == 2 and len(lines) == 1, (pages, result.stderr)
        assert "Traceback" not in result.stderr
        assert DISK_FULL in lines[0] and UNDONE in lines[0], (pages, lines[0])
        assert_as_before(archive, before)
        errors.append(lines[0])
    raise AssertionError("unreachable")


def test_add_on_a_real_full_disk_fails_cleanly_at_every_step(small_disk, monkeypatch):
    monkeypatch.delenv("RESDIFF_ARCHIVE", raising=False)
    archive = small_disk / "archive"
    Archive.init(archive)[0].close()
    assert add(archive, fixture("S_2020_110")).exit_code == 0
    errors = fill_page_by_page(
        archive, small_disk, ["archive", "add", fixture("S_2018_95"), "--archive", archive]
    )
    # it ran out of space in resdiff's own writes, in git add and in git commit
    assert any("(git add)" in e for e in errors), errors
    assert any("(git commit)" in e for e in errors), errors
    assert any("(git" not in e for e in errors), errors
    assert symbols(archive) == {"S/2020/110", "S/2018/95"}
    assert fsck_clean(archive)
    assert verified(archive)


def test_import_on_a_real_full_disk_fails_cleanly(small_disk, monkeypatch, tmp_path):
    monkeypatch.delenv("RESDIFF_ARCHIVE", raising=False)
    archive = small_disk / "archive"
    Archive.init(archive)[0].close()
    assert add(archive, fixture("S_2020_110")).exit_code == 0
    folder, wanted = import_folder(tmp_path / "texts", 20)  # a bulk write: one pack
    command = ["archive", "import", folder, "--archive", archive, "--jobs", "1"]
    errors = fill_page_by_page(archive, small_disk, command, step=3)
    assert any("(git" not in e for e in errors), errors
    assert any("(git " in e for e in errors), errors
    assert wanted <= symbols(archive)
    assert fsck_clean(archive)
    assert verified(archive)


def test_a_real_process_on_a_full_disk_prints_one_line(small_disk):
    archive = small_disk / "archive"
    Archive.init(archive)[0].close()
    before = archive_state(archive)
    filler = Filler(small_disk)
    filler.leave(0)
    result = run_process("archive", "add", fixture("S_2018_95"), "--archive", archive)
    filler.remove()
    assert_one_line_error(Completed(result), DISK_FULL, UNDONE)
    assert_as_before(archive, before)
    retried = run_process("archive", "add", fixture("S_2018_95"), "--archive", archive)
    assert retried.returncode == 0, retried.stderr
