"""The pre-commit hook with real git: installed by ``resdiff install-hook``, run by ``git commit``.

Each test builds a repository in tmp_path, commits real resolution texts (and
variants derived from them in code) and asserts on what ``git commit``
prints and whether the commit was made.
"""

from __future__ import annotations

import io
import os
import stat
import subprocess
import sys

import pytest
from repo_helpers import FIXTURES, ROOT, Repo, fixture

from resdiff.githooks.install import BACKUP_SUFFIX, HOOK_MARKER, hook_script

HRC = "A_HRC_RES_41_3.txt"
DERIVED = "derived/A_HRC_RES_41_3.derived-reworded.txt"


@pytest.fixture
def repo(tmp_path) -> Repo:
    """A fresh repository with the hook installed."""
    repository = Repo(tmp_path / "repo", tmp_path / "home")
    repository.install_hook()
    return repository


def hrc_with_gap() -> str:
    """41/3 with operative paragraph 5 deleted and not renumbered (derived: a numbering error)."""
    lines = fixture(HRC).split("\n")
    index = next(i for i, line in enumerate(lines) if line.startswith("5. *"))
    assert lines[index + 1] == ""
    return "\n".join(lines[:index] + lines[index + 2 :])


def hrc_op8_reworded() -> str:
    """41/3 with "Expresses its concern" -> "Expresses its deep concern" in OP8 (derived)."""
    text = fixture(HRC)
    assert text.count("8. *Expresses its concern*") == 1
    return text.replace("8. *Expresses its concern*", "8. *Expresses its deep concern*")


# --------------------------------------------------------------------------- install


def test_install_writes_an_executable_hook_with_this_interpreter(tmp_path):
    repository = Repo(tmp_path / "repo", tmp_path / "home")
    done = repository.resdiff("install-hook")
    target = repository.path / ".git" / "hooks" / "pre-commit"
    assert done.returncode == 0
    assert done.stdout == f"resdiff: installed: {target}\n"
    assert target.read_text(encoding="utf-8") == hook_script(sys.executable)
    assert target.stat().st_mode & stat.S_IXUSR
    again = repository.resdiff("install-hook")
    assert again.stdout == f"resdiff: already installed: {target}\n"


def test_install_refuses_to_replace_a_different_hook_without_force(tmp_path):
    repository = Repo(tmp_path / "repo", tmp_path / "home")
    target = repository.write(".git/hooks/pre-commit", "#!/bin/sh\necho their hook\n")
    done = repository.resdiff("install-hook")
    assert done.returncode == 2
    assert "a different pre-commit hook is installed; use --force" in done.stderr
    assert target.read_text(encoding="utf-8") == "#!/bin/sh\necho their hook\n"
    forced = repository.resdiff("install-hook", "--force")
    assert forced.returncode == 0
    backup = target.with_name("pre-commit" + BACKUP_SUFFIX)
    assert backup.read_text(encoding="utf-8") == "#!/bin/sh\necho their hook\n"
    assert HOOK_MARKER in target.read_text(encoding="utf-8")
    assert f"kept as {backup}" in forced.stdout


def test_install_updates_an_earlier_resdiff_hook(tmp_path):
    repository = Repo(tmp_path / "repo", tmp_path / "home")
    target = repository.write(".git/hooks/pre-commit", hook_script("/old/python"))
    done = repository.resdiff("install-hook")
    assert done.stdout == f"resdiff: updated: {target}\n"
    assert target.read_text(encoding="utf-8") == hook_script(sys.executable)


def test_install_honours_core_hooks_path(tmp_path):
    repository = Repo(tmp_path / "repo", tmp_path / "home")
    repository.git("config", "core.hooksPath", "team hooks")
    subfolder = repository.path / "drafts"
    subfolder.mkdir()
    done = subprocess.run(
        [sys.executable, "-m", "resdiff.cli", "install-hook"],
        cwd=subfolder,
        env=repository.env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert (repository.path / "team hooks" / "pre-commit").is_file()
    assert not (repository.path / ".git" / "hooks" / "pre-commit").exists()
    repository.write("drafts/41_3.txt", hrc_with_gap())
    repository.git("add", ".")
    blocked = repository.commit("draft")
    assert blocked.returncode == 1
    assert "commit blocked" in blocked.stderr


def test_install_outside_a_repository_fails(tmp_path):
    repository = Repo(tmp_path / "repo", tmp_path / "home")
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    done = subprocess.run(
        [sys.executable, "-m", "resdiff.cli", "install-hook"],
        cwd=outside,
        env={**repository.env, "GIT_CEILING_DIRECTORIES": str(tmp_path)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert done.stderr == "resdiff: error: not inside a git working tree\n"


def test_repository_hook_script_is_the_template_without_an_interpreter():
    script = ROOT / "hooks" / "pre-commit"
    assert script.read_text(encoding="utf-8") == hook_script(None)
    assert script.stat().st_mode & stat.S_IXUSR
    assert subprocess.run(["sh", "-n", str(script)], check=False).returncode == 0


def test_repository_hook_script_runs_resdiff_from_path(tmp_path):
    repository = Repo(tmp_path / "repo", tmp_path / "home")
    hooks = repository.path / ".git" / "hooks"
    (hooks / "pre-commit").write_bytes((ROOT / "hooks" / "pre-commit").read_bytes())
    (hooks / "pre-commit").chmod(0o755)
    repository.write("41_3.txt", hrc_with_gap())
    repository.git("add", ".")
    blocked = repository.commit("draft")
    assert blocked.returncode == 1
    assert "error operative-numbering OP6: numbering jumps from 4 to 6 (5 missing)" in (
        blocked.stderr
    )


# --------------------------------------------------------------------------- commits


def test_first_commit_with_spaces_and_non_ascii_names(repo):
    name = "drafts/Résolution 41 3 (HRC).txt"
    repo.write(name, fixture(HRC))
    repo.git("add", ".")
    done = repo.commit("first")
    assert done.returncode == 0, done.stderr
    assert repo.head() is not None
    assert done.stderr.splitlines() == [
        f"resdiff: {name} (new file)",
        "  62 paragraphs: 28 preambular, 34 operative",
    ]


def test_error_blocks_the_first_commit_and_no_verify_bypasses(repo):
    repo.write("41_3.txt", hrc_with_gap())
    repo.git("add", ".")
    blocked = repo.commit("draft")
    assert blocked.returncode == 1
    assert repo.head() is None
    lines = blocked.stderr.splitlines()
    assert lines[:3] == [
        "resdiff: 41_3.txt (new file)",
        "  61 paragraphs: 28 preambular, 33 operative",
        "  41_3.txt:94: error operative-numbering OP6: numbering jumps from 4 to 6 (5 missing)",
    ]
    assert lines[-1].startswith("resdiff: commit blocked: 1 error in 1 file (warnings do not")
    assert "--no-verify" in lines[-1]
    bypass = repo.commit("draft", "--no-verify")
    assert bypass.returncode == 0 and bypass.stderr == ""
    assert repo.head() is not None


def test_clause_level_summary_against_head(repo):
    repo.write("res.txt", fixture(HRC))
    repo.git("add", ".")
    repo.commit("adopted text", check=True)
    repo.write("res.txt", fixture(DERIVED))
    repo.git("add", ".")
    done = repo.commit("next draft")
    assert done.returncode == 0, done.stderr
    lines = done.stderr.splitlines()
    # the derived variant's edits (fixtures/README.md): OP8, OP23->OP24, OP30->OP31 and OP34
    # reworded, OP21 added, OP33 removed, PP27 moved to PP4, 21-32 renumbered 22-33
    assert lines == [
        "resdiff: res.txt (modified)",
        "  57 unchanged, 4 reworded, 1 added, 1 removed, 1 moved",
        "  reworded: OP8, OP23 -> OP24, OP30 -> OP31, OP34",
        "  added: OP21",
        "  removed: OP33",
        "  moved: PP27 -> PP4",
        "  renumbered: 21-32 -> 22-33",
    ]


def test_partially_staged_file_is_checked_as_staged(repo):
    repo.write("res.txt", fixture(HRC))
    repo.git("add", ".")
    repo.commit("base", check=True)
    # the index holds the numbering error; the working tree is back to the clean text
    repo.write("res.txt", hrc_with_gap())
    repo.git("add", "res.txt")
    repo.write("res.txt", fixture(HRC))
    blocked = repo.commit("staged error")
    assert blocked.returncode == 1
    assert "error operative-numbering OP6" in blocked.stderr
    # the index holds a clean rewording; the working tree has the numbering error
    repo.write("res.txt", hrc_op8_reworded())
    repo.git("add", "res.txt")
    repo.write("res.txt", hrc_with_gap())
    done = repo.commit("staged rewording")
    assert done.returncode == 0, done.stderr
    assert "  61 unchanged, 1 reworded, 0 added, 0 removed" in done.stderr
    assert "  reworded: OP8" in done.stderr
    assert repo.git("status", "--porcelain").stdout == " M res.txt\n"


def test_commit_with_a_path_uses_gits_temporary_index(repo):
    repo.write("res.txt", fixture(HRC))
    repo.git("add", ".")
    repo.commit("base", check=True)
    repo.write("res.txt", hrc_with_gap())  # not staged: `git commit res.txt` stages it
    blocked = repo.commit("only this path", "res.txt")
    assert blocked.returncode == 1
    assert "error operative-numbering OP6" in blocked.stderr


def test_renamed_file_is_compared_with_its_old_path(repo):
    repo.write("drafts/old name.txt", fixture(HRC))
    repo.git("add", ".")
    repo.commit("base", check=True)
    repo.git("mv", "drafts/old name.txt", "drafts/nouveau nom é.txt")
    repo.write("drafts/nouveau nom é.txt", hrc_op8_reworded())
    repo.git("add", ".")
    done = repo.commit("rename and reword")
    assert done.returncode == 0, done.stderr
    assert done.stderr.splitlines()[:3] == [
        "resdiff: drafts/nouveau nom é.txt (renamed from drafts/old name.txt)",
        "  61 unchanged, 1 reworded, 0 added, 0 removed",
        "  reworded: OP8",
    ]


def test_deleted_file(repo):
    repo.write("a.txt", fixture(HRC))
    repo.write("b.txt", fixture("S_2019_90.txt"))
    repo.git("add", ".")
    repo.commit("base", check=True)
    repo.git("rm", "-q", "a.txt")
    done = repo.commit("remove")
    assert done.returncode == 0, done.stderr
    assert done.stderr == "resdiff: a.txt (deleted)\n"


def test_commit_without_resolution_texts_prints_nothing(repo):
    repo.write("tool.py", "print('hello')\n")
    repo.git("add", ".")
    done = repo.commit("code")
    assert done.returncode == 0 and done.stderr == ""


def test_markdown_that_is_not_a_resolution_is_skipped(repo):
    repo.write("README.md", (FIXTURES / "README.md").read_text(encoding="utf-8"))
    repo.git("add", ".")
    done = repo.commit("docs")
    assert done.returncode == 0
    assert done.stderr.splitlines() == [
        "resdiff: README.md (new file)",
        "  not a resolution text; not checked",
    ]


def test_warnings_do_not_block(repo):
    repo.write("S_2017_77.txt", fixture("S_2017_77.txt"))
    repo.git("add", ".")
    done = repo.commit("draft")
    assert done.returncode == 0
    assert (
        "  S_2017_77.txt:60: warning preamble-punctuation PP21: a preambular paragraph should "
        'end with a comma, not "."'
    ) in done.stderr.splitlines()


def test_unreadable_staged_text_blocks(repo):
    repo.write("broken.txt", b"The Security Council,\n\xff\xfe\x00 not text\n")
    repo.git("add", ".")
    done = repo.commit("broken")
    assert done.returncode == 1
    assert "  error: broken.txt: looks binary" in done.stderr


# --------------------------------------------------------------------------- settings


def test_folder_and_patterns_settings(repo):
    repo.write(".resdiff.toml", 'folder = "drafts"\npatterns = ["*.txt"]\n')
    repo.write("notes/41_3.txt", hrc_with_gap())  # outside the folder
    repo.write("drafts/41_3.md", hrc_with_gap())  # not a selected pattern
    repo.git("add", ".")
    done = repo.commit("outside")
    assert done.returncode == 0 and done.stderr == ""
    repo.write("drafts/sub/41_3.txt", hrc_with_gap())
    repo.git("add", ".")
    blocked = repo.commit("inside")
    assert blocked.returncode == 1
    assert "resdiff: drafts/sub/41_3.txt (new file)" in blocked.stderr


def test_disabled_rule_does_not_block(repo):
    repo.write("pyproject.toml", '[tool.resdiff]\ndisable = ["operative-numbering"]\n')
    repo.write("41_3.txt", hrc_with_gap())
    repo.git("add", ".")
    done = repo.commit("draft")
    assert done.returncode == 0, done.stderr


def test_adopted_folder_blocks_negotiation_residue(repo):
    repo.write(".resdiff.toml", 'adopted = ["adopted/*"]\n')
    text = fixture(HRC).replace(
        "the duty of States to cooperate", "the duty of States [to cooperate]"
    )
    repo.write("drafts/41_3.txt", text)
    repo.git("add", ".")
    assert repo.commit("draft").returncode == 0
    repo.write("adopted/41_3.txt", text)
    repo.git("add", ".")
    blocked = repo.commit("adopted")
    assert blocked.returncode == 1
    assert "error negotiation-residue OP3: square-bracketed text in an adopted text" in (
        blocked.stderr
    )


# --------------------------------------------------------------------------- PDF and DOCX


def test_pdf_and_docx_are_checked_from_the_index(repo):
    docx = pytest.importorskip("docx")
    document = docx.Document()
    for line in hrc_with_gap().split("\n"):
        if line.strip():
            document.add_paragraph(line.replace("*", ""))
    buffer = io.BytesIO()
    document.save(buffer)
    repo.write("draft.docx", buffer.getvalue())
    repo.write("S_2024_557.pdf", (FIXTURES / "pdf" / "S_2024_557.pdf").read_bytes())
    repo.git("add", ".")
    done = repo.commit("binary formats")
    assert done.returncode == 1
    assert "  draft.docx:" in done.stderr and "error operative-numbering OP6" in done.stderr
    assert (
        "  S_2024_557.pdf:35: warning operative-punctuation OP5: an operative paragraph should "
        'end with a semicolon, not ","'
    ) in done.stderr.splitlines()


def test_hook_run_without_repository_fails(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env["GIT_CEILING_DIRECTORIES"] = str(tmp_path)
    done = subprocess.run(
        [sys.executable, "-m", "resdiff.cli", "hook-run"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert done.stderr == "resdiff: error: not inside a git working tree\n"


def test_status_taken_from_the_archive(repo, tmp_path):
    from resdiff.archive import AddRequest, Archive

    archive, _ = Archive.init(tmp_path / "archive")
    try:
        archive.add(AddRequest(FIXTURES / HRC, status="adopted"))
    finally:
        archive.close()
    repo.write(".resdiff.toml", f'archive = "{tmp_path / "archive"}"\n')
    text = fixture(HRC).replace(
        "the duty of States to cooperate", "the duty of States [to cooperate]"
    )
    repo.write("any/41_3.txt", text)
    repo.git("add", ".")
    blocked = repo.commit("adopted text with residue")
    assert blocked.returncode == 1
    assert "error negotiation-residue OP3" in blocked.stderr


def test_large_commit_gets_a_compact_report(repo):
    # the series drafts only: S_2018_221 and S_2024_400 hold numbering errors that block
    with_errors = {"S_2018_221.txt", "S_2024_400.txt"}
    names = sorted(p.name for p in FIXTURES.glob("S_*.txt") if p.name not in with_errors)
    assert len(names) == 12
    for name in names:
        repo.write(name, fixture(name))
    repo.git("add", ".")
    done = repo.commit("twelve drafts")
    assert done.returncode == 0, done.stderr
    lines = done.stderr.splitlines()
    assert len(lines) <= 3 * len(names)
    assert "  S_2017_77.txt:60: warning preamble-punctuation PP21" not in done.stderr
    assert lines[lines.index("resdiff: S_2017_77.txt (new file)") + 2] == "  (1 warning not shown)"
