"""Reports of an ``Evolution``: text (a grid and per-clause histories), JSON, HTML.

The HTML page is one self-contained file like the comparison report (inline
CSS, no script, a Content-Security-Policy that forbids scripts): a table with
one row per clause and one column per version, each cell showing the clause's
label and state, with the redline from the previous version in a
``<details>`` element that opens on demand. A CSS-only checkbox hides the
clauses that never changed.
"""

from __future__ import annotations

import textwrap

from resdiff.analysis.evolution import Clause, Evolution, Step, StepState
from resdiff.model import CountKey, Document
from resdiff.normalize import strip_emphasis
from resdiff.renderers.common import counted, counts_line, fit
from resdiff.renderers.json import dumps
from resdiff.renderers.kinds import COUNT_ORDER, STYLES, css_variables, legend
from resdiff.safety import visible

FORMATS = ("text", "json", "html")
ABSENT_SIGN = "."


def render_evolution(evolved: Evolution, fmt: str = "text", width: int = 80) -> str:
    """Render ``evolved`` as ``text`` (redlines wrapped to ``width``), ``json`` or ``html``."""
    if fmt == "json":
        return dumps(evolved.to_dict())
    if fmt == "html":
        return _html(evolved)
    if fmt == "text":
        return _text(evolved, width)
    raise ValueError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")


def _name(document: Document, index: int) -> str:
    return visible(document.symbol or document.path or f"version {index + 1}")


def sign(state: StepState) -> str:
    """The sign of a step: that of its kind of change; none for a clause as it was, '.' absent.

    >>> [sign(state) for state in ("original", "unchanged", "reworded", "removed", "absent")]
    ['', '', '~', '-', '.']
    """
    if state == "absent":
        return ABSENT_SIGN
    if state == "original" or state == "unchanged":
        return ""
    return STYLES[state].sign


def cell_text(step: Step) -> str:
    """A grid cell: sign and label ('~OP3'), then the moved sign when moved; '-' removed,
    '.' absent."""
    if step.paragraph is None:
        return sign(step.state)
    moved = STYLES["moved"].sign if step.moved else ""
    return f"{sign(step.state)}{step.paragraph.label}{moved}"


def _legend() -> str:
    grid_kinds: tuple[CountKey, ...] = ("reworded", "added", "removed", "split", "merged", "moved")
    return f"{legend(grid_kinds)}  {ABSENT_SIGN} absent"


# --------------------------------------------------------------------------- text


def _text(evolved: Evolution, width: int) -> str:
    docs = evolved.documents
    clauses = counted(len(evolved.clauses), "clause")
    head = [f"resdiff evolution: {counted(len(docs), 'version')}, {clauses}"]
    head += [
        f"V{i + 1}  {_name(d, i)}" + (f"  ({d.path})" if d.path else "") for i, d in enumerate(docs)
    ]
    head += [
        f"V{i + 1} -> V{i + 2}: {counts_line(counts)}"
        for i, counts in enumerate(evolved.step_counts())
    ]
    lines = [piece for line in head for piece in fit(line, width, "    ")]
    lines += ["", *_grid(evolved), ""]  # a table: its rows are not wrapped
    lines += fit(_legend(), width)
    histories = [
        piece
        for clause in evolved.clauses
        for h in _history(clause, width)
        for piece in fit(h, width)
    ]
    if histories:
        lines += ["", "Changes by clause", "", *histories]
    return "\n".join(lines).rstrip("\n") + "\n"


def _grid(evolved: Evolution) -> list[str]:
    header = ["clause", *(f"V{i + 1}" for i in range(len(evolved.documents)))]
    rows = [[visible(c.label), *(visible(cell_text(s)) for s in c.steps)] for c in evolved.clauses]
    widths = [max(len(row[k]) for row in [header, *rows]) for k in range(len(header))]
    return [
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in [header, *rows]
    ]


def _history(clause: Clause, width: int) -> list[str]:
    if not clause.changed:
        return []
    events = [
        _event(i, step, clause.steps[i - 1] if i else None) for i, step in enumerate(clause.steps)
    ]
    head = f"{clause.label}: " + ", ".join(e for e in events if e)
    if clause.origin:
        head += f" ({clause.origin})"
    lines = [head]
    for index, step in enumerate(clause.steps):
        if step.change is not None and step.change.redline and step.present:
            lines += _step_lines(index, step, width)
    return [*lines, ""]


def _event(index: int, step: Step, previous: Step | None) -> str:
    name = f"V{index + 1}"
    if step.state in ("original", "absent") or (step.state == "unchanged" and not step.moved):
        return ""
    before = previous.paragraph.label if previous and previous.paragraph else None
    renamed = step.paragraph is not None and step.paragraph.label != before
    label = f" as {step.paragraph.label}" if renamed and step.paragraph else ""
    moved = " and moved" if step.moved and step.state != "unchanged" else ""
    state = "moved" if step.state == "unchanged" else step.state
    return f"{state}{moved} in {name}{label}"


def _step_lines(index: int, step: Step, width: int) -> list[str]:
    change = step.change
    assert change is not None
    head = f"  V{index} -> V{index + 1} ({change.similarity:.0%})"
    if change.technical:
        head += ", technical"
    if change.force is not None:
        force = change.force
        head += f", {force.direction}: {visible(force.old)} -> {visible(force.new)}"
    body = "".join(_redline_part(op, text) for op, text in change.redline)
    wrapped = textwrap.wrap(
        body, width, initial_indent="    ", subsequent_indent="    ", break_long_words=False
    )
    return [head, *wrapped]


def _redline_part(op: str, text: str) -> str:
    text = visible(text)
    if op == "equal" or not text.strip():
        return "" if op == "delete" else text
    lead = " " if text.startswith(" ") else ""
    body = text.lstrip(" ")
    return f"{lead}[-{body}-]" if op == "delete" else f"{lead}{{+{body}+}}"


# --------------------------------------------------------------------------- html

CSS = """
:root { --ink: #1d232b; --muted: #5b6672; --faint: #8a94a0; --rule: #dde2e8; --paper: #fff;
  --bg: #f6f7f9; --ins: #0a4f8f; --ins-bg: #dcecfb; --del: #a33b00; --del-bg: #fde7d6;
  KIND_COLOURS
  --sans: system-ui, -apple-system, "Segoe UI", "Roboto", "Noto Sans", "DejaVu Sans", sans-serif;
  --serif: "Charter", "Source Serif Pro", "Georgia", "DejaVu Serif", serif; }
* { box-sizing: border-box; }
html { background: var(--bg); color: var(--ink); }
body { margin: 0; padding: 2rem 1rem 3rem; font: 15px/1.5 var(--sans); }
.page { max-width: 90rem; margin: 0 auto; }
.vh { position: absolute !important; width: 1px; height: 1px; overflow: hidden;
  clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap; border: 0; }
header { background: var(--paper); border: 1px solid var(--rule); border-radius: 10px;
  padding: 1.25rem 1.5rem; margin-bottom: 1rem; }
h1 { margin: 0 0 .75rem; font-size: 1.4rem; }
h2 { font-size: .75rem; text-transform: uppercase; letter-spacing: .06em; color: var(--muted);
  margin: 1rem 0 .4rem; }
table { border-collapse: collapse; }
.steps td, .steps th { padding: .15rem .9rem .15rem 0; text-align: right;
  font-variant-numeric: tabular-nums; }
.steps th[scope="row"] { text-align: left; font-weight: 600; }
.steps thead th { font-weight: 500; color: var(--muted); }
.toolbar { display: flex; justify-content: flex-end; margin: 0 0 .6rem; }
.toggle { cursor: pointer; font-size: .88rem; color: var(--muted); padding: .3rem .75rem;
  border: 1px solid var(--rule); border-radius: 6px; background: var(--paper); }
#only-changes:checked ~ .page .toggle { color: var(--ink); border-color: var(--ink); }
#only-changes:focus-visible ~ .page .toggle { outline: 2px solid var(--ins); }
#only-changes:checked ~ .page tr.unchanged { display: none; }
.scroll { overflow-x: auto; background: var(--paper); border: 1px solid var(--rule);
  border-radius: 10px; }
.clauses { width: 100%; }
.clauses th, .clauses td { border-bottom: 1px solid #eef1f4; padding: .4rem .6rem;
  vertical-align: top; text-align: left; }
.clauses thead th { position: sticky; top: 0; background: var(--paper); font-weight: 600;
  border-bottom: 2px solid var(--rule); }
.clauses thead .doc { display: block; font-weight: 400; color: var(--muted); font-size: .8rem; }
.clauses tbody th { font-weight: 700; min-width: 10rem; max-width: 16rem; }
.clauses .preview, .clauses tbody .doc { display: block; font-weight: 400; font-size: .78rem;
  color: var(--muted); }
.clauses td { min-width: 9rem; max-width: 32rem; border-left: 4px solid transparent; }
td.reworded { border-left-color: var(--reworded); } td.added { border-left-color: var(--added); }
td.removed { border-left-color: var(--removed); background: #fff8f3; }
td.split { border-left-color: var(--split); } td.merged { border-left-color: var(--merged); }
td.absent { color: var(--faint); }
td.technical { border-left-color: var(--technical); }
summary { cursor: pointer; }
summary .state { color: var(--muted); font-size: .8rem; margin-left: .3rem; }
details p { font: .92rem/1.5 var(--serif); margin: .35rem 0 .2rem; }
.force { font-size: .8rem; font-weight: 600; }
.force.strengthened { color: var(--ins); } .force.weakened { color: var(--del); }
ins, del { border-radius: 2px; padding: 0 .08em; }
ins { color: var(--ins); background: var(--ins-bg); text-decoration: underline; }
del { color: var(--del); background: var(--del-bg); text-decoration: line-through; }
footer { margin-top: 1rem; text-align: center; font-size: .75rem; color: var(--faint); }
@media print {
  html, body { background: #fff; } .toolbar { display: none; }
  .scroll { overflow: visible; border: 0; } details > *:not(summary) { display: block; }
  ins { color: #000; background: none; text-decoration: underline double; }
  del { color: #555; background: none; }
}
""".replace("KIND_COLOURS", css_variables(""))


def _html(evolved: Evolution) -> str:
    from resdiff.renderers.html import page_head

    docs = evolved.documents
    title = "resdiff evolution: " + " → ".join(_name(d, i) for i, d in enumerate(docs))
    parts = [
        *page_head(title, CSS),
        '<input type="checkbox" id="only-changes" class="vh">',
        '<div class="page">',
        _html_header(evolved),
        '<div class="toolbar"><label class="toggle" for="only-changes">'
        "Show only clauses that changed</label></div>",
        _html_table(evolved),
        "<footer>Generated by resdiff. Select a cell to see its redline from the previous "
        "version: inserted text is underlined, deleted text struck through.</footer>",
        "</div>",
        "</body>",
        "</html>",
    ]
    return "\n".join(parts) + "\n"


def _html_header(evolved: Evolution) -> str:
    from resdiff.renderers.html import esc

    kinds = COUNT_ORDER
    head = "".join(f'<th scope="col">{k}</th>' for k in kinds)
    rows = "".join(
        f'<tr><th scope="row">V{i + 1} → V{i + 2}</th>'
        + "".join(f"<td>{counts[k]}</td>" for k in kinds)
        + "</tr>"
        for i, counts in enumerate(evolved.step_counts())
    )
    count = len(evolved.documents)
    return (
        "<header>"
        f"<h1>How {counted(len(evolved.clauses), 'clause')} moved through "
        f"{counted(count, 'version')}</h1>"
        '<h2 id="steps-title">Changes per step</h2>'
        f'<table class="steps" aria-labelledby="steps-title"><thead><tr><th></th>{head}</tr>'
        f"</thead><tbody>{rows}</tbody></table>"
        f"<p>Rows are clauses, columns versions. {esc(_legend())}</p>"
        "</header>"
    )


def _html_table(evolved: Evolution) -> str:
    from resdiff.renderers.html import esc

    versions = "".join(
        f'<th scope="col" class="version">V{i + 1}<span class="doc">{esc(_name(d, i))}</span></th>'
        for i, d in enumerate(evolved.documents)
    )
    rows = "".join(_html_row(clause) for clause in evolved.clauses)
    return (
        '<div class="scroll"><table class="clauses" aria-label="Clauses by version">'
        f'<thead><tr><th scope="col">Clause</th>{versions}</tr></thead>'
        f"<tbody>{rows}</tbody></table></div>"
    )


def _html_row(clause: Clause) -> str:
    from resdiff.renderers.html import esc

    kind = "changed" if clause.changed else "unchanged"
    cells = "".join(_html_cell(i, step) for i, step in enumerate(clause.steps))
    origin = f'<span class="doc">{esc(clause.origin)}</span>' if clause.origin else ""
    paragraph = clause.steps[clause.last].paragraph
    assert paragraph is not None
    preview = textwrap.shorten(strip_emphasis(paragraph.text), 60, placeholder=" …")
    return (
        f'<tr class="clause {kind}"><th scope="row">{esc(clause.label)}'
        f'<span class="preview">{esc(preview)}</span>{origin}</th>{cells}</tr>'
    )


def _html_cell(index: int, step: Step) -> str:
    from resdiff.renderers.html import esc, redline_html

    classes = [step.state, *(["technical"] if step.change and step.change.technical else [])]
    if step.paragraph is None:
        word = "" if step.state == "absent" else step.state
        return f'<td class="{" ".join(classes)}">{esc(word)}</td>'
    summary = f"{esc(sign(step.state))}{esc(step.paragraph.label)}"
    summary += f'<span class="state">{esc(_cell_state(step))}</span>'
    change = step.change
    if change is not None and change.redline:
        body = f"<p>{redline_html(change.redline)}</p>"
    else:
        body = f"<p>{esc(strip_emphasis(step.paragraph.full_text()))}</p>"
    force = ""
    if change is not None and change.force is not None:
        f = change.force
        force = f'<div class="force {f.direction}">{f.direction}: {esc(f.old)} → {esc(f.new)}</div>'
    return (
        f'<td class="{" ".join(classes)}">{force}<details><summary>{summary}</summary>'
        f"{body}</details></td>"
    )


def _cell_state(step: Step) -> str:
    words: list[str] = [] if step.state in ("original", "unchanged") else [step.state]
    if step.moved:
        words.append("moved")
    if step.change is not None and step.change.technical:
        words.append("technical")
    if step.change is not None and step.state not in ("added", "unchanged", "original"):
        words.append(f"{step.change.similarity:.0%}")
    return ", ".join(words)
