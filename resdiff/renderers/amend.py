"""Reports of ``resdiff amend`` and of ``compare --amendments``.

``render_application`` draws an ``Application`` (a draft with amendments
applied) in one of the compare formats:

- ``text`` and ``markdown``: what each instruction did, the changes draft ->
  amended draft (each naming the instructions that made it), then the amended
  text in full;
- ``html``: the comparison page with the instructions before the changes and
  the instructions under each change;
- ``json``: the contract in the README (schema version 1);
- ``docx``: the amended draft with every change a tracked change authored by
  the sponsors of the amendment that made it.

``verdict_lines`` and ``verdicts_json`` give the verdicts of ``compare
--amendments``: whether the adopted text reflects each instruction.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

from resdiff.amend.model import Application, InstructionResult, InstructionVerdict, Ref
from resdiff.model import SCHEMA_VERSION, Document
from resdiff.renderers import RenderOptions, render
from resdiff.renderers.common import counted, fit
from resdiff.safety import markdown_text, visible

NUMBERING_NOTE = (
    "Paragraph numbers in the instructions refer to the draft as tabled: paragraphs "
    "inserted or deleted by earlier instructions do not shift them. The amended text is "
    "numbered afresh."
)


def render_application(
    application: Application, fmt: str, options: RenderOptions | None = None
) -> str | bytes:
    """The application as a report in ``fmt`` (text, markdown, json, html, docx)."""
    options = options or RenderOptions()
    if fmt == "json":
        from resdiff.renderers.json import dumps

        return dumps(application_json(application))
    if fmt == "docx":
        return _docx(application)
    notes = {id(c): _made_by_lines(application, refs) for c, refs in _changes(application)}
    if fmt == "html":
        preface = (*status_lines(application), NUMBERING_NOTE)
        html_options = RenderOptions(
            only_changes=options.only_changes, change_notes=notes, preface=preface
        )
        result = render(application.comparison, "html", html_options)
        assert isinstance(result, str)
        return result
    comparison_options = RenderOptions(
        color=options.color, only_changes=True, width=options.width, change_notes=notes
    )
    comparison = render(application.comparison, fmt, comparison_options)
    assert isinstance(comparison, str)
    if fmt == "markdown":
        return _markdown(application, comparison)
    return _text(application, comparison, options.width)


def _changes(application: Application) -> list[tuple[object, list[Ref]]]:
    return list(zip(application.comparison.changes, application.made_by, strict=True))


def _made_by_lines(application: Application, refs: list[Ref]) -> list[str]:
    sponsors = {a.name: a.author for a in application.amendments}
    return [f"made by {ref} ({sponsors.get(ref.amendment, '')})" for ref in refs]


# --------------------------------------------------------------------------- instructions


def headline(application: Application) -> str:
    """'A/80/L.25 amended by A/80/L.30, A/80/L.31: 12 instructions, 12 applied'."""
    counts = application.counts()
    parts = [f"{n} {status}" for status, n in counts.items() if n or status == "applied"]
    names = ", ".join(a.name for a in application.amendments)
    total = counted(len(application.results), "instruction")
    return f"{application.draft.symbol or 'draft'} amended by {names}: {total}, {', '.join(parts)}"


def status_lines(application: Application) -> list[str]:
    """One line per instruction: 'A/80/L.30 #3 applied: delete PP16'."""
    return [_status_line(result) for result in application.results]


def _status_line(result: InstructionResult) -> str:
    if not result.outcomes:
        return f"{result.ref} {result.status}: {result.instruction.problem}"
    parts = []
    for outcome in result.outcomes:
        text = outcome.operation.describe()
        if outcome.status != "applied":
            text += f" [{outcome.status}: {outcome.detail}]"
        parts.append(text)
    return f"{result.ref} {result.status}: {'; '.join(parts)}"


def _amendment_heads(application: Application) -> list[str]:
    return [
        f"{a.name} ({a.author}): {a.amends_text}" + ("" if a.instructions else " (no instructions)")
        for a in application.amendments
    ]


def _title_line(application: Application) -> str | None:
    draft, amended = application.draft.title, application.amended.title
    if not application.title_made_by or draft == amended:
        return None
    by = ", ".join(str(r) for r in application.title_made_by)
    return f"Title: {draft} -> {amended} (made by {by})"


# --------------------------------------------------------------------------- text and markdown


def _text(application: Application, comparison: str, width: int) -> str:
    lines = [f"resdiff amend: {headline(application)}", *_amendment_heads(application), ""]
    lines += [visible(line) for line in status_lines(application)]
    lines += ["", NUMBERING_NOTE, ""]
    title = _title_line(application)
    if title:
        lines += [visible(title), ""]
    wrapped = [piece for line in lines for piece in fit(line, width, "    ")]
    amended = amended_text(application.amended, width)
    heading = f"Amended text: {application.amended.symbol}"
    return "\n".join([*wrapped, comparison.rstrip("\n"), "", heading, "", amended]) + "\n"


def _markdown(application: Application, comparison: str) -> str:
    lines = [f"### resdiff amend: {markdown_text(headline(application))}", ""]
    lines += [f"- {markdown_text(line)}" for line in _amendment_heads(application)] + [""]
    lines += ["| instruction | status | what |", "|---|---|---|"]
    for result in application.results:
        what = _status_line(result).split(": ", 1)[1]
        lines.append(
            f"| {markdown_text(str(result.ref))} | {result.status} | {markdown_text(what)} |"
        )
    lines += ["", markdown_text(NUMBERING_NOTE), ""]
    title = _title_line(application)
    if title:
        lines += [markdown_text(title), ""]
    lines += [
        comparison.rstrip("\n"),
        "",
        f"#### Amended text: {markdown_text(application.amended.symbol or '')}",
        "",
    ]
    lines += _amended_markdown(application.amended)
    return "\n".join(lines).rstrip("\n") + "\n"


def amended_text(document: Document, width: int = 80) -> str:
    """The amended draft as a resolution text: title, opening line, numbered paragraphs
    (sub-items on lines of their own), wrapped to ``width``."""
    blocks: list[str] = []
    if document.title:
        blocks.append(_wrap(visible(document.title), width))
    if document.opening:
        blocks.append(visible(document.opening))
    for paragraph in document.paragraphs:
        lead = f"{paragraph.number}. " if paragraph.number else ""
        block = _wrap(lead + visible(paragraph.text), width)
        for item in _flat_subitems(paragraph.subitems):
            block += "\n" + _wrap(visible(item), width, "    ")
        if paragraph.heading:
            block = visible(paragraph.heading) + "\n\n" + block
        blocks.append(block)
    return "\n\n".join(blocks) + "\n"


def _flat_subitems(items: Sequence[object]) -> list[str]:
    lines: list[str] = []
    for item in items:
        label, text, children = item.label, item.text, item.subitems  # type: ignore[attr-defined]
        lines.append(f"{label} {text}".strip())
        lines += _flat_subitems(children)
    return lines


def _wrap(text: str, width: int, indent: str = "") -> str:
    return "\n".join(
        textwrap.wrap(
            text,
            width,
            initial_indent=indent,
            subsequent_indent=indent,
            break_long_words=False,
            break_on_hyphens=False,
        )
        or [indent]
    )


def _amended_markdown(document: Document) -> list[str]:
    lines = []
    if document.title:
        lines += [f"**{markdown_text(document.title)}**", ""]
    if document.opening:
        lines += [f"*{markdown_text(document.opening)}*", ""]
    for paragraph in document.paragraphs:
        lead = f"{paragraph.number}\\. " if paragraph.number else ""
        lines.append(lead + markdown_text(paragraph.text))
        for item in _flat_subitems(paragraph.subitems):
            lines.append(f"  {markdown_text(item)}")
        lines.append("")
    return lines


# --------------------------------------------------------------------------- json and docx


def application_json(application: Application) -> dict[str, object]:
    """JSON form of an application (see the README's amend contract)."""
    comparison = application.comparison.to_dict()
    changes = comparison["changes"]
    assert isinstance(changes, list)
    for change, refs in zip(changes, application.made_by, strict=True):
        change["made_by"] = [r.to_dict() for r in refs]
    draft = application.draft
    return {
        "schema_version": SCHEMA_VERSION,
        "draft": {"path": draft.path, "symbol": draft.symbol, "title": draft.title},
        "amendments": [a.to_dict() for a in application.amendments],
        "counts": application.counts(),
        "instructions": [r.to_dict() for r in application.results],
        "title": {
            "from": draft.title,
            "to": application.amended.title,
            "made_by": [r.to_dict() for r in application.title_made_by],
        },
        "amended": application.amended.to_dict(),
        "comparison": comparison,
    }


def _docx(application: Application) -> bytes:
    from resdiff.renderers.docx import build, revision_date

    sponsors = {a.name: a.author for a in application.amendments}
    authors = {}
    for change, refs in _changes(application):
        names = list(dict.fromkeys(sponsors.get(r.amendment, r.amendment) for r in refs))
        if names:
            authors[id(change)] = " / ".join(names)
    notes = [headline(application), *status_lines(application), NUMBERING_NOTE]
    return build(application.comparison, date=revision_date(), authors=authors, notes=notes)


# --------------------------------------------------------------------------- verdicts


def verdict_lines(verdicts: list[InstructionVerdict]) -> list[str]:
    """One line per instruction: 'A/80/L.35 #2 not reflected: in PP2, delete ... (reason)'."""
    lines = []
    for verdict in verdicts:
        result = verdict.result
        if verdict.verdict is None:
            lines.append(f"{result.ref} not judged: {result.status} in the draft")
            continue
        reasons = "; ".join(
            f"{v.outcome.operation.describe()}: {v.reason}" for v in verdict.operations
        )
        lines.append(f"{result.ref} {verdict.verdict}: {reasons}")
    return lines


def verdict_counts(verdicts: list[InstructionVerdict]) -> str:
    """'5 instructions: 1 reflected, 4 not reflected, 0 partly'."""
    counts: dict[str, int] = {"reflected": 0, "not reflected": 0, "partly": 0, "not judged": 0}
    for verdict in verdicts:
        counts[verdict.verdict or "not judged"] += 1
    parts = [f"{n} {name}" for name, n in counts.items() if n or name != "not judged"]
    return f"{counted(len(verdicts), 'instruction')}: {', '.join(parts)}"


def verdicts_json(verdicts: list[InstructionVerdict]) -> list[dict[str, object]]:
    """JSON form of the verdicts, one object per instruction."""
    return [v.to_dict() for v in verdicts]
