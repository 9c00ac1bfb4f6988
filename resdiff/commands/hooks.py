"""Git commands: install-hook, hook-run, install-diff-driver, git-diff and textconv.

The logic lives in ``resdiff.githooks``; these commands only convert
arguments, print and choose the exit status.
"""

from __future__ import annotations

import sys

import click

from resdiff.githooks.install import Installed

EXIT_OK, EXIT_BLOCKED = 0, 1


@click.command("install-hook")
@click.option("--force", is_flag=True, help="Replace a different existing pre-commit hook.")
def install_hook(force: bool) -> None:
    """Install the resdiff pre-commit hook into the current repository.

    The hook goes where git looks for hooks (core.hooksPath is honoured). An
    existing hook that resdiff did not write is kept unless --force is given;
    then it is moved aside as pre-commit.resdiff-backup.
    """
    from resdiff.githooks.install import install_hook as install

    _report(install(force=force))


@click.command("hook-run")
@click.argument("files", nargs=-1)
def hook_run(files: tuple[str, ...]) -> None:
    """Run the pre-commit check (called by the installed hook).

    Without FILES: check the staged version of every selected file. With
    FILES (as the pre-commit framework passes them): check those files.
    Exit status: 0 commit may proceed, 1 blocked by errors, 2 failure.
    """
    from resdiff.githooks.precommit import render_report, run_files, run_staged

    report = run_files(list(files)) if files else run_staged()
    click.echo(render_report(report), nl=False)
    sys.exit(EXIT_BLOCKED if report.blocked else EXIT_OK)


@click.command("install-diff-driver")
def install_diff_driver() -> None:
    """Use resdiff for `git diff` and as textconv in the current repository.

    Sets diff.resdiff.command, diff.resdiff.textconv and
    diff.resdiff.cachetextconv in .git/config and adds "PATTERN diff=resdiff"
    lines for the configured patterns to .gitattributes.
    """
    from resdiff.githooks.install import install_diff_driver as install

    _report(install())


@click.command("git-diff", context_settings={"ignore_unknown_options": True})
@click.option(
    "--color/--no-color",
    "color",
    default=None,
    help="Colour the report (default: as git colours its own diff: --color or --no-color "
    "on git's command line, else color.diff / color.ui).",
)
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
def git_diff(color: bool | None, args: tuple[str, ...]) -> None:
    """Clause-level diff for git's external diff protocol (diff.<driver>.command).

    git passes seven arguments: PATH OLD-FILE OLD-HEX OLD-MODE NEW-FILE NEW-HEX
    NEW-MODE (nine for a rename, one for an unmerged path).
    """
    from resdiff.githooks.diffdriver import external_diff, git_wants_colour

    if color is None:
        color = git_wants_colour()
    sys.stdout.write(external_diff(list(args), color=color))
    sys.stdout.flush()


@click.command("textconv")
@click.argument("file")
def textconv(file: str) -> None:
    """Print FILE as one labelled, normalised paragraph per line (a git textconv filter)."""
    from resdiff.githooks.diffdriver import textconv as convert

    sys.stdout.write(convert(file))
    sys.stdout.flush()


def _report(installed: Installed) -> None:
    click.echo(f"resdiff: {installed.action}: {installed.path}")
    if installed.backup is not None:
        click.echo(f"resdiff: the previous hook is kept as {installed.backup}")
