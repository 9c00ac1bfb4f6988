"""HTML report: one self-contained page (inline CSS, no script, no external requests).

The page has a header (both documents, counts per kind, a strip with one cell
per paragraph linking to it, the renumbering map) and then every paragraph in
reading order with its redline in ``<ins>``/``<del>``. Moved paragraphs leave a
marker where they stood in the old text; a CSS-only checkbox hides unchanged
paragraphs. All document text is escaped; ids come from labels cut down to
``[A-Za-z0-9_-]``, and no document text is ever put in an attribute.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from itertools import groupby

from resdiff.model import Change, Comparison, Document, Paragraph, PartChange, Subitem
from resdiff.normalize import strip_emphasis
from resdiff.redline import Redline, fold
from resdiff.renderers import RenderOptions
from resdiff.renderers.common import (
    VOTE_LISTS,
    change_status,
    doc_name,
    draft_lines,
    part_label,
    parts_summary,
    renumbering_text,
    shown,
    substance_lines,
)
from resdiff.renderers.kinds import COUNT_ORDER, STYLES, css_variables
from resdiff.safety import visible

SECTION_TITLES = {
    "preamble": "Preambular paragraphs",
    "operative": "Operative paragraphs",
    "annex": "Annex",
}
CSP = "default-src 'none'; style-src 'unsafe-inline'"
_UNSAFE_ID = re.compile(r"[^A-Za-z0-9_-]")

CSS = """
:root {
  --ink: #1d232b; --muted: #5b6672; --faint: #8a94a0; --rule: #dde2e8; --paper: #fff;
  --bg: #f6f7f9; --ins: #0a4f8f; --ins-bg: #dcecfb; --del: #a33b00; --del-bg: #fde7d6;
  KIND_COLOURS
  --serif: "Charter", "Bitstream Charter", "Source Serif Pro", "Georgia", "DejaVu Serif", serif;
  --sans: system-ui, -apple-system, "Segoe UI", "Roboto", "Noto Sans", "DejaVu Sans", sans-serif;
}
* { box-sizing: border-box; }
html { background: var(--bg); color: var(--ink); }
body { margin: 0; padding: 2rem 1rem 3rem; font: 16px/1.6 var(--serif); }
.page { max-width: 52rem; margin: 0 auto; }
header, .toolbar, footer, .meta, .gutter, h2, .ghost { font-family: var(--sans); }
a { color: var(--ins); }
.vh {
  position: absolute !important; width: 1px; height: 1px; padding: 0; margin: -1px;
  overflow: hidden; clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap; border: 0;
}
header.report {
  background: var(--paper); border: 1px solid var(--rule); border-radius: 10px;
  padding: 1.5rem 1.75rem 1.25rem; margin-bottom: 1.25rem;
}
.eyebrow {
  margin: 0; font-size: .75rem; letter-spacing: .08em; text-transform: uppercase;
  color: var(--muted);
}
h1 { margin: .2rem 0 1rem; font-size: 1.6rem; line-height: 1.25; overflow-wrap: anywhere; }
h1 .arrow { color: var(--faint); font-weight: 400; padding: 0 .3em; }
h1 > span:not(.vh) { display: inline-block; }
.docs { display: grid; grid-template-columns: 1fr 1fr; gap: .75rem; margin: 0 0 1.1rem; }
.doc { border-left: 3px solid var(--rule); padding: .1rem 0 .1rem .75rem; font-size: .9rem; }
.doc dt {
  font-size: .72rem; text-transform: uppercase; letter-spacing: .06em; color: var(--muted);
}
.doc dd { margin: 0; }
.doc .symbol { font-weight: 600; }
.doc .title { color: var(--ink); }
.doc .date { color: var(--muted); font-size: .85rem; }
.counts { display: flex; flex-wrap: wrap; gap: .4rem; list-style: none; padding: 0; margin: 0; }
.counts li {
  display: flex; align-items: baseline; gap: .35rem; padding: .2rem .65rem .2rem .5rem;
  border: 1px solid var(--rule); border-radius: 999px; font-size: .85rem; color: var(--muted);
}
.counts li::before {
  content: ""; width: .6rem; height: .6rem; border-radius: 2px; align-self: center;
  background: var(--swatch, var(--k-unchanged));
}
.counts strong { color: var(--ink); font-size: 1rem; }
.counts .zero { opacity: .55; }
.c-reworded { --swatch: var(--k-reworded); } .c-technical { --swatch: var(--k-technical); }
.c-added { --swatch: var(--k-added); } .c-removed { --swatch: var(--k-removed); }
.c-split { --swatch: var(--k-split); } .c-merged { --swatch: var(--k-merged); }
.c-moved { --swatch: var(--ink); }
.overview { margin-top: 1.1rem; }
.overview h2, .renumbering h2 {
  margin: 0 0 .35rem; font-size: .72rem; text-transform: uppercase; letter-spacing: .06em;
  color: var(--muted); font-weight: 600;
}
.strip { display: flex; flex-wrap: wrap; gap: 3px; list-style: none; margin: 0; padding: 0; }
.strip a {
  display: block; width: 1.05rem; height: 1.6rem; border-radius: 3px; text-align: center;
  font: 700 .7rem/1.6rem var(--sans); color: #fff; text-decoration: none;
  background: var(--k-unchanged); print-color-adjust: exact; -webkit-print-color-adjust: exact;
}
.strip a:hover, .strip a:focus-visible { outline: 2px solid var(--ink); outline-offset: 1px; }
.strip .reworded { background: var(--k-reworded); }
.strip .technical { background: var(--k-technical); color: var(--ink); }
.strip .added { background: var(--k-added); } .strip .removed { background: var(--k-removed); }
.strip .split { background: var(--k-split); }
.strip .merged { background: var(--k-merged); color: var(--ink); }
.strip .moved { box-shadow: inset 0 -4px 0 var(--ink); }
.strip .moved.unchanged { background: var(--ink); }
.strip .gap { width: .6rem; background: none; }
.legend { margin: .6rem 0 0; font-size: .8rem; color: var(--muted); }
.legend ins, .legend del { font-family: var(--serif); }
.renumbering { margin-top: 1rem; }
.substance { margin-top: 1rem; font-size: .9rem; }
.substance h2 { margin: 0 0 .35rem; font-size: .72rem; text-transform: uppercase;
  letter-spacing: .06em; color: var(--muted); font-weight: 600; }
.substance dl { display: grid; grid-template-columns: max-content 1fr; gap: .15rem .8rem;
  margin: 0; }
.substance dt { font-weight: 600; font-family: var(--sans); }
.substance dd { margin: 0; }
.renumbering ul { display: flex; flex-wrap: wrap; gap: .3rem .9rem; list-style: none; margin: 0;
  padding: 0; font-size: .88rem; }
.renumbering .arrow { color: var(--faint); padding: 0 .25em; }
.toolbar { display: flex; justify-content: flex-end; margin: 0 0 .75rem; }
.toggle {
  cursor: pointer; user-select: none; font-size: .88rem; color: var(--muted);
  padding: .3rem .75rem; border: 1px solid var(--rule); border-radius: 6px;
  background: var(--paper);
}
.toggle::before {
  content: ""; display: inline-block; width: .8rem; height: .8rem; margin-right: .45rem;
  vertical-align: -.08rem; border: 1.5px solid var(--muted); border-radius: 3px;
}
#only-changes:checked ~ .page .toggle { color: var(--ink); border-color: var(--ink); }
#only-changes:checked ~ .page .toggle::before {
  content: "✓"; color: #fff; background: var(--ink); border-color: var(--ink);
  font: 700 .65rem/.8rem var(--sans); text-align: center;
}
#only-changes:focus-visible ~ .page .toggle { outline: 2px solid var(--ins); outline-offset: 2px; }
#only-changes:checked ~ .page main .unchanged:not(.moved) { display: none; }
main {
  background: var(--paper); border: 1px solid var(--rule); border-radius: 10px;
  padding: .75rem 1.75rem 1.25rem 0;
}
h2.section {
  margin: 1.1rem 0 .4rem 6.5rem; font-size: .78rem; text-transform: uppercase;
  letter-spacing: .08em; color: var(--muted); font-weight: 600;
}
h3.heading { margin: 1rem 0 .3rem 6.5rem; font-size: 1.02rem; }
.change {
  display: grid; grid-template-columns: 5.5rem 1fr; column-gap: 1rem;
  padding: .55rem 0; border-top: 1px solid #eef1f4; scroll-margin-top: 1rem;
}
.gutter {
  text-align: right; padding-right: .75rem; border-right: 4px solid var(--kind, transparent);
  font-size: .85rem; line-height: 1.45;
}
.gutter .label { display: block; font-weight: 700; color: var(--ink); text-decoration: none; }
.gutter .was { display: block; color: var(--faint); font-size: .75rem; }
.reworded { --kind: var(--k-reworded); } .added { --kind: var(--k-added); }
.removed { --kind: var(--k-removed); } .split { --kind: var(--k-split); }
.merged { --kind: var(--k-merged); } .change.technical { --kind: var(--k-technical); }
.meta { margin: 0 0 .15rem; font-size: .78rem; color: var(--muted); }
.badge {
  display: inline-block; padding: 0 .45rem; border-radius: 999px; font-weight: 600;
  background: #eef0f3; color: var(--ink); margin-right: .25rem;
}
.badge.kind { background: var(--kind); color: #fff; }
.technical .badge.kind, .merged .badge.kind { color: var(--ink); }
a.badge.moved-from { background: var(--ink); color: #fff; text-decoration: none; }
.change.moved.unchanged { --kind: var(--ink); }
del + .vh + .vh + ins { margin-left: .2em; }
.meta .sim { margin-left: .2rem; }
.text { margin: 0; overflow-wrap: break-word; }
.unchanged .text, .unchanged .subitems { color: #3c4651; }
ins, del { text-decoration-thickness: 1.5px; border-radius: 2px; padding: 0 .08em; }
ins { color: var(--ins); background: var(--ins-bg); text-decoration: underline;
  text-underline-offset: .18em; }
del { color: var(--del); background: var(--del-bg); text-decoration: line-through; }
.technical .content { color: var(--muted); }
.technical ins, .technical del { background: #f1f2f4; color: var(--muted); }
.subitems { list-style: none; margin: .25rem 0 0; padding-left: 1.6rem; }
.subitems .sub-label { display: inline-block; min-width: 2rem; color: var(--muted); }
.footnotes { margin: .3rem 0 0; font-size: .8rem; color: var(--muted); line-height: 1.45; }
.subitems .part.changed { border-left: 3px solid var(--kind); margin-left: -.6rem;
  padding-left: .45rem; }
.badge.part { font-size: .72rem; }
.explain { margin: .25rem 0 0; font: .75rem var(--sans); color: var(--muted); }
.note { margin: .25rem 0 0; font: .78rem var(--sans); color: var(--muted); font-style: italic; }
.explain code { font-size: .75rem; }
.ghost {
  display: grid; grid-template-columns: 5.5rem 1fr; column-gap: 1rem; padding: .35rem 0;
  border-top: 1px dashed var(--rule); font-size: .8rem; color: var(--faint);
  scroll-margin-top: 1rem;
}
.ghost .gutter { font-weight: 600; }
.empty { padding: 1rem 0 0 6.5rem; color: var(--muted); }
.if-filtered { display: none; }
#only-changes:checked ~ .page .if-filtered { display: block; }
footer { margin-top: 1rem; text-align: center; font-size: .75rem; color: var(--faint); }
.badge.force { background: #fff; border: 1px solid var(--rule); font-weight: 500; }
.badge.strengthened { border-color: var(--ins); color: var(--ins); }
.badge.weakened { border-color: var(--del); color: var(--del); }
.badge.force .dir { font-weight: 700; }
.draft-notes { margin: .35rem 0 0; padding-left: 1.1rem; font: .8rem/1.45 var(--sans);
  color: var(--muted); }
.draft-notes li::marker { color: var(--faint); }
.vote { margin-top: 1rem; font-size: .88rem; }
.vote h2 { margin: 0 0 .35rem; font-size: .72rem; text-transform: uppercase; letter-spacing: .06em;
  color: var(--muted); font-weight: 600; }
.vote table { border-collapse: collapse; margin-bottom: .4rem; }
.vote th, .vote td { padding: .1rem .8rem .1rem 0; text-align: left; font-weight: 400; }
.vote td { font-variant-numeric: tabular-nums; }
.vote ul { display: flex; flex-wrap: wrap; gap: .2rem 1rem; list-style: none; margin: 0;
  padding: 0; }
.vote .from { color: var(--muted); }
.vote .arrow { color: var(--faint); padding: 0 .25em; }
@media (max-width: 40rem) {
  body { padding: 1rem .5rem; font-size: 15px; }
  .docs { grid-template-columns: 1fr; }
  .change, .ghost { grid-template-columns: 3.8rem 1fr; column-gap: .6rem; }
  h2.section, h3.heading, .empty { margin-left: 4.4rem; }
}
@media print {
  @page { margin: 16mm 14mm; }
  html, body { background: #fff; }
  body { padding: 0; font-size: 10.5pt; }
  .page { max-width: none; }
  header.report, main { border: 0; padding-left: 0; padding-right: 0; }
  .toolbar, .legend .screen { display: none; }
  a { color: inherit; text-decoration: none; }
  .change, .ghost { break-inside: avoid; }
  ins { color: #000; background: none; text-decoration: underline double; font-weight: 600; }
  del { color: #555; background: none; text-decoration: line-through; }
  .gutter { border-right-color: var(--kind, transparent); }
  .badge { border: 1px solid #999; background: none !important; color: #000 !important; }
}
""".replace("KIND_COLOURS", css_variables("k-"))


@dataclass(slots=True)
class _Ghost:
    """The place a moved paragraph stood in the old text."""

    change: Change
    after: str | None


Row = Change | _Ghost


class _Ids:
    """Element ids for paragraph labels: 'new-OP5', 'old-OP4', unique and [A-Za-z0-9_-] only."""

    def __init__(self) -> None:
        self._ids: dict[tuple[str, str], str] = {}
        self._used: set[str] = set()

    def __call__(self, side: str, label: str) -> str:
        key = (side, label)
        if key not in self._ids:
            base = f"{side}-{_UNSAFE_ID.sub('-', label)}"
            candidate, n = base, 2
            while candidate in self._used:
                candidate, n = f"{base}-{n}", n + 1
            self._used.add(candidate)
            self._ids[key] = candidate
        return self._ids[key]

    def of(self, change: Change) -> str:
        """The id of a change's block: its first new paragraph, or its old one when removed."""
        if change.new:
            return self("new", change.new[0].label)
        return self("old", change.old[0].label)


def esc(text: str) -> str:
    """Escape document text for HTML content, after neutralising control characters.

    >>> esc('<script>"x"</script>')
    '&lt;script&gt;&quot;x&quot;&lt;/script&gt;'
    """
    return html.escape(visible(text), quote=True)


def render(comparison: Comparison, options: RenderOptions) -> str:
    """The comparison as one self-contained HTML5 page."""
    ids = _Ids()
    changes = shown(comparison, options.only_changes, options.hide_technical)
    rows = _with_ghosts(comparison, changes)
    title = f"resdiff: {doc_name(comparison, 'old')} → {doc_name(comparison, 'new')}"
    toggle = (
        "" if options.only_changes else ('<input type="checkbox" id="only-changes" class="vh">\n')
    )
    from resdiff.renderers import sidebyside

    parts = [
        *page_head(title, CSS + sidebyside.CSS),
        sidebyside.SWITCH + toggle + '<div class="page">',
        _header(comparison, changes, ids),
        _preface(options.preface),
        _toolbar(options),
        _main(rows, ids, options, comparison.has_differences),
        sidebyside.side_by_side(rows, ids),
        "<footer>Generated by resdiff. Inserted text is underlined, deleted text struck "
        "through.</footer>",
        "</div>",
        "</body>",
        "</html>",
    ]
    return "\n".join(parts) + "\n"


# --------------------------------------------------------------------------- header


def _header(comparison: Comparison, changes: list[Change], ids: _Ids) -> str:
    old, new = doc_name(comparison, "old"), doc_name(comparison, "new")
    return "\n".join(
        [
            '<header class="report">',
            '<p class="eyebrow">Resolution comparison</p>',
            f"<h1><span>{esc(old)}</span>{_arrow('to')}<span>{esc(new)}</span></h1>",
            '<dl class="docs">',
            _doc_card("Old version", comparison.old, old),
            _doc_card("New version", comparison.new, new),
            "</dl>",
            _counts(comparison.summary()),
            _overview(changes, ids),
            _renumbering(comparison.renumbered),
            _vote(comparison),
            *(f'<p class="note">Note: {esc(note)}</p>' for note in comparison.notes),
            _substance(comparison),
            "</header>",
        ]
    )


def _substance(comparison: Comparison) -> str:
    """The substantive changes first: new and removed clauses, force, rewordings, moves,
    then the technical ones."""
    lines = substance_lines(comparison, "→")
    if not lines:
        return ""
    items = "".join(
        f"<dt>{esc(name)}</dt><dd>{esc(rest)}</dd>"
        for name, _, rest in (line.partition(": ") for line in lines)
    )
    return (
        '<section class="substance" aria-labelledby="substance-title">'
        '<h2 id="substance-title">What changed</h2>'
        f"<dl>{items}</dl></section>"
    )


def _doc_card(heading: str, doc: Document, name: str) -> str:
    lines = [f'<div class="doc"><dt>{heading}</dt>', f'<dd class="symbol">{esc(name)}</dd>']
    if doc.title:
        lines.append(f'<dd class="title">{esc(doc.title)}</dd>')
    details = [d for d in (doc.body, doc.date) if d]
    if details:
        lines.append(f'<dd class="date">{esc(" · ".join(details))}</dd>')
    lines.append("</div>")
    return "\n".join(lines)


def _counts(counts: dict[str, int]) -> str:
    items = []
    for kind in COUNT_ORDER:
        zero = " zero" if counts[kind] == 0 else ""
        items.append(
            f'<li class="c-{kind}{zero}"><strong data-count="{kind}">{counts[kind]}</strong> '
            f"{kind}</li>"
        )
    return (
        '<ul class="counts" aria-label="Paragraphs per kind of change">' + "".join(items) + "</ul>"
    )


def _overview(changes: list[Change], ids: _Ids) -> str:
    cells = []
    section = None
    for change in changes:
        current = _section(change)
        if section is not None and current != section:
            cells.append('<li aria-hidden="true"><span class="gap"></span></li>')
        section = current
        cells.append(_strip_cell(change, ids))
    return "\n".join(
        [
            '<nav class="overview" aria-labelledby="overview-title">',
            '<h2 id="overview-title">Where the changes are</h2>',
            '<ol class="strip">' + "".join(cells) + "</ol>",
            '<p class="legend">Inserted words look like <ins>this</ins>, deleted words like '
            '<del>this</del>.<span class="screen"> Each cell is one paragraph, in document '
            "order; select one to jump to it.</span></p>",
            "</nav>",
        ]
    )


def _strip_cell(change: Change, ids: _Ids) -> str:
    classes = " ".join(_classes(change))
    sign = _strip_sign(change)
    label = _labels(change.new or change.old)
    return (
        f'<li><a class="{classes}" href="#{ids.of(change)}">'
        f'<span aria-hidden="true">{sign}</span>'
        f'<span class="vh">{label}: {change_status(change)}</span></a></li>'
    )


def _strip_sign(change: Change) -> str:
    """The sign of a strip cell; unchanged cells are left blank so that changes stand out."""
    if change.kind == "unchanged":
        return STYLES["moved"].sign if change.moved else ""
    return STYLES[change.kind].sign


def _renumbering(renumbered: dict[str, str]) -> str:
    if not renumbered:
        return ""
    items = []
    for part in renumbering_text(renumbered).split(", "):
        before, after = part.split(" -> ")
        items.append(f"<li>{esc(before)}{_arrow('became')}{esc(after)}</li>")
    return (
        '<section class="renumbering" aria-labelledby="renumbering-title">'
        '<h2 id="renumbering-title">Renumbered paragraphs (old → new)</h2>'
        f"<ul>{''.join(items)}</ul></section>"
    )


def _vote(comparison: Comparison) -> str:
    """The recorded vote of both versions: counts, then the countries that moved."""
    change = comparison.vote_change
    if change is None or not change.changed:
        return ""
    rows = "".join(
        f'<tr><th scope="row">{VOTE_LISTS[name]}</th><td>{_number(a)}</td>'
        f"<td>{_arrow('became')}</td><td>{_number(b)}</td></tr>"
        for name, (a, b) in change.counts.items()
    )
    moves = "".join(
        f'<li>{esc(m.country)}: <span class="from">{VOTE_LISTS[m.old]}</span>'
        f"{_arrow('to')}{VOTE_LISTS[m.new]}</li>"
        for m in change.moves
    )
    return (
        '<section class="vote" aria-labelledby="vote-title">'
        '<h2 id="vote-title">Recorded vote (old → new)</h2>'
        f"<table>{rows}</table>"
        + (f'<ul aria-label="Countries that voted differently">{moves}</ul>' if moves else "")
        + "</section>"
    )


def _number(value: int | None) -> str:
    return "?" if value is None else str(value)


def _toolbar(options: RenderOptions) -> str:
    from resdiff.renderers.sidebyside import VIEWS

    if options.only_changes:
        return f'<div class="toolbar">{VIEWS}</div>'
    return (
        f'<div class="toolbar">{VIEWS}<label class="toggle" for="only-changes">'
        "Show only changes</label></div>"
    )


# --------------------------------------------------------------------------- body


def _with_ghosts(comparison: Comparison, changes: list[Change]) -> list[Row]:
    """The changes in reading order, each moved one also marked where it stood in the old text.

    A marker goes right after the change holding the nearest preceding old
    paragraph that did not move (at the top when there is none).
    """
    index = {id(p): i for i, p in enumerate(comparison.old.paragraphs)}
    holder: dict[int, Change] = {}
    for change in comparison.changes:
        if not change.moved:
            holder.update({index[id(p)]: change for p in change.old if id(p) in index})
    after: dict[int, list[tuple[int, _Ghost]]] = {}
    for change in changes:
        if change.moved and change.old and change.new:
            start = index.get(id(change.old[0]), 0)
            anchor = next((holder[k] for k in range(start - 1, -1, -1) if k in holder), None)
            previous = comparison.old.paragraphs[start - 1].label if start else None
            after.setdefault(id(anchor), []).append((start, _Ghost(change, previous)))
    listed = {id(c) for c in changes}
    rows: list[Row] = [g for _, g in sorted(after.get(id(None), []), key=lambda x: x[0])]
    for change in comparison.changes:
        if id(change) in listed:
            rows.append(change)
        rows.extend(g for _, g in sorted(after.get(id(change), []), key=lambda x: x[0]))
    return rows


def _main(rows: list[Row], ids: _Ids, options: RenderOptions, different: bool) -> str:
    out = ['<main class="inline" aria-label="Paragraphs">']
    for section, group in groupby(rows, key=_row_section):
        members = list(group)
        plain = all(
            isinstance(r, Change) and r.kind == "unchanged" and not r.moved for r in members
        )
        title = SECTION_TITLES.get(section, esc(section))
        out.append(f'<h2 class="section{" unchanged" if plain else ""}">{title}</h2>')
        out.extend(
            _ghost(r, ids) if isinstance(r, _Ghost) else _article(r, ids, options) for r in members
        )
    if not any(isinstance(r, Change) for r in rows):
        out.append('<p class="empty">No differences.</p>')
    elif not different:
        out.append('<p class="empty if-filtered">No differences.</p>')
    out.append("</main>")
    return "\n".join(out)


def _row_section(row: Row) -> str:
    return row.change.old[0].section if isinstance(row, _Ghost) else _section(row)


def _article(change: Change, ids: _Ids, options: RenderOptions) -> str:
    parts = [
        _heading(change),
        f'<article class="{" ".join(["change", *_classes(change)])}" id="{ids.of(change)}">',
        _gutter(change, ids),
        '<div class="content">',
        _meta(change, ids),
        _body(change),
        f'<p class="note">Note: {esc(change.redline_note)}</p>' if change.redline_note else "",
        _draft_notes(change),
        _change_notes(options.change_notes.get(id(change), [])),
        _footnotes(change),
        _explain(change) if options.explain else "",
        "</div>",
        "</article>",
    ]
    return "\n".join(p for p in parts if p)


def _heading(change: Change) -> str:
    paragraph = (change.new or change.old)[0]
    return f'<h3 class="heading">{esc(paragraph.heading)}</h3>' if paragraph.heading else ""


def _gutter(change: Change, ids: _Ids) -> str:
    own = ids.of(change)
    anchors = [("new", p.label) for p in change.new]
    if not change.moved or not change.new:
        anchors += [("old", p.label) for p in change.old]
    extra = "".join(
        f'<span id="{ids(side, label)}"></span>'
        for side, label in anchors
        if ids(side, label) != own
    )
    shown_label = f'<a class="label" href="#{own}">{_labels(change.new or change.old)}</a>'
    was = ""
    if change.new and change.old and change.old_label != change.new_label and not change.moved:
        was = f'<span class="was">was {_labels(change.old)}</span>'
    elif not change.new:
        was = '<span class="was">removed (old number)</span>'
    return f'<div class="gutter">{shown_label}{was}{extra}</div>'


def _meta(change: Change, ids: _Ids) -> str:
    if change.kind == "unchanged" and not change.moved:
        return ""
    summary = parts_summary(change, "→")
    kind = esc(summary) if summary else change.kind
    badges = [] if change.kind == "unchanged" else [f'<span class="badge kind">{kind}</span>']
    if change.technical:
        badges.append('<span class="badge">technical</span>')
    if change.force is not None:
        force = change.force
        badges.append(
            f'<span class="badge force {force.direction}"><span class="dir">{force.direction}'
            f"</span>: {esc(force.old)}{_arrow('to')}{esc(force.new)}</span>"
        )
    if change.moved and change.old and change.new:
        target = ids("old", change.old[0].label)
        badges.append(
            f'<a class="badge moved-from" href="#{target}">moved from {_labels(change.old)}</a>'
        )
    if change.old and change.new and change.kind != "unchanged":
        badges.append(f'<span class="sim">{change.similarity:.0%} similar</span>')
    if change.kind == "split":
        badges.append(f'<span class="sim">split into {_labels(change.new)}</span>')
    if change.kind == "merged":
        badges.append(f'<span class="sim">merged from {_labels(change.old)}</span>')
    return f'<p class="meta">{" ".join(badges)}</p>'


def _body(change: Change) -> str:
    if change.kind == "added":
        return _paragraph(change.new[0], "ins")
    if change.kind == "removed":
        return _paragraph(change.old[0], "del")
    if change.kind == "unchanged":
        return _paragraph(change.new[0], None)
    if change.parts:
        return _parts(change)
    return f'<p class="text">{redline_html(change.redline)}</p>'


def _parts(change: Change) -> str:
    """A paired paragraph part by part: its text, its sub-items (each changed one marked
    with its kind and its own redline), then the footnotes that changed."""
    text, items, notes = "", [], []
    for part in change.parts:
        body = _part_body(part)
        if part.part == "text":
            text = f'<p class="text">{body}</p>'
            continue
        label = esc(part_label(part, "→"))
        badge = f' <span class="badge part">{part.kind}</span>' if part.changed else ""
        if part.part == "subitem":
            marked = " changed" if part.changed else ""
            label_html = f'<span class="sub-label">{label}</span>'
            items.append(f'<li class="part{marked}">{label_html}{badge} {body}</li>')
        elif part.changed:
            notes.append(f"<span>footnote {label[len('footnote ') :]}</span>{badge} {body}")
    html_items = f'<ul class="subitems">{"".join(items)}</ul>' if items else ""
    html_notes = f'<p class="footnotes">{"<br>".join(notes)}</p>' if notes else ""
    return text + html_items + html_notes


def _part_body(part: PartChange) -> str:
    if part.kind == "reworded":
        return redline_html(part.redline)
    if part.kind == "added":
        return _marked(part.new_text or "", "ins")
    if part.kind == "removed":
        return _marked(part.old_text or "", "del")
    return esc(part.new_text or "")


def page_head(title: str, css: str) -> list[str]:
    """The opening lines of a self-contained report page, up to ``<body>``."""
    return [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="generator" content="resdiff">',
        f"<title>{esc(title)}</title>",
        f"<style>{css}</style>",
        "</head>",
        "<body>",
    ]


def redline_html(redline: Redline) -> str:
    """A redline as HTML: ``<ins>``/``<del>`` with hidden '[inserted: ...]' text for readers.

    >>> redline_html([("delete", "Urges"), ("insert", " Encourages"), ("equal", " States")])
    '<span class="vh">[deleted: </span><del>Urges</del><span class="vh">]</span> \
<span class="vh">[inserted: </span><ins>Encourages</ins><span class="vh">]</span> States'
    """
    parts = []
    for op, text in fold(redline):
        if op == "equal" or not text.strip():
            parts.append("" if op == "delete" else esc(text))  # a space-only edit is spacing
            continue
        lead = " " if text.startswith(" ") else ""
        parts.append(lead + _marked(text.lstrip(" "), "ins" if op == "insert" else "del"))
    return "".join(parts)


def _marked(text: str, tag: str | None) -> str:
    if tag is None:
        return esc(text)
    word = "inserted" if tag == "ins" else "deleted"
    return f'<span class="vh">[{word}: </span><{tag}>{esc(text)}</{tag}><span class="vh">]</span>'


def _paragraph(paragraph: Paragraph, tag: str | None) -> str:
    text = f'<p class="text">{_marked(strip_emphasis(paragraph.text), tag)}</p>'
    if not paragraph.subitems:
        return text
    return text + _subitems(paragraph.subitems, tag)


def _subitems(items: list[Subitem], tag: str | None) -> str:
    lines = []
    for item in items:
        label = f'<span class="sub-label">{esc(item.label)}</span> ' if item.label else ""
        nested = _subitems(item.subitems, tag) if item.subitems else ""
        lines.append(f"<li>{label}{_marked(strip_emphasis(item.text), tag)}{nested}</li>")
    return f'<ul class="subitems">{"".join(lines)}</ul>'


def _draft_notes(change: Change) -> str:
    """What a negotiation round did to the paragraph (status, brackets, proposals)."""
    lines = draft_lines(change, "→")
    if not lines:
        return ""
    items = "".join(f"<li>{esc(line)}</li>" for line in lines)
    return f'<ul class="draft-notes" aria-label="Negotiation">{items}</ul>'


def _change_notes(lines: list[str]) -> str:
    """Lines a caller attached to the change (the amendment instructions that made it)."""
    if not lines:
        return ""
    items = "".join(f"<li>{esc(line)}</li>" for line in lines)
    return f'<ul class="draft-notes" aria-label="Notes">{items}</ul>'


def _preface(lines: tuple[str, ...]) -> str:
    """Lines a caller shows before the changes (what each amendment instruction did)."""
    if not lines:
        return ""
    items = "".join(f"<li>{esc(line)}</li>" for line in lines)
    return f'<section class="preface" aria-label="Notes"><ul>{items}</ul></section>'


def _footnotes(change: Change) -> str:
    notes = [n for p in (change.new or change.old) for n in p.footnotes]
    if not notes:
        return ""
    items = "<br>".join(f"<sup>{esc(n.marker)}</sup> {esc(n.text)}" for n in notes)
    return f'<p class="footnotes">{items}</p>'


def _explain(change: Change) -> str:
    return (
        f'<p class="explain">method <code>{change.method}</code>, '
        f"similarity {change.similarity:.2f}, score {change.score:.2f}</p>"
    )


def _ghost(ghost: _Ghost, ids: _Ids) -> str:
    change = ghost.change
    own = ids("old", change.old[0].label)
    extra = "".join(f'<span id="{ids("old", p.label)}"></span>' for p in change.old[1:])
    where = f" (after {esc(ghost.after)})" if ghost.after else ""
    return (
        f'<div class="ghost" id="{own}"><div class="gutter">{_labels(change.old)}{extra}</div>'
        f"<div>Old {_labels(change.old)} stood here{where}; "
        f'<a href="#{ids.of(change)}">moved to {_labels(change.new)}</a></div></div>'
    )


# --------------------------------------------------------------------------- shared bits


def _arrow(spoken: str) -> str:
    return f'<span class="arrow" aria-hidden="true">→</span><span class="vh"> {spoken} </span>'


def _classes(change: Change) -> list[str]:
    classes: list[str] = [change.kind]
    if change.moved:
        classes.append("moved")
    if change.technical:
        classes.append("technical")
    return classes


def _labels(paragraphs: list[Paragraph]) -> str:
    """Escaped labels of one side, joined so that they can wrap: 'OP8 + OP9'."""
    return esc(" + ".join(p.label for p in paragraphs))


def _section(change: Change) -> str:
    return (change.new or change.old)[0].section
