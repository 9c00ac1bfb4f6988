"""Footnotes: bodies taken out of the text flow, markers found by sequence and page.

Footnote bodies are found before paragraphs are segmented, so that a body
printed at a page bottom in the middle of a sentence never ends up inside the
sentence:

* *Zones*: a short rule ("_____") at a page bottom opens a zone of footnote
  bodies that runs to the end of the page. Inside it, each body starts with its
  marker ("3 See ...", "* On behalf of ..."); extractors that print the markers
  on lines of their own, even out of order, have them matched with the bodies
  in order.
* *Sequence*: outside zones, a line is a body when it starts with a
  superscript, or with the next footnote number k ("4 Resolution 66/3.") where
  k was printed in the text before it (a digit that could be marker k).

Markers are then found in the text lines, in footnote order: marker k is the
first place after marker k-1, on the page of body k, where the digits of k
stand as a marker can ("tenth4", "1993,1", ", 2", "Action 9 and", "20286"
after a year). A stronger form (glued to a word, after a mark) wins over a
weaker one (after a word, glued to a number) on the same page; a digit that is
not in footnote sequence is never a marker. Found markers are rewritten as
superscript digits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from resdiff.model import Document, Footnote, Subitem
from resdiff.normalize import SUPERSCRIPT_DIGITS, from_superscript, to_superscript
from resdiff.parse.clauses import ends_clause, starts_operative, starts_preamble
from resdiff.parse.lines import Line
from resdiff.parse.patterns import (
    FOOTNOTE_RULE_RE,
    MONTHS,
    NUMBER_ALONE_RE,
    NUMBERED_RE,
    SUBITEM_RE,
)

_BODY_RE = re.compile(rf"^(\d{{1,3}}(?=\s)|\*{{1,3}}|[{SUPERSCRIPT_DIGITS}]+)\s*(\S.*)$")
_DIGIT_BODY_RE = re.compile(r"^(\d{1,3})\s+(\S.*)$")
_SUPER_BODY_RE = re.compile(rf"^([{SUPERSCRIPT_DIGITS}]+)\s*(\S.*)$")
_STAR_BODY_RE = re.compile(r"^(\*{1,3})\s+([A-Z].*)$")
# A star glued to a sponsors line or a symbol: "Cuba:* draft resolution", "A/80/L.3*".
_STAR_CITED_RE = re.compile(r"[\w:.)]\*{1,3}(?=\s|$)")
_HEADER_LINES = 40  # a star that cites a note is printed in the masthead or the sponsors line
_LONE_MARKER_RE = re.compile(rf"^(\d{{1,3}}|\*{{1,3}}|[{SUPERSCRIPT_DIGITS}]+)$")
_NOT_A_BODY_RE = re.compile(rf"^(?:{'|'.join(MONTHS)})\b|^[a-z]")
_MAX_ZONE_LINES = 40


@dataclass(slots=True)
class Body:
    """A footnote body as found in the lines: its marker, text and page."""

    marker: str
    text: str
    page: int | None  # None: printed apart from the pages (markdown, a DOCX part)
    in_zone: bool


# --------------------------------------------------------------------------- bodies


def take_bodies(lines: list[Line]) -> tuple[list[Line], list[Body]]:
    """Remove footnote zones and bodies from ``lines``; return the rest and the bodies."""
    kept: list[Line] = []
    bodies: list[Body] = []
    starred = any(_STAR_CITED_RE.search(line.text) for line in lines[:_HEADER_LINES])
    index = 0
    while index < len(lines):
        line = lines[index]
        if FOOTNOTE_RULE_RE.match(line.text):
            end = _zone_end(lines, index)
            if end > index + 1:
                bodies.extend(_zone_bodies(lines[index + 1 : end], line.page))
                _carry_break(lines, end)
                index = end
                continue
            index += 1  # a rule with no footnote after it is layout
            continue
        body_end = _flow_body_end(lines, index, kept, bodies, starred=starred)
        if body_end is not None:
            bodies.append(_flow_body(lines[index:body_end]))
            _carry_break(lines, body_end, blank=line.blank_before)
            index = body_end
            continue
        kept.append(line)
        index += 1
    return kept, bodies


def _carry_break(lines: list[Line], at: int, *, blank: bool = True) -> None:
    """The line after removed footnote text keeps the separation the removed text had."""
    if at < len(lines):
        lines[at].blank_before = lines[at].blank_before or blank


def _zone_end(lines: list[Line], rule: int) -> int:
    """The end (exclusive) of the zone under the rule at ``rule``; ``rule + 1`` when none.

    Bodies led by their markers ("1 A/CONF.157/24 ...") run while each line starts the
    next body or carries on one that has not ended, up to the page break; markers printed
    on lines of their own (some extractors put them after their texts) leave the texts
    unnumbered, so such a zone runs to the page break."""
    first = rule + 1
    if first >= len(lines) or lines[first].page_break_before:
        return first
    end = first
    while end < len(lines) and not (end > first and lines[end].page_break_before):
        end += 1
    lone_markers = any(_LONE_MARKER_RE.match(line.text) for line in lines[first:end])
    if lone_markers and end - first <= _MAX_ZONE_LINES:
        return _past_page_furniture(lines, first, end)
    if _BODY_RE.match(lines[first].text) is None:
        return first
    return min(end, _strict_zone_end(lines, first))


def _past_page_furniture(lines: list[Line], first: int, end: int) -> int:
    """Some extractors print a page counter between the markers and their texts: while
    the zone holds more lone markers than texts, it runs on over the next few lines."""
    zone = lines[first:end]
    markers = sum(1 for line in zone if _LONE_MARKER_RE.match(line.text))
    texts = [line.text for line in zone if not _LONE_MARKER_RE.match(line.text)]
    chunks = sum(1 for i, text in enumerate(texts) if i == 0 or texts[i - 1].endswith((".", ")")))
    if markers <= chunks:
        return end
    stop = end + 1
    while stop < len(lines) and stop - end < 8 and not lines[stop].page_break_before:
        stop += 1
    if stop - end >= 8:
        return end  # no page break close by: the text after is the next page's
    return stop


def _strict_zone_end(lines: list[Line], first: int) -> int:
    """The lines from ``first`` that start the next body or carry on one that has not
    ended; a paragraph number, a lone page number or a new clause ends the zone."""
    end = first
    last_marker = 0
    while end < len(lines):
        text = lines[end].text
        starts = _BODY_RE.match(text)
        marker = _marker_text(starts.group(1)) if starts else ""
        in_sequence = marker.isdigit() and (end == first or 0 < int(marker) - last_marker <= 3)
        if end > first and _abbreviated(lines[end - 1].text):
            pass  # "Supplement No." / "7 (E/2015/27)": the body goes on, whatever the line
        elif in_sequence:
            last_marker = int(marker)
        elif starts and not marker.isdigit():
            pass  # a star note
        # after a full stop (not an abbreviation, see above), the text that follows is
        # the page's
        elif end == first or _ends_zone(text) or _body_ended(lines[end - 1].text):
            break
        end += 1
    return end


def _body_ended(text: str) -> bool:
    """A footnote line that ends its body: a full stop, not after an abbreviation that
    carries on ("chap." / "I, resolution 1, annex."); a parenthesis alone ends a line of
    a body, not the body ("Part I (NPT/CONF.1995/32 (Part I)" / "and ...")."""
    return text.endswith((".", ".)", ".”")) and not _abbreviated(text)


def _abbreviated(text: str) -> bool:
    """``text`` ends with an abbreviation that a reference carries on after ("para.")."""
    if not text.strip():
        return False
    return text.rsplit(None, 1)[-1].lstrip("([").lower() in _ABBREVIATIONS


_ABBREVIATIONS = frozenset(
    "chap. sect. no. nos. vol. vols. para. paras. art. arts. p. pp. corr. add. rev. ann. "
    "suppl. sales e.g. i.e. cf. resp.".split()
)


def _ends_zone(text: str) -> bool:
    return bool(
        NUMBERED_RE.match(text) or NUMBER_ALONE_RE.match(text) or _LONE_MARKER_RE.match(text)
    )


def _zone_bodies(zone: list[Line], page: int) -> list[Body]:
    """The bodies of one zone, markers matched with texts."""
    lone = [line for line in zone if _LONE_MARKER_RE.match(line.text)]
    if lone:
        return _shuffled_zone_bodies(zone, page)
    bodies: list[Body] = []
    for line in zone:
        starts = _BODY_RE.match(line.text)
        previous = bodies[-1] if bodies else None
        carries_on = previous is not None and _abbreviated(previous.text)
        if starts and not carries_on and _next_in_zone(starts.group(1), previous):
            marker = _marker_text(starts.group(1))
            bodies.append(Body(marker, starts.group(2).strip(), page, True))
        elif previous is not None:
            previous.text = _join(previous.text, line.text)
    return bodies


def _next_in_zone(marker: str, previous: Body | None) -> bool:
    if previous is None or not marker[:1].isdigit() or not previous.marker.isdigit():
        return True
    return 0 < int(_marker_text(marker)) - int(previous.marker) <= 3


def _shuffled_zone_bodies(zone: list[Line], page: int) -> list[Body]:
    """Markers printed on lines of their own (some extractors put them out of order):
    the texts, cut where one ends with a full stop, are matched with the sorted markers.
    A note led by a star ("* On behalf of ...") keeps its own lines."""
    markers: list[str] = []
    texts: list[str] = []
    stars: list[Body] = []
    in_star = False
    for line in zone:
        lone = _LONE_MARKER_RE.match(line.text)
        star = _STAR_BODY_RE.match(line.text)
        if lone:
            markers.append(_marker_text(lone.group(1)))
            in_star = False
        elif star:
            stars.append(Body(star.group(1), star.group(2), page, True))
            in_star = True
        elif in_star and not stars[-1].text.endswith("."):
            stars[-1].text = _join(stars[-1].text, line.text)
        elif texts and not texts[-1].endswith((".", ")")):
            in_star = False
            texts[-1] = _join(texts[-1], line.text)
        else:
            in_star = False
            texts.append(line.text)
    ordered = sorted(markers, key=lambda m: int(m) if m.isdigit() else 0)
    bodies = [Body(m, t, page, True) for m, t in zip(ordered, texts, strict=False)]
    if bodies and len(texts) > len(ordered):
        bodies[-1].text = " ".join([bodies[-1].text, *texts[len(ordered) :]])
    return [*stars, *bodies]


def _flow_body_end(
    lines: list[Line], index: int, kept: list[Line], bodies: list[Body], *, starred: bool
) -> int | None:
    """The end (exclusive) of a footnote body starting at ``index`` outside a zone, or None.

    ``starred``: the header cites a note by a star ("Cuba:* draft resolution"), so a
    line "* Any changes to the list of sponsors ..." is that note."""
    line = lines[index]
    text = line.text
    star = starred and _STAR_BODY_RE.match(text) is not None
    if not star and _SUPER_BODY_RE.match(text) is None and not _is_digit_body(line, kept, bodies):
        return None
    end = index + 1
    body_text = text
    while end < len(lines) and _continues_body(body_text, lines[end]):
        body_text = lines[end].text
        end += 1
    return end


def _is_digit_body(line: Line, kept: list[Line], bodies: list[Body]) -> bool:
    """ "4 Resolution 66/3.": the next footnote number, printed in the text before it."""
    starts = _DIGIT_BODY_RE.match(line.text)
    if starts is None or _NOT_A_BODY_RE.match(starts.group(2)):
        return False
    number = int(starts.group(1))
    numbered = [int(b.marker) for b in bodies if b.marker.isdigit()]
    if numbered and not 0 < number - numbered[-1] <= 2:
        return False
    previous = kept[-1].text if kept else ""
    marker_ends_previous = bool(re.search(rf"(?<!\d){number}$", previous))
    if previous and not ends_clause(previous) and not marker_ends_previous:
        return False  # the sentence before it has not ended: this is text
    if previous and not (line.blank_before or line.page_break_before):
        return False  # a body outside a footnote zone is set apart from the text
    if starts_operative(starts.group(2)) or starts_preamble(starts.group(2), strict=True):
        return False
    first_past_one = not numbered and number != 1 and not marker_ends_previous
    if first_past_one and not _FOOTNOTE_LEADS.match(starts.group(2)):
        return False  # a first footnote numbered past 1 needs more evidence
    return _printed_since_last_body(str(number), kept)


_FOOTNOTE_LEADS = re.compile(
    r"^(?:See|Ibid|Official Records|United Nations|Resolution|Decision|Report|Treaty|"
    r"League of Nations|Adopted|Available|Contained|Document|Vol\.|[A-Z]{1,4}/)"
)


def _printed_since_last_body(digits: str, kept: list[Line]) -> bool:
    pattern = re.compile(
        rf"(?<![\d/.\-]){re.escape(digits)}(?![\d/])|(?<=[A-Za-z,;.)”’]){digits}\b"
    )
    return any(pattern.search(line.text) for line in kept[-60:])


def _continues_body(body_text: str, line: Line) -> bool:
    """A line that carries on a footnote body ("chap. II," / "sect. A.")."""
    if _body_ended(body_text) or body_text.endswith(";") or line.page_break_before:
        return False
    text = line.text
    if NUMBERED_RE.match(text) or NUMBER_ALONE_RE.match(text) or SUBITEM_RE.match(text):
        return False
    if _SUPER_BODY_RE.match(text):
        return False
    return not starts_preamble(text, strict=True) and not starts_operative(text)


def _flow_body(lines: list[Line]) -> Body:
    first = _BODY_RE.match(lines[0].text)
    assert first is not None
    text = first.group(2).strip()
    for line in lines[1:]:
        text = _join(text, line.text)
    return Body(_marker_text(first.group(1)), text, lines[0].page, False)


def _marker_text(marker: str) -> str:
    return from_superscript(marker) if marker[:1] in SUPERSCRIPT_DIGITS else marker


def _join(left: str, right: str) -> str:
    if left.endswith("-") and not left.endswith(" -") and right[:1].islower():
        return left + right
    return f"{left} {right}"


# --------------------------------------------------------------------------- markers

# Where the digits of a footnote number may stand as its marker, strongest first.
_CANDIDATE_FORMS = (
    # 1: glued to a word or a mark: "tenth4", "1993,1", "Development”,2"
    (1, r"(?<=[A-Za-z)\]”’\",;:.])(?<!\d\.)(\d{1,3})(?=[\s,;:.)”’]|$)"),  # not "5.6"
    # 2: after a mark and a space: "1993, 1 for", "(2012). 12", "(Johannesburg Plan) 5"
    (2, r"(?<=[,;.”’\")] )(\d{1,3})(?=\s*$|\s+[A-Za-z(\d])"),
    # 3: after a word or a year and a space: "Programme of Action 9 and", "July 2023 3 and"
    (3, r"(?<=[a-z] )(\d{1,3})(?=\s*$|\s+[a-z]|[,;.:](?:\s|$))"),
    (3, r"(?<=\b(?:19|20)\d\d )(\d{1,3})(?=\s*$|\s+[A-Za-z]|[,;.:](?:\s|$))"),
    # 3: a second marker after a first at a line end: "the Congo, 21 22"
    (3, r"(?:(?<=[,;.] \d )|(?<=[,;.] \d\d ))(\d{1,3})(?=\s*$)"),
    # 3: glued on both sides: "Paris Agreement4and", "Agreement,38and"
    (3, r"(?<=[a-z,;])(\d{1,3})(?=[a-z]{2,})"),
    # 4: glued to a year: "2025–20286"; 5: glued to a symbol: "S-35/16"
    (4, r"(?<=\b(?:19|20)\d\d)(\d{1,2})(?=[\s,;:.)]|$)"),
    (5, r"(?<=\w[-/]\d)(\d)(?=[\s,;:.)]|$)"),
)
# One pattern with a group per form: each digit position is tried once, strongest form
# first, and the look-ahead for a digit lets the scan skip everything else quickly.
_CANDIDATE_RE = re.compile(
    "(?=\\d)(?:"
    + "|".join(
        form.replace("(\\d", f"(?P<f{i}>\\d", 1) for i, (_, form) in enumerate(_CANDIDATE_FORMS)
    )
    + ")"
)
_FORM_STRENGTH = {f"f{i}": strength for i, (strength, _) in enumerate(_CANDIDATE_FORMS)}
# Words after which a number is a number, not a marker: "paragraph 9 and".
_NUMBER_WORDS = frozenset(
    """
    paragraph paragraphs para paras resolution resolutions article articles chapter chap
    section sect annex item items goal goals target targets principle principles rule rules
    no nos phase session sessions part parts page pages volume vol decision decisions level
    levels step steps protocol recommendation recommendations appendix table figure option
    group class category chapters article box
    """.split()
) | frozenset(m.lower() for m in MONTHS)
_EXPLICIT_MARKER_RE = re.compile(rf"\[\^(\d{{1,3}})\]|([{SUPERSCRIPT_DIGITS}]+)")
_ASCII_DIGIT_RE = re.compile(r"[0-9]")
# "3 and 4", "5-13": a range or a list of numbers, not a marker; "4 and 20 June" is a
# marker before a date
_RANGE_AFTER_RE = re.compile(
    rf"\s*(?:and|to|or|-|–)\s*\d{{1,3}}(?![\d/])(?!\s+(?:{'|'.join(MONTHS)})\b)"
)
_SYMBOL_PART_BEFORE = re.compile(r"(?:\b[A-Z]{1,6}|Rev|Add|Corr|Amend|No|vol|para|chap|sect)\.$")


@dataclass(slots=True)
class _Candidate:
    number: int
    line: int
    start: int  # where the marker's text starts (a space before it included)
    end: int
    strength: int  # 0 explicit ("[^3]", "³") .. 4 glued to a number


def mark_footnotes(lines: list[Line], bodies: list[Body], *, paged: bool) -> None:
    """Rewrite, in ``lines``, the marker of every numbered body as superscript digits."""
    numbered = sorted(
        {int(b.marker): b for b in bodies if b.marker.isdigit()}.items(), key=lambda x: x[0]
    )
    if not numbered:
        return
    wanted = {number for number, _ in numbered}
    found = _candidates(lines, wanted)
    picked: dict[int, _Candidate] = {}
    after = (-1, -1)
    for number, body in numbered:
        page = body.page if paged else None
        pick = _choose(found.get(number, []), after, lines, page)
        if pick is not None:
            picked[number] = pick
            after = (pick.line, pick.end)
    if paged:  # one misplaced marker must not hide the rest: look again page by page
        for number, body in numbered:
            if number not in picked:
                taken = {(c.line, c.start) for c in picked.values()}
                free = [c for c in found.get(number, []) if (c.line, c.start) not in taken]
                pick = _choose(free, (-1, -1), lines, body.page)
                if pick is not None and lines[pick.line].page == body.page:
                    picked[number] = pick
    chosen: dict[int, list[_Candidate]] = {}
    for pick in picked.values():
        chosen.setdefault(pick.line, []).append(pick)
    for index, picks in chosen.items():
        lines[index].text = _rewrite(lines[index].text, picks)


def _candidates(lines: list[Line], wanted: set[int]) -> dict[int, list[_Candidate]]:
    found: dict[int, list[_Candidate]] = {}
    for index, line in enumerate(lines):
        text = line.text
        if "[^" in text or (not text.isascii() and _has_superscript(text)):
            for match in _EXPLICIT_MARKER_RE.finditer(text):
                number = int(match.group(1) or from_superscript(match.group(2)))
                found.setdefault(number, []).append(
                    _Candidate(number, index, match.start(), match.end(), 0)
                )
        if _ASCII_DIGIT_RE.search(text) is None:
            continue
        for match in _CANDIDATE_RE.finditer(text):
            group = match.lastgroup or ""
            strength = _FORM_STRENGTH[group]
            number = int(match.group(group))
            if number not in wanted or not _may_be_marker(text, match, group, strength):
                continue
            start = match.start(group)
            if strength in (2, 3) and text[start - 1 : start] == " ":
                start -= 1  # the space before a spaced marker goes with it
            found.setdefault(number, []).append(
                _Candidate(number, index, start, match.end(group), strength)
            )
        if index > 0:
            _line_start_candidate(lines, index, wanted, found)
    return found


def _has_superscript(text: str) -> bool:
    return any(digit in text for digit in SUPERSCRIPT_DIGITS)


def _line_start_candidate(
    lines: list[Line], index: int, wanted: set[int], found: dict[int, list[_Candidate]]
) -> None:
    """A spaced marker wrapped to the start of a line: "... Programme of Action" / "9 and"."""
    match = re.match(r"(\d{1,3})(?=\s+[a-z])", lines[index].text)
    previous = lines[index - 1].text
    if (
        match
        and int(match.group(1)) in wanted
        and (previous[-1:].isalpha() or previous[-1:] in ",;")
    ):
        last_word = previous.rsplit(None, 1)[-1].lower()
        if last_word not in _NUMBER_WORDS:
            number = int(match.group(1))
            found.setdefault(number, []).append(_Candidate(number, index, 0, match.end(1), 3))


def _may_be_marker(text: str, match: re.Match[str], group: str, strength: int) -> bool:
    start = match.start(group)
    before = text[max(0, start - 12) : start]
    if strength == 1 and _SYMBOL_PART_BEFORE.search(before):
        return False  # "C-24/DEC.4", "E/CN.4", "Rev.1": part of a symbol
    if strength == 3:
        words = before.split()
        if not words or words[-1].lower().rstrip(".") in _NUMBER_WORDS:
            return False
    # "1 and 2", "9 to 12": a range of numbers, not a marker
    return not (strength in (2, 3) and _RANGE_AFTER_RE.match(text, match.end(group)))


def _choose(
    candidates: list[_Candidate], after: tuple[int, int], lines: list[Line], page: int | None
) -> _Candidate | None:
    """The first candidate after the previous marker, on the body's page, of the strongest
    kind there: explicit, glued to a word or after a mark; else after a word or glued to a
    year ("20286"); else, only where the body's page is known, glued to a symbol
    ("S-35/16")."""
    usable = [c for c in candidates if (c.line, c.start) > after]
    if page is not None:
        on_page = [c for c in usable if lines[c.line].page == page]
        usable = on_page or [c for c in usable if c.strength <= 2]
    strong = [c for c in usable if c.strength <= 2]  # explicit, glued, after a mark
    weak = [c for c in usable if c.strength in (3, 4)]  # after a word, glued to a year
    glued_to_symbol = [c for c in usable if c.strength == 5 and page is not None]
    pool = strong or weak or glued_to_symbol
    return pool[0] if pool else None


def _rewrite(text: str, picks: list[_Candidate]) -> str:
    out: list[str] = []
    position = 0
    for pick in sorted(picks, key=lambda c: c.start):
        if pick.start < position:
            continue
        out += [text[position : pick.start], to_superscript(str(pick.number))]
        position = pick.end
    out.append(text[position:])
    return "".join(out)


# --------------------------------------------------------------------------- attaching

_EXPLICIT_RE = re.compile(r"\[\^(\d{1,3})\]")
_SUPERSCRIPT_RUN_RE = re.compile(rf"[{SUPERSCRIPT_DIGITS}]+")


def unique_footnotes(footnotes: list[Footnote]) -> list[Footnote]:
    """One footnote per marker (the first seen), numbers in order, then the others."""
    seen: dict[str, Footnote] = {}
    for note in footnotes:
        seen.setdefault(note.marker, note)
    return sorted(seen.values(), key=_footnote_order)


def _footnote_order(note: Footnote) -> tuple[bool, int, str]:
    numeric = note.marker.isdigit()
    return (not numeric, int(note.marker) if numeric else 0, note.marker)


def attach_footnotes(document: Document) -> None:
    """Write ``[^n]`` markers as superscripts and attach to each paragraph the bodies it cites."""
    bodies = {note.marker: note for note in document.footnotes}
    for paragraph in document.paragraphs:
        paragraph.text = _explicit_to_superscript(paragraph.text)
        _rewrite_subitems(paragraph.subitems)
        if not bodies:
            continue
        cited = _SUPERSCRIPT_RUN_RE.findall(paragraph.full_text())
        for marker in dict.fromkeys(from_superscript(c) for c in cited):
            if marker in bodies:
                paragraph.footnotes.append(bodies[marker])


def _rewrite_subitems(items: list[Subitem]) -> None:
    for item in items:
        item.text = _explicit_to_superscript(item.text)
        _rewrite_subitems(item.subitems)


def _explicit_to_superscript(text: str) -> str:
    if "[^" not in text:
        return text
    return _EXPLICIT_RE.sub(lambda m: to_superscript(m.group(1)), text)
