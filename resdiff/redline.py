"""Word-level redlines: which words were deleted and inserted between two texts.

Both texts are cut into word and punctuation tokens (a redline never splits a
word); tokens are compared by their normalised key, so a change of quote style,
case or an extraction artefact is not taken for an edit of wording.

The contract: joining the ``equal`` and ``insert`` parts of ``redline(old,
new)`` gives exactly ``display(new)``, and joining the ``equal`` and
``delete`` parts gives ``display(old)``. So a token whose key is equal on both
sides but whose spelling differs ("Member States’" and "Member States'",
"non‑State" with a non-breaking hyphen) is a ``delete`` of the old spelling
and an ``insert`` of the new one; ``fold`` turns such pairs back into ``equal``
parts for reports and for the tests of what changed. The diff is difflib's
``SequenceMatcher`` with ``autojunk=False``: its autojunk heuristic treats
tokens that recur often as noise, and in UN texts the recurring tokens ("the",
"of", "human rights") are exactly the ones that hold long inputs in line.

Cost is bounded (``resdiff.diff``, ``resdiff.limits``): long paragraphs are
diffed by anchoring on words unique to both versions instead of difflib, and a
text over ``REDLINE_WORD_CHARS`` characters is compared clause by clause. Either
way ``redline_noted`` returns a note saying so, which the reports show.
"""

from __future__ import annotations

import re

from resdiff.diff import Budget, Opcode, diff
from resdiff.limits import REDLINE_WORD_CHARS
from resdiff.model import RedlineOp
from resdiff.normalize import (
    TOKEN_RE,
    is_marker,
    repair_spacing,
    strip_emphasis,
    strip_markers,
    token_key,
)

Redline = list[tuple[RedlineOp, str]]
# A clause for the coarse redline: up to and including its punctuation mark.
_CLAUSE_RE = re.compile(r"[^;,.:]*[;,.:]|[^;,.:]+$")


def spans(text: str) -> list[str]:
    """Tokens of ``text`` each with the whitespace that precedes it.

    >>> spans("*Urges* States,¹ to act")
    ['Urges', ' States', ',', ' to', ' act']
    """
    clean = repair_spacing(strip_emphasis(text))
    result: list[str] = []
    position = 0
    for match in TOKEN_RE.finditer(clean):
        token = match.group(0)
        if is_marker(token):
            position = match.end()
            continue
        gap = clean[position : match.start()]
        result.append((" " if gap else "") + token)
        position = match.end()
    return result


def display(text: str) -> str:
    """A text as the redline shows it: emphasis marks and footnote markers out, spacing
    repaired and collapsed.

    >>> display("  *Urges*   States,¹ to  post- conflict  action")
    'Urges States, to post-conflict action'
    """
    return "".join(spans(text)).lstrip(" ")


def redline(old: str, new: str, budget: Budget | None = None) -> Redline:
    """Diff two texts word by word: a list of ``(op, text)`` with op equal/insert/delete.

    Joining the equal and insert parts gives ``display(new)``; the equal and
    delete parts, ``display(old)``.

    >>> redline("Encourages States to act", "Urges States to act")
    [('delete', 'Encourages'), ('insert', 'Urges'), ('equal', ' States to act')]
    """
    return redline_noted(old, new, budget)[0]


def redline_noted(old: str, new: str, budget: Budget | None = None) -> tuple[Redline, str | None]:
    """``redline``, and a note when the texts were too long for the exact word diff.

    ``budget`` is the exact work left for the whole comparison (see ``resdiff.diff``).
    """
    by_clause = max(len(old), len(new)) > REDLINE_WORD_CHARS
    cut = clause_spans if by_clause else spans
    old_spans, new_spans = cut(old), cut(new)
    for side in (old_spans, new_spans):
        if side:
            side[0] = side[0].lstrip(" ")
    old_keys = [_key(s) for s in old_spans]
    new_keys = [_key(s) for s in new_spans]
    found = diff(old_keys, new_keys, budget)
    opcodes = _slide_edits(found.opcodes(len(old_keys), len(new_keys)), old_keys, new_keys)
    result: Redline = []
    for op, a1, a2, b1, b2 in opcodes:
        if op == "equal":
            _append_equal(result, old_spans[a1:a2], new_spans[b1:b2])
            continue
        if a2 > a1:
            _append(result, "delete", "".join(old_spans[a1:a2]))
        if b2 > b1:
            _append(result, "insert", "".join(new_spans[b1:b2]))
    return result, _note(by_clause, found.method, found.replaced)


def _key(span: str) -> str:
    return token_key(span.strip())


def _note(by_clause: bool, method: str, replaced: int) -> str | None:
    """What the reader of a report needs to know about how a redline was made."""
    if by_clause:
        note = (
            f"redline by clause, not by word: a text of more than {REDLINE_WORD_CHARS} characters"
        )
    elif method == "anchored":
        note = "long paragraph: word redline anchored on words found once in each version"
    else:
        return None
    if replaced:
        note += f"; {replaced} tokens with no such anchor are shown replaced whole"
    return note


def clause_spans(text: str) -> list[str]:
    """Clauses of ``text`` (cut after ; , . and :), each with the space before it.

    >>> clause_spans("Urges States,  in particular, to act; decides")
    ['Urges States,', ' in particular,', ' to act;', ' decides']
    """
    clean = " ".join(strip_markers(repair_spacing(strip_emphasis(text))).split())
    return _CLAUSE_RE.findall(clean)


def _slide_edits(opcodes: list[Opcode], old: list[str], new: list[str]) -> list[Opcode]:
    """Move each pure insertion or deletion to the equivalent place that reads best.

    difflib may report "(2017[, and 2400 (2018])" where "(2017)[, and 2400 (2018)]"
    is the same edit; an edit can slide while the token it leaves equals the
    token it takes in. Prefer edits that start a word or a clause.
    """
    result = list(opcodes)
    for k in range(1, len(result) - 1):
        before, edit, after = result[k - 1], result[k], result[k + 1]
        if before[0] != "equal" or after[0] != "equal" or edit[0] not in ("insert", "delete"):
            continue
        seq, lo, hi = (new, edit[3], edit[4]) if edit[0] == "insert" else (old, edit[1], edit[2])
        shift = _best_shift(seq, lo, hi, before, after, edit[0] == "insert")
        if shift:
            result[k - 1], result[k], result[k + 1] = _shifted(before, edit, after, shift)
    return result


def _best_shift(
    seq: list[str], lo: int, hi: int, before: Opcode, after: Opcode, insert: bool
) -> int:
    room_left = before[4] - before[3] if insert else before[2] - before[1]
    room_right = after[4] - after[3] if insert else after[2] - after[1]
    shifts = [0]
    s = 0
    while -s < room_left - 1 and lo + s - 1 >= 0 and seq[lo + s - 1] == seq[hi + s - 1]:
        s -= 1
        shifts.append(s)
    s = 0
    while s < room_right - 1 and hi + s < len(seq) and seq[lo + s] == seq[hi + s]:
        s += 1
        shifts.append(s)
    return max(shifts, key=lambda d: (_boundary_score(seq[lo + d], seq[hi + d - 1]), -abs(d)))


def _boundary_score(first: str, last: str) -> int:
    """How well an edit reads from its first and last tokens (no slice: an edit can slide
    far in repetitive text, and copying it at every step was quadratic)."""
    return (first not in ")]};:.,") * 2 + (last not in "([{") + (first in ",;")


def _shifted(before: Opcode, edit: Opcode, after: Opcode, d: int) -> tuple[Opcode, ...]:
    """Slide ``edit`` by ``d`` tokens: both sides of the equal runs around it move too."""
    return (
        ("equal", before[1], before[2] + d, before[3], before[4] + d),
        (edit[0], edit[1] + d, edit[2] + d, edit[3] + d, edit[4] + d),
        ("equal", after[1] + d, after[2], after[3] + d, after[4]),
    )


def _append_equal(result: Redline, old: list[str], new: list[str]) -> None:
    """Tokens with equal keys: one equal part when they are spelt alike; else each
    spelling that differs (a space, a quote, a case) is deleted and inserted."""
    if "".join(old) == "".join(new):
        _append(result, "equal", "".join(new))
        return
    for before, after in zip(old, new, strict=True):
        old_space, new_space = before.startswith(" "), after.startswith(" ")
        if old_space != new_space:
            _append(result, "delete" if old_space else "insert", " ")
        elif old_space:
            _append(result, "equal", " ")
        old_word, new_word = before.lstrip(" "), after.lstrip(" ")
        if old_word == new_word:
            _append(result, "equal", new_word)
        else:
            _append(result, "delete", old_word)
            _append(result, "insert", new_word)


def fold(diff: Redline) -> Redline:
    """The redline with each deletion followed by an insertion of the same words
    (differently spelt: quotes, hyphens, case) made one equal part, in the new spelling.

    >>> fold([("equal", "of "), ("delete", "States’"), ("insert", "States'"), ("equal", " act")])
    [('equal', "of States' act")]
    """
    result: Redline = []
    k = 0
    while k < len(diff):
        op, text = diff[k]
        if op == "delete" and k + 1 < len(diff) and diff[k + 1][0] == "insert":
            inserted = diff[k + 1][1]
            if _keys(text) == _keys(inserted) and text.strip():
                _append(result, "equal", inserted)
                k += 2
                continue
        _append(result, op, text)
        k += 1
    return result


def _keys(text: str) -> list[str]:
    return [token_key(token) for token in TOKEN_RE.findall(text)]


def _append(result: Redline, op: RedlineOp, text: str) -> None:
    if result and result[-1][0] == op:
        result[-1] = (op, result[-1][1] + text)
    else:
        result.append((op, text))


def changed_tokens(diff: Redline) -> tuple[list[str], list[str]]:
    """The deleted and the inserted tokens of a redline, as two lists of words (a change
    of spelling alone is not counted)."""
    diff = fold(diff)
    deleted = [t for op, text in diff if op == "delete" for t in TOKEN_RE.findall(text)]
    inserted = [t for op, text in diff if op == "insert" for t in TOKEN_RE.findall(text)]
    return deleted, inserted
