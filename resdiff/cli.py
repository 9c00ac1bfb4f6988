"""The ``resdiff`` command line: a thin layer over the Python API.

Commands convert arguments, call the library, pick a renderer and an exit
status. Exit status follows diff: 0 no differences, 1 differences, 2 error.
Errors are printed as one line on stderr; set ``RESDIFF_DEBUG=1`` to see the
traceback of an unexpected failure.
"""

from __future__ import annotations

import json
import os
import sys
import traceback
from importlib import import_module
from typing import Any

import click

from resdiff.errors import ResdiffError

EXIT_SAME, EXIT_DIFFERENT, EXIT_ERROR = 0, 1, 2
COMPARE_FORMATS = ("text", "markdown", "json", "html", "docx")


# Commands that live in their own modules, imported only when invoked so that
# `resdiff compare` never loads GitPython: name -> "module:attribute".
LAZY_COMMANDS: dict[str, str] = {
    "archive": "resdiff.commands.archive:archive",
    "check": "resdiff.commands.check:check",
    "evolution": "resdiff.commands.evolution:evolution_command",
    "git-diff": "resdiff.commands.hooks:git_diff",
    "hook-run": "resdiff.commands.hooks:hook_run",
    "install-diff-driver": "resdiff.commands.hooks:install_diff_driver",
    "install-hook": "resdiff.commands.hooks:install_hook",
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

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except ResdiffError as exc:
            _fail(str(exc), exc.exit_code)
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException):
            raise
        except KeyboardInterrupt:
            _fail("interrupted", 130)
        except BrokenPipeError:
            sys.stderr.close()
            sys.exit(EXIT_ERROR)
        except Exception as exc:  # the last line of defence
            if os.environ.get("RESDIFF_DEBUG"):
                traceback.print_exc()
            _fail(f"internal error: {type(exc).__name__}: {exc}", EXIT_ERROR)


def _fail(message: str, code: int) -> None:
    click.echo(f"resdiff: error: {message}", err=True)
    sys.exit(code)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="resdiff")
def main() -> None:
    """Compare versions of UN resolutions clause by clause."""


@main.command("parse")
@click.argument("file")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Output format.",
)
@click.option(
    "--docx-revisions",
    type=click.Choice(["accept", "reject"]),
    default="accept",
    show_default=True,
    help="Read tracked changes in a DOCX input as accepted or rejected.",
)
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write to FILE, not stdout.")
def parse_command(file: str, fmt: str, docx_revisions: str, output: str | None) -> None:
    """Parse FILE into header, paragraphs, footnotes, meeting line and vote."""
    from resdiff.parse import parse
    from resdiff.renderers.document import document_text

    document = parse(_existing(file), docx_revisions=docx_revisions)
    if not document.paragraphs:
        raise ResdiffError(f"{file}: no resolution paragraphs found")
    if fmt == "json":
        text = json.dumps(document.to_dict(), ensure_ascii=False, indent=2) + "\n"
    else:
        text = document_text(document)
    _emit(text, output)


@main.command("compare")
@click.argument("old")
@click.argument("new")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(COMPARE_FORMATS),
    default="text",
    show_default=True,
    help="Report format.",
)
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write to FILE, not stdout.")
@click.option(
    "--threshold",
    type=click.FloatRange(0.0, 1.0, min_open=True),
    default=None,
    help="Lowest similarity (0-1) at which a paragraph counts as reworded rather "
    "than removed and added.  [default: 0.5]",
)
@click.option("--only-changes", is_flag=True, help="Leave unchanged paragraphs out.")
@click.option(
    "--section",
    type=click.Choice(["preamble", "operative", "annex"]),
    help="Report only changes touching this part of the resolution.",
)
@click.option("--explain", is_flag=True, help="Show how each pairing was made and its score.")
@click.option(
    "--color/--no-color",
    "color",
    default=None,
    help="Colour the text report (default: when writing to a terminal and NO_COLOR is unset).",
)
@click.option(
    "--docx-revisions",
    type=click.Choice(["accept", "reject"]),
    default="accept",
    show_default=True,
    help="Read tracked changes in DOCX inputs as accepted or rejected.",
)
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
def compare_command(
    old: str,
    new: str,
    fmt: str,
    output: str | None,
    threshold: float | None,
    only_changes: bool,
    section: str | None,
    explain: bool,
    color: bool | None,
    docx_revisions: str,
    archive_option: str | None,
    no_archive: bool,
) -> None:
    """Compare OLD and NEW versions of a resolution, clause by clause.

    Exit status: 0 no differences, 1 differences, 2 error.
    """
    from resdiff.align import DEFAULT_THRESHOLD
    from resdiff.compare import compare
    from resdiff.parse import parse
    from resdiff.renderers import BINARY_FORMATS, RenderOptions, render

    if fmt in BINARY_FORMATS and output is None and sys.stdout.isatty():
        raise ResdiffError(f"--format {fmt} writes a binary file: give -o FILE")
    old_doc = _parsed(parse(_existing(old), docx_revisions=docx_revisions), old)
    new_doc = _parsed(parse(_existing(new), docx_revisions=docx_revisions), new)
    comparison = compare(
        old_doc,
        new_doc,
        threshold=threshold if threshold is not None else DEFAULT_THRESHOLD,
        section=section,  # type: ignore[arg-type]
    )
    _keep(archive_option, no_archive, old, new, old_doc, new_doc)
    options = RenderOptions(
        color=_use_color(color, output) and fmt == "text",
        explain=explain,
        only_changes=only_changes,
    )
    _emit(render(comparison, fmt, options), output)
    sys.exit(EXIT_DIFFERENT if comparison.has_differences else EXIT_SAME)


def _keep(option: str | None, disabled: bool, old: str, new: str, *docs: Any) -> None:
    """Store both compared versions when an archive is asked for or configured."""
    from resdiff.archive.location import compare_archive

    target = compare_archive(option, disabled)
    if target is not None:
        from resdiff.archive.keep import keep_pair  # imports GitPython

        for note in keep_pair(target, old, new, *docs):
            click.echo(f"resdiff: {note}", err=True)


def _existing(path: str) -> str:
    """Reject an empty path argument early; everything else is checked by the readers."""
    if not path:
        raise ResdiffError("an input path is empty")
    return path


def _parsed(document: Any, path: str) -> Any:
    if not document.paragraphs:
        raise ResdiffError(f"{path}: no resolution paragraphs found")
    return document


def _use_color(flag: bool | None, output: str | None) -> bool:
    if flag is not None:
        return flag
    if output or os.environ.get("NO_COLOR"):
        return False
    return sys.stdout.isatty()


def _emit(content: str | bytes, output: str | None) -> None:
    if output is None:
        if isinstance(content, bytes):
            sys.stdout.buffer.write(content)
        else:
            sys.stdout.write(content)
        sys.stdout.flush()
        return
    _write_atomically(output, content)


def _write_atomically(path: str, content: str | bytes) -> None:
    data = content.encode("utf-8") if isinstance(content, str) else content
    directory = os.path.dirname(os.path.abspath(path))
    temporary = os.path.join(directory, f".{os.path.basename(path)}.{os.getpid()}.tmp")
    try:
        with open(temporary, "wb") as handle:
            handle.write(data)
        os.replace(temporary, path)
    except OSError as exc:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise ResdiffError(f"{path}: cannot write: {exc.strerror or exc}") from None


if __name__ == "__main__":
    main()
