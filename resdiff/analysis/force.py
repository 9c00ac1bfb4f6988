"""Language strength: the opening phrase of a paragraph and its place on a scale.

Every preambular paragraph opens with a participle or adjective ("Noting with
concern", "Deeply concerned") and every operative paragraph with a verb phrase
("Calls upon", "Takes note of"). ``resdiff/data/phrases.json`` groups these
phrases in families (exhortation, approval, concern ...), each an ordinal
scale from weak to strong, and lists the words around them:

- *sequence words* ("also", "further", "once again") and possessives ("its")
  may stand before or inside a phrase and do not change its force;
- *intensifiers* ("strongly", "deep", "gravely", "in the strongest terms")
  add their weight.

The phrase is read from the start of the paragraph by walking a word trie:
the longest listed phrase wins, and modifiers are skipped wherever they stand
inside it ("Calls once again upon" is "calls upon"). Strength is compared as
(level, intensity): the level decides, intensity only breaks ties.

Cost: a few dictionary lookups per paragraph; the data file is read once.
"""

from __future__ import annotations

import re
from functools import cache
from itertools import islice

from resdiff.analysis import DATA_DIR
from resdiff.model import Force, ForceDirection
from resdiff.normalize import TOKEN_RE, strip_emphasis, token_key

MAX_WORDS = 14  # no opening phrase, with its modifiers, is longer


class Opening:
    """The opening phrase of one paragraph.

    ``phrase`` is the canonical listed phrase ("calls upon"), ``written`` the
    words as they stand in the paragraph ("Calls once again upon"),
    ``intensifiers`` the intensifying words met, ``intensity`` their weight.

    A plain class rather than a dataclass: this module is imported by every
    comparison, and generating a dataclass costs about half a millisecond.
    """

    __slots__ = ("family", "intensifiers", "intensity", "level", "phrase", "written")

    def __init__(
        self,
        phrase: str,
        written: str,
        family: str,
        level: int,
        intensifiers: tuple[str, ...] = (),
        intensity: int = 0,
    ) -> None:
        self.phrase, self.written, self.family, self.level = phrase, written, family, level
        self.intensifiers, self.intensity = intensifiers, intensity

    def __repr__(self) -> str:
        return f"Opening({self.written!r}: {self.family} {self.level}+{self.intensity})"

    @property
    def strength(self) -> tuple[int, int]:
        """(level, intensity): compared in that order."""
        return (self.level, self.intensity)

    @property
    def identity(self) -> tuple[str, tuple[str, ...]]:
        """What must differ for the opening to count as changed (not sequence words)."""
        return (self.phrase, self.intensifiers)


class _Scale:
    """The data file as lookup tables: phrase words -> (family, level), every proper
    prefix of a phrase, modifier words -> weight (0 for sequence words and possessives)."""

    __slots__ = ("longest_modifier", "modifiers", "phrases", "prefixes", "vocabulary")

    def __init__(
        self,
        phrases: dict[tuple[str, ...], tuple[str, int]],
        modifiers: dict[tuple[str, ...], int],
    ) -> None:
        self.phrases = phrases
        self.prefixes = frozenset(key[:n] for key in phrases for n in range(1, len(key)))
        self.modifiers = modifiers
        self.longest_modifier = max(len(key) for key in modifiers)
        self.vocabulary = frozenset(word for key in phrases for word in key)

    def word(self, word: str) -> str:
        """``word`` as listed: a British spelling ("emphasises") read as the listed "-ize"."""
        if word in self.vocabulary:
            return word
        variant = _BRITISH_RE.sub(r"iz\1", word)
        return variant if variant in self.vocabulary else word


@cache
def scale() -> _Scale:
    """The phrase scale from ``resdiff/data/phrases.json``, read once."""
    import json  # imported on first use: it costs start-up

    data = json.loads((DATA_DIR / "phrases.json").read_text(encoding="utf-8"))
    modifiers: dict[tuple[str, ...], int] = {}
    for word in [*data["sequence_words"], *data["possessives"], *data["connectives"]]:
        modifiers[_words(word)] = 0
    for group in data["intensifiers"]:
        for word in group["words"]:
            modifiers[_words(word)] = int(group["weight"])
    phrases: dict[tuple[str, ...], tuple[str, int]] = {}
    for family in data["families"]:
        for level, entries in enumerate(family["levels"], start=1):
            for entry in entries:
                key = tuple(w for w in _words(entry) if modifiers.get((w,)) != 0)
                phrases[key] = (family["name"], level)
    return _Scale(phrases, modifiers)


_BRITISH_RE = re.compile(r"is(e|es|ed|ing)$")


def _words(text: str) -> tuple[str, ...]:
    return tuple(token_key(t) for t in TOKEN_RE.findall(text))


def opening(text: str) -> Opening | None:
    """The opening phrase of a paragraph's text, or None when no listed phrase opens it.

    >>> opening("*Expresses its deep concern* at the continued imposition").written
    'Expresses its deep concern'
    >>> o = opening("Calls once again upon all Member States")
    >>> (o.phrase, o.family, o.level, o.intensity)
    ('calls upon', 'exhortation', 3, 0)
    """
    plain = strip_emphasis(text)
    found = _read(plain)
    if found is None:  # perhaps a draft: "[agreed] (EU) Urges", "Expresses its [deep] concern"
        from resdiff.analysis.drafts import plain_text, strip_leading_marks

        found = _read(strip_leading_marks(plain_text(plain)))
    return found


def _read(plain: str) -> Opening | None:
    spans = [(m.group(0), m.start(), m.end()) for m in islice(TOKEN_RE.finditer(plain), MAX_WORDS)]
    table = scale()
    words = [table.word(token_key(w)) for w, _, _ in spans]
    found = _walk(words, table)
    if found is None:
        return None
    key, end, intensifiers, intensity = found
    family, level = table.phrases[key]
    written = plain[spans[0][1] : spans[end - 1][2]]
    return Opening(" ".join(key), written, family, level, intensifiers, intensity)


def _walk(
    words: list[str], table: _Scale
) -> tuple[tuple[str, ...], int, tuple[str, ...], int] | None:
    """Longest phrase from the start: (phrase words, words used, intensifiers, weight)."""
    key: tuple[str, ...] = ()
    used: list[str] = []
    weight = 0
    best = None
    i = 0
    while i < len(words):
        candidate = (*key, words[i])
        if candidate in table.phrases or candidate in table.prefixes:
            key, i = candidate, i + 1
            if key in table.phrases:
                best = (key, i, tuple(used), weight)
            continue
        modifier = _modifier_at(words, i, table)
        if modifier is None:
            break
        size, value = modifier
        if value:
            used.append(" ".join(words[i : i + size]))
            weight += value
        i += size
    return _with_trailing(words, best, table) if best else None


def _modifier_at(words: list[str], i: int, table: _Scale) -> tuple[int, int] | None:
    """(length, weight) of the longest modifier starting at ``words[i]``, or None."""
    for size in range(min(table.longest_modifier, len(words) - i), 0, -1):
        value = table.modifiers.get(tuple(words[i : i + size]))
        if value is not None:
            return size, value
    return None


def _with_trailing(
    words: list[str], best: tuple[tuple[str, ...], int, tuple[str, ...], int], table: _Scale
) -> tuple[tuple[str, ...], int, tuple[str, ...], int]:
    """Take in intensifiers right after the phrase ("Condemns in the strongest terms")."""
    key, end, used, weight = best
    found = _modifier_at(words, end, table)
    while found is not None and found[1] > 0:
        size, value = found
        used = (*used, " ".join(words[end : end + size]))
        weight += value
        end += size
        found = _modifier_at(words, end, table)
    return key, end, used, weight


def force_change(old_text: str, new_text: str) -> Force | None:
    """How the opening phrase changed between two versions of a paragraph, or None.

    None when either opening is not a listed phrase, or when only sequence
    words or possessives differ ("Recalling" -> "Recalling also").

    >>> force_change("*Urges* States to act", "*Encourages* States to act").direction
    'weakened'
    >>> force_change("Recalling its resolution", "Recalling also its resolution") is None
    True
    """
    before, after = opening(old_text), opening(new_text)
    if before is None or after is None or before.identity == after.identity:
        return None
    return Force(
        before.written, after.written, _direction(before, after), before.family, after.family
    )


def _direction(before: Opening, after: Opening) -> ForceDirection:
    if before.family != after.family or before.strength == after.strength:
        return "changed"
    return "strengthened" if after.strength > before.strength else "weakened"
