"""The ``resdiff`` command line: a thin layer over the Python API.

Commands convert arguments, call the library, pick a renderer and an exit
status. Exit status follows diff: 0 no differences, 1 differences, 2 error.
Errors are printed as one line on stderr; set ``RESDIFF_DEBUG=1`` to see the
traceback of an unexpected failure.
"""

from __future__ import annotations

import os
import sys
from importlib import import_module
from typing import TYPE_CHECKING, Any, NoReturn

import click

from resdiff.commands.common import (
    EXIT_ERROR,
    ReportRequest,
    check_binary_target,
    check_one_stdin,
    docx_revisions_option,
    emit,
    emit_comparison,
    format_option,
    output_option,
    report_options,
    text_width,
)
from resdiff.errors import ResdiffError, UsageError
from resdiff.safety import visible_line

if TYPE_CHECKING:
    from resdiff.model import Document


# Commands that live in their own modules, imported only when invoked so that
# `resdiff compare` never loads GitPython: name -> "module:attribute".
LAZY_COMMANDS: dict[str, str] = {
    "amend": "resdiff.commands.amend:amend_command",
    "archive": "resdiff.commands.archive:archive",
    "check": "resdiff.commands.check:check",
    "evolution": "resdiff.commands.evolution:evolution_command",
    "git-diff": "resdiff.commands.hooks:git_diff",
    "hook-run": "resdiff.commands.hooks:hook_run",
    "install-diff-driver": "resdiff.commands.hooks:install_diff_driver",
    "install-hook": "resdiff.commands.hooks:install_hook",
    "sources": "resdiff.commands.sources:sources",
    "textconv": "resdiff.commands.hooks:textconv",
}


class _Group(click.Group):
    """A click group that loads some commands lazily and turns every failure into one
    line on stderr and exit status 2."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *LAZY_COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = LAZY_COMMANDS.get(cmd_name)
        if target is None:
            return super().get_command(ctx, cmd_name)
        module_name, attribute = target.split(":")
        command: click.Command = getattr(import_module(module_name), attribute)
        return command

    def make_context(
        self,
        info_name: str | None,
        args: list[str],
        parent: click.Context | None = None,
        **extra: Any,
    ) -> click.Context:
        try:
            return super().make_context(info_name, args, parent, **extra)
        except click.UsageError as exc:  # an unknown option of resdiff itself
            _usage_error(exc)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except ResdiffError as exc:
            _fail(str(exc), exc.exit_code)
        except click.UsageError as exc:  # a missing argument, a bad option value
            _usage_error(exc)
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException):
            raise
        except KeyboardInterrupt:
            _fail("interrupted", 130)
        except BrokenPipeError:
            sys.stderr.close()
            sys.exit(EXIT_ERROR)
        except OSError as exc:
            if exc.filename is None or os.environ.get("RESDIFF_DEBUG"):
                _internal_error(exc)
            # A file the system would not let us use (permissions, a file where a
            # folder should be, a full disk): the file and the reason say it all.
            _fail(f"{os.fsdecode(exc.filename)}: {exc.strerror or exc}", EXIT_ERROR)
        except Exception as exc:  # the last line of defence
            _internal_error(exc)


def _internal_error(exc: BaseException) -> NoReturn:
    if os.environ.get("RESDIFF_DEBUG"):
        import traceback

        traceback.print_exc()
    _fail(f"internal error: {type(exc).__name__}: {exc}", EXIT_ERROR)


def _usage_error(exc: click.UsageError) -> NoReturn:
    """Click's usage error as one line: the message and where to find help.

    A group called without a command shows its help, as click does.
    """
    if isinstance(exc, click.exceptions.NoArgsIsHelpError):
        raise exc
    message = exc.format_message().rstrip(".")
    if message[:1].isupper() and message[1:2].islower():
        message = message[0].lower() + message[1:]
    where = f" (see '{exc.ctx.command_path} --help')" if exc.ctx is not None else ""
    _fail(f"{message}{where}", exc.exit_code)


def _fail(message: str, code: int) -> NoReturn:
    click.echo(f"resdiff: error: {visible_line(message)}", err=True)
    sys.exit(code)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="resdiff")
def main() -> None:
    """Compare versions of UN resolutions clause by clause."""


@main.command("parse")
@click.argument("file")
@format_option("text", "json")
@docx_revisions_option
@output_option
def parse_command(file: str, fmt: str, docx_revisions: str, output: str | None) -> None:
    """Parse FILE ('-': standard input) into header, paragraphs, footnotes, meeting line
    and vote."""
    from resdiff.renderers.document import document_text
    from resdiff.renderers.json import dumps

    document = _parsed(file, docx_revisions)
    text = (
        dumps(document.to_dict()) if fmt == "json" else document_text(document, text_width(output))
    )
    emit(text, output)


@main.command("compare")
@click.argument("old")
@click.argument("new", required=False)
@report_options
@click.option(
    "--archive",
    "archive_option",
    is_flag=False,
    flag_value="",
    default=None,
    metavar="[PATH]",
    help="Also keep both versions in the archive at PATH (default: RESDIFF_ARCHIVE, "
    "the `archive` setting, ./resdiff-archive). On by default when one is configured.",
)
@click.option("--no-archive", is_flag=True, help="Do not keep the versions in an archive.")
@click.option(
    "--against-archive",
    is_flag=True,
    help="Compare the one FILE given with its predecessor, found in the archive "
    "(--archive=PATH, else RESDIFF_ARCHIVE, the `archive` setting, ./resdiff-archive).",
)
@click.option(
    "--amendments",
    "amendments",
    multiple=True,
    metavar="AMENDMENT",
    help="An amendment to OLD (a draft); the report says for each of its instructions "
    "whether NEW (the adopted text) reflects it. Repeat for several amendments. "
    "With --format text, markdown or json.",
)
def compare_command(
    old: str,
    new: str | None,
    report: ReportRequest,
    archive_option: str | None,
    no_archive: bool,
    against_archive: bool,
    amendments: tuple[str, ...],
) -> None:
    """Compare OLD and NEW versions of a resolution, clause by clause.

    Either may be '-' for standard input. With --against-archive, give one
    FILE: it is compared with the archived document it was drafted from.
    Exit status: 0 no differences, 1
    differences, 2 error.
    """
    from resdiff.compare import compare

    check_one_stdin([name for name in (old, new, *amendments) if name is not None])
    check_binary_target(report)
    if against_archive:
        _compare_against_archive(old, new, report, archive_option)
        return
    if new is None:
        context = click.get_current_context()
        missing = next(p for p in context.command.params if p.name == "new")
        raise click.MissingParameter(ctx=context, param=missing, param_hint="'NEW'")
    if amendments and report.fmt not in ("text", "markdown", "json"):
        raise UsageError("--amendments works with --format text, markdown or json")
    old_doc = _parsed(old, report.docx_revisions)
    new_doc = _parsed(new, report.docx_revisions)
    comparison = compare(
        old_doc, new_doc, threshold=report.similarity_threshold, section=report.section
    )
    _keep(archive_option, no_archive, old, new, old_doc, new_doc)
    if amendments:
        from resdiff.commands.amend import emit_with_verdicts

        emit_with_verdicts(comparison, report, amendments)
    emit_comparison(comparison, report)


def _compare_against_archive(
    file: str, extra: str | None, report: ReportRequest, archive_option: str | None
) -> None:
    """Find ``file``'s predecessor in the archive and compare the two."""
    from resdiff.archive.location import archive_path
    from resdiff.archive.predecessor import predecessors_of_file

    if extra is not None:
        raise ResdiffError("--against-archive compares one file: give only FILE")
    if not file:
        raise ResdiffError("an input path is empty")
    if file == "-":
        raise ResdiffError("--against-archive reads a file, not standard input")
    where = archive_path(archive_option or None)
    ranked = predecessors_of_file(where, file, top=1)
    if not ranked or not ranked[0].worth_linking():
        raise ResdiffError(
            f"{file}: no archived document in {where} is its predecessor "
            "(none made before it reuses enough of its text)"
        )
    from resdiff.archive.store import Archive  # imports GitPython

    click.echo(f"resdiff: predecessor: {ranked[0].symbol} (score {ranked[0].score:.2f})", err=True)
    store = Archive(where)
    try:
        comparison = store.diff(
            ranked[0].symbol,
            file,
            threshold=report.similarity_threshold,
            section=report.section,
            docx_revisions=report.docx_revisions,
        )
    finally:
        store.close()
    emit_comparison(comparison, report)


def _keep(
    option: str | None,
    disabled: bool,
    old: str,
    new: str,
    old_doc: Document,
    new_doc: Document,
) -> None:
    """Store both compared versions when an archive is asked for or configured.

    Archiving never stops the report: a problem with the archive is one warning line.
    """
    from resdiff.archive.location import compare_archive

    target = compare_archive(option, disabled)
    if target is None:
        return
    piped = [name for name in (old, new) if not os.path.isfile(name)]
    if piped:  # standard input or a pipe: gone once read, nothing to store
        name = _input_name(piped[0])
        click.echo(f"resdiff: warning: not archived: {name} is not a file", err=True)
        return
    from resdiff.archive.keep import keep_pair  # imports GitPython

    try:
        notes = keep_pair(target, old, new, old_doc, new_doc)
    except (ResdiffError, OSError) as exc:
        reason = str(exc)
        if isinstance(exc, OSError) and exc.filename is not None:
            reason = f"{os.fsdecode(exc.filename)}: {exc.strerror}"
        notes = [f"warning: not archived: {' '.join(reason.split())}"]
    for note in notes:
        click.echo(f"resdiff: {visible_line(note)}", err=True)


def _parsed(path: str, docx_revisions: str) -> Document:
    """Parse the file at ``path`` ('-': standard input); no resolution paragraphs is an error."""
    from resdiff.commands.common import parsed_file

    return parsed_file(path, docx_revisions)


def _input_name(path: str) -> str:
    from resdiff.readers import STDIN_NAME

    return STDIN_NAME if path == "-" else path


if __name__ == "__main__":
    main(prog_name="resdiff")
