"""``resdiff amend DRAFT AMENDMENT...``: apply amendments to the draft they amend.

Exit status: 0 when every instruction applied, 1 when some could not be
(target not found, ambiguous, not understood), 2 on error.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, NoReturn

import click

from resdiff.commands.common import (
    COMPARE_FORMATS,
    EXIT_DIFFERENT,
    EXIT_SAME,
    ReportRequest,
    check_one_stdin,
    emit,
    output_option,
    read_input,
    text_width,
    use_color,
)
from resdiff.errors import InputError, ResdiffError

if TYPE_CHECKING:
    from resdiff.amend.model import Amendment
    from resdiff.model import Comparison, Document


@click.command("amend")
@click.argument("draft")
@click.argument("amendments", nargs=-1, required=True)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(COMPARE_FORMATS),
    default="text",
    show_default=True,
    help="Report format: text and markdown end with the amended text; docx is the draft "
    "with each amendment a tracked change by its sponsors.",
)
@output_option
@click.option(
    "--color/--no-color",
    "color",
    default=None,
    help="Colour the text report (default: when writing to a terminal and NO_COLOR is unset).",
)
def amend_command(
    draft: str, amendments: tuple[str, ...], fmt: str, output: str | None, color: bool | None
) -> None:
    """Apply the instructions of each AMENDMENT, in the order given, to DRAFT.

    Reports for each instruction whether it applied, or why not (target not
    found, ambiguous), the changes draft -> amended draft with the instruction
    behind each, and the amended text. Paragraph numbers in instructions refer
    to the draft as tabled. Exit status: 0 all applied, 1 some not, 2 error.
    """
    from resdiff.amend import apply_amendments
    from resdiff.renderers import BINARY_FORMATS, RenderOptions
    from resdiff.renderers.amend import render_application

    check_one_stdin([draft, *amendments])
    if fmt in BINARY_FORMATS and output is None and sys.stdout.isatty():
        raise ResdiffError(f"--format {fmt} writes a binary file: give -o FILE")
    draft_doc = read_draft(draft)
    read = [read_amendment_file(path) for path in amendments]
    for path, amendment in zip(amendments, read, strict=True):
        warning = mismatch_warning(amendment, draft_doc, path)
        if warning:
            click.echo(f"resdiff: warning: {warning}", err=True)
    application = apply_amendments(draft_doc, read)
    options = RenderOptions(
        color=use_color(color, output) and fmt == "text", width=text_width(output)
    )
    emit(render_application(application, fmt, options), output)
    sys.exit(EXIT_SAME if application.all_applied else EXIT_DIFFERENT)


def read_draft(path: str) -> Document:
    """Parse the draft named on the command line; an amendment or a text without
    paragraphs is an error."""
    from resdiff.parse import parse

    raw = read_input(path)
    document = parse(raw)
    name = raw.path or path
    if document.amends is not None or (not document.paragraphs and _is_amendment(raw.text)):
        raise InputError(name, "is an amendment, not a draft resolution")
    if not document.paragraphs:
        raise InputError(name, "no resolution paragraphs found")
    return document


def read_amendment_file(path: str) -> Amendment:
    """Read an amendment named on the command line; one without instructions is an error."""
    from resdiff.amend import amendment_from_text

    raw = read_input(path)
    amendment = amendment_from_text(raw.text, raw.path or path)
    if not amendment.instructions:
        raise InputError(raw.path or path, "no instructions found in the amendment")
    return amendment


def mismatch_warning(amendment: Amendment, draft: Document, path: str) -> str | None:
    """A warning when the amendment names another draft than the one given."""
    if amendment.amends is None or draft.symbol is None:
        return None
    if _same_symbol(amendment.amends, draft.symbol):
        return None
    return f"{amendment.symbol or path} amends {amendment.amends}, not {draft.symbol}"


def _same_symbol(a: str, b: str) -> bool:
    return a.replace(" ", "").casefold() == b.replace(" ", "").casefold()


def _is_amendment(text: str) -> bool:
    from resdiff.amend import is_amendment

    return is_amendment(text)


def emit_with_verdicts(
    comparison: Comparison, report: ReportRequest, amendment_paths: tuple[str, ...]
) -> NoReturn:
    """``compare OLD NEW --amendments ...``: the comparison report followed by whether NEW
    reflects each instruction; exits like diff."""
    from resdiff.amend import apply_amendments, reflected
    from resdiff.renderers import RenderOptions, render
    from resdiff.renderers.amend import verdict_counts, verdict_lines, verdicts_json

    read = [read_amendment_file(path) for path in amendment_paths]
    for path, amendment in zip(amendment_paths, read, strict=True):
        warning = mismatch_warning(amendment, comparison.old, path)
        if warning:
            click.echo(f"resdiff: warning: {warning}", err=True)
    application = apply_amendments(comparison.old, read)
    verdicts = reflected(application, comparison.new)
    options = RenderOptions(
        color=use_color(report.color, report.output) and report.fmt == "text",
        explain=report.explain,
        only_changes=report.only_changes,
        width=text_width(report.output),
        hide_technical=report.hide_technical,
    )
    rendered = render(comparison, report.fmt, options)
    assert isinstance(rendered, str)
    if report.fmt == "json":
        import json

        from resdiff.renderers.json import dumps

        data = json.loads(rendered)
        data["amendments"] = {
            "amendments": [a.to_dict() for a in read],
            "instructions": verdicts_json(verdicts),
        }
        text = dumps(data)
    elif report.fmt == "markdown":
        from resdiff.safety import markdown_text

        lines = [f"#### Amendments: {markdown_text(verdict_counts(verdicts))}", ""]
        lines += [f"- {markdown_text(line)}" for line in verdict_lines(verdicts)]
        text = rendered.rstrip("\n") + "\n\n" + "\n".join(lines) + "\n"
    else:
        from resdiff.renderers.common import fit

        lines = [f"Amendments: {verdict_counts(verdicts)}"]
        lines += [piece for line in verdict_lines(verdicts) for piece in fit(line, options.width)]
        text = rendered.rstrip("\n") + "\n\n" + "\n".join(lines) + "\n"
    emit(text, report.output)
    sys.exit(EXIT_DIFFERENT if comparison.has_differences else EXIT_SAME)
