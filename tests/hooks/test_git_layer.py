"""resdiff's git layer: one ``GitError`` for the archive and the hooks, and the hooks'
runner keeps what a hook needs (the environment as git set it, literal pathspecs)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from resdiff.archive.git import GitRepo
from resdiff.gitcommand import GitError, git
from resdiff.githooks import git as hooks_git


@pytest.fixture(name="clean_git_env")
def clean_git_env_fixture(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No GIT_* variable from outside (the tests may run inside a hook), no user config."""
    for name in [name for name in os.environ if name.startswith("GIT_")]:
        monkeypatch.delenv(name)
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(tmp_path / "gitconfig"))
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))


def make_repo(path: Path, files: dict[str, str]) -> Path:
    """A repository at ``path`` with ``files`` committed."""
    path.mkdir()
    run = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org"]
    subprocess.run([*run, "init", "-q", "-b", "main"], cwd=path, check=True)
    for name, text in files.items():
        (path / name).write_text(text)
    subprocess.run([*run, "add", "--", *files], cwd=path, check=True)
    subprocess.run([*run, "commit", "-q", "-m", "base"], cwd=path, check=True)
    return path


def test_a_failure_of_the_hooks_runner_is_the_archives_git_error(clean_git_env, tmp_path):
    outside = tmp_path / "plain"
    outside.mkdir()
    with pytest.raises(GitError, match=r"^git rev-parse: fatal: not a git repository"):
        git("rev-parse", "--show-toplevel", cwd=outside)
    with pytest.raises(hooks_git.GitError, match="not a git repository"):
        GitRepo(outside)


def test_git_missing_is_one_line(clean_git_env, monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path / "nothing-here"))
    with pytest.raises(GitError) as raised:
        git("version")
    assert str(raised.value) == "git is not installed (no 'git' on PATH)"


def test_the_runner_reads_the_index_git_names_in_the_environment(
    clean_git_env, monkeypatch, tmp_path
):
    repo = make_repo(tmp_path / "repo", {"a.txt": "one\n"})
    (repo / "a.txt").write_text("two\n")
    (repo / "b.txt").write_text("new\n")
    subprocess.run(["git", "add", "a.txt"], cwd=repo, check=True)
    other_index = tmp_path / "commit-index"
    env = {**os.environ, "GIT_INDEX_FILE": str(other_index)}
    subprocess.run(["git", "read-tree", "HEAD"], cwd=repo, env=env, check=True)
    subprocess.run(["git", "add", "b.txt"], cwd=repo, env=env, check=True)
    assert [(c.status, c.path) for c in hooks_git.staged_changes(repo)] == [("M", "a.txt")]
    monkeypatch.setenv("GIT_INDEX_FILE", str(other_index))
    assert [(c.status, c.path) for c in hooks_git.staged_changes(repo)] == [("A", "b.txt")]


def test_paths_are_literal_pathspecs(clean_git_env, tmp_path):
    repo = make_repo(tmp_path / "repo", {"a.txt": "one\n", "*.txt": "star\n"})
    (repo / "a.txt").write_text("two\n")
    (repo / "*.txt").write_text("stars\n")
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True)
    named = git("diff", "--cached", "--name-only", "-z", "--", "*.txt", cwd=repo)
    assert named == b"*.txt\0"
    found = hooks_git.head_blobs(["*.txt"], repo)
    assert hooks_git.read_blobs(list(found.values()), repo) == {found["*.txt"]: b"star\n"}
