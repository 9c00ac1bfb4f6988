"""Install the pre-commit hook and the ``resdiff`` diff driver into a repository.

The hook script is ``hook_script()``; the repository's ``hooks/pre-commit`` is
the same script without an interpreter baked in (it then runs ``resdiff`` from
PATH). ``install_hook`` writes it where git looks for hooks (``core.hooksPath``
honoured) with the current Python interpreter baked in, as the pre-commit
framework does, so the hook works without an activated virtual environment.
It replaces an earlier resdiff hook, and refuses to replace any other hook
unless forced; a forced install keeps the old hook next to it.

``install_diff_driver`` sets ``diff.resdiff.command``, ``diff.resdiff.textconv``
and ``diff.resdiff.cachetextconv`` in the repository's config and adds
``<pattern> diff=resdiff`` lines to the root ``.gitattributes``.
"""

from __future__ import annotations

import os
import shlex
import stat
import sys
from dataclasses import dataclass
from pathlib import Path

from resdiff.config import load_settings
from resdiff.errors import UsageError
from resdiff.githooks import git
from resdiff.githooks.selection import Selection

HOOK_MARKER = "# resdiff-hook-version: 1"
BACKUP_SUFFIX = ".resdiff-backup"
DRIVER = "resdiff"

_HOOK_TEMPLATE = """#!/bin/sh
# resdiff pre-commit hook: checks the staged resolution texts and prints their
# clause-level changes against HEAD; errors block the commit. Installed by
# `resdiff install-hook`; bypass once with `git commit --no-verify`.
{marker}
INSTALL_PYTHON={python}
if [ -n "$INSTALL_PYTHON" ] && [ -x "$INSTALL_PYTHON" ]; then
    exec "$INSTALL_PYTHON" -m resdiff.cli hook-run "$@"
elif command -v resdiff >/dev/null 2>&1; then
    exec resdiff hook-run "$@"
else
    echo "resdiff: pre-commit hook: resdiff not found; install it, or commit with --no-verify" >&2
    exit 1
fi
"""


@dataclass(slots=True, frozen=True)
class Installed:
    """What an install did: the file written, and the hook it set aside (if any)."""

    path: Path
    action: str
    backup: Path | None = None


def hook_script(python: str | None = None) -> str:
    """The pre-commit hook script, running ``python -m resdiff.cli`` (or ``resdiff``)."""
    return _HOOK_TEMPLATE.format(marker=HOOK_MARKER, python=shlex.quote(python or ""))


def install_hook(cwd: Path | None = None, *, force: bool = False) -> Installed:
    """Install the pre-commit hook into the repository that contains ``cwd``."""
    here = (cwd or Path.cwd()).resolve()
    git.toplevel(here)
    target = git.git_path("hooks", here) / "pre-commit"
    script = hook_script(sys.executable)
    if target.exists() or target.is_symlink():
        current = _read_or_empty(target)
        if current == script:
            return Installed(target, "already installed")
        if HOOK_MARKER not in current and not force:
            raise UsageError(
                f"{target}: a different pre-commit hook is installed; "
                f"use --force to replace it (it is kept as {target.name}{BACKUP_SUFFIX})"
            )
        if HOOK_MARKER not in current:
            backup = target.with_name(target.name + BACKUP_SUFFIX)
            os.replace(target, backup)
            _write_executable(target, script)
            return Installed(target, "installed", backup)
        _write_executable(target, script)
        return Installed(target, "updated")
    _write_executable(target, script)
    return Installed(target, "installed")


def _read_or_empty(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError:  # a dangling symlink, a directory
        return ""


def _write_executable(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_text(text, encoding="utf-8")
    mode = temporary.stat().st_mode
    temporary.chmod(mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    os.replace(temporary, path)


def resdiff_command() -> str:
    """How git should start resdiff: this interpreter running ``resdiff.cli``, shell-quoted."""
    return f"{shlex.quote(sys.executable)} -m resdiff.cli"


def attribute_lines(selection: Selection) -> list[str]:
    """The ``.gitattributes`` lines that route the selected files to the driver.

    >>> attribute_lines(Selection(patterns=("*.txt",), folder="UN drafts"))
    ['/UN[[:space:]]drafts/**/*.txt diff=resdiff']
    """
    prefix = f"/{selection.folder}/**/" if selection.folder else ""
    lines = []
    for pattern in selection.patterns:
        full = f"{prefix}{pattern.lstrip('/')}" if "/" not in pattern else f"/{pattern.lstrip('/')}"
        lines.append(f"{full.replace(' ', '[[:space:]]')} diff={DRIVER}")
    return lines


def install_diff_driver(cwd: Path | None = None) -> Installed:
    """Configure the ``resdiff`` diff driver and add its ``.gitattributes`` lines."""
    here = (cwd or Path.cwd()).resolve()
    top = git.toplevel(here)
    command = resdiff_command()
    git.set_config(f"diff.{DRIVER}.command", f"{command} git-diff", top)
    git.set_config(f"diff.{DRIVER}.textconv", f"{command} textconv", top)
    git.set_config(f"diff.{DRIVER}.cachetextconv", "true", top)
    attributes = top / ".gitattributes"
    wanted = attribute_lines(Selection.from_settings(load_settings(top)))
    existing = attributes.read_text(encoding="utf-8").splitlines() if attributes.exists() else []
    missing = [line for line in wanted if line not in existing]
    if not missing:
        return Installed(attributes, "already configured")
    text = "\n".join([*existing, *missing]) + "\n"
    attributes.write_text(text, encoding="utf-8")
    return Installed(attributes, "configured")
