"""``resdiff sources FILE``: the archived paragraphs that FILE's new paragraphs reuse.

Exit status: 0 when a report was written (even one finding no source), 2 on error.
"""

from __future__ import annotations

import os

import click

from resdiff.archive.location import archive_path
from resdiff.archive.sources import DEFAULT_THRESHOLD, DEFAULT_TOP, SourcesReport
from resdiff.commands.common import emit, format_option, output_option
from resdiff.errors import InputError, UsageError
from resdiff.readers import check_file_name
from resdiff.renderers.json import dumps
from resdiff.safety import visible

EXCERPT = 100


@click.command("sources")
@click.argument("file")
@click.option(
    "--archive",
    "archive_option",
    metavar="PATH",
    help="The archive (default: RESDIFF_ARCHIVE, the `archive` setting, ./resdiff-archive).",
)
@click.option(
    "--predecessor",
    help="Symbol of the archived version FILE follows (default: the one the archive finds).",
)
@click.option(
    "--all",
    "every_paragraph",
    is_flag=True,
    help="Look up every paragraph, not only those new relative to the predecessor.",
)
@click.option(
    "--top",
    type=click.IntRange(1, 100),
    default=DEFAULT_TOP,
    show_default=True,
    help="Sources listed per paragraph.",
)
@click.option(
    "--threshold",
    type=click.FloatRange(0.0, 1.0),
    default=DEFAULT_THRESHOLD,
    show_default=True,
    help="Lowest similarity (0-1) of a source.",
)
@format_option("text", "json")
@output_option
def sources(
    file: str,
    archive_option: str | None,
    predecessor: str | None,
    every_paragraph: bool,
    top: int,
    threshold: float,
    fmt: str,
    output: str | None,
) -> None:
    """List, for each paragraph of FILE that is new relative to its predecessor, the
    archived paragraphs it most likely reuses ("agreed language"), with scores."""
    from resdiff.archive.sources import find_sources
    from resdiff.archive.store import Archive
    from resdiff.archive.symbols import check_symbol

    if not file:
        raise UsageError("the file argument is empty")
    check_file_name(file)
    if not os.path.isfile(file):
        raise InputError(file, "no such file")
    chosen = check_symbol(predecessor) if predecessor else None
    archive = Archive(archive_path(archive_option))
    try:
        document = archive.load(file)
        report = find_sources(
            archive,
            document,
            predecessor=chosen,
            every_paragraph=every_paragraph,
            top=top,
            threshold=threshold,
        )
    finally:
        archive.close()
    report.file = file
    emit(render_sources(report, fmt), output)


def render_sources(report: SourcesReport, fmt: str) -> str:
    """The report as text or JSON."""
    if fmt == "json":
        return dumps(report.to_dict())
    lines = [_heading(report)]
    for paragraph in report.paragraphs:
        lines += ["", f"{paragraph.label}  {_excerpt(paragraph.text)}"]
        if not paragraph.sources:
            lines.append("    no archived source")
        for source in paragraph.sources:
            lines.append(
                f"    {source.score:.2f}  {visible(source.symbol)} {source.label}  "
                f"{_excerpt(source.text)}"
            )
    return "\n".join(lines) + "\n"


def _heading(report: SourcesReport) -> str:
    name = visible(report.symbol or report.file or "the text")
    after = f", new since {visible(report.predecessor)}" if report.predecessor else ""
    found = sum(1 for p in report.paragraphs if p.sources)
    count = len(report.paragraphs)
    return (
        f"resdiff: sources of {name}: {count} paragraph{'' if count == 1 else 's'} "
        f"looked up{after}, {found} with an archived source"
    )


def _excerpt(text: str) -> str:
    text = visible(text)
    return text if len(text) <= EXCERPT else text[: EXCERPT - 3] + "..."
