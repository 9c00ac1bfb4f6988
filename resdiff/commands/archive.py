"""``resdiff archive ...``: keep every version in a git repository, and query it.

Each command converts its arguments, calls ``resdiff.archive`` and prints.
Exit status: 0 ok, 1 ``verify`` found problems or ``diff`` found differences,
2 an error (one line on stderr).
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import click

from resdiff.archive.location import archive_path
from resdiff.commands.common import (
    EXIT_DIFFERENT,
    EXIT_SAME,
    ReportRequest,
    check_binary_target,
    emit,
    emit_comparison,
    format_option,
    output_option,
    report_options,
    text_width,
    threshold_option,
)
from resdiff.errors import UsageError
from resdiff.renderers.common import counted
from resdiff.renderers.json import dumps
from resdiff.safety import quote_name, visible, visible_line

if TYPE_CHECKING:
    from resdiff.archive.inputs import AddRequest
    from resdiff.archive.lineage import ClauseBlame
    from resdiff.archive.meta import VersionMeta
    from resdiff.archive.plan import AddResult
    from resdiff.archive.store import Archive, Revision

ARCHIVE_HELP = "The archive (default: RESDIFF_ARCHIVE, the `archive` setting, ./resdiff-archive)."
FORMAT_OPTION = format_option("text", "json")


def _archive_option(command: Callable[..., Any]) -> Callable[..., Any]:
    """Give a subcommand ``--archive PATH`` (it overrides the group's option)."""

    @click.option("--archive", "archive_option", metavar="PATH", help=ARCHIVE_HELP)
    @functools.wraps(command)
    def wrapper(*args: Any, archive_option: str | None, **kwargs: Any) -> Any:
        context = click.get_current_context()
        chosen = archive_option or (context.obj or {}).get("archive")
        context.meta["resdiff.archive"] = chosen
        return command(*args, **kwargs)

    return wrapper


def _open() -> Archive:
    """The archive chosen by the options, opened (GitPython is imported here)."""
    from resdiff.archive.store import Archive

    context = click.get_current_context()
    opened = Archive(archive_path(context.meta.get("resdiff.archive")))
    context.call_on_close(opened.close)
    return opened


@click.group("archive")
@click.option("--archive", "archive_option", metavar="PATH", help=ARCHIVE_HELP)
@click.pass_context
def archive(context: click.Context, archive_option: str | None) -> None:
    """Keep versions in a git-backed archive: add, history, diff, blame, predecessors."""
    context.obj = {"archive": archive_option}


# ---------------------------------------------------------------------- init


@archive.command("init")
@click.argument("path", required=False)
@_archive_option
def init_command(path: str | None) -> None:
    """Create an archive at PATH (a git repository); nothing happens if one is there."""
    from resdiff.archive.store import Archive

    chosen = path or click.get_current_context().meta.get("resdiff.archive")
    opened, created = Archive.init(archive_path(chosen))
    opened.close()
    verb = "created" if created else "already an archive:"
    click.echo(f"{verb} {quote_name(str(opened.path))}")


# ---------------------------------------------------------------------- add, import


@archive.command("add")
@click.argument("file")
@click.option("--symbol", help="Document symbol (default: read from the text or file name).")
@click.option("--series", help="Series name (letters, digits, hyphens).")
@click.option("--date", help="Date, yyyy-mm-dd (default: read from the text).")
@click.option("--status", type=click.Choice(["draft", "adopted"]), help="Draft or adopted.")
@click.option("--predecessor", help="Symbol of the archived version this one follows.")
@click.option("--title", help="Title (default: read from the text).")
@click.option(
    "--auto-series",
    is_flag=True,
    help="Find the predecessor in the archive and join its series.",
)
@_archive_option
def add_command(
    file: str,
    symbol: str | None,
    series: str | None,
    date: str | None,
    status: str | None,
    predecessor: str | None,
    title: str | None,
    auto_series: bool,
) -> None:
    """Store FILE as a version of its symbol (one commit; a no-op if nothing changed)."""
    request = _request(file, symbol, series, date, status, predecessor, title)
    store = _open()
    if auto_series and request.predecessor is None:
        request.predecessor = _proposed_predecessor(store, file, symbol)
    result = store.add(request, derive_series=auto_series or request.predecessor is not None)
    outcome = result.results[0]
    click.echo(_add_line(store, outcome))
    for other, name in result.linked.items():
        click.echo(f"series {name} set on {other}")


def _request(
    file: str,
    symbol: str | None,
    series: str | None,
    date: str | None,
    status: str | None,
    predecessor: str | None,
    title: str | None,
) -> AddRequest:
    from resdiff.archive.meta import check_status
    from resdiff.archive.store import AddRequest
    from resdiff.archive.symbols import check_date, check_series, check_symbol

    if not file:
        raise UsageError("the file argument is empty")
    return AddRequest(
        file,
        symbol=check_symbol(symbol) if symbol is not None else None,
        series=check_series(series) if series is not None else None,
        date=check_date(date) if date is not None else None,
        status=check_status(status) if status is not None else None,
        predecessor=check_symbol(predecessor) if predecessor is not None else None,
        title=title,
    )


def _proposed_predecessor(store: Archive, file: str, symbol: str | None) -> str | None:
    from resdiff.archive.predecessor import MIN_PREDECESSOR_SCORE

    candidates = store.find_predecessors(file, top=1, symbol=symbol)
    if candidates and candidates[0].score >= MIN_PREDECESSOR_SCORE:
        best = candidates[0]
        click.echo(f"predecessor: {best.symbol} (score {best.score:.2f})")
        return str(best.symbol)
    click.echo("predecessor: none found (no archived text is reused enough)")
    return None


def _add_line(store: Archive, outcome: AddResult) -> str:
    meta = outcome.meta
    assert meta is not None  # a strict add raises instead of rejecting
    if outcome.outcome == "unchanged" or outcome.commit is None:
        return f"unchanged: {meta.symbol} is already archived with this text and metadata"
    number = len(store.history(meta.symbol))
    details = [f"version {number}"]
    if meta.series:
        details.append(f"series {meta.series}")
    if meta.predecessor:
        details.append(f"predecessor {meta.predecessor}")
    return f"{outcome.outcome} {meta.symbol} ({', '.join(details)}) in {outcome.commit[:10]}"


@archive.command("import")
@click.argument("directory")
@click.option("--series", help="Put every file in this series.")
@click.option("--status", type=click.Choice(["draft", "adopted"]), help="Draft or adopted.")
@click.option("-r", "--recursive", is_flag=True, help="Also read subdirectories.")
@click.option("-j", "--jobs", type=click.IntRange(1, 64), help="Parallel parsers (default: CPUs).")
@_archive_option
def import_command(
    directory: str, series: str | None, status: str | None, recursive: bool, jobs: int | None
) -> None:
    """Store every resolution file of DIRECTORY (.txt, .md, .pdf, .docx) in one commit."""
    from resdiff.archive.meta import check_status
    from resdiff.archive.symbols import check_series

    store = _open()
    bars: list[Any] = []

    def start(total: int) -> Callable[[int], None]:
        bar = click.progressbar(length=total, label="reading", file=sys.stderr)
        bar.__enter__()
        bars.append(bar)
        return bar.update

    try:
        result = store.import_directory(
            directory,
            series=check_series(series) if series else None,
            status=check_status(status) if status else None,
            recursive=recursive,
            jobs=jobs,
            progress_start=start if sys.stderr.isatty() else None,  # a bar only on a terminal
        )
    finally:
        for bar in bars:
            bar.__exit__(None, None, None)
    for rejected in (r for r in result.results if r.outcome == "rejected"):
        reason = visible_line(rejected.reason or "")
        click.echo(f"rejected {quote_name(rejected.source)}: {reason}", err=True)
    counts = ", ".join(
        f"{result.count(kind)} {kind}" for kind in ("added", "updated", "unchanged", "rejected")
    )
    where = f" in {result.commit[:10]}" if result.commit else ""
    click.echo(f"imported {quote_name(directory)}: {counts}{where}")
    if result.ignored:
        ignored = counted(len(result.ignored), "file")
        click.echo(f"ignored {ignored} that are not .txt, .md, .pdf or .docx")


# ---------------------------------------------------------------------- reading


@archive.command("list")
@click.option("--series", help="Only the documents of this series.")
@FORMAT_OPTION
@_archive_option
def list_command(series: str | None, fmt: str) -> None:
    """List the archived documents (latest version of each)."""
    from resdiff.archive.symbols import check_series

    metas = _open().catalogue(series=check_series(series) if series else None)
    if fmt == "json":
        _json([m.to_dict() for m in metas])
        return
    for meta in metas:
        click.echo(_meta_row(meta))


def _meta_row(meta: VersionMeta) -> str:
    columns = [
        meta.symbol.ljust(18),
        (meta.date or "-").ljust(10),
        meta.status.ljust(7),
        (meta.series or "-").ljust(24),
        visible_line(meta.title or ""),
    ]
    return "  ".join(columns).rstrip()


@archive.command("log")
@click.argument("symbol")
@FORMAT_OPTION
@_archive_option
def log_command(symbol: str, fmt: str) -> None:
    """The versions of SYMBOL, newest first (its directory's git history)."""
    from resdiff.archive.symbols import check_symbol

    history = _open().history(check_symbol(symbol))
    if fmt == "json":
        _json([_revision_dict(r) for r in reversed(history)])
        return
    for revision in reversed(history):
        what = "text" if revision.text_changed else "metadata"
        click.echo(
            f"{revision.symbol}@{revision.number}  {revision.commit[:10]}  "
            f"{revision.date[:10]}  {what:<8}  {visible_line(revision.subject)}"
        )


def _revision_dict(revision: Revision) -> dict[str, object]:
    return {
        "version": revision.number,
        "ref": f"{revision.symbol}@{revision.number}",
        "commit": revision.commit,
        "date": revision.date,
        "author": revision.author,
        "subject": revision.subject,
        "text_changed": revision.text_changed,
        "source_changed": revision.source_changed,
    }


@archive.command("show")
@click.argument("ref", metavar="SYMBOL[@REV]")
@click.option("--original", is_flag=True, help="Write the original file instead of the text.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write to FILE.")
@FORMAT_OPTION
@_archive_option
def show_command(ref: str, original: bool, output: str | None, fmt: str) -> None:
    """Show a version: its metadata and normalised text (REV: version number or commit)."""
    store = _open()
    version = store.version(ref)
    if original:
        original_data = store.original(version)
        on_terminal = output is None and sys.stdout.isatty()
        if on_terminal and version.meta.source_format in ("pdf", "docx"):
            raise UsageError(f"{ref}: the original is a {version.meta.source_format} file: give -o")
        # A terminal gets the text with its control characters shown; a pipe or a file
        # gets the original byte for byte.
        shown = visible(original_data.decode("utf-8", "replace")) if on_terminal else None
        emit(shown if shown is not None else original_data, output)
        return
    text = store.text(version)
    if fmt == "json":
        data = {"ref": version.ref, "commit": version.commit, "meta": version.meta.to_dict()}
        emit(dumps({**data, "text": text}), output)
        return
    header = [f"{version.ref}  commit {version.commit[:10]}"]
    fields = version.meta.to_dict().items()
    header += [f"{name}: {visible_line(str(value))}" for name, value in fields if value]
    emit("\n".join(header) + "\n\n" + visible(text), output)


@archive.command("series")
@click.argument("name")
@FORMAT_OPTION
@_archive_option
def series_command(name: str, fmt: str) -> None:
    """The versions of series NAME, in date order (predecessors first)."""
    from resdiff.archive.symbols import check_series

    metas = _open().series(check_series(name))
    if fmt == "json":
        _json([m.to_dict() for m in metas])
        return
    for position, meta in enumerate(metas, start=1):
        after = f"  (after {meta.predecessor})" if meta.predecessor else ""
        click.echo(f"{position:>3}. {_meta_row(meta)}{after}")


@archive.command("evolution")
@click.argument("name", metavar="SERIES")
@format_option("text", "json", "html")
@output_option
@threshold_option
@_archive_option
def evolution_command(name: str, fmt: str, output: str | None, threshold: float | None) -> None:
    """How each clause moved through the versions of SERIES, oldest first."""
    from resdiff.align import DEFAULT_THRESHOLD
    from resdiff.analysis.evolution import evolution
    from resdiff.archive.symbols import check_series
    from resdiff.renderers.evolution import render_evolution

    store = _open()
    documents = [store.load(meta.symbol) for meta in store.series(check_series(name))]
    evolved = evolution(documents, threshold=threshold or DEFAULT_THRESHOLD)
    emit(render_evolution(evolved, fmt, text_width(output)), output)


# ---------------------------------------------------------------------- diff, blame


@archive.command("diff")
@click.argument("old", metavar="A")
@click.argument("new", metavar="B")
@report_options
@_archive_option
def diff_command(old: str, new: str, report: ReportRequest) -> None:
    """Compare two archived versions (SYMBOL, SYMBOL@REV, or a file against a symbol).

    The report is the one `resdiff compare` gives. Exit status: 0 no
    differences, 1 differences, 2 error.
    """
    check_binary_target(report)
    comparison = _open().diff(
        old,
        new,
        threshold=report.threshold,
        section=report.section,
        docx_revisions=report.docx_revisions,
    )
    emit_comparison(comparison, report)


@archive.command("blame")
@click.argument("ref", metavar="SYMBOL[@REV]")
@FORMAT_OPTION
@_archive_option
def blame_command(ref: str, fmt: str) -> None:
    """For each paragraph: the version of its series where it first appears, and changes."""
    result = _open().blame(ref)
    if fmt == "json":
        _json(result.to_dict())
        return
    series = f"series {result.series}" if result.series else "no series"
    click.echo(f"blame {result.version} ({series}; {counted(len(result.versions), 'version')})")
    for position, ref_name in enumerate(result.versions, start=1):
        click.echo(f"  v{position}  {ref_name}")
    click.echo("")
    width = max((len(c.label) for c in result.clauses), default=4)
    for clause in result.clauses:
        click.echo(_blame_line(clause, width, result.versions[-1]))


def _blame_line(clause: ClauseBlame, width: int, version: str) -> str:
    since = f"since {clause.origin} {clause.origin_label}"
    changed = "; ".join(
        f"{step.kind} in {step.version} ({step.similarity:.2f})" for step in clause.changes
    )
    if not changed:
        changed = "new in this version" if clause.origin == version else "unchanged"
    excerpt = visible_line(clause.text[:60]) + ("..." if len(clause.text) > 60 else "")
    return f"{clause.label:<{width}}  {since:<32}  {changed}\n{'':<{width}}  {excerpt}"


@archive.command("find-predecessor")
@click.argument("file")
@click.option(
    "--top",
    type=click.IntRange(1, 100),
    default=5,
    show_default=True,
    help="How many archived documents to list, best first (1-100).",
)
@click.option("--symbol", help="The file's own symbol, left out of the ranking.")
@FORMAT_OPTION
@_archive_option
def find_predecessor_command(file: str, top: int, symbol: str | None, fmt: str) -> None:
    """Rank archived documents by how much of their text FILE reuses."""
    from resdiff.archive.symbols import check_symbol

    if not file:
        raise UsageError("the file argument is empty")
    candidates = _open().find_predecessors(
        file, top=top, symbol=check_symbol(symbol) if symbol else None
    )
    if fmt == "json":
        _json([c.to_dict() for c in candidates])
        return
    if not candidates:
        click.echo("no archived document shares text with this file")
    for rank, candidate in enumerate(candidates, start=1):
        clauses = "-" if candidate.alignment is None else f"{candidate.alignment:.2f}"
        series = f"  series {candidate.series}" if candidate.series else ""
        click.echo(
            f"{rank:>3}. {candidate.symbol:<18}  score {candidate.score:.3f}  "
            f"(reuse {candidate.reuse:.2f}, coverage {candidate.coverage:.2f}, "
            f"clauses {clauses}){series}"
        )


@archive.command("verify")
@click.option("--deep", is_flag=True, help="Also parse every original again and compare texts.")
@FORMAT_OPTION
@_archive_option
def verify_command(deep: bool, fmt: str) -> None:
    """Check every stored file against its SHA-256 and the metadata against the texts.

    Exit status: 0 sound, 1 problems found (listed), 2 error.
    """
    report = _open().verify(deep=deep)
    if fmt == "json":
        _json(
            {
                "ok": report.ok,
                "documents": report.documents,
                "problems": report.problems,
                "recovered": report.recovered,
            }
        )
    else:
        if report.recovered:
            click.echo(f"undid an interrupted write ({counted(len(report.recovered), 'path')})")
        for problem in report.problems:
            click.echo(visible_line(problem))
        state = "ok" if report.ok else counted(len(report.problems), "problem")
        click.echo(f"{state}: {counted(report.documents, 'document')} checked")
    sys.exit(EXIT_SAME if report.ok else EXIT_DIFFERENT)


def _json(data: object) -> None:
    click.echo(dumps(data), nl=False)
