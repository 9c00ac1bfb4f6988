"""Git commands: install-hook, hook-run, install-diff-driver, git-diff and textconv.

The logic lives in ``resdiff.githooks``; these commands only convert
arguments, print and choose the exit status.
"""

from __future__ import annotations

import sys

import click

from resdiff.githooks.install import Installed
from resdiff.safety import quote_name

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


# Commands that git or the pre-commit framework call with file names: a name may start with
# a dash ("-x.txt", "-h.txt"), so unknown options are arguments and only --help is help.
_FILE_ARGUMENTS = {"ignore_unknown_options": True, "help_option_names": ["--help"]}


@click.command("hook-run", context_settings=_FILE_ARGUMENTS)
@click.argument("files", nargs=-1, type=click.UNPROCESSED)
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


@click.command("git-diff", context_settings=_FILE_ARGUMENTS)
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


@click.command("textconv", context_settings=_FILE_ARGUMENTS)
@click.argument("file", type=click.UNPROCESSED)
def textconv(file: str) -> None:
    """Print FILE as one labelled, normalised paragraph per line (a git textconv filter)."""
    from resdiff.githooks.diffdriver import textconv as convert

    sys.stdout.write(convert(file))
    sys.stdout.flush()


def _report(installed: Installed) -> None:
    click.echo(f"resdiff: {installed.action}: {quote_name(str(installed.path))}")
    if installed.backup is not None:
        click.echo(f"resdiff: the previous hook is kept as {quote_name(str(installed.backup))}")
