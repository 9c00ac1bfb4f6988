"""Structural check of a resolution text: numbering, punctuation, footnotes, brackets, residue.

``check_document`` runs every rule of ``RULES`` over a parsed ``Document`` and
returns ``Finding`` objects: a rule id, a severity, the paragraph label, the
1-based line where the paragraph starts (for PDF and DOCX inputs, the line in
the extracted text) and a one-line message. The rules reuse the parser: they
look at paragraphs, sub-items and footnotes, never at raw characters, except
where a mistake leaves no trace in the parse (a printed number without its
full stop, the line of an uncited footnote body), which is read from the
source lines.

Severities:

* ``error`` - the text is wrong whatever the drafting style: a numbering gap
  or duplicate changes every later cross-reference ("paragraph 12 above"), an
  unbalanced bracket or quotation mark leaves the scope of a clause undefined,
  a footnote without its body (or a body without its marker) loses a
  reference, an empty paragraph is a deletion left half done, and negotiation
  residue must never appear in an adopted text. The pre-commit hook blocks a
  commit on errors.
* ``warning`` - a convention that real texts break on purpose or that the
  parser can only guess: punctuation at paragraph ends (quotations, lists and
  texts converted from other formats), the same text twice (a refrain such as
  "Acting under Chapter VII" may legitimately recur), a preambular-looking
  paragraph among the operative ones (the Security Council sometimes places
  "Acting under Chapter VII ..." there), and a printed number without its full
  stop (a typesetting slip that changes no reference). Warnings are reported,
  never blocking.

Rules can be switched off with ``disable = ["rule-id", ...]`` in the
``[tool.resdiff]`` table of pyproject.toml or in a .resdiff.toml.

>>> from resdiff.parse import parse
>>> text = "The Security Council,\\nRecalling its resolutions,\\n1. Decides;\\n3. Requests;\\n"
>>> for finding in check_document(parse(text)):
...     print(finding.render("draft.txt"))  # doctest: +ELLIPSIS
draft.txt:4: error operative-numbering OP3: numbering jumps from 1 to 3 (2 missing)
draft.txt:4: warning operative-punctuation OP3: the last operative paragraph should end with ...
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Literal

from resdiff.errors import UsageError, no_paragraphs
from resdiff.model import Document, Paragraph, Subitem
from resdiff.normalize import SUPERSCRIPT_DIGITS, from_superscript, normalise, strip_emphasis
from resdiff.parse import OPERATIVE_VERBS, PREAMBLE_OPENERS, parse
from resdiff.readers import RawDocument, read
from resdiff.vocabulary import AD_REF, DELETE_REQUEST, LABEL_SUFFIX

Severity = Literal["error", "warning"]
Status = Literal["draft", "adopted"]
STATUSES: tuple[Status, ...] = ("draft", "adopted")


# --------------------------------------------------------------------------- data


@dataclass(slots=True, frozen=True)
class Finding:
    """One problem found: which rule, how serious, where, and what."""

    rule: str
    severity: Severity
    label: str
    line: int
    message: str

    def render(self, path: str | None = None) -> str:
        """``path:line: severity rule label: message``, the form compilers use."""
        where = f"{path}:{self.line}" if path else str(self.line)
        label = f" {self.label}:" if self.label else ""
        return f"{where}: {self.severity} {self.rule}{label} {self.message}"

    def to_dict(self) -> dict[str, object]:
        """JSON form: ``{"rule", "severity", "label", "line", "message"}``."""
        return {
            "rule": self.rule,
            "severity": self.severity,
            "label": self.label,
            "line": self.line,
            "message": self.message,
        }


@dataclass(slots=True, frozen=True)
class Hit:
    """What a rule function reports; ``check_document`` adds the rule id and severity."""

    label: str
    line: int
    message: str


@dataclass(slots=True)
class Context:
    """What the rules look at: the parsed document, its source lines, its status."""

    document: Document
    lines: list[str] = field(default_factory=list)
    adopted: bool = False

    def find_line(self, needle: str) -> int:
        """The 1-based source line that contains ``needle`` (0 when none does)."""
        probe = needle.strip()[:40]
        for number, line in enumerate(self.lines, start=1):
            if probe and probe in line:
                return number
        return 0


RuleCheck = Callable[[Context], Iterable[Hit]]


@dataclass(slots=True, frozen=True)
class Rule:
    """A named check with a fixed severity and a one-line summary."""

    id: str
    severity: Severity
    summary: str
    run: RuleCheck


@dataclass(slots=True)
class CheckResult:
    """The findings for one file (``error`` is set when the file could not be checked)."""

    path: str
    findings: list[Finding] = field(default_factory=list)
    error: str | None = None

    @property
    def errors(self) -> list[Finding]:
        """The findings of error severity."""
        return [f for f in self.findings if f.severity == "error"]

    def to_dict(self) -> dict[str, object]:
        """JSON form: ``{"path", "error", "findings"}``."""
        return {
            "path": self.path,
            "error": self.error,
            "findings": [f.to_dict() for f in self.findings],
        }


# --------------------------------------------------------------------------- entry points


def check_document(
    document: Document,
    *,
    text: str | None = None,
    adopted: bool = False,
    disable: Iterable[str] = (),
) -> list[Finding]:
    """Run every enabled rule over ``document`` and return the findings by line.

    ``text`` is the source text the document was parsed from (used to place
    footnote bodies and to see printed numbers); ``adopted`` turns on the
    negotiation-residue rule; ``disable`` names rules to skip.
    """
    off = validate_rule_ids(disable)
    context = Context(document, (text or "").split("\n"), adopted)
    findings = [
        Finding(rule.id, rule.severity, hit.label, hit.line, hit.message)
        for rule in RULES
        if rule.id not in off
        for hit in rule.run(context)
    ]
    return sorted(findings, key=lambda f: f.line)


def check_raw(
    raw: RawDocument, *, adopted: bool = False, disable: Iterable[str] = ()
) -> list[Finding]:
    """Parse ``raw`` and check it; raise ``InputError`` when it holds no paragraphs."""
    document = parse_resolution(raw)
    return check_document(document, text=raw.text, adopted=adopted, disable=disable)


def parse_resolution(raw: RawDocument) -> Document:
    """Parse ``raw``; raise ``InputError`` when it holds no resolution paragraphs."""
    document = parse(raw)
    if not document.paragraphs:
        raise no_paragraphs(raw.path or "input", document.amends)
    return document


def check_file(
    path: str | os.PathLike[str], *, adopted: bool = False, disable: Iterable[str] = ()
) -> list[Finding]:
    """Read, parse and check one file (text, markdown, PDF or DOCX)."""
    return check_raw(read(path), adopted=adopted, disable=disable)


def validate_rule_ids(ids: Iterable[str]) -> frozenset[str]:
    """The given rule ids as a set; raise ``UsageError`` naming any unknown one."""
    wanted = frozenset(str(i) for i in ids)
    unknown = sorted(wanted - RULE_IDS)
    if unknown:
        known = ", ".join(sorted(RULE_IDS))
        raise UsageError(f"unknown rule id {', '.join(unknown)} (rules: {known})")
    return wanted


# --------------------------------------------------------------------------- helpers

_ADVERBS = frozenset(
    "Again Also Deeply Firmly Fully Further Furthermore Gravely Highly Keenly Once "
    "Profoundly Seriously Strongly Urgently".split()
)
_CLOSERS = f" {SUPERSCRIPT_DIGITS}”’\"')]*_"
# a footnote marker that lost its superscript: "citizenship.2", "armed conflict, 1"
_PLAIN_MARKER_AT_END = re.compile(r"(?<=[,;:.])\s?\d{1,3}$")
# superscript digits, except a unit's power ("km²", "m³")
_MARKER_RE = re.compile(rf"(?<!\bm)(?<!\b[kcm]m)[{SUPERSCRIPT_DIGITS}]+")


def final_mark(paragraph: Paragraph) -> str:
    """The punctuation mark that ends the paragraph (its last sub-item when it has any).

    Footnote markers, closing quotation marks and brackets, and emphasis are
    looked through: ``Council”;¹`` ends with ``;``.

    >>> final_mark(Paragraph("OP1", "operative", "*Decides* to remain seized.”¹"))
    '.'
    >>> final_mark(Paragraph("PP7", "preamble", "protection of civilians in armed conflict, 1"))
    ','
    """
    text = _last_text(paragraph)
    plain = strip_emphasis(text).rstrip(_CLOSERS)
    plain = _PLAIN_MARKER_AT_END.sub("", plain).rstrip(_CLOSERS)
    return plain[-1:] if plain and not plain[-1].isalnum() else ""


def _last_text(paragraph: Paragraph) -> str:
    items: list[Subitem] = paragraph.subitems
    text = paragraph.text
    while items:
        text = items[-1].text or text
        items = items[-1].subitems
    return text


def opens_like_preamble(text: str) -> bool:
    """True when ``text`` opens with a preambular phrase rather than an operative verb.

    Leading adverbs are looked through, so "Strongly condemning" is preambular
    and "Strongly condemns" operative.

    >>> opens_like_preamble("*Deeply concerned* by ..."), opens_like_preamble("Also decides")
    (True, False)
    """
    words = re.findall(r"[A-Za-z][\w\-]*", strip_emphasis(text))[:4]
    for word in words:
        title = word[:1].upper() + word[1:]
        if title in _ADVERBS:
            continue
        if title in PREAMBLE_OPENERS:
            return True
        if title in OPERATIVE_VERBS or word.endswith("s"):
            return False
        return word.endswith("ing") and len(word) > 4
    return False


def _paragraph_hit(paragraph: Paragraph, message: str) -> Hit:
    return Hit(paragraph.label, paragraph.line, message)


def _first_operative(document: Document) -> int | None:
    return next((i for i, p in enumerate(document.paragraphs) if p.section == "operative"), None)


# --------------------------------------------------------------------------- numbering


def operative_numbering(context: Context) -> Iterator[Hit]:
    """Printed operative numbers run 1, 2, 3 ... with no gap, repeat or missing number.

    An unnumbered operative paragraph among numbered ones has lost its number,
    unless it reads as a preambular paragraph (reported by
    ``preamble-after-operative`` instead). Annex paragraphs are not checked:
    annexes restart their numbering in ways the parser cannot tell apart.
    """
    operative = [p for p in context.document.paragraphs if p.section == "operative"]
    if not any(p.number for p in operative):
        return
    expected, previous = 1, None
    for paragraph in operative:
        if paragraph.number is None:
            if opens_like_preamble(paragraph.text):
                continue
            yield _paragraph_hit(
                paragraph, f"operative paragraph has no printed number (expected {expected})"
            )
            expected += 1
            continue
        number = int(paragraph.number)
        message = _numbering_message(number, expected, previous)
        if message:
            yield _paragraph_hit(paragraph, message)
        expected, previous = number + 1, number


def _numbering_message(number: int, expected: int, previous: int | None) -> str | None:
    if number == expected:
        return None
    if number == previous:
        return f"number {number} is printed twice"
    if number > expected:
        missing = f"{expected}" if number == expected + 1 else f"{expected}-{number - 1}"
        start = f"from {previous} to {number}" if previous else f"to {number} at the start"
        return f"numbering jumps {start} ({missing} missing)"
    return f"number {number} comes after {previous} (expected {expected})"


_BARE_NUMBER_LINE = re.compile(r"^\s*[*_]{0,2}(\d{1,4})(?:\s{2,}|\t)")


def operative_number_format(context: Context) -> Iterator[Hit]:
    """A printed operative number is followed by a full stop: "11.", not "11".

    The parser still reads "11     Condemns" as paragraph 11 when it fits the
    sequence; this rule reports the missing full stop, read from the source
    line where the paragraph starts. A warning: every reference still holds.
    """
    for paragraph in context.document.operative:
        if not paragraph.number or not 0 < paragraph.line <= len(context.lines):
            continue
        match = _BARE_NUMBER_LINE.match(context.lines[paragraph.line - 1])
        if match and match.group(1) == paragraph.number:
            yield _paragraph_hit(
                paragraph, f'printed number "{paragraph.number}" has no full stop after it'
            )


_ROMAN = "i ii iii iv v vi vii viii ix x xi xii xiii xiv xv xvi xvii xviii xix xx".split()
_LETTERS = [chr(c) for c in range(ord("a"), ord("z") + 1)]
_INLINE_LABEL = re.compile(r"(?:^|[\s:;,])\(([a-z]{1,5})\)\s")


def subitem_sequence(context: Context) -> Iterator[Hit]:
    """Sub-items run (a), (b), (c) ... or (i), (ii), (iii) ... from the first, at every level.

    The first label of a list chooses its scheme: (a) letters, (i) roman
    numerals. Labels printed inside the lead text ("... to: (a) the
    protection of civilians; and") count as the start of the list. After an
    unlabelled item (a bullet, a heading inside a list) a new list may start
    again at (a) or (i).
    """
    for paragraph in context.document.paragraphs:
        yield from _list_hits(paragraph, paragraph.text, paragraph.subitems)


def _list_hits(paragraph: Paragraph, lead: str, items: list[Subitem]) -> Iterator[Hit]:
    problem = _sequence_problem(_INLINE_LABEL.findall(lead), items)
    if problem:
        yield _paragraph_hit(paragraph, problem)
    for item in items:
        yield from _list_hits(paragraph, item.text, item.subitems)


def _sequence_problem(inline: list[str], items: list[Subitem]) -> str | None:
    """Describe the first sub-item label that breaks its list's sequence, or None."""
    previous = inline[-1] if inline and inline[0] in ("a", "i") else None
    scheme = _ROMAN if inline and inline[0] == "i" else _LETTERS
    restart = previous is None
    numbered = 0  # an inner numbered list: "1.", "2." ...
    for item in items:
        label = item.label.strip("()")
        if label.endswith(".") and label[:-1].isdigit():
            if int(label[:-1]) != numbered + 1:
                return f"item {label} follows {numbered or 'the lead'}: expected {numbered + 1}."
            numbered = int(label[:-1])
            continue
        if not label:
            restart = True
            continue
        if restart and label in ("a", "i"):
            previous, scheme, restart = label, _ROMAN if label == "i" else _LETTERS, False
            continue
        if previous is None:
            return f"sub-item ({label}) opens the list: expected (a) or (i)"
        expected = _successor(previous, scheme)
        if label != expected:
            return f"sub-item ({label}) follows ({previous}): expected ({expected})"
        previous, restart = label, False
    return None


def _successor(label: str, scheme: list[str]) -> str:
    position = scheme.index(label) + 1 if label in scheme else len(scheme)
    return scheme[position] if position < len(scheme) else "?"


# --------------------------------------------------------------------------- punctuation


def preamble_punctuation(context: Context) -> Iterator[Hit]:
    """Preambular paragraphs end with a comma.

    A warning: a preambular paragraph may end in a quotation, and converted
    texts sometimes lose the mark.
    """
    for paragraph in context.document.preamble:
        mark = final_mark(paragraph)
        if mark != ",":
            yield _paragraph_hit(
                paragraph, f"a preambular paragraph should end with a comma, not {_shown(mark)}"
            )


def operative_punctuation(context: Context) -> Iterator[Hit]:
    """Operative paragraphs end with a semicolon, the last one with a full stop.

    A paragraph with sub-items is judged by its last sub-item. A warning, as
    for preambular paragraphs.
    """
    operative = context.document.operative
    for position, paragraph in enumerate(operative):
        last = position == len(operative) - 1
        wanted = "." if last else ";"
        mark = final_mark(paragraph)
        if mark != wanted:
            which = "the last operative paragraph" if last else "an operative paragraph"
            name = "a full stop" if last else "a semicolon"
            yield _paragraph_hit(paragraph, f"{which} should end with {name}, not {_shown(mark)}")


def _shown(mark: str) -> str:
    return f'"{mark}"' if mark else "a word"


# --------------------------------------------------------------------------- footnotes


def footnote_match(context: Context) -> Iterator[Hit]:
    """Every footnote marker has a body and every body is cited by exactly one marker."""
    document = context.document
    cited: dict[str, Paragraph] = {}
    for paragraph in document.paragraphs:
        for marker in _markers(paragraph):
            if marker in cited:
                yield _paragraph_hit(
                    paragraph, f"footnote {marker} is cited again (first in {cited[marker].label})"
                )
            cited.setdefault(marker, paragraph)
    bodies = {note.marker: note for note in document.footnotes}
    for marker, paragraph in cited.items():
        if marker not in bodies:
            yield _paragraph_hit(paragraph, f"footnote marker {marker} has no footnote body")
    for marker, note in bodies.items():
        if marker not in cited and not _cited_as_digits(document, marker):
            line = context.find_line(note.text)
            yield Hit("", line, f"footnote {marker} is never cited: {_snippet(note.text)}")


_NOT_BEFORE_MARKER = frozenset(
    """a about an and annex annexes appendix article articles at by chapter decision decisions
    for from goal goals in item items least level most no of on or over page pages para
    paragraph paragraphs part phase principle resolution resolutions rule section session
    some target targets than the to under vol with""".split()
)


def _cited_as_digits(document: Document, marker: str) -> bool:
    """True when ``marker`` appears as plain digits after a word ("Destruction 2 reaffirms").

    Text extraction often loses the superscript, and sometimes the space after
    it ("Weapons 6and the advisory opinion"); the parser then cannot tell the
    marker from a number. A number between a word and a lower-case word, not
    after "paragraph", "resolution", "of" ..., is read here as the marker.
    """
    pattern = re.compile(rf"([\w”’)]+)[,;]? {marker}(?=\s*[a-z]|[,;.]?$)")
    for paragraph in document.paragraphs:
        for match in pattern.finditer(paragraph.full_text()):
            if match.group(1).lower() not in _NOT_BEFORE_MARKER:
                return True
    return False


def _markers(paragraph: Paragraph) -> list[str]:
    texts = [paragraph.full_text(), paragraph.heading or ""]
    return [from_superscript(m) for text in texts for m in _MARKER_RE.findall(text)]


def _snippet(text: str, width: int = 40) -> str:
    text = " ".join(text.split())
    return f'"{text}"' if len(text) <= width else f'"{text[: width - 3]}..."'


# --------------------------------------------------------------------------- brackets, quotes

_PAIRS = {")": "(", "]": "[", "}": "{"}
_QUOTE_PAIRS = {"”": "“", "»": "«"}


def unbalanced_brackets(context: Context) -> Iterator[Hit]:
    """Parentheses, square brackets and braces open and close in pairs, properly nested.

    Checked paragraph by paragraph (sub-items included), so a finding names
    the paragraph where the pair breaks.
    """
    for paragraph in context.document.paragraphs:
        problem = _unpaired(_visible(paragraph), _PAIRS)
        if problem:
            yield _paragraph_hit(paragraph, problem)


def unbalanced_quotes(context: Context) -> Iterator[Hit]:
    """Curly (“ ”) and angle (« ») quotation marks pair up; straight " come in even numbers.

    Single quotation marks are not checked: ’ is also the apostrophe.
    """
    for paragraph in context.document.paragraphs:
        text = _visible(paragraph)
        problem = _unpaired(text, _QUOTE_PAIRS)
        if problem is None and text.count('"') % 2:
            problem = 'odd number of straight quotation marks (")'
        if problem:
            yield _paragraph_hit(paragraph, problem.replace("bracket", "quotation mark"))


def _visible(paragraph: Paragraph) -> str:
    return " ".join(t for t in (paragraph.heading, paragraph.full_text()) if t)


def _unpaired(text: str, pairs: dict[str, str]) -> str | None:
    """Describe the first bracket in ``text`` that does not pair up, or None."""
    openers = set(pairs.values())
    stack: list[tuple[str, int]] = []
    for position, char in enumerate(text):
        if char in openers:
            stack.append((char, position))
        elif char in pairs:
            if not stack or stack[-1][0] != pairs[char]:
                return f'closing bracket "{char}" without its opening one {_around(text, position)}'
            stack.pop()
    if stack:
        char, position = stack[-1]
        return f'opening bracket "{char}" is never closed {_around(text, position)}'
    return None


def _around(text: str, position: int) -> str:
    start, end = max(0, position - 20), min(len(text), position + 20)
    piece = " ".join(text[start:end].split())
    return f"(near “{piece}”)"


# --------------------------------------------------------------------------- residue

_RESIDUE_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(rf"\[\s*(?:deleted|{DELETE_REQUEST})\s*\]", re.I), "a [deleted] mark"),
    (re.compile(r"\[[^\]]*\]|\[[^\]]*$"), "square-bracketed text"),
    (re.compile(rf"\b{AD_REF}", re.I), "an AD REF mark"),
    (
        re.compile(r"(?i:[\[(]\s*agreed\b[^\])]*[\])]|\bagreed\s+ad\b|^\s*agreed\b)|\bAGREED\b"),
        'an "agreed" mark',
    ),
    (re.compile(r"\b(?:alt|ALT|Alt)\b\.?\s*\d*"), 'an "alt" label'),
    (
        re.compile(
            r"(?<![Aa]rticle )(?<![Aa]rticles )(?<![Rr]ule )"
            rf"\b(?:(?:PP|OP)\s?)?\d{{1,3}}\s?(?i:{LABEL_SUFFIX})\b"
        ),
        'a "bis"/"ter" label',
    ),
)


def negotiation_residue(context: Context) -> Iterator[Hit]:
    """An adopted text carries no trace of negotiation.

    Square-bracketed text, "alt" labels, "bis"/"ter" labels, "AD REF",
    "agreed" marks and "[deleted]" are normal in drafts and wrong in an
    adopted resolution. Only run when the text is marked adopted
    (``--status adopted``, the ``status`` or ``adopted`` settings, or the
    archive's record of its symbol). "article 8 bis" of a treaty is not a
    label and is not reported.
    """
    if not context.adopted:
        return
    for paragraph in context.document.paragraphs:
        for text in _pieces(paragraph):
            found = _residue_in(text)
            if found:
                yield _paragraph_hit(paragraph, found)
                break


def _pieces(paragraph: Paragraph) -> list[str]:
    pieces = [paragraph.heading or "", paragraph.text]
    items = list(paragraph.subitems)
    while items:
        item = items.pop(0)
        pieces.append(f"{item.label} {item.text}")
        items[:0] = item.subitems
    return [p for p in pieces if p]


def _residue_in(text: str) -> str | None:
    # the parser may read the "5" of "...; 5 bis." as a footnote marker: read it back
    plain = from_superscript(strip_emphasis(text))
    for pattern, what in _RESIDUE_PATTERNS:
        match = pattern.search(plain)
        if match:
            return f"{what} in an adopted text: {_snippet(match.group(0))}"
    return None


# --------------------------------------------------------------------------- paragraphs


def duplicate_text(context: Context) -> Iterator[Hit]:
    """No paragraph repeats the words of an earlier one (case, quotes, markers ignored).

    A warning: a refrain can be deliberate, but most repeats are a paragraph
    pasted twice while merging versions.
    """
    seen: dict[str, Paragraph] = {}
    for paragraph in context.document.paragraphs:
        key = normalise(paragraph.full_text())
        if not _has_words(key):
            continue
        if key in seen:
            first = seen[key]
            yield _paragraph_hit(paragraph, f"same text as {first.label} (line {first.line})")
        seen.setdefault(key, paragraph)


def empty_paragraph(context: Context) -> Iterator[Hit]:
    """Every paragraph has words: a number or label followed by nothing (or only
    punctuation) is a deletion left half done."""
    for paragraph in context.document.paragraphs:
        if not _has_words(normalise(paragraph.full_text())):
            yield _paragraph_hit(paragraph, "paragraph has no text")


def _has_words(key: str) -> bool:
    return any(ch.isalnum() for ch in key)


def preamble_after_operative(context: Context) -> Iterator[Hit]:
    """Preambular paragraphs all come before the first operative one.

    Reported for a paragraph of the operative part that opens like a
    preambular paragraph ("Recalling ...", "Deeply concerned ..."). A warning:
    the Security Council sometimes places "Acting under Chapter VII of the
    Charter," among operative paragraphs on purpose.
    """
    first = _first_operative(context.document)
    if first is None:
        return
    for paragraph in context.document.paragraphs[first + 1 :]:
        if paragraph.section == "operative" and opens_like_preamble(paragraph.text):
            yield _paragraph_hit(
                paragraph,
                "reads as a preambular paragraph but comes after the operative part began",
            )


def structure(context: Context) -> Iterator[Hit]:
    """The parser found the structure plausible: every printed number read as a paragraph,
    no paragraph many times longer than the others, no page furniture left in the text,
    every footnote cited (the warnings of ``Document.warnings``)."""
    for message in context.document.warnings:
        label = message.split(" ", 1)[0]
        paragraph = next((p for p in context.document.paragraphs if p.label == label), None)
        yield Hit(label if paragraph else "", paragraph.line if paragraph else 0, message)


# --------------------------------------------------------------------------- registry

RULES: tuple[Rule, ...] = (
    Rule(
        "operative-numbering",
        "error",
        "operative numbers consecutive, none repeated or missing",
        operative_numbering,
    ),
    Rule(
        "operative-number-format",
        "warning",
        "a printed number is followed by a full stop",
        operative_number_format,
    ),
    Rule(
        "subitem-sequence",
        "error",
        "sub-items (a), (b) ... and (i), (ii) ... consecutive",
        subitem_sequence,
    ),
    Rule(
        "preamble-punctuation",
        "warning",
        "preambular paragraphs end with a comma",
        preamble_punctuation,
    ),
    Rule(
        "operative-punctuation",
        "warning",
        "operative paragraphs end with ';', the last with '.'",
        operative_punctuation,
    ),
    Rule("footnote-match", "error", "footnote markers and bodies match one to one", footnote_match),
    Rule("unbalanced-brackets", "error", "brackets and parentheses pair up", unbalanced_brackets),
    Rule("unbalanced-quotes", "error", "quotation marks pair up", unbalanced_quotes),
    Rule(
        "negotiation-residue",
        "error",
        "no brackets, alt, bis/ter, AD REF, agreed, [deleted] in adopted text",
        negotiation_residue,
    ),
    Rule("duplicate-text", "warning", "no paragraph text appears twice", duplicate_text),
    Rule("empty-paragraph", "error", "no paragraph is empty", empty_paragraph),
    Rule(
        "preamble-after-operative",
        "warning",
        "no preambular paragraph after the first operative one",
        preamble_after_operative,
    ),
    Rule(
        "structure",
        "warning",
        "the parsed structure fits the printed numbers, lengths and footnotes",
        structure,
    ),
)
RULE_IDS = frozenset(rule.id for rule in RULES)
