"""The pre-commit framework (the real ``pre-commit`` package) running the ``resdiff-check`` hook.

The framework installs a ``language: python`` hook by pip-installing the hook
repository, which needs the network. The test instead serves the project's
own ``.pre-commit-hooks.yaml`` from a local hook repository with only the
language switched to ``system`` (resdiff is already installed here), so the
manifest's id, entry, file filter and serial setting are what the framework
runs. No network is used.
"""

from __future__ import annotations

import subprocess
import sys

import pytest
from repo_helpers import ROOT, Repo, fixture

pytest.importorskip("pre_commit", reason="the pre-commit package is not installed")

MANIFEST = ROOT / ".pre-commit-hooks.yaml"


def pre_commit(repo: Repo, *args: str) -> subprocess.CompletedProcess[str]:
    """Run the pre-commit command line of this interpreter inside ``repo``."""
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", *args],
        cwd=repo.path,
        env=repo.env,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture
def framework_repo(tmp_path) -> Repo:
    """A repository whose .pre-commit-config.yaml uses resdiff-check from a local hook repo."""
    home = tmp_path / "home"
    hooks = Repo(tmp_path / "hook repo", home)
    manifest = MANIFEST.read_text(encoding="utf-8")
    assert manifest.count("language: python") == 1
    hooks.write(".pre-commit-hooks.yaml", manifest.replace("language: python", "language: system"))
    hooks.git("add", ".")
    hooks.git("commit", "-q", "-m", "hooks")
    rev = hooks.git("rev-parse", "HEAD").stdout.strip()
    repo = Repo(tmp_path / "project", home)
    repo.env["PRE_COMMIT_HOME"] = str(tmp_path / "pre-commit cache")
    repo.write(
        ".pre-commit-config.yaml",
        f"repos:\n  - repo: {hooks.path}\n    rev: {rev}\n    hooks:\n      - id: resdiff-check\n",
    )
    repo.git("add", ".pre-commit-config.yaml")
    installed = pre_commit(repo, "install")
    assert installed.returncode == 0, installed.stderr
    return repo


def hrc_with_gap() -> str:
    """41/3 with operative paragraph 5 deleted and not renumbered (derived)."""
    text = fixture("A_HRC_RES_41_3.txt")
    start = text.index("\n5. *") + 1
    end = text.index("\n6. *") + 1
    return text[:start] + text[end:]


def test_manifest_is_valid():
    done = subprocess.run(
        [sys.executable, "-m", "pre_commit", "validate-manifest", str(MANIFEST)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "id: resdiff-check" in MANIFEST.read_text(encoding="utf-8")


def test_framework_blocks_an_error_and_passes_a_clean_text(framework_repo):
    repo = framework_repo
    repo.write("drafts/41 3 é.txt", hrc_with_gap())
    repo.git("add", ".")
    blocked = repo.commit("draft")
    output = blocked.stdout + blocked.stderr
    assert blocked.returncode == 1, output
    assert "resdiff check" in output and "Failed" in output
    assert "drafts/41 3 é.txt:94: error operative-numbering OP6" in output
    assert repo.head() is None
    repo.write("drafts/41 3 é.txt", fixture("A_HRC_RES_41_3.txt"))
    repo.git("add", ".")
    done = repo.commit("clean")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Passed" in done.stdout + done.stderr


def test_framework_summarises_against_head(framework_repo):
    repo = framework_repo
    repo.write("res.txt", fixture("A_HRC_RES_41_3.txt"))
    repo.git("add", ".")
    repo.commit("base", check=True)
    repo.write("res.txt", fixture("derived/A_HRC_RES_41_3.derived-reworded.txt"))
    repo.git("add", ".")
    run = pre_commit(repo, "run", "--verbose")
    assert run.returncode == 0, run.stdout + run.stderr
    assert "57 unchanged, 4 reworded, 1 added, 1 removed, 1 moved" in run.stdout
    assert "reworded: OP8, OP23 -> OP24, OP30 -> OP31, OP34" in run.stdout


def test_framework_all_files_checks_committed_texts(framework_repo):
    repo = framework_repo
    repo.write("S_2017_77.txt", fixture("S_2017_77.txt"))
    repo.write("notes.py", "print('not a resolution')\n")
    repo.git("add", ".")
    repo.commit("base", check=True)
    run = pre_commit(repo, "run", "--all-files", "--verbose")
    assert run.returncode == 0, run.stdout + run.stderr
    assert "S_2017_77.txt:60: warning preamble-punctuation PP21" in run.stdout
    assert "notes.py" not in run.stdout


def test_hook_run_with_file_names_reads_the_working_tree(tmp_path):
    repo = Repo(tmp_path / "repo", tmp_path / "home")
    repo.write("a.txt", fixture("A_HRC_RES_41_3.txt"))
    repo.git("add", ".")
    repo.commit("base", check=True)
    repo.write("a.txt", hrc_with_gap())
    done = repo.resdiff("hook-run", "a.txt")
    assert done.returncode == 1
    assert done.stdout.splitlines()[:3] == [
        "resdiff: a.txt (modified)",
        "  61 unchanged, 0 reworded, 0 added, 1 removed",
        "  removed: OP5",
    ]


def test_framework_checks_files_named_like_options(framework_repo):
    """The framework passes names as they are (no "--"): "-x.txt" was a usage error that
    blocked every commit, "-h.txt" printed the help."""
    repo = framework_repo
    repo.write("-x.txt", hrc_with_gap())
    repo.write("-h.txt", fixture("A_HRC_RES_41_3.txt"))
    repo.git("add", "--", "-x.txt", "-h.txt")
    blocked = repo.commit("draft")
    output = blocked.stdout + blocked.stderr
    assert blocked.returncode == 1, output
    assert "-x.txt:94: error operative-numbering OP6" in output
    assert "resdiff: -h.txt (new file)" in output
    assert "Usage:" not in output and "No such option" not in output
    repo.write("-x.txt", fixture("A_HRC_RES_41_3.txt"))
    repo.git("add", "--", "-x.txt")
    done = repo.commit("clean")
    assert done.returncode == 0, done.stdout + done.stderr
