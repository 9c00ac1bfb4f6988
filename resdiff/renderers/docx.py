"""Word report: the new version of the resolution with every difference as a tracked change.

The first page summarises the comparison (symbols and titles of both versions,
counts per change kind, renumbering, moves). It is report matter, not
resolution text, and is *not* tracked. The resolution follows a page break,
inside the bookmark ``resdiff_resolution``; there every difference from the old
version is a Word revision (``w:ins`` / ``w:del`` by author "resdiff"), so that
over that range accepting all changes gives the new text and rejecting all
gives the old text, paragraph by paragraph. ``w:trackRevisions`` is set so that
a reviewer's own edits are tracked too.

How the changes are drawn:

* a paragraph pair is one Word paragraph whose runs follow the word redline;
* an added paragraph is inserted text with an inserted paragraph mark, a
  removed one deleted text with a deleted paragraph mark, where it stood;
* a moved paragraph is deleted where it stood and inserted where it stands now
  (plain revisions rather than ``w:moveFrom``/``w:moveTo`` ranges, which Word
  and LibreOffice do not treat alike);
* split and merged paragraphs are one redline across the joined texts, with the
  paragraph marks that exist on one side only marked inserted or deleted;
* printed numbers ("5. ") are typed text, so a renumbering is a tracked change
  of the number; sub-items start on a new line (``w:br``), emphasis is kept as
  italics and footnote markers as superscript digits.

Revision dates are the time of rendering (UTC, whole seconds), or the time in
``SOURCE_DATE_EPOCH`` when it is set; the zip entries carry the same time, so a
fixed date gives byte-identical output.
"""

from __future__ import annotations

import io
import os
import re
import zipfile
from bisect import bisect_left
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any

from resdiff.diff import diff as token_diff
from resdiff.errors import UsageError
from resdiff.model import Change, Comparison, Paragraph, RedlineOp, Subitem
from resdiff.normalize import TOKEN_RE, from_superscript, is_marker, token_key
from resdiff.redline import Redline, display, fold, redline, spans
from resdiff.renderers import RenderOptions
from resdiff.renderers.common import doc_name, renumbering_text
from resdiff.renderers.kinds import COUNT_ORDER
from resdiff.safety import visible

AUTHOR = "resdiff"
BOOKMARK = "resdiff_resolution"
BOOKMARK_ID = 0

# The markdown emphasis marks of resolution text (same pattern as resdiff.normalize).
_EMPHASIS_RE = re.compile(r"(?<![\w*])[*_]{1,3}(?=\S)|(?<=\S)[*_]{1,3}(?![\w*])")
_NOT_XML_RE = re.compile("[\ud800-\udfff\ufffe\uffff]")
# w:settings children that come before w:trackRevisions in the schema's sequence.
_BEFORE_TRACK_REVISIONS = frozenset(
    "writeProtection view zoom removePersonalInformation removeDateAndTime "
    "doNotDisplayPageBoundaries displayBackgroundShape printPostScriptOverText "
    "printFractionalCharacterWidth printFormsData embedTrueTypeFonts embedSystemFonts "
    "saveSubsetFonts saveFormsData mirrorMargins alignBordersAndEdges "
    "bordersDoNotSurroundHeader bordersDoNotSurroundFooter gutterAtTop hideSpellingErrors "
    "hideGrammaticalErrors activeWritingStyle proofState formsDesign attachedTemplate "
    "linkStyles stylePaneFormatFilter stylePaneSortMethod documentType mailMerge "
    "revisionView trackRevisions".split()
)


# --------------------------------------------------------------------------- entry points


def render(comparison: Comparison, options: RenderOptions) -> bytes:
    """The comparison as a .docx: the new text with the differences as tracked changes.

    ``options`` do not apply: the document always holds the whole text (the
    accept/reject property needs every paragraph), without colours or scores.
    """
    return build(comparison, date=revision_date())


def revision_date(environ: Mapping[str, str] | None = None) -> datetime:
    """The date stamped on every revision: ``SOURCE_DATE_EPOCH`` if set, else now (UTC).

    >>> revision_date({"SOURCE_DATE_EPOCH": "1577836800"}).isoformat()
    '2020-01-01T00:00:00+00:00'
    """
    value = (os.environ if environ is None else environ).get("SOURCE_DATE_EPOCH", "").strip()
    if not value:
        return datetime.now(UTC).replace(microsecond=0)
    try:
        return datetime.fromtimestamp(int(value), UTC)
    except (ValueError, OverflowError, OSError):
        raise UsageError(
            f"SOURCE_DATE_EPOCH must be a whole number of seconds, not {value!r}"
        ) from None


def build(
    comparison: Comparison,
    *,
    date: datetime,
    authors: Mapping[int, str] | None = None,
    notes: Sequence[str] = (),
) -> bytes:
    """Write the report with every revision dated ``date`` (an aware or UTC datetime).

    ``authors`` names the author of each change's revisions (keyed by the change's
    ``id``; "resdiff" for the others); ``notes`` are lines added to the summary page.
    """
    try:
        import docx
    except ImportError:
        raise UsageError("the docx format needs python-docx (pip install python-docx)") from None
    date = date.astimezone(UTC) if date.tzinfo else date.replace(tzinfo=UTC)
    document = docx.Document()
    _page_setup(document)
    _summary(document, comparison, date, notes)
    writer = _Writer(document, date.strftime("%Y-%m-%dT%H:%M:%SZ"))
    writer.write(_body_pieces(comparison, authors or {}))
    if writer.footnotes:
        _footnotes_part(document, writer.footnotes)
    _track_revisions(document)
    _core_properties(document, comparison, date)
    _drop_thumbnail(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return _fixed_timestamps(buffer.getvalue(), date)


# --------------------------------------------------------------------------- body items


@dataclass(frozen=True, slots=True)
class _Block:
    """One printed paragraph: its number, the heading above it, its lines (text, sub-items)."""

    number: str | None
    heading: str | None
    lines: tuple[str, ...]
    notes: tuple[tuple[str, str], ...] = ()  # (marker, body) of the footnotes it cites


@dataclass(frozen=True, slots=True)
class _Item:
    """A stretch of body text: old blocks, new blocks and the redline between them, and the
    change it draws (None for the opening line)."""

    old: tuple[_Block, ...]
    new: tuple[_Block, ...]
    diff: Redline
    change: Change | None = None


@dataclass(slots=True)
class _Anchor:
    """A pairing drawn in place: old and new paragraphs are consecutive on both sides."""

    change: Change
    old: list[int]
    new: list[int]


def _block(paragraph: Paragraph) -> _Block:
    lines = [paragraph.text, *_subitem_lines(paragraph.subitems)]
    heading = " ".join(paragraph.heading.split()) if paragraph.heading else None
    notes = tuple((note.marker, note.text) for note in paragraph.footnotes)
    return _Block(paragraph.number, heading, tuple(lines), notes)


def _subitem_lines(items: Sequence[Subitem]) -> Iterator[str]:
    for item in items:
        yield f"{item.label} {item.text}".strip()
        yield from _subitem_lines(item.subitems)


def _joined(blocks: Sequence[_Block]) -> str:
    return " ".join(line for block in blocks for line in block.lines)


def _one_sided(blocks: Sequence[_Block], op: RedlineOp) -> _Item:
    text = "".join(spans(_joined(blocks)))
    diff: Redline = [(op, text)] if text else []
    return _Item(tuple(blocks), (), diff) if op == "delete" else _Item((), tuple(blocks), diff)


def _pair_item(old: Sequence[_Block], new: Sequence[_Block], diff: Redline | None) -> _Item:
    if not old:
        return _one_sided(new, "insert")
    if not new:
        return _one_sided(old, "delete")
    if not diff:
        diff = fold(redline(_joined(old), _joined(new)))
    return _Item(tuple(old), tuple(new), diff)


def _items(comparison: Comparison) -> list[_Item]:
    """The body in reading order: opening line, then paragraphs, moves split in two."""
    items = []
    old_open, new_open = comparison.old.opening, comparison.new.opening
    if old_open or new_open:
        old_blocks = [_Block(None, None, (old_open,))] if old_open else []
        new_blocks = [_Block(None, None, (new_open,))] if new_open else []
        items.append(_pair_item(old_blocks, new_blocks, None))
    return items + _paragraph_items(comparison)


def _paragraph_items(comparison: Comparison) -> list[_Item]:
    old_index = {id(p): i for i, p in enumerate(comparison.old.paragraphs)}
    new_index = {id(p): i for i, p in enumerate(comparison.new.paragraphs)}
    anchors, loose = _anchors(comparison.changes, old_index, new_index)
    old_loose = sorted((old_index[id(p)], p) for c in loose for p in c.old)
    new_loose = sorted((new_index[id(p)], p) for c in loose for p in c.new)
    old_ends = [a.old[-1] for a in anchors]
    new_ends = [a.new[-1] for a in anchors]
    slots: list[list[_Item]] = [[] for _ in range(len(anchors) + 1)]
    change_of = {id(p): c for c in loose for p in c.old + c.new}
    for i, paragraph in old_loose:
        item = replace(_one_sided([_block(paragraph)], "delete"), change=change_of[id(paragraph)])
        slots[bisect_left(old_ends, i)].append(item)
    for j, paragraph in new_loose:
        item = replace(_one_sided([_block(paragraph)], "insert"), change=change_of[id(paragraph)])
        slots[bisect_left(new_ends, j)].append(item)
    items: list[_Item] = []
    for k, slot in enumerate(slots):
        items.extend(slot)
        if k < len(anchors):
            items.append(_anchor_item(anchors[k].change))
    return items


def _anchor_item(change: Change) -> _Item:
    old = [_block(p) for p in change.old]
    new = [_block(p) for p in change.new]
    item = _pair_item(old, new, fold(change.redline) if change.kind != "unchanged" else None)
    return replace(item, change=change)


def _anchors(
    changes: Sequence[Change], old_index: dict[int, int], new_index: dict[int, int]
) -> tuple[list[_Anchor], list[Change]]:
    """Split changes into pairings drawn in place (in order on both sides) and the rest.

    Moved pairings, pairings of non-adjacent paragraphs and pairings out of
    order with the others are drawn as deletions and insertions instead.
    """
    candidates: list[_Anchor] = []
    loose: list[Change] = []
    for change in changes:
        old = [old_index[id(p)] for p in change.old]
        new = [new_index[id(p)] for p in change.new]
        if old and new and not change.moved and _consecutive(old) and _consecutive(new):
            candidates.append(_Anchor(change, old, new))
        else:
            loose.append(change)
    candidates.sort(key=lambda a: a.new[0])
    keep = set(_increasing_run([a.old[0] for a in candidates]))
    loose.extend(a.change for k, a in enumerate(candidates) if k not in keep)
    return [a for k, a in enumerate(candidates) if k in keep], loose


def _consecutive(indexes: list[int]) -> bool:
    return indexes == list(range(indexes[0], indexes[0] + len(indexes)))


def _increasing_run(values: list[int]) -> list[int]:
    """Positions of a longest strictly increasing subsequence of ``values``.

    >>> _increasing_run([0, 3, 1, 2])
    [0, 2, 3]
    """
    tails: list[int] = []  # tails[k]: position ending the best run of length k + 1
    tail_values: list[int] = []
    previous: list[int | None] = []
    for position, value in enumerate(values):
        k = bisect_left(tail_values, value)
        previous.append(tails[k - 1] if k else None)
        if k == len(tails):
            tails.append(position)
            tail_values.append(value)
        else:
            tails[k], tail_values[k] = position, value
    run: list[int] = []
    cursor = tails[-1] if tails else None
    while cursor is not None:
        run.append(cursor)
        cursor = previous[cursor]
    return run[::-1]


# --------------------------------------------------------------------------- token walk


@dataclass(frozen=True, slots=True)
class _Piece:
    """A run of text with its revision: equal (plain), insert or delete."""

    op: RedlineOp
    text: str
    italic: bool = False
    was_italic: bool | None = None  # the emphasis before a tracked formatting change


@dataclass(frozen=True, slots=True)
class _Break:
    """A paragraph mark or line break, with the blocks that start after it on each side."""

    op: RedlineOp
    paragraph: bool
    old_next: _Block | None = None
    new_next: _Block | None = None
    heading: bool = False  # the paragraph this mark ends is a heading


@dataclass(frozen=True, slots=True)
class _Author:
    """The author of the revisions that follow."""

    name: str


@dataclass(frozen=True, slots=True)
class _Note:
    """A footnote reference: the body it has in the old and in the new text (None where the
    footnote is not cited). Word numbers footnotes itself, so a renumbering is no edit."""

    old: str | None
    new: str | None


_Output = _Piece | _Break | _Author | _Note


@dataclass(frozen=True, slots=True)
class _Cut:
    """The end of a line or block: after ``at`` tokens of one side."""

    at: int
    paragraph: bool
    next_block: _Block | None


@dataclass(slots=True)
class _Side:
    """The tokens of one side of an item with their italics, markers and line ends."""

    spans: list[str] = field(default_factory=list)
    keys: list[str] = field(default_factory=list)
    italic: list[bool] = field(default_factory=list)
    markers: list[str] = field(default_factory=list)
    cuts: list[_Cut] = field(default_factory=list)
    notes: dict[str, str] = field(default_factory=dict)  # marker digits -> footnote body


@dataclass(frozen=True, slots=True)
class _Token:
    """One redline token; ``old``/``new`` are its index on each side, None where absent."""

    op: RedlineOp
    text: str
    old: int | None
    new: int | None


def _side(blocks: Sequence[_Block]) -> _Side:
    side = _Side()
    for b, block in enumerate(blocks):
        side.notes.update(block.notes)
        for n, line in enumerate(block.lines):
            line_spans = spans(line)
            if side.spans and line_spans and not line_spans[0].startswith(" "):
                line_spans[0] = " " + line_spans[0]
            italic, markers = _token_marks(line, [s.strip() for s in line_spans])
            side.spans += line_spans
            side.keys += [token_key(s.strip()) for s in line_spans]
            side.italic += italic
            side.markers += markers
            last = n == len(block.lines) - 1
            following = blocks[b + 1] if last and b + 1 < len(blocks) else None
            side.cuts.append(_Cut(len(side.spans), last, following))
    return side


def _token_marks(line: str, tokens: list[str]) -> tuple[list[bool], list[str]]:
    """Whether each token of ``line`` is emphasised, and the footnote markers after it."""
    raw: list[list[Any]] = []  # [token, italic, markers that follow]
    italic, position = False, 0
    for match in [*_EMPHASIS_RE.finditer(line), None]:
        end = match.start() if match else len(line)
        for token in TOKEN_RE.findall(line[position:end]):
            if is_marker(token):
                if raw:
                    raw[-1][2] += token
            else:
                raw.append([token, italic, ""])
        if match:
            italic, position = not italic, match.end()
    return _align_marks(tokens, raw)


def _align_marks(tokens: list[str], raw: list[list[Any]]) -> tuple[list[bool], list[str]]:
    """Map marks of raw tokens onto span tokens (which may join a few raw ones)."""
    italic: list[bool] = []
    markers: list[str] = []
    k = 0
    for token in tokens:
        text, flag, marks = "", None, ""
        while len(text) < len(token) and k < len(raw):
            text += raw[k][0]
            flag = raw[k][1] if flag is None else flag
            marks += raw[k][2]
            k += 1
        if text != token:
            return [False] * len(tokens), [""] * len(tokens)
        italic.append(bool(flag))
        markers.append(marks)
    return italic, markers


def _stream(diff: Redline, old: _Side, new: _Side) -> list[_Token] | None:
    """The redline cut back into the sides' tokens, or None when they do not match."""
    tokens: list[_Token] = []
    o = n = 0
    for op, text in diff:
        source, start = (old.spans, o) if op == "delete" else (new.spans, n)
        taken = _take(source, start, text)
        if taken is None or (op == "equal" and not _same_keys(old, o, new, n, taken)):
            return None
        for k in range(taken):
            old_at = o + k if op != "insert" else None
            new_at = n + k if op != "delete" else None
            tokens.append(_Token(op, source[start + k], old_at, new_at))
        o += taken if op != "insert" else 0
        n += taken if op != "delete" else 0
    if o != len(old.spans) or n != len(new.spans):
        return None
    return tokens


def _same_keys(old: _Side, o: int, new: _Side, n: int, count: int) -> bool:
    if o + count > len(old.spans):
        return False
    return all(old.keys[o + k] == new.keys[n + k] for k in range(count))


def _direct_stream(old: _Side, new: _Side) -> list[_Token]:
    """A word diff of the two sides' tokens, for when the change's redline does not fit
    (the bounded diff of ``resdiff.diff``: difflib's for paragraphs of ordinary length)."""
    tokens: list[_Token] = []
    found = token_diff(old.keys, new.keys)
    for op, a1, a2, b1, b2 in found.opcodes(len(old.keys), len(new.keys)):
        if op == "equal":
            tokens += [_Token("equal", new.spans[b1 + k], a1 + k, b1 + k) for k in range(a2 - a1)]
            continue
        tokens += [_Token("delete", old.spans[i], i, None) for i in range(a1, a2)]
        tokens += [_Token("insert", new.spans[j], None, j) for j in range(b1, b2)]
    return tokens


def _take(source: list[str], start: int, text: str) -> int | None:
    joined, k = "", 0
    while len(joined) < len(text) and start + k < len(source):
        joined += source[start + k]
        k += 1
    return k if joined == text else None


def _item_pieces(item: _Item) -> list[_Output]:
    """The runs and breaks of one item: a redline with its paragraph marks placed."""
    old, new = _side(item.old), _side(item.new)
    stream = _stream(item.diff, old, new) or _direct_stream(old, new)
    breaks = _place_breaks(stream, old, new)
    pieces = _block_start(item.old[0] if item.old else None, item.new[0] if item.new else None)
    for position in range(len(stream) + 1):
        here = breaks.get(position, [])
        for brk in here:
            pieces.append(brk)
            if brk.paragraph:
                pieces.extend(_block_start(brk.old_next, brk.new_next))
        if position < len(stream):
            pieces.extend(_token_pieces(stream[position], here, old, new))
    return pieces


def _place_breaks(stream: list[_Token], old: _Side, new: _Side) -> dict[int, list[_Break]]:
    """Where each line end goes in the token stream, and whether both sides have it.

    An old cut may sit anywhere between its last old token and the next one;
    when a new cut of the same kind can sit in the same place, the two are one
    plain break, otherwise each is a deleted or inserted break of its own.
    """
    old_at = [k for k, t in enumerate(stream) if t.old is not None]
    new_at = [k for k, t in enumerate(stream) if t.new is not None]
    placed: list[tuple[int, _Break]] = []
    for paragraph in (False, True):
        olds = [_range(c, old_at, len(stream)) for c in old.cuts if c.paragraph == paragraph]
        news = [_range(c, new_at, len(stream)) for c in new.cuts if c.paragraph == paragraph]
        placed.extend(_pair_cuts(olds, news, paragraph))
    breaks: dict[int, list[_Break]] = {}
    for position, brk in placed:  # line breaks first, then paragraph marks
        breaks.setdefault(position, []).append(brk)
    return breaks


_Range = tuple[int, int, _Cut]


def _range(cut: _Cut, at: list[int], length: int) -> _Range:
    low = at[cut.at - 1] + 1 if cut.at else 0
    high = at[cut.at] if cut.at < len(at) else length
    return low, high, cut


def _pair_cuts(olds: list[_Range], news: list[_Range], paragraph: bool) -> list[tuple[int, _Break]]:
    placed: list[tuple[int, _Break]] = []
    i = j = 0
    while i < len(olds) or j < len(news):
        if j == len(news) or (i < len(olds) and olds[i][1] < news[j][0]):
            placed.append((olds[i][1], _Break("delete", paragraph, olds[i][2].next_block)))
            i += 1
        elif i == len(olds) or news[j][1] < olds[i][0]:
            placed.append((news[j][1], _Break("insert", paragraph, None, news[j][2].next_block)))
            j += 1
        else:
            brk = _Break("equal", paragraph, olds[i][2].next_block, news[j][2].next_block)
            placed.append((min(olds[i][1], news[j][1]), brk))
            i += 1
            j += 1
    return placed


def _op(old: bool, new: bool) -> RedlineOp | None:
    if old and new:
        return "equal"
    if old:
        return "delete"
    return "insert" if new else None


def _changed(old: str | None, new: str | None, italic: bool = False) -> list[_Piece]:
    """Plain text when both sides agree, else the old deleted and the new inserted."""
    if old == new:
        return [_Piece("equal", new, italic)] if new else []
    pieces = [_Piece("delete", old, italic)] if old else []
    return pieces + ([_Piece("insert", new, italic)] if new else [])


def _block_start(old: _Block | None, new: _Block | None) -> list[_Output]:
    """A heading paragraph and the printed number, at the start of a paragraph."""
    pieces: list[_Output] = []
    old_heading = old.heading if old else None
    new_heading = new.heading if new else None
    if old_heading or new_heading:
        pieces += _changed(old_heading, new_heading)
        op = _op(bool(old_heading), bool(new_heading))
        pieces.append(_Break(op or "equal", True, heading=True))
    old_number = f"{old.number}. " if old and old.number else None
    new_number = f"{new.number}. " if new and new.number else None
    return pieces + _changed(old_number, new_number)


def _token_pieces(
    token: _Token, here: list[_Break], old: _Side, new: _Side
) -> list[_Piece | _Note]:
    """A token with its leading space and the footnote markers that follow it."""
    pieces: list[_Piece | _Note] = [*_space(token, here, old, new), *_word(token, old, new)]
    old_marks = old.markers[token.old] if token.old is not None else None
    new_marks = new.markers[token.new] if token.new is not None else None
    return pieces + _note_pieces(old_marks or None, new_marks or None, old, new)


def _note_pieces(
    old_marks: str | None, new_marks: str | None, old: _Side, new: _Side
) -> list[_Piece | _Note]:
    """Footnote references after a token: Word footnotes for markers whose body is known
    (the same body on both sides is one reference), the digits as text otherwise."""
    old_body = old.notes.get(from_superscript(old_marks)) if old_marks else None
    new_body = new.notes.get(from_superscript(new_marks)) if new_marks else None
    if old_body is None and new_body is None:
        return list(_changed(old_marks, new_marks))
    if old_body is not None and new_body is not None:
        return [_Note(old_body, new_body)]
    pieces: list[_Piece | _Note] = []
    pieces += [_Note(old_body, None)] if old_body is not None else _changed(old_marks, None)
    pieces += [_Note(None, new_body)] if new_body is not None else _changed(None, new_marks)
    return pieces


def _space(token: _Token, here: list[_Break], old: _Side, new: _Side) -> list[_Piece]:
    """The space before a token, on the sides where it has one and no break precedes it.

    Each side keeps its own spacing: an equal token may follow a space in one
    text and a bracket in the other.
    """
    in_old = token.old is not None and old.spans[token.old].startswith(" ")
    in_new = token.new is not None and new.spans[token.new].startswith(" ")
    op = _op(
        in_old and all(b.op == "insert" for b in here),
        in_new and all(b.op == "delete" for b in here),
    )
    return [_Piece(op, " ")] if op else []


def _word(token: _Token, old: _Side, new: _Side) -> list[_Piece]:
    """The token itself; an equal token may still change case or emphasis.

    A change of case ("Reaffirms" -> "reaffirms" in a merge) is shown as an edit;
    quote and hyphen variants are not (the redline treats them as equal). A
    change of emphasis alone is a tracked formatting change.
    """
    old_word = old.spans[token.old].lstrip(" ") if token.old is not None else ""
    new_word = new.spans[token.new].lstrip(" ") if token.new is not None else ""
    old_italic = token.old is not None and old.italic[token.old]
    new_italic = token.new is not None and new.italic[token.new]
    if token.op == "delete":
        return [_Piece("delete", old_word, old_italic)]
    if token.op == "insert":
        return [_Piece("insert", new_word, new_italic)]
    if old_word != new_word and old_word.casefold() == new_word.casefold():
        return [_Piece("delete", old_word, old_italic), _Piece("insert", new_word, new_italic)]
    was = old_italic if old_italic != new_italic else None
    return [_Piece("equal", new_word, new_italic, was)]


def _body_pieces(comparison: Comparison, authors: Mapping[int, str]) -> list[_Output]:
    pieces: list[_Output] = []
    for item in _items(comparison):
        author = authors.get(id(item.change), AUTHOR) if item.change is not None else AUTHOR
        pieces.append(_Author(author))
        pieces.extend(_item_pieces(item))
    return pieces


# --------------------------------------------------------------------------- WordprocessingML


def _qn(tag: str) -> str:
    from docx.oxml.ns import qn

    result: str = qn(tag)
    return result


def _element(tag: str, **attributes: str) -> Any:
    from docx.oxml import OxmlElement

    return OxmlElement(tag, attrs={_qn(f"w:{k}"): v for k, v in attributes.items()})


def _text_element(op: RedlineOp, text: str) -> Any:
    """A w:t (w:delText in a deletion) holding ``text``, spaces kept."""
    element = _element("w:delText" if op == "delete" else "w:t")
    element.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    element.text = xml_text(text)
    return element


def _footnotes_part(document: Any, footnotes: list[Any]) -> None:
    """Add word/footnotes.xml holding ``footnotes`` (after Word's two separators) to the
    package, related from the document."""
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.opc.packuri import PackURI
    from docx.opc.part import XmlPart
    from docx.oxml import parse_xml

    namespace = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    root = parse_xml(f'<w:footnotes xmlns:w="{namespace}"/>')
    for number, kind, mark in (
        ("-1", "separator", "w:separator"),
        ("0", "continuationSeparator", "w:continuationSeparator"),
    ):
        separator = _element("w:footnote", id=number, type=kind)
        paragraph, run = _element("w:p"), _element("w:r")
        run.append(_element(mark))
        paragraph.append(run)
        separator.append(paragraph)
        root.append(separator)
    for footnote in footnotes:
        root.append(footnote)
    content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
    part = XmlPart(PackURI("/word/footnotes.xml"), content_type, root, document.part.package)
    document.part.relate_to(part, RELATIONSHIP_TYPE.FOOTNOTES)


def xml_text(text: str) -> str:
    """Text safe inside a Word run: unsafe characters shown (``resdiff.safety``), and the
    two non-characters XML forbids replaced.

    >>> xml_text("a\\x07b\\uffff")
    'a\\\\x07b\\ufffd'
    """
    return _NOT_XML_RE.sub("\ufffd", visible(text))


class _Writer:
    """Appends body paragraphs to a python-docx Document, revisions written as raw XML."""

    def __init__(self, document: Any, date: str) -> None:
        self.document = document
        self.date = date
        self.next_id = BOOKMARK_ID + 1
        self.paragraph = self._new_paragraph()
        start = _element("w:bookmarkStart", id=str(BOOKMARK_ID), name=BOOKMARK)
        self.paragraph._p.append(start)
        self.author = AUTHOR
        self.container: Any = None  # the open w:ins / w:del, or the w:p for plain runs
        self.last: tuple[Any, ...] | None = None  # container, w:t, op, italic, was_italic
        self.footnotes: list[Any] = []  # the w:footnote elements of the references written

    def write(self, pieces: Sequence[_Output]) -> None:
        """Append ``pieces``, then close the body with an empty plain paragraph."""
        for piece in pieces:
            if isinstance(piece, _Author):
                self.author = piece.name
            elif isinstance(piece, _Break) and piece.paragraph:
                self._mark(piece.op, piece.heading)
                self.paragraph = self._new_paragraph()
            elif isinstance(piece, _Break):
                self._run(piece.op, _element("w:br"))
            elif isinstance(piece, _Note):
                self._note(piece)
            elif piece.text:
                self._text(piece)
        self.paragraph._p.append(_element("w:bookmarkEnd", id=str(BOOKMARK_ID)))

    def _new_paragraph(self) -> Any:
        self.container, self.last = None, None
        paragraph = self.document.add_paragraph(style="Resolution")
        paragraph._p.get_or_add_pPr()
        return paragraph

    def _revision(self, op: RedlineOp | str) -> Any:
        """A w:ins, w:del (op insert, delete) or w:rPrChange with a fresh id."""
        tag = {"insert": "w:ins", "delete": "w:del"}.get(op, "w:rPrChange")
        element = _element(tag, id=str(self.next_id), author=self.author, date=self.date)
        self.next_id += 1
        return element

    def _mark(self, op: RedlineOp, heading: bool) -> None:
        """End the paragraph: its style, and its mark inserted or deleted unless plain."""
        if heading:
            self.paragraph.style = self.document.styles["Resolution Heading"]
        if op == "equal":
            return
        properties = _element("w:rPr")
        properties.append(self._revision(op))
        self.paragraph._p.pPr.append(properties)

    def _target(self, op: RedlineOp) -> Any:
        """The element a run of ``op`` goes into, opening a new w:ins/w:del if needed."""
        wanted = "p" if op == "equal" else ("ins" if op == "insert" else "del")
        current = self.container
        if current is not None and current.tag == _qn(f"w:{wanted}"):
            return current
        self.last = None
        self.container = self.paragraph._p if op == "equal" else self._revision(op)
        if op != "equal":
            self.paragraph._p.append(self.container)
        return self.container

    def _run(
        self,
        op: RedlineOp,
        child: Any,
        italic: bool = False,
        was: bool | None = None,
        superscript: bool = False,
    ) -> Any:
        run = _element("w:r")
        if italic or was is not None or superscript:
            properties = _element("w:rPr")
            if italic:
                properties.append(_element("w:i"))
            if superscript:
                properties.append(_element("w:vertAlign", val="superscript"))
            if was is not None:
                change = self._revision("format")
                change.append(_element("w:rPr"))
                if was:
                    change[0].append(_element("w:i"))
                properties.append(change)
            run.append(properties)
        run.append(child)
        self._target(op).append(run)
        self.last = None
        return child

    def _note(self, note: _Note) -> None:
        """A footnote reference in the text and the footnote itself, whose body is the
        redline of the old body into the new one (all deleted or all inserted when the
        footnote is only on one side)."""
        op = _op(note.old is not None, note.new is not None) or "equal"
        number = str(len(self.footnotes) + 1)
        reference = _element("w:footnoteReference", id=number)
        self._run(op, reference, superscript=True)
        footnote = _element("w:footnote", id=number)
        paragraph = _element("w:p")
        footnote.append(paragraph)
        if note.old is not None and note.new is not None:
            diff = fold(redline(note.old, note.new))
        else:
            diff = [(op, display(note.old or note.new or ""))]
        paragraph.append(self._note_run(op, _element("w:footnoteRef"), superscript=True))
        paragraph.append(self._note_run(op, _text_element(op, " ")))
        for part_op, text in diff:
            if text:
                paragraph.append(self._note_run(part_op, _text_element(part_op, text)))
        self.footnotes.append(footnote)

    def _note_run(self, op: RedlineOp, child: Any, superscript: bool = False) -> Any:
        """A run of a footnote, wrapped in a w:ins or w:del unless ``op`` is equal."""
        run = _element("w:r")
        if superscript:
            properties = _element("w:rPr")
            properties.append(_element("w:vertAlign", val="superscript"))
            run.append(properties)
        run.append(child)
        if op == "equal":
            return run
        wrapper = self._revision(op)
        wrapper.append(run)
        return wrapper

    def _text(self, piece: _Piece) -> None:
        last = self.last
        style = (piece.op, piece.italic, piece.was_italic)
        if last and last[0] is self.container and last[2:] == style:
            last[1].text += xml_text(piece.text)
            return
        tag = "w:delText" if piece.op == "delete" else "w:t"
        element = _element(tag)
        element.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        element.text = xml_text(piece.text)
        self._run(piece.op, element, piece.italic, piece.was_italic)
        self.last = (self.container, element, *style)


# --------------------------------------------------------------------------- document setup


def _page_setup(document: Any) -> None:
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(25)
    section.top_margin = section.bottom_margin = Mm(25)
    normal = document.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(11)
    style = document.styles.add_style("Resolution", WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = normal
    style.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT  # justified lines ending in
    style.paragraph_format.space_after = Pt(8)  # a line break are stretched by LibreOffice
    style.paragraph_format.first_line_indent = Mm(10)
    heading = document.styles.add_style("Resolution Heading", WD_STYLE_TYPE.PARAGRAPH)
    heading.base_style = style
    heading.font.bold = True
    heading.paragraph_format.first_line_indent = Mm(0)
    heading.paragraph_format.keep_with_next = True


def _summary(
    document: Any, comparison: Comparison, date: datetime, notes: Sequence[str] = ()
) -> None:
    """The untracked first page: both versions, counts, renumbering, moves, how to read."""
    old_name = xml_text(doc_name(comparison, "old"))
    new_name = xml_text(doc_name(comparison, "new"))
    document.add_heading(f"Comparison of {old_name} and {new_name}", level=1)
    document.add_paragraph(
        f"Report by resdiff, {date.strftime('%Y-%m-%d %H:%M UTC')}. The following pages hold "
        f"the text of {new_name} with every difference from {old_name} as a tracked change."
    )
    _table(document, ["", "Old version", "New version"], _version_rows(comparison))
    document.add_heading("Changes", level=2)
    counts = comparison.summary()
    technical = f" ({counts['technical']} technical)" if counts["technical"] else ""
    rows = [
        [kind, f"{counts[kind]}{technical if kind == 'reworded' else ''}"]
        for kind in COUNT_ORDER
        if kind != "technical"
    ]
    _table(document, ["Paragraphs", "Count"], rows)
    renumbered = renumbering_text(comparison.renumbered) or "none"
    document.add_paragraph(f"Renumbered operative paragraphs: {renumbered}.")
    moves = [_move_text(c) for c in comparison.changes if c.moved]
    document.add_paragraph(f"Moved paragraphs: {'; '.join(moves) if moves else 'none'}.")
    for line in notes:
        document.add_paragraph(xml_text(line))
    note = document.add_paragraph(
        f"Accept all changes to obtain {new_name}; reject all changes to obtain {old_name}. "
        "A moved paragraph is deleted where it stood and inserted where it stands now; "
        "split and merged paragraphs show the paragraph marks that were inserted or deleted. "
        "This page is not tracked and is not part of either text: the resolution text is the "
        f"bookmark “{BOOKMARK}”."
    )
    note.add_run().add_break(_page_break())


def _page_break() -> Any:
    from docx.enum.text import WD_BREAK

    return WD_BREAK.PAGE


def _move_text(change: Change) -> str:
    return xml_text(f"{change.old_label} -> {change.new_label} ({change.kind})")


def _version_rows(comparison: Comparison) -> list[list[str]]:
    old, new = comparison.old, comparison.new
    rows = [["Symbol", old.symbol or "", new.symbol or ""]]
    for label, name in (("Title", "title"), ("Adopted by", "body"), ("Date", "date")):
        values = [getattr(old, name) or "", getattr(new, name) or ""]
        if any(values):
            rows.append([label, *values])
    rows.append(["Paragraphs", str(len(old.paragraphs)), str(len(new.paragraphs))])
    rows.append(["File", old.path or "", new.path or ""])
    return rows


def _table(document: Any, header: list[str], rows: list[list[str]]) -> None:
    table = document.add_table(rows=1, cols=len(header))
    table.style = document.styles["Table Grid"]
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.paragraphs[0].add_run(text).bold = True
    for row in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.text = xml_text(" ".join(text.split()))
    document.add_paragraph()


def _track_revisions(document: Any) -> None:
    """Set w:trackRevisions in the settings part, at its place in the schema's sequence."""
    settings = document.settings.element
    if settings.find(_qn("w:trackRevisions")) is not None:
        return
    element = _element("w:trackRevisions")
    for child in settings:
        local = child.tag.rsplit("}", 1)[-1] if isinstance(child.tag, str) else ""
        if local not in _BEFORE_TRACK_REVISIONS:
            child.addprevious(element)
            return
    settings.append(element)


def _core_properties(document: Any, comparison: Comparison, date: datetime) -> None:
    properties = document.core_properties
    naive = date.replace(tzinfo=None)
    properties.author = properties.last_modified_by = AUTHOR
    properties.title = xml_text(
        f"{doc_name(comparison, 'new')} compared with {doc_name(comparison, 'old')}"
    )
    properties.created = properties.modified = naive
    properties.revision = 1


def _drop_thumbnail(document: Any) -> None:
    """Remove the template's preview image, which shows a blank page, not this report."""
    relationships = document.part.package.rels
    for key, relationship in list(relationships.items()):
        if relationship.reltype.endswith("/metadata/thumbnail"):
            del relationships[key]


def _fixed_timestamps(data: bytes, date: datetime) -> bytes:
    """Rewrite the zip with every entry dated ``date`` (clamped to the zip range)."""
    stamp = max(min(date.timetuple()[:6], (2107, 12, 31, 23, 59, 58)), (1980, 1, 1, 0, 0, 0))
    output = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, source.read(info))
    return output.getvalue()
