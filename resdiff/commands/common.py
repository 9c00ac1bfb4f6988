"""What several commands share: report options, writing output, exit status.

``compare``, ``archive diff`` and ``evolution`` take the same report options;
they are declared once here (``report_options``) and reach the command as one
``ReportRequest``.
"""

from __future__ import annotations

import functools
import os
import stat
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import click

from resdiff.errors import ResdiffError, UsageError, no_paragraphs
from resdiff.files import replace_atomically

if TYPE_CHECKING:
    from resdiff.model import Comparison, Document, Section
    from resdiff.readers import RawDocument

EXIT_SAME, EXIT_DIFFERENT, EXIT_ERROR = 0, 1, 2
COMPARE_FORMATS = ("text", "markdown", "json", "html", "docx")
DEFAULT_WIDTH, MIN_WIDTH = 80, 40  # columns of text reports


def format_option(*choices: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """``--format`` with these choices (the first is the default), passed as ``fmt``."""
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(choices),
        default=choices[0],
        show_default=True,
        help="Output format.",
    )


threshold_option = click.option(
    "--threshold",
    type=click.FloatRange(0.0, 1.0, min_open=True),
    default=None,
    help="Lowest similarity (0-1) at which a paragraph counts as reworded rather "
    "than removed and added.  [default: 0.5]",
)
output_option = click.option(
    "-o", "--output", type=click.Path(dir_okay=False), help="Write to FILE, not stdout."
)
docx_revisions_option = click.option(
    "--docx-revisions",
    type=click.Choice(["accept", "reject"]),
    default="accept",
    show_default=True,
    help="Read tracked changes in DOCX inputs as accepted or rejected.",
)


@dataclass(slots=True, frozen=True)
class ReportRequest:
    """The report options of a comparing command, as the user gave them."""

    fmt: str = "text"
    output: str | None = None
    threshold: float | None = None
    only_changes: bool = False
    section: Section | None = None
    explain: bool = False
    color: bool | None = None
    docx_revisions: str = "accept"
    hide_technical: bool = False

    @property
    def similarity_threshold(self) -> float:
        """The threshold asked for, or the aligner's default."""
        from resdiff.align import DEFAULT_THRESHOLD

        return self.threshold if self.threshold is not None else DEFAULT_THRESHOLD


_REPORT_FIELDS = tuple(ReportRequest.__dataclass_fields__)


def report_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """Give a command the report options; it receives them as ``report: ReportRequest``."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        fields = {name: kwargs.pop(name) for name in _REPORT_FIELDS}
        return command(*args, report=ReportRequest(**fields), **kwargs)

    options = [
        click.option(
            "--format",
            "fmt",
            type=click.Choice(COMPARE_FORMATS),
            default="text",
            show_default=True,
            help="Report format.",
        ),
        output_option,
        threshold_option,
        click.option("--only-changes", is_flag=True, help="Leave unchanged paragraphs out."),
        click.option(
            "--section",
            type=click.Choice(["preamble", "operative", "annex"]),
            help="Report only changes touching this part of the resolution.",
        ),
        click.option("--explain", is_flag=True, help="Show how each pairing was made."),
        click.option(
            "--hide-technical",
            is_flag=True,
            help="Leave out rewordings whose every edit is technical (years, numbers, "
            "document symbols); they are still counted.",
        ),
        click.option(
            "--color/--no-color",
            "color",
            default=None,
            help="Colour the text report (default: when writing to a terminal and "
            "NO_COLOR is unset).",
        ),
        docx_revisions_option,
    ]
    for option in reversed(options):
        wrapper = option(wrapper)
    return wrapper


def read_input(path: str, docx_revisions: str = "accept") -> RawDocument:
    """Read an input named on the command line: a file (a trailing '/' is refused, not
    dropped), or ``-`` for standard input."""
    from resdiff.readers import STDIN_NAME, read, read_data, read_stream

    if path == "-":
        data = read_stream(sys.stdin.buffer)
        return read_data(STDIN_NAME, data, docx_revisions=docx_revisions)
    return read(path, docx_revisions=docx_revisions)


def check_one_stdin(paths: tuple[str, ...] | list[str]) -> None:
    """Standard input can be read once: refuse ``-`` given twice."""
    if list(paths).count("-") > 1:
        raise UsageError("standard input ('-') can be given only once")


def parsed_file(path: str, docx_revisions: str = "accept") -> Document:
    """Read and parse an input named on the command line ('-': standard input). A text
    without resolution paragraphs is an error; structure warnings go to stderr."""
    from resdiff.parse import parse
    from resdiff.readers import STDIN_NAME
    from resdiff.safety import visible_line

    if not path:
        raise ResdiffError("an input path is empty")
    name = STDIN_NAME if path == "-" else path
    document = parse(read_input(path, docx_revisions))
    if not document.paragraphs:
        raise no_paragraphs(name, document.amends)
    for message in document.warnings:
        click.echo(visible_line(f"resdiff: warning: {name}: {message}"), err=True)
    return document


def check_binary_target(report: ReportRequest) -> None:
    """Refuse to write a binary report (DOCX) to a terminal."""
    from resdiff.renderers import BINARY_FORMATS

    if report.fmt in BINARY_FORMATS and report.output is None and sys.stdout.isatty():
        raise ResdiffError(f"--format {report.fmt} writes a binary file: give -o FILE")


def emit_comparison(comparison: Comparison, report: ReportRequest) -> None:
    """Render and write the report, then exit like diff: 0 same, 1 different."""
    from resdiff.renderers import RenderOptions, render

    options = RenderOptions(
        color=use_color(report.color, report.output) and report.fmt == "text",
        explain=report.explain,
        only_changes=report.only_changes,
        width=text_width(report.output),
        hide_technical=report.hide_technical,
    )
    emit(render(comparison, report.fmt, options), report.output)
    sys.exit(EXIT_DIFFERENT if comparison.has_differences else EXIT_SAME)


def text_width(output: str | None) -> int:
    """The width text reports wrap to: the terminal's, or 80 when not writing to a terminal."""
    if output is None and sys.stdout.isatty():
        import shutil  # only on a terminal: it costs start-up

        return max(MIN_WIDTH, shutil.get_terminal_size((DEFAULT_WIDTH, 24)).columns)
    return DEFAULT_WIDTH


def use_color(flag: bool | None, output: str | None) -> bool:
    """Colour when asked, else when writing to a terminal and NO_COLOR is unset."""
    if flag is not None:
        return flag
    if output or os.environ.get("NO_COLOR"):
        return False
    return sys.stdout.isatty()


def emit(content: str | bytes, output: str | None) -> None:
    """Write a report to stdout, or atomically to the file ``output``."""
    if output is None:
        try:
            if isinstance(content, bytes):
                sys.stdout.buffer.write(content)
            else:
                sys.stdout.write(content)
            sys.stdout.flush()
        except BrokenPipeError:
            raise  # the reader stopped reading (``| head``): not an error to report
        except OSError as exc:
            raise ResdiffError(f"cannot write to standard output: {exc.strerror or exc}") from None
        return
    write_atomically(output, content)


def write_atomically(path: str, content: str | bytes) -> None:
    """Write through a temporary file in the same folder, then rename it into place.

    A symbolic link is followed, so the file it points to is replaced, not the
    link. A device or FIFO (``-o /dev/stdout``) is written directly: renaming
    over it would replace the device itself.
    """
    data = content.encode("utf-8") if isinstance(content, str) else content
    target = os.path.realpath(path)
    try:
        if os.path.exists(target) and not stat.S_ISREG(os.stat(target).st_mode):
            with open(target, "wb") as handle:
                handle.write(data)
            return
        replace_atomically(target, data)
    except OSError as exc:
        raise ResdiffError(f"{path}: cannot write: {exc.strerror or exc}") from None
