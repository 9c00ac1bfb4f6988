"""``resdiff evolution V1 V2 V3 ...``: how each clause moved through many versions.

Exit status: 0 when a report was written, 2 on error.
"""

from __future__ import annotations

import click

from resdiff.commands.common import emit, output_option, parsed_file, text_width, threshold_option
from resdiff.errors import UsageError


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
    from resdiff.renderers.evolution import render_evolution

    if len(versions) < 2:
        raise UsageError("evolution needs at least two versions")
    documents = [parsed_file(path) for path in versions]
    evolved = evolution(documents, threshold=threshold or DEFAULT_THRESHOLD)
    emit(render_evolution(evolved, fmt, text_width(output)), output)
