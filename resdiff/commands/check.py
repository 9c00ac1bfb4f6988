"""``resdiff check FILE...``: structural lint of resolution texts.

Exit status: 0 no errors (warnings are printed but pass, unless ``--fail-on
warning``), 1 findings at the ``--fail-on`` level, 2 a file could not be
checked (the others are still checked and reported).
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from resdiff.check import (
    RULES,
    STATUSES,
    CheckResult,
    check_document,
    parse_resolution,
    validate_rule_ids,
)
from resdiff.commands.common import check_one_stdin, format_option, read_input
from resdiff.config import Settings, load_settings
from resdiff.errors import ResdiffError, UsageError
from resdiff.githooks.selection import Selection
from resdiff.model import SCHEMA_VERSION
from resdiff.readers import STDIN_NAME
from resdiff.renderers.common import counted
from resdiff.renderers.json import dumps
from resdiff.safety import quote_name, visible_line

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


@click.command("check")
@click.argument("files", nargs=-1, metavar="FILE...")
@format_option("text", "json")
@click.option(
    "--status",
    type=click.Choice(STATUSES),
    default=None,
    help="Status of the texts; 'adopted' also reports negotiation residue.  "
    "[default: from the settings and the archive, else draft]",
)
@click.option(
    "--disable",
    multiple=True,
    metavar="RULE",
    help="Switch a rule off (repeatable); adds to 'disable' in the settings.",
)
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning"]),
    default="error",
    show_default=True,
    help="Exit 1 on errors only, or on warnings too.",
)
@click.option("--list-rules", is_flag=True, help="List the rules with their severities and exit.")
def check(
    files: tuple[str, ...],
    fmt: str,
    status: str | None,
    disable: tuple[str, ...],
    fail_on: str,
    list_rules: bool,
) -> None:
    """Check FILE... ('-': standard input) for structural mistakes: numbering, punctuation,
    footnotes, brackets, quotation marks, duplicates and, in adopted texts, negotiation
    residue.

    Exit status: 0 clean (or warnings only), 1 findings at the --fail-on level, 2 error.
    """
    if list_rules:
        click.echo(rules_table(), nl=False)
        return
    if not files:
        raise UsageError("give at least one FILE to check")
    check_one_stdin(files)
    settings = load_settings()
    selection = Selection.from_settings(settings)
    off = selection.disable | validate_rule_ids(disable)
    results = [_check_one(path, status, selection, settings, off) for path in files]
    click.echo(render_json(results) if fmt == "json" else render_text(results), nl=False)
    for result in results:
        if result.error:
            click.echo(f"resdiff: error: {visible_line(result.error)}", err=True)
    sys.exit(_exit_status(results, fail_on))


def _check_one(
    path: str,
    status: str | None,
    selection: Selection,
    settings: Settings,
    disable: frozenset[str],
) -> CheckResult:
    result = CheckResult(STDIN_NAME if path == "-" else path)
    try:
        raw = read_input(path)
        document = parse_resolution(raw)
        adopted = _adopted(path, document.symbol, status, selection, settings)
        result.findings = check_document(document, text=raw.text, adopted=adopted, disable=disable)
    except ResdiffError as exc:
        result.error = str(exc)
    return result


def _adopted(
    path: str, symbol: str | None, status: str | None, selection: Selection, settings: Settings
) -> bool:
    """--status decides; without it the settings and the configured archive do."""
    if status is not None:
        return status == "adopted"
    root = settings.source.parent if settings.source else Path.cwd()
    try:
        relative = Path(path).resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        relative = Path(path).as_posix()
    return selection.is_adopted(relative, symbol)


def _exit_status(results: list[CheckResult], fail_on: str) -> int:
    if any(r.error for r in results):
        return EXIT_ERROR
    failing = [r.errors if fail_on == "error" else r.findings for r in results]
    return EXIT_FINDINGS if any(failing) else EXIT_CLEAN


def rules_table() -> str:
    """One line per rule: id, severity, summary."""
    width = max(len(rule.id) for rule in RULES)
    return "".join(f"{rule.id:<{width}}  {rule.severity:<7}  {rule.summary}\n" for rule in RULES)


def render_text(results: list[CheckResult]) -> str:
    """``path:line: severity rule label: message`` lines, then a one-line count (the path
    quoted and each line kept to visible characters, ``resdiff.safety``)."""
    lines = [visible_line(f.render(quote_name(r.path))) for r in results for f in r.findings]
    errors = sum(len(r.errors) for r in results)
    warnings = sum(len(r.findings) for r in results) - errors
    checked = sum(r.error is None for r in results)
    lines.append(
        f"resdiff check: {counted(errors, 'error')}, {counted(warnings, 'warning')} "
        f"in {counted(checked, 'file')} checked"
    )
    return "\n".join(lines) + "\n"


def render_json(results: list[CheckResult]) -> str:
    """``{"schema_version", "files": [{"path", "error", "findings"}], "summary"}``."""
    errors = sum(len(r.errors) for r in results)
    data = {
        "schema_version": SCHEMA_VERSION,
        "files": [r.to_dict() for r in results],
        "summary": {
            "files": len(results),
            "errors": errors,
            "warnings": sum(len(r.findings) for r in results) - errors,
            "failed": sum(r.error is not None for r in results),
        },
    }
    return dumps(data)
