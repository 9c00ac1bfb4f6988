"""``resdiff evolution V1 V2 V3 ...``: how each clause moved through many versions.

Exit status: 0 when a report was written, 2 on error.
"""

from __future__ import annotations

import click

from resdiff.commands.common import emit, output_option, text_width, threshold_option
from resdiff.errors import ResdiffError, UsageError, no_paragraphs


@click.command("evolution")
@click.argument("versions", nargs=-1)
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "html"]),
    default="text",
    show_default=True,
    help="Report format.",
)
@output_option
@threshold_option
def evolution_command(
    versions: tuple[str, ...], fmt: str, output: str | None, threshold: float | None
) -> None:
    """Follow each clause through VERSIONS (oldest first): first appearance, each
    rewording, disappearance, with the counts of each step."""
    from resdiff.align import DEFAULT_THRESHOLD
    from resdiff.analysis.evolution import evolution
    from resdiff.parse import parse
    from resdiff.renderers.evolution import render_evolution

    if len(versions) < 2:
        raise UsageError("evolution needs at least two versions")
    documents = []
    for path in versions:
        if not path:
            raise ResdiffError("an input path is empty")
        document = parse(path)
        if not document.paragraphs:
            raise no_paragraphs(path, document.amends)
        documents.append(document)
    evolved = evolution(documents, threshold=threshold or DEFAULT_THRESHOLD)
    emit(render_evolution(evolved, fmt, text_width(output)), output)
