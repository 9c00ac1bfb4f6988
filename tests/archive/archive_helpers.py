"""Shared helpers for the archive tests: real git archives in temporary folders.

Archives are built from the real texts in ``fixtures/``; the derived versions
are made here by documented string edits of those texts. Expected values come
from reading the fixture files (see fixtures/README.md), not from resdiff output.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from resdiff.archive.store import Archive
from resdiff.cli import main

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "fixtures"
DERIVED_HRC = FIXTURES / "derived" / "A_HRC_RES_41_3.derived-reworded.txt"

# Security Council series (older draft, newer draft drafted from it): fixtures/README.md.
SERIES = [tuple(pair) for pair in json.loads((FIXTURES / "series.json").read_text())]
# The texts the archive tests store: the series above, 41/3 and four GA resolutions.
ARCHIVED = [
    *(f"{name}.txt" for pair in SERIES for name in pair),
    "A_HRC_RES_41_3.txt",
    "A_RES_80_31.md",
    "A_RES_80_34.md",
    "A_RES_80_40.md",
    "A_RES_80_54.md",
]
HOSTILE_SYMBOLS = ["../x", "/etc/passwd", "-x", "a\nb", "S/..", "", "x/../../y", ".git/x", "S/1@2"]
DERIVED_NOTICE = "[Derived test version of S/2020/110 made for resdiff's tests; not a UN document.]"
NEW_OP5 = (
    "5.    Requests the Panel of Experts to report to the Committee on progress towards "
    "the key benchmarks referred to in paragraph 4;"
)


def fixture(name: str) -> Path:
    """``fixtures/<name>.txt`` (or the exact name when it has a suffix)."""
    return FIXTURES / (name if "." in name else f"{name}.txt")


def fixture_folder(folder: Path, *, with_others: bool = False) -> Path:
    """Copy the ``ARCHIVED`` fixtures into ``folder`` (and, if asked, README and .meta.json)."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in ARCHIVED:
        shutil.copy(FIXTURES / name, folder / name)
        sidecar = FIXTURES / name.replace(".txt", ".meta.json")
        if with_others and sidecar.suffix == ".json" and sidecar.exists():
            shutil.copy(sidecar, folder / sidecar.name)
    if with_others:
        shutil.copy(FIXTURES / "README.md", folder / "README.md")
    return folder


def replace_once(text: str, old: str, new: str) -> str:
    """Replace ``old`` by ``new``, asserting it occurs exactly once."""
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times"
    return text.replace(old, new)


def derive_s_2020_110(text: str) -> str:
    """A third version of the Sudan sanctions series, derived from S/2020/110.

    Edits: a notice line on top; PP3 cites S/2021/40 instead of S/2020/36;
    OP2 extends the mandate until 12 March 2022 instead of 2021; a new OP5
    (``NEW_OP5``) before "Decides to remain seized", which becomes OP6.
    """
    text = replace_once(text, "(S/2020/36)", "(S/2021/40)")
    text = replace_once(
        text, "Decides to extend until 12 March 2021", "Decides to extend until 12 March 2022"
    )
    text = replace_once(
        text,
        "5.     Decides to remain seized of the matter.",
        f"{NEW_OP5}\n6.     Decides to remain seized of the matter.",
    )
    return f"{DERIVED_NOTICE}\n{text}"


def write_derived(folder: Path) -> Path:
    """Write the derived third version as ``S_2022_110-derived.txt`` (symbol S/2022/110-derived)."""
    path = folder / "S_2022_110-derived.txt"
    path.write_text(derive_s_2020_110(fixture("S_2020_110").read_text("utf-8")), "utf-8")
    return path


def run(*args: object, env: dict[str, str] | None = None):
    """Run ``resdiff ARGS`` in-process; exceptions are not swallowed."""
    return CliRunner().invoke(main, [str(a) for a in args], env=env, catch_exceptions=False)


def run_process(*args: object, cwd: Path | None = None, env: dict[str, str] | None = None):
    """Run ``python -m resdiff.cli ARGS`` as a real process."""
    return subprocess.run(
        [sys.executable, "-m", "resdiff.cli", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**os.environ, **(env or {})},
        timeout=120,
    )


def assert_one_line_error(result, *fragments: str) -> str:
    """Exit 2, nothing on stdout, one 'resdiff: error: ...' line holding each fragment.

    ``result`` is a ``run`` result or a finished process (``run_process``).
    """
    status = getattr(result, "exit_code", getattr(result, "returncode", None))
    assert status == 2, (status, result.stdout, result.stderr)
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("resdiff: error: ")
    assert "Traceback" not in result.stderr
    for fragment in fragments:
        assert fragment in lines[0], lines[0]
    return lines[0]


def git(path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Plain git in the archive, as a person browsing it would run it."""
    return subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
        cwd=path,
        capture_output=True,
        text=True,
        timeout=60,
    )


def head(path: Path) -> str:
    """The commit id HEAD points to."""
    return git(path, "rev-parse", "HEAD").stdout.strip()


def commit_count(path: Path) -> int:
    """How many commits HEAD's history holds."""
    return int(git(path, "rev-list", "--count", "HEAD").stdout)


def snapshot(path: Path) -> dict[str, str]:
    """Relative path -> SHA-256 of every file under ``path`` (the lock file left out)."""
    files = {}
    for item in sorted(path.rglob("*")):
        relative = item.relative_to(path).as_posix()
        if item.is_file() and relative != ".git/resdiff/lock":
            files[relative] = hashlib.sha256(item.read_bytes()).hexdigest()
    return files


def fsck_clean(path: Path) -> bool:
    """True when ``git fsck`` (dangling objects allowed) finds nothing wrong."""
    result = git(path, "fsck", "--no-dangling", "--no-progress")
    return result.returncode == 0 and not result.stdout.strip() and not result.stderr.strip()


# --------------------------------------------------------------------------- pytest fixtures


@pytest.fixture(name="archive_dir")
def archive_dir_fixture(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A new, empty archive (RESDIFF_ARCHIVE unset, cwd a fresh folder)."""
    monkeypatch.delenv("RESDIFF_ARCHIVE", raising=False)
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "archive"
    Archive.init(path)[0].close()
    return path


@pytest.fixture(name="fixtures_archive_template", scope="session")
def fixtures_archive_template_fixture(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An archive holding the ``ARCHIVED`` fixtures (SC drafts, 41/3, GA 80/xx), built once."""
    base = tmp_path_factory.mktemp("template")
    path = base / "archive"
    archive = Archive.init(path)[0]
    result = archive.import_directory(fixture_folder(base / "texts"), jobs=1)
    assert result.count("rejected") == 0, [r.reason for r in result.results]
    archive.close()
    return path


@pytest.fixture(name="fixtures_archive")
def fixtures_archive_fixture(
    fixtures_archive_template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """A private copy of the fixture archive."""
    monkeypatch.delenv("RESDIFF_ARCHIVE", raising=False)
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "archive"
    shutil.copytree(fixtures_archive_template, path, symlinks=True)
    return path
