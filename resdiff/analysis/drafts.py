"""Negotiation drafts: brackets, status tags, attributed proposals, struck text.

Working drafts carry the state of the negotiation in the text itself:

- *square brackets* around text not yet agreed, possibly nested:
  "[Urges][Encourages] States to [ensure [full] access]";
- *status tags*: "agreed ad ref", "AD REF", "AGREED", "[deleted]";
- *attributed proposals*: "[EU: Encourages]", "[text] (G77)", "(G77) Urges ..."
  at a paragraph start, "Proposed by Norway: ...", "[USA: delete]";
- *struck text*, ``~~text~~`` in markdown drafts: proposed for deletion.

Paragraph labels ("PP1", "OP3 bis", "OP 5 (new)") are read by the parser
(``Paragraph.draft_label``). This module reads the rest from the paragraph
text, which keeps every mark as printed, and compares two rounds paragraph by
paragraph along the alignment ``compare`` made:

- *status*: the last status tag of each round; "became agreed" when the new
  round marks the paragraph agreed (or agreed ad ref) and the old did not;
- *brackets*: matched by the words they hold; an old bracket not found again
  was removed (its text kept, or gone with it), a new one was added (around
  text that was already there, or around new text);
- *proposals*: an attributed proposal is ``open`` while the new round still
  attributes the same words to the same delegation, ``taken_in`` when its
  words now stand in the paragraph (more often than before, for an insertion;
  less often, for a deletion), ``reworded`` when a close variant (rapidfuzz
  partial ratio >= 80, three words or more) stands there, else ``dropped``.

Only known delegations and groups (``resdiff/data/countries.json``) count as
attributions, so "(2019)" or "(a)" never do.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from resdiff.analysis.countries import delegation
from resdiff.model import (
    BracketChange,
    Change,
    Comparison,
    Document,
    DraftChange,
    Paragraph,
    ProposalFate,
    ProposalKind,
    ProposalOutcome,
)
from resdiff.normalize import normalise, strip_emphasis
from resdiff.vocabulary import DELETE_REQUEST, STATUS_TAG_RE, may_hold_status_tag

REWORDED_MIN_RATIO = 80
REWORDED_MIN_WORDS = 3

_STRUCK_RE = re.compile(r"~~(.+?)~~", re.S)
_PROPOSED_BY_RE = re.compile(r"\bProposed by\s+([^:\[\]()]{1,100}?)\s*:\s*", re.I)
_LABEL_COLON_RE = re.compile(r"(?P<open>^|\[)\s*(?P<who>[A-Z][^:\[\]()~]{0,60}?)\s*:\s*")
_PAREN_RE = re.compile(r"\(\s*(?:proposed by\s+)?(?P<who>[^()\[\]]{1,80}?)\s*\)", re.I)
_DELETE_WORDS = re.compile(rf"^(?:{DELETE_REQUEST}|delete (?:the )?(?:para(?:graph)?|text))$", re.I)
_LEADING_MARK_RE = re.compile(r"^(?:\s+|\[|\]|\(|~~|\*\*)")


# --------------------------------------------------------------------------- reading one text


def status(text: str) -> str | None:
    """The status the last tag of ``text`` gives: "agreed", "agreed ad ref", "deleted" or None.

    >>> status("[agreed ad ref] Urges States"), status("OP4 AGREED"), status("as agreed in 2019")
    ('agreed ad ref', 'agreed', None)
    """
    tags = STATUS_TAG_RE.findall(text)
    if not tags:
        return None
    tag = tags[-1].lower()
    if "del" in tag:
        return "deleted"
    return "agreed ad ref" if "ref" in tag else "agreed"


def has_draft_marks(text: str) -> bool:
    """True when ``text`` carries a bracket, struck text or a status tag."""
    if "[" in text or "~~" in text:
        return True
    return may_hold_status_tag(text) and STATUS_TAG_RE.search(text) is not None


def strip_leading_marks(text: str) -> str:
    """Drop what stands before the words of a draft paragraph: brackets, tags, attributions.

    >>> strip_leading_marks("[agreed ad ref] [EU: Urges] States")
    'Urges] States'
    >>> strip_leading_marks("Proposed by Norway: (G77) *Urges*")
    '*Urges*'
    """
    previous = None
    while text != previous:
        previous = text
        text = _drop_leading_mark(text)
    return text


def _drop_leading_mark(text: str) -> str:
    """``text`` without its first tag, attribution or mark (unchanged when it has none)."""
    for pattern in (STATUS_TAG_RE, _PROPOSED_BY_RE):
        match = pattern.match(text)
        if match:
            return text[match.end() :]
    for pattern in (_LABEL_COLON_RE, _PAREN_RE):
        match = pattern.match(text)
        if match and delegation(match.group("who")):
            return text[match.end() :]
    return _LEADING_MARK_RE.sub("", text, count=1)


def plain_text(text: str, *, struck: bool = True) -> str:
    """The words of a draft paragraph without tags, attributions and bracket marks.

    ``struck=False`` also drops text proposed for deletion (``~~...~~``).

    >>> plain_text("[agreed] [Urges][EU: Encourages] States ~~now~~ (G77)", struck=False)
    'Urges Encourages States'
    """
    text = STATUS_TAG_RE.sub(" ", strip_emphasis(text))
    text = _without_delete_proposals(text)
    text = _PROPOSED_BY_RE.sub(" ", text)
    text = _LABEL_COLON_RE.sub(
        lambda m: m.group("open") if delegation(m.group("who")) else m.group(0), text
    )
    text = _PAREN_RE.sub(lambda m: " " if delegation(m.group("who")) else m.group(0), text)
    text = _STRUCK_RE.sub(r"\1" if struck else " ", text)
    text = text.replace("[", " ").replace("]", " ").replace("~~", " ")
    return re.sub(r"\s+", " ", re.sub(r"\s+([,;:.])", r"\1", text)).strip()


def _without_delete_proposals(text: str) -> str:
    def drop(match: re.Match[str]) -> str:
        who, what = match.group(1), match.group(2)
        return " " if delegation(who) and _DELETE_WORDS.match(what.strip()) else match.group(0)

    return re.sub(r"\[\s*([^:\[\]]{1,80}?)\s*:\s*([^\[\]]{1,40})\]", drop, text)


# --------------------------------------------------------------------------- brackets


@dataclass(slots=True, frozen=True)
class Bracket:
    """One square-bracketed span: what it holds (``inner``), where, how deep."""

    inner: str
    start: int
    end: int
    depth: int

    @property
    def key(self) -> str:
        """The words it holds, normalised, without marks (how brackets are matched)."""
        return normalise(plain_text(self.inner))

    @property
    def own_words(self) -> str:
        """The words at this bracket's own level, nested brackets left out, normalised."""
        inner, previous = self.inner, None
        while inner != previous:
            previous, inner = inner, re.sub(r"\[[^\[\]]*\]", " ", inner)
        return normalise(plain_text(inner)) or self.key


def brackets(text: str) -> list[Bracket]:
    """Every square bracket of ``text``, nested ones included, in order of opening.

    Status tags ("[agreed]") and attributions alone ("[EU]") are not brackets of
    text; an unclosed bracket runs to the end.

    >>> [b.inner for b in brackets("Urges [States [and others]] to act [agreed]")]
    ['States [and others]', 'and others']
    """
    return [b for b in _all_brackets(text) if _holds_text(b.inner)]


def _all_brackets(text: str) -> list[Bracket]:
    found: list[Bracket] = []
    stack: list[int] = []
    for position, char in enumerate(text):
        if char == "[":
            stack.append(position)
        elif char == "]" and stack:
            start = stack.pop()
            found.append(Bracket(text[start + 1 : position], start, position + 1, len(stack)))
    for start in stack:
        found.append(Bracket(text[start + 1 :], start, len(text), 0))
    return sorted(found, key=lambda b: b.start)


def _holds_text(inner: str) -> bool:
    stripped = inner.strip()
    if not stripped or stripped.startswith("^"):
        return False  # a markdown footnote reference
    if STATUS_TAG_RE.fullmatch(f"[{stripped}]"):
        return False
    colon = _LABEL_COLON_RE.match(stripped)
    if colon and _DELETE_WORDS.match(stripped[colon.end() :]) and delegation(colon.group("who")):
        return False  # "[USA: delete]": a proposal about the paragraph, not bracketed text
    return delegation(stripped.strip("()")) is None


# --------------------------------------------------------------------------- proposals


@dataclass(slots=True, frozen=True)
class Proposal:
    """Words a draft attributes to a delegation (``by``), proposed for insertion or deletion."""

    by: str | None
    text: str
    kind: ProposalKind
    whole: bool = False  # the whole paragraph is the proposal

    @property
    def key(self) -> tuple[str, str, str]:
        """(delegation, kind, normalised words): how a proposal is found again."""
        return (normalise(self.by or ""), self.kind, normalise(self.text))


def proposals(text: str) -> list[Proposal]:
    """The attributed proposals of a draft paragraph's text, in reading order.

    >>> [(p.by, p.text, p.kind) for p in proposals("[Urges][EU: Encourages] States ~~now~~ (G77)")]
    [('EU', 'Encourages', 'insert'), ('G77', 'now', 'delete')]
    """
    text = strip_emphasis(text)
    found = _paragraph_proposal(text)
    for bracket in _all_brackets(text):
        found.extend(_bracket_proposals(bracket, text))
    found.extend(_struck_proposals(text, found))
    return _unique(found)


def _paragraph_proposal(text: str) -> list[Proposal]:
    """A whole paragraph attributed at its start: "(G77) Urges", "Proposed by X: ..."."""
    rest = text.lstrip()
    tag = STATUS_TAG_RE.match(rest)
    if tag:
        rest = rest[tag.end() :].lstrip()
    for pattern in (_PROPOSED_BY_RE, _PAREN_RE, _LABEL_COLON_RE):
        match = pattern.match(rest)
        who = match.group(match.lastindex or 1) if match else None
        if pattern is _LABEL_COLON_RE and match:
            who = match.group("who")
        if match and who and delegation(who) and not rest.startswith("["):
            body = plain_text(rest[match.end() :])
            return [Proposal(who.strip(), body, "insert", whole=True)] if body else []
    return []


def _bracket_proposals(bracket: Bracket, text: str) -> list[Proposal]:
    inner = bracket.inner.strip()
    colon = _LABEL_COLON_RE.match(inner)
    if colon and delegation(colon.group("who")):
        who, body = colon.group("who").strip(), inner[colon.end() :]
        if _DELETE_WORDS.match(body.strip()):
            return [Proposal(who, plain_text(_outside(text, bracket)), "delete", whole=True)]
        return _proposals_in(who, body)
    after = _PAREN_RE.match(text[bracket.end :].lstrip(" "))
    if after and delegation(after.group("who")):
        return _proposals_in(after.group("who").strip(), inner)
    return []


def _proposals_in(who: str, body: str) -> list[Proposal]:
    """An attributed body: struck parts are deletions, the rest one insertion."""
    found = [Proposal(who, plain_text(m.group(1)), "delete") for m in _STRUCK_RE.finditer(body)]
    inserted = plain_text(body, struck=False)
    if inserted:
        found.insert(0, Proposal(who, inserted, "insert"))
    return found


def _struck_proposals(text: str, known: list[Proposal]) -> list[Proposal]:
    """Struck text not already inside an attributed bracket, with "(X)" after it if any."""
    taken = {normalise(p.text) for p in known if p.kind == "delete"}
    found = []
    for match in _STRUCK_RE.finditer(text):
        words = plain_text(match.group(1))
        if normalise(words) in taken:
            continue
        after = _PAREN_RE.match(text[match.end() :].lstrip(" "))
        who = after.group("who").strip() if after and delegation(after.group("who")) else None
        found.append(Proposal(who, words, "delete"))
    return found


def _outside(text: str, bracket: Bracket) -> str:
    return text[: bracket.start] + text[bracket.end :]


def _unique(found: list[Proposal]) -> list[Proposal]:
    seen: dict[tuple[str, str, str], Proposal] = {}
    for proposal in found:
        if proposal.text:
            seen.setdefault(proposal.key, proposal)
    return list(seen.values())


# --------------------------------------------------------------------------- two rounds


def is_draft(document: Document) -> bool:
    """True when the document uses draft labels, brackets, struck text or status tags."""
    return any(p.draft_label or has_draft_marks(p.full_text()) for p in document.paragraphs)


def annotate_drafts(comparison: Comparison) -> None:
    """Fill ``Change.draft`` for every change that has something to report.

    Runs only when either version reads as a negotiation draft.
    """
    if not (is_draft(comparison.old) or is_draft(comparison.new)):
        return
    for change in comparison.changes:
        paragraphs = change.old + change.new
        if not any(p.draft_label or has_draft_marks(p.full_text()) for p in paragraphs):
            continue  # nothing of a draft in this change: nothing to report
        found = draft_change(change)
        change.draft = None if found.is_empty else found


def draft_change(change: Change) -> DraftChange:
    """Status, brackets and proposals of one change between two rounds."""
    old_text = " ".join(p.full_text() for p in change.old)
    new_text = " ".join(p.full_text() for p in change.new)
    return DraftChange(
        old_status=_status_of(change.old),
        new_status=_status_of(change.new),
        brackets=bracket_changes(old_text, new_text) if change.old and change.new else [],
        proposals=proposal_fates(old_text, new_text if change.new else None),
    )


def _status_of(paragraphs: list[Paragraph]) -> str | None:
    found = [status(f"{p.draft_label or ''} {p.full_text()}") for p in paragraphs]
    return next((s for s in reversed(found) if s), None)


def bracket_changes(old_text: str, new_text: str) -> list[BracketChange]:
    """Brackets removed from ``old_text`` and added in ``new_text``, matched by their words.

    >>> [b.to_dict() for b in bracket_changes("Urges [all] States", "Urges all States")]
    [{'edit': 'removed', 'text': 'all', 'kept': True}]
    """
    old, new = brackets(strip_emphasis(old_text)), brackets(strip_emphasis(new_text))
    old_keys, new_keys = Counter(b.key for b in old), Counter(b.key for b in new)
    old_plain = _padded(plain_text(old_text, struck=False))
    new_plain = _padded(plain_text(new_text, struck=False))
    result = [
        BracketChange("removed", b.inner.strip(), f" {b.own_words} " in new_plain)
        for b in _unmatched(old, new_keys)
    ]
    result += [
        BracketChange("added", b.inner.strip(), f" {b.own_words} " in old_plain)
        for b in _unmatched(new, old_keys)
    ]
    return result


def _unmatched(items: list[Bracket], other: Counter[str]) -> list[Bracket]:
    left = Counter(other)
    result = []
    for item in items:
        if left[item.key] > 0:
            left[item.key] -= 1
        else:
            result.append(item)
    return result


def _padded(text: str) -> str:
    return f" {normalise(text)} "


def proposal_fates(old_text: str, new_text: str | None) -> list[ProposalFate]:
    """What became of each attributed proposal of ``old_text`` in ``new_text``.

    ``new_text`` None means the paragraph is gone: insertions were dropped,
    deletions taken in.

    >>> [f.outcome for f in proposal_fates("[Urges][EU: Encourages] States", "Encourages States")]
    ['taken_in']
    """
    old_proposals = proposals(old_text)
    if not old_proposals:
        return []
    if new_text is None:
        return [_gone(p) for p in old_proposals]
    still_open = {p.key for p in proposals(new_text)}
    views = _Views.of(old_text, new_text)
    return [_fate(p, still_open, views) for p in old_proposals]


def _gone(proposal: Proposal) -> ProposalFate:
    outcome: ProposalOutcome = "taken_in" if proposal.kind == "delete" else "dropped"
    return ProposalFate(proposal.by, proposal.text, proposal.kind, outcome)


@dataclass(slots=True, frozen=True)
class _Views:
    """Normalised, padded forms of both rounds that proposals are looked up in."""

    old_all: str  # old words, struck text included
    old_base: str  # old words without the attributed insertions
    new_kept: str  # new words without struck text
    new_display: str  # new words as printed, without marks
    new_deleted: bool  # the new round marks the paragraph deleted

    @classmethod
    def of(cls, old_text: str, new_text: str) -> _Views:
        """Build the views of one pair of paragraphs."""
        base = plain_text(_without_insertions(strip_emphasis(old_text)), struck=True)
        new_display = plain_text(new_text, struck=False)
        return cls(
            _padded(plain_text(old_text)),
            _padded(base),
            _padded(new_display),
            new_display,
            status(new_text) == "deleted",
        )


def _without_insertions(text: str) -> str:
    """``text`` with the words of its attributed insertions cut out."""
    for proposal in proposals(text):
        if proposal.kind == "insert" and proposal.text in text:
            text = text.replace(proposal.text, " ", 1)
    return text


def _fate(proposal: Proposal, still_open: set[tuple[str, str, str]], views: _Views) -> ProposalFate:
    words = f" {normalise(proposal.text)} "
    if proposal.key in still_open:
        return ProposalFate(proposal.by, proposal.text, proposal.kind, "open")
    if proposal.kind == "delete" and proposal.whole:
        outcome: ProposalOutcome = "taken_in" if views.new_deleted else "dropped"
        return ProposalFate(proposal.by, proposal.text, "delete", outcome)
    if proposal.kind == "delete":
        gone = views.new_kept.count(words) < views.old_all.count(words)
        return ProposalFate(proposal.by, proposal.text, "delete", "taken_in" if gone else "dropped")
    if views.new_kept.count(words) > views.old_base.count(words):
        return ProposalFate(proposal.by, proposal.text, "insert", "taken_in")
    variant = (
        views.new_display if proposal.whole else _close_variant(proposal.text, views.new_display)
    )
    if variant is not None:
        return ProposalFate(proposal.by, proposal.text, "insert", "reworded", variant)
    return ProposalFate(proposal.by, proposal.text, "insert", "dropped")


def _close_variant(text: str, target: str) -> str | None:
    """The part of ``target`` that reads like ``text`` (partial ratio >= 80), or None."""
    from rapidfuzz import fuzz

    if len(text.split()) < REWORDED_MIN_WORDS or not target:
        return None
    found = fuzz.partial_ratio_alignment(text.lower(), target.lower())
    if found is None or found.score < REWORDED_MIN_RATIO:
        return None
    start, end = _word_bounds(target, found.dest_start, found.dest_end)
    variant = target[start:end].strip(" ,;:")
    return variant if normalise(variant) != normalise(text) else None


def _word_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    while end < len(text) and not text[end].isspace():
        end += 1
    return start, end
