"""Nothing stored is lost, nothing of the user's is deleted or committed, no write goes astray.

Each case is tried the way a person would meet it, with real git and real
``resdiff`` processes: symbols whose directory does not fit the file system,
journals that cannot be undone, files of the user's in and at document
directories, nested repositories, a detached HEAD or another branch, a dirty
tree, a stale git lock, a read-only archive, concurrent writers and inits,
and an import killed while its readers run.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import git as gitpython
import pytest
from archive_helpers import (
    archive_dir_fixture,  # noqa: F401 - pytest fixture
    assert_one_line_error,
    commit_count,
    fixture,
    fsck_clean,
    git,
    head,
    replace_once,
    run,
    run_process,
    snapshot,
)

from resdiff.archive.store import AddRequest, Archive
from resdiff.errors import ResdiffError


def refused_add(archive_dir: Path, name: str, *expected: str) -> str:
    """``archive add`` of fixture ``name`` fails with one line holding ``expected`` and
    leaves every file of the archive as it was; the line is returned."""
    before = snapshot(archive_dir)
    line = assert_one_line_error(
        run_process("archive", "add", fixture(name), "--archive", archive_dir), *expected
    )
    assert snapshot(archive_dir) == before
    return line


# 43 "é" percent-encode to 258 bytes: with "S_" the directory name is 260 bytes,
# over the 255 bytes a name may have on Linux file systems (43 characters of a
# 45-character symbol, well under resdiff's limit of 120 characters).
LONG_SYMBOL = "S/" + "é" * 43
LONG_DIRNAME = "S_" + "%C3%A9" * 43
RESDIFF = [sys.executable, "-m", "resdiff.cli"]


def add(archive: Path, *args: object):
    return run("archive", "add", *args, "--archive", archive)


def committed_files(archive: Path) -> list[str]:
    """Every file of HEAD's tree."""
    return git(archive, "ls-tree", "-r", "--name-only", "HEAD").stdout.split()


def worktree_state(archive: Path) -> tuple[str, str, dict[str, str]]:
    """HEAD, the index and every file outside ``.git``: what a failed write must keep."""
    files = {k: v for k, v in snapshot(archive).items() if not k.startswith(".git/")}
    return head(archive), git(archive, "ls-files", "--stage").stdout, files


def changed_copy(folder: Path, name: str, old: str, new: str) -> Path:
    """A copy of fixture ``name`` under the same file name with one edit."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.txt"
    path.write_text(replace_once(fixture(name).read_text(), old, new))
    return path


# --------------------------------------------------------------------------- names that do not fit


def test_a_symbol_too_long_for_the_file_system_is_refused_before_any_write(archive_dir):
    before = snapshot(archive_dir)
    refused = run_process(
        "archive", "add", fixture("S_2018_95"), "--symbol", LONG_SYMBOL, "--archive", archive_dir
    )
    line = assert_one_line_error(refused, "260 bytes", "255")
    assert LONG_SYMBOL in line
    assert snapshot(archive_dir) == before
    assert not (archive_dir / ".git" / "resdiff" / "transaction").exists()
    later = run_process("archive", "add", fixture("S_2019_90"), "--archive", archive_dir)
    assert later.returncode == 0, later.stderr
    assert run_process("archive", "verify", "--archive", archive_dir).returncode == 0


def test_import_rejects_only_the_file_whose_symbol_does_not_fit(archive_dir, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("S_2019_90", "S_2017_77"):
        shutil.copy(fixture(name), folder)
    # the same text with its symbol in YAML front matter (the text itself names none)
    front = f'---\nsymbol: "{LONG_SYMBOL}"\n---\n\n'
    (folder / "long.txt").write_text(front + fixture("S_2018_95").read_text())
    result = run_process("archive", "import", folder, "--archive", archive_dir)
    assert result.returncode == 0, result.stderr
    assert ": 2 added, 0 updated, 0 unchanged, 1 rejected in " in result.stdout
    rejected = [line for line in result.stderr.splitlines() if line.startswith("rejected ")]
    assert len(rejected) == 1 and "long.txt" in rejected[0] and "260 bytes" in rejected[0]
    assert {p.split("/")[0] for p in committed_files(archive_dir)} >= {"S_2019_90", "S_2017_77"}


def test_a_journal_naming_a_directory_that_cannot_exist_is_cleared(archive_dir):
    # what an earlier resdiff left after a failed add of the long symbol
    journal = archive_dir / ".git" / "resdiff" / "transaction"
    journal.write_text(f"{LONG_DIRNAME}\n")
    result = run_process("archive", "add", fixture("S_2019_90"), "--archive", archive_dir)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert not journal.exists()
    assert run_process("archive", "verify", "--archive", archive_dir).returncode == 0


def test_an_unrecoverable_journal_is_set_aside_with_a_warning(archive_dir):
    assert add(archive_dir, fixture("S_2018_95")).exit_code == 0
    scratch = archive_dir / ".git" / "resdiff"
    (scratch / "transaction").write_text("S_2018_95\n")
    # the document directory was replaced by a file: its files cannot be written back
    shutil.rmtree(archive_dir / "S_2018_95")
    (archive_dir / "S_2018_95").write_text("a file of the user's\n")
    result = run_process("archive", "add", fixture("S_2019_90"), "--archive", archive_dir)
    lines = result.stderr.splitlines()
    assert lines[0].startswith("resdiff: warning: could not undo an interrupted write (")
    assert "set aside as" in lines[0] and "resdiff archive verify" in lines[0]
    assert len(lines) == 2 and lines[1].startswith("resdiff: error: ")
    assert "uncommitted changes (S_2018_95" in lines[1]
    assert not (scratch / "transaction").exists()
    assert len(list(scratch.glob("transaction.failed-*"))) == 1
    assert (archive_dir / "S_2018_95").read_text() == "a file of the user's\n"
    # once the user has put the directory back, the archive works again
    (archive_dir / "S_2018_95").unlink()
    git(archive_dir, "checkout", "--", "S_2018_95")
    again = run_process("archive", "add", fixture("S_2019_90"), "--archive", archive_dir)
    assert again.returncode == 0 and again.stderr == "", again.stderr
    assert run_process("archive", "verify", "--archive", archive_dir).returncode == 0


# --------------------------------------------------------------------------- the user's files


def test_a_successful_add_commits_only_resdiffs_files(archive_dir):
    folder = archive_dir / "S_2018_95"
    folder.mkdir()
    (folder / "notes.txt").write_text("my notes on the Sudan draft\n")
    assert add(archive_dir, fixture("S_2018_95")).exit_code == 0
    assert add(archive_dir, fixture("S_2020_110")).exit_code == 0
    (archive_dir / "S_2020_110" / "draft-comments.md").write_text("comments\n")
    newer = changed_copy(archive_dir.parent / "v2", "S_2020_110", "12 March 2021", "12 March 2022")
    assert add(archive_dir, newer).exit_code == 0
    committed = committed_files(archive_dir)
    assert "S_2018_95/notes.txt" not in committed
    assert "S_2020_110/draft-comments.md" not in committed
    assert sorted(p for p in committed if p.startswith("S_2018_95/")) == [
        "S_2018_95/meta.json",
        "S_2018_95/original.txt",
        "S_2018_95/text.md",
    ]
    assert (folder / "notes.txt").read_text() == "my notes on the Sudan draft\n"
    verified = run_process("archive", "verify", "--archive", archive_dir)
    assert verified.returncode == 0, verified.stdout
    assert "note: S_2018_95/notes.txt: not an archive file" in verified.stdout
    assert "note: S_2020_110/draft-comments.md: not an archive file" in verified.stdout


def test_a_failed_add_removes_only_what_it_wrote(archive_dir, monkeypatch):
    assert add(archive_dir, fixture("S_2018_95")).exit_code == 0
    (archive_dir / "S_2018_95" / "notes.txt").write_text("mine\n")
    new_folder = archive_dir / "S_2019_90"
    new_folder.mkdir()
    (new_folder / "notes.txt").write_text("also mine\n")
    before = worktree_state(archive_dir)
    # the commit fails after every file is written (git refuses, as it does on a full disk)
    real_execute = gitpython.cmd.Git.execute

    def execute(self, command, **kwargs):
        if "commit" in command:
            return 128, b"", b"fatal: cannot commit\n"
        return real_execute(self, command, **kwargs)

    monkeypatch.setattr(gitpython.cmd.Git, "execute", execute)
    archive = Archive(archive_dir)
    newer = changed_copy(
        archive_dir.parent / "v2", "S_2018_95", "remain seized", "remain actively seized"
    )
    requests = [AddRequest(newer), AddRequest(fixture("S_2019_90"))]
    with pytest.raises(ResdiffError):
        archive.add_many(requests, strict=True)
    archive.close()
    monkeypatch.undo()
    assert worktree_state(archive_dir) == before
    assert git(archive_dir, "status", "--porcelain").stdout == (
        "?? S_2018_95/notes.txt\n?? S_2019_90/\n"
    )


def test_a_killed_add_never_deletes_the_users_files(archive_dir):
    assert add(archive_dir, fixture("S_2018_95")).exit_code == 0
    (archive_dir / "S_2018_95" / "notes.txt").write_text("mine\n")
    for trial, delay in enumerate((0.0, 0.01, 0.03, 0.08)):
        new_folder = archive_dir / f"S_2019_{trial}"
        new_folder.mkdir()
        (new_folder / "notes.txt").write_text("also mine\n")
        args = ["add", str(fixture("S_2019_90")), f"--symbol=S/2019/{trial}"]
        process = subprocess.Popen(
            [*RESDIFF, "archive", *args, f"--archive={archive_dir}"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        journal = archive_dir / ".git" / "resdiff" / "transaction"
        deadline = time.monotonic() + 20
        while not journal.exists() and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.0005)
        time.sleep(delay)
        process.kill()
        process.communicate(timeout=60)
        verified = run_process("archive", "verify", "--archive", archive_dir)
        assert verified.returncode == 0, verified.stdout
        assert (archive_dir / "S_2018_95" / "notes.txt").read_text() == "mine\n"
        assert (new_folder / "notes.txt").read_text() == "also mine\n"
        assert f"S_2019_{trial}/notes.txt" not in committed_files(archive_dir)
    assert fsck_clean(archive_dir)


def test_a_file_where_the_document_directory_goes_is_refused_and_kept(archive_dir):
    (archive_dir / "S_2018_95").write_text("a file of the user's\n")
    line = refused_add(archive_dir, "S_2018_95", "S/2018/95", "file or link")
    assert "move it away" in line


def test_a_file_named_like_resdiffs_in_a_new_document_directory_is_refused(archive_dir):
    folder = archive_dir / "S_2018_95"
    folder.mkdir()
    (folder / "text.md").write_text("my own summary\n")
    refused_add(archive_dir, "S_2018_95", "S_2018_95/text.md was not stored by resdiff")


# --------------------------------------------------------------------------- nested repositories


def test_a_nested_repository_at_a_document_directory_is_refused(archive_dir):
    nested = archive_dir / "S_2018_95"
    nested.mkdir()
    git(nested, "init", "-q")
    (nested / "mine.txt").write_text("x\n")
    git(nested, "add", "mine.txt")
    git(nested, "commit", "-qm", "mine")
    refused_add(archive_dir, "S_2018_95", "holds a git repository of its own")
    # the same repository committed into the archive with plain git: a gitlink
    assert git(archive_dir, "add", "S_2018_95").returncode == 0
    assert git(archive_dir, "commit", "-qm", "a submodule").returncode == 0
    committed = head(archive_dir)
    assert_one_line_error(
        run_process("archive", "add", fixture("S_2018_95"), "--archive", archive_dir),
        "S_2018_95 is a git submodule in the archive",
    )
    assert head(archive_dir) == committed


# --------------------------------------------------------------------------- checkout and tree


def test_a_detached_head_or_another_branch_is_refused(archive_dir):
    assert add(archive_dir, fixture("S_2018_95")).exit_code == 0
    assert add(archive_dir, fixture("S_2019_90")).exit_code == 0
    tip = head(archive_dir)
    git(archive_dir, "checkout", "-q", "--detach", "HEAD~1")
    line = refused_add(archive_dir, "S_2017_77", "HEAD is detached")
    assert "git -C" in line and "switch main" in line
    verified = run_process("archive", "verify", "--archive", archive_dir)
    assert verified.returncode == 1
    assert "HEAD is detached" in verified.stdout
    assert "history was rewritten" not in verified.stdout
    git(archive_dir, "switch", "-q", "-c", "browsing")
    assert_one_line_error(
        run_process("archive", "add", fixture("S_2017_77"), "--archive", archive_dir),
        "branch browsing is checked out",
    )
    git(archive_dir, "switch", "-q", "main")
    assert git(archive_dir, "rev-parse", "main").stdout.strip() == tip
    assert (
        run_process("archive", "add", fixture("S_2017_77"), "--archive", archive_dir).returncode
        == 0
    )
    assert commit_count(archive_dir) == 4


def test_a_dirty_tree_is_refused_before_any_write(archive_dir):
    assert add(archive_dir, fixture("S_2018_95")).exit_code == 0
    text = archive_dir / "S_2018_95" / "text.md"
    text.write_text(text.read_text() + "\nmy edit\n")
    refused_add(archive_dir, "S_2019_90", "uncommitted changes (S_2018_95/text.md)", "git -C")
    git(archive_dir, "checkout", "--", "S_2018_95")
    (archive_dir / "README.md").write_text("my readme\n")
    git(archive_dir, "add", "README.md")  # staged, not committed
    assert_one_line_error(
        run_process("archive", "add", fixture("S_2019_90"), "--archive", archive_dir),
        "uncommitted changes (README.md)",
    )
    assert commit_count(archive_dir) == 2


def test_a_stale_git_index_lock_is_one_line_saying_what_to_do(archive_dir):
    lock = archive_dir / ".git" / "index.lock"
    lock.write_text("")
    line = refused_add(archive_dir, "S_2018_95", str(lock), "delete that file")
    assert "git command is running" in line
    lock.unlink()
    assert (
        run_process("archive", "add", fixture("S_2018_95"), "--archive", archive_dir).returncode
        == 0
    )


# --------------------------------------------------------------------------- verify


def test_verify_checks_the_committed_text_against_its_sha256(archive_dir):
    assert add(archive_dir, fixture("S_2018_95")).exit_code == 0
    text = archive_dir / "S_2018_95" / "text.md"
    text.write_text(text.read_text().replace("Sudan", "Soudan", 1))
    assert git(archive_dir, "commit", "-qam", "edited with plain git").returncode == 0
    verified = run_process("archive", "verify", "--archive", archive_dir)
    assert verified.returncode == 1
    assert "S_2018_95/text.md: SHA-256 differs from the one in meta.json" in verified.stdout


def _forge(archive: Path, dirname: str, **fields: str) -> None:
    """Change ``meta.json`` fields and commit with plain git."""
    path = archive / dirname / "meta.json"
    meta = json.loads(path.read_text())
    meta.update(fields)
    path.write_text(json.dumps(meta, ensure_ascii=False, indent=2, sort_keys=True) + "\n")
    assert git(archive, "commit", "-qam", f"forged {dirname}").returncode == 0


def test_deep_verify_rereads_versions_of_other_parser_versions_and_says_so(archive_dir):
    for name in ("S_2018_95", "S_2019_90", "S_2017_77"):
        assert add(archive_dir, fixture(name)).exit_code == 0
    _forge(archive_dir, "S_2018_95", parser_version="0.0.1")
    # a text that the running parser would not write, stored by another parser version ...
    text = archive_dir / "S_2019_90" / "text.md"
    text.write_text(text.read_text().replace("Central African Republic", "CAR", 1))
    digest = hashlib.sha256(text.read_bytes()).hexdigest()
    _forge(archive_dir, "S_2019_90", parser_version="0.0.1", text_sha256=digest)
    deep = run_process("archive", "verify", "--deep", "--archive", archive_dir)
    assert deep.returncode == 0, deep.stdout
    assert "S_2019_90/text.md: stored by resdiff 0.0.1; resdiff " in deep.stdout
    assert "2 versions were stored by resdiff 0.0.1 and checked again with resdiff " in deep.stdout
    # ... and by the running one: a problem
    version = json.loads((archive_dir / "S_2017_77" / "meta.json").read_text())["parser_version"]
    _forge(archive_dir, "S_2019_90", parser_version=version)
    deep = run_process("archive", "verify", "--deep", "--archive", archive_dir)
    assert deep.returncode == 1
    assert "S_2019_90/text.md: differs from the text parsed from the original" in deep.stdout


@pytest.fixture(name="read_only")
def read_only_fixture():
    """Run a command on a read-only bind mount of a folder (as root), or with the folder
    made unwritable (as another user)."""
    if os.geteuid() != 0:

        def as_user(folder: Path, *args: object) -> subprocess.CompletedProcess[str]:
            subprocess.run(["chmod", "-R", "a-w", str(folder)], check=True)
            try:
                return run_process(*args)
            finally:
                subprocess.run(["chmod", "-R", "u+w", str(folder)], check=True)

        return as_user
    probe = subprocess.run(["unshare", "--mount", "true"], capture_output=True)
    if probe.returncode != 0:
        pytest.skip("cannot make a private read-only mount here")

    def mounted(folder: Path, *args: object) -> subprocess.CompletedProcess[str]:
        mount = f"mount --bind -o ro '{folder}' '{folder}'"
        command = " ".join([mount, "&&", "exec", *RESDIFF, *(f"'{a}'" for a in args)])
        return subprocess.run(
            ["unshare", "--mount", "sh", "-c", command], capture_output=True, text=True, timeout=120
        )

    return mounted


def test_read_only_operations_work_on_a_read_only_archive(archive_dir, read_only):
    for name in ("S_2018_95", "S_2020_110"):
        assert add(archive_dir, fixture(name)).exit_code == 0
    where = ("--archive", archive_dir)
    verified = read_only(archive_dir, "archive", "verify", *where)
    assert verified.returncode == 0, verified.stdout + verified.stderr
    assert verified.stdout == "ok: 2 documents checked\n"
    for args in (("list",), ("log", "S/2018/95"), ("show", "S/2020/110")):
        done = read_only(archive_dir, "archive", *args, *where)
        assert done.returncode == 0 and done.stderr == "", (args, done.stderr)
    found = read_only(archive_dir, "archive", "find-predecessor", fixture("S_2020_110"), *where)
    assert found.returncode == 0 and found.stdout.split()[1] == "S/2018/95", found.stderr
    # an interrupted write cannot be undone without write access: it is reported
    (archive_dir / ".git" / "resdiff" / "transaction").write_text("S_2018_95\n")
    pending = read_only(archive_dir, "archive", "verify", *where)
    assert pending.returncode == 1 and "Traceback" not in pending.stderr
    assert "an interrupted write is not undone yet" in pending.stdout
    assert run_process("archive", "verify", *where).returncode == 0


# --------------------------------------------------------------------------- concurrency


GATED = textwrap.dedent(
    """
    import os, subprocess, sys, time
    gate, *args = sys.argv[1:]
    while not os.path.exists(gate):
        time.sleep(0.001)
    sys.exit(subprocess.call([sys.executable, "-m", "resdiff.cli", *args]))
    """
)


def _all_at_once(gate: Path, commands: list[list[str]]) -> list[subprocess.CompletedProcess]:
    """Start every command, open the gate, wait for all; their (returncode, out, err)."""
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", GATED, str(gate), *command],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for command in commands
    ]
    time.sleep(0.5)
    gate.touch()
    results = []
    for process in processes:
        out, err = process.communicate(timeout=300)
        results.append(subprocess.CompletedProcess(process.args, process.returncode, out, err))
    return results


def test_sixteen_parallel_inits_make_one_archive(tmp_path):
    target = tmp_path / "shared" / "archive"
    results = _all_at_once(tmp_path / "go", [["archive", "init", str(target)]] * 16)
    assert [r.returncode for r in results] == [0] * 16, [r.stderr for r in results]
    outputs = sorted(r.stdout for r in results)
    assert outputs.count(f"created {target}\n") == 1
    assert outputs.count(f"already an archive: {target}\n") == 15
    assert commit_count(target) == 1
    assert run_process("archive", "verify", "--archive", target).returncode == 0


def test_parallel_adds_print_the_version_numbers_they_stored(archive_dir, tmp_path):
    texts = []
    for k in range(6):
        folder = tmp_path / f"v{k}"
        texts.append(changed_copy(folder, "S_2019_90", "12. Decides", f"12. Decides ({k})"))
    results = _all_at_once(
        tmp_path / "go", [["archive", "add", str(t), "--archive", str(archive_dir)] for t in texts]
    )
    assert [r.returncode for r in results] == [0] * 6, [r.stderr for r in results]
    printed = {}
    for result in results:
        words = result.stdout.split()  # added|updated S/2019/90 (version N...) in COMMIT
        number = int(words[3].strip("(),"))
        printed[words[-1]] = number
    assert sorted(printed.values()) == [1, 2, 3, 4, 5, 6]
    log = run("archive", "log", "S/2019/90", "--format", "json", "--archive", archive_dir)
    logged = {v["commit"][:10]: v["version"] for v in json.loads(log.stdout)}
    assert printed == logged


def _descendants(pid: int) -> set[int]:
    """Live processes whose parent chain leads to ``pid``."""
    parents = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if fields[0] != "Z":
                parents[int(entry.name)] = int(fields[1])
    found, frontier = set(), {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
def test_the_readers_of_a_killed_import_do_not_stay_alive(archive_dir, tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    text = fixture("S_2018_693").read_text()
    for k in range(200):
        (folder / f"S_2090_{k}.txt").write_text(text.replace("Decides", f"Decides ({k})", 1))
    process = subprocess.Popen(
        [*RESDIFF, "archive", "import", str(folder), "--jobs", "2", "--archive", str(archive_dir)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    workers: set[int] = set()
    while len(workers) < 2 and time.monotonic() < deadline and process.poll() is None:
        workers = _descendants(process.pid)
        time.sleep(0.05)
    assert len(workers) >= 2, "the import started no readers"
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=30)
    deadline = time.monotonic() + 15
    while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not [pid for pid in workers if _alive(pid)]
    assert run_process("archive", "verify", "--archive", archive_dir).returncode == 0
