"""Read one instruction's sentence into operations.

Amendments are written in a small, stable English: "In the fourth
preambular paragraph, delete “...”.", "Delete operative paragraphs 5, 6, 10
and 13.", "After operative paragraph 4, insert two new operative paragraphs
reading: ...", "Replace “Chernobyl” with “Chornobyl” in the title, the
preambular paragraphs and the operative paragraphs.". The reader:

1. takes the quoted texts out (curly “...” with nesting, or straight "..."),
   leaving numbered placeholders, so that no quoted word can be read as part
   of the instruction;
2. splits the instruction into its *head* (up to a colon, or its first block)
   and its *tail* (the paragraphs it inserts or puts in);
3. matches the head against one pattern per form, each written out below
   with the words it allows; a target phrase ("the twenty-first preambular
   paragraph and operative paragraphs 35, 38 and 39") is read by
   ``read_targets``, which must account for every word of it.

A sentence that matches no form gives no operation and a ``problem``; the
reader never guesses.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from dataclasses import dataclass

from resdiff.amend.model import (
    LAST,
    Instruction,
    Operation,
    OperationKind,
    Position,
    Target,
    TargetKind,
)

# --------------------------------------------------------------------------- numbers in words

_UNITS = (
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
    "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth"
).split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
_CARDINALS = "one two three four five six seven eight nine ten".split()


def _ordinal_table() -> dict[str, int]:
    table = {word: n for n, word in enumerate(_UNITS, 1)}
    for k, tens in enumerate(_TENS):
        base = 20 + 10 * k
        table[tens[:-1] + "ieth"] = base
        for n, unit in enumerate(_UNITS[:9], 1):
            table[f"{tens}-{unit}"] = base + n
    table["hundredth"] = 100
    return table


ORDINALS = _ordinal_table()
_ORDINAL_WORD = (
    "(?:"
    + "|".join(
        re.escape(word).replace("\\-", r"[\-‐‑\s]")
        for word in sorted(ORDINALS, key=len, reverse=True)
    )
    + r"|last|\d{1,3}(?:st|nd|rd|th))"
)


def ordinal(word: str) -> int | None:
    """The number an ordinal names: 'twenty-third' -> 23, '41st' -> 41, 'last' -> ``LAST``.

    >>> ordinal("twenty-third"), ordinal("forty‑first"), ordinal("11th"), ordinal("fifth")
    (23, 41, 11, 5)
    >>> ordinal("Recalling") is None
    True
    """
    key = re.sub(r"[\s‐‑]+", "-", word.strip().lower())
    if key == "last":
        return LAST
    found = re.fullmatch(r"(\d{1,3})(?:st|nd|rd|th)", key)
    if found:
        return int(found.group(1))
    return ORDINALS.get(key)


def _count(word: str | None) -> int | None:
    if word is None:
        return None
    if word.isdigit():
        return int(word)
    lowered = word.lower()
    return _CARDINALS.index(lowered) + 1 if lowered in _CARDINALS else None


# --------------------------------------------------------------------------- quotes

_OPEN, _CLOSE = "“", "”"
_PLACEHOLDER_RE = re.compile(r"«(\d+)»")


def take_quotes(text: str) -> tuple[str, list[str]]:
    """Replace each quoted text with a placeholder «n»; return the skeleton and the quotes.

    Curly quotes nest (“a “b” c” is one quote); straight quotes pair up.

    >>> take_quotes('In operative paragraph 1, replace “Takes note” with "Welcomes".')
    ('In operative paragraph 1, replace «0» with «1».', ['Takes note', 'Welcomes'])
    """
    skeleton: list[str] = []
    quotes: list[str] = []
    k = 0
    while k < len(text):
        ch = text[k]
        if ch in (_OPEN, '"'):
            end = _quote_end(text, k)
            if end is not None:
                skeleton.append(f"«{len(quotes)}»")
                quotes.append(" ".join(text[k + 1 : end].split()))
                k = end + 1
                continue
        skeleton.append(ch)
        k += 1
    return "".join(skeleton), quotes


def _quote_end(text: str, start: int) -> int | None:
    if text[start] == '"':
        end = text.find('"', start + 1)
        return end if end > start else None
    depth = 0
    for k in range(start, len(text)):
        if text[k] == _OPEN:
            depth += 1
        elif text[k] == _CLOSE:
            depth -= 1
            if depth == 0:
                return k
    return None


# --------------------------------------------------------------------------- targets

_KIND_WORDS: dict[str, TargetKind] = {"preambular": "preamble", "operative": "operative"}
_SUBITEM = r"\(\s*([a-z]{1,2}|[ivxlc]{1,6})\s*\)"
_ITEM_RE = re.compile(
    rf"^(?:the\s+)?(?:(?P<ord>{_ORDINAL_WORD})\b\s*)?"
    r"(?:(?P<kind>preambular|operative)\b\s*)?(?:(?P<noun>paragraphs?|subparagraphs?)\b\s*)?"
    rf"(?P<num>\d{{1,3}})?(?P<subs>(?:\s*{_SUBITEM})*)$",
    re.I,
)
_SUBPARAGRAPH_OF_RE = re.compile(
    rf"^(?:sub-?paragraphs?|subitem)\s+(?P<subs>(?:\s*{_SUBITEM})+)\s+of\s+(?P<rest>.+)$", re.I
)
_SENTENCE_OF_RE = re.compile(
    rf"^(?:the\s+)?(?P<ord>{_ORDINAL_WORD})\s+sentence\s+of\s+(?P<rest>.+)$", re.I
)
_WHOLE_PART_RE = re.compile(
    r"^(?:the\s+)?(?P<kind>preambular|operative)\s+(?:paragraphs|part)$|^the\s+preamble$", re.I
)


def read_targets(phrase: str) -> list[Target] | None:
    """Every target a phrase names, in order, or None when a word of it is not understood.

    >>> [t.label() for t in read_targets(
    ...     "the twenty-first preambular paragraph and operative paragraphs 35, 38 and 39")]
    ['PP21', 'OP35', 'OP38', 'OP39']
    >>> [t.label() for t in read_targets("the first and second preambular paragraphs")]
    ['PP1', 'PP2']
    >>> [t.label() for t in read_targets("subparagraph (b) of operative paragraph 3")]
    ['OP3 (b)']
    >>> read_targets("the paragraph about climate") is None
    True
    """
    text = " ".join(phrase.replace("‑", "-").split()).strip(" ,")
    sentence = _SENTENCE_OF_RE.match(text)
    if sentence:
        which = ordinal(sentence.group("ord"))
        inner = read_targets(sentence.group("rest"))
        if which is None or inner is None or len(inner) != 1 or inner[0].kind == "title":
            return None
        return [_with(inner[0], sentence=which)]
    of = _SUBPARAGRAPH_OF_RE.match(text)
    if of:
        inner = read_targets(of.group("rest"))
        subs = re.findall(_SUBITEM, of.group("subs"), re.I)
        if inner is None or len(inner) != 1 or inner[0].number is None:
            return None
        return [_with(inner[0], subitem=".".join(s.lower() for s in subs))]
    return _read_list(text)


def _with(target: Target, **changes: object) -> Target:
    return dataclasses.replace(target, **changes)  # type: ignore[arg-type]


@dataclass(slots=True)
class _Item:
    kind: TargetKind | None
    number: int | None
    subitem: str | None
    whole: bool = False


def _read_list(text: str) -> list[Target] | None:
    items: list[_Item] = []
    for piece in re.split(r"\s*,\s*(?:and\s+)?|\s+and\s+", text):
        item = _read_item(piece)
        if item is None:
            return None
        items.append(item)
    _fill_kinds(items)
    targets = []
    for item in items:
        if item.kind is None:
            return None
        targets.append(Target(item.kind, item.number, item.subitem))
    return targets or None


def _read_item(piece: str) -> _Item | None:
    if re.fullmatch(r"(?:the\s+)?title", piece, re.I):
        return _Item("title", None, None)
    whole = _WHOLE_PART_RE.match(piece)
    if whole:
        word = (whole.group("kind") or "preambular").lower()
        return _Item(_KIND_WORDS[word], None, None, whole=True)
    found = _ITEM_RE.match(piece)
    if not found or not (found.group("ord") or found.group("num")):
        return None
    kind: TargetKind | None = _KIND_WORDS.get((found.group("kind") or "").lower())
    if found.group("ord") and found.group("num"):
        return None
    number = int(found.group("num")) if found.group("num") else ordinal(found.group("ord"))
    if number is None or number == LAST:
        return None
    if found.group("noun") is None and kind is not None:
        return None  # "the fifth preambular" without "paragraph"
    if found.group("noun") and found.group("noun").lower().startswith("sub"):
        return None
    if found.group("num") and kind is None and found.group("noun"):
        kind = "operative"  # "paragraph 5": operative paragraphs are cited by number
    subs = re.findall(_SUBITEM, found.group("subs") or "", re.I)
    subitem = ".".join(s.lower() for s in subs) or None
    return _Item(kind, number, subitem)


def _fill_kinds(items: list[_Item]) -> None:
    """A bare number takes the kind of the item before it ("operative paragraphs 5, 6");
    a bare ordinal the kind of the item after it ("the first and second preambular")."""
    for k, item in enumerate(items):
        if item.kind is not None:
            continue
        before = items[k - 1].kind if k else None
        after = next((i.kind for i in items[k + 1 :] if i.kind is not None), None)
        item.kind = before if before is not None else after


# --------------------------------------------------------------------------- instruction forms

_Q = r"«(\d+)»"
_QLIST = rf"{_Q}(?:(?:\s*,\s*(?:and\s+)?|\s+and\s+){_Q})*"
_WORDS = r"(?:the\s+(?:words?|phrase|text)\s+)?"


def _new_paragraphs(suffix: str = "") -> str:
    """'a new operative paragraph', 'two new operative paragraphs', 'the following paragraph';
    the count and the kind are caught in groups named ``count`` and ``kind`` plus ``suffix``."""
    return (
        rf"(?:(?:a|an|the|one|(?P<count{suffix}>two|three|four|five|six|\d))\s+)?"
        rf"(?:following\s+)?(?:new\s+)?(?:(?P<kind{suffix}>preambular|operative)\s+)?"
        r"(?:sub)?paragraphs?(?:\s+(?:\d{1,3}\s+)?(?:bis|ter|quater|\(new\)))?"
    )


_NEW_PARAGRAPHS = _new_paragraphs()
_READING = r"(?:\s*,?\s*(?:reading|which\s+reads|as\s+follows|to\s+read|worded\s+as\s+follows))?"


@dataclass(slots=True)
class _Parsed:
    head: str
    tail: list[str]
    quotes: list[str]


_Form = Callable[[re.Match[str], _Parsed], list[Operation] | None]
_FORMS: list[tuple[re.Pattern[str], _Form]] = []


def _form(pattern: str) -> Callable[[_Form], _Form]:
    def register(function: _Form) -> _Form:
        _FORMS.append((re.compile(pattern, re.I), function))
        return function

    return register


def read_instruction(number: int, blocks: list[str]) -> Instruction:
    """The operations of one instruction, or an Instruction with a ``problem``.

    >>> ops = read_instruction(4, ["Delete operative paragraphs 5, 6, 10 and 13."]).operations
    >>> [(o.kind, o.target.label()) for o in ops][1:3]
    [('delete_paragraph', 'OP6'), ('delete_paragraph', 'OP10')]
    """
    text = "\n\n".join(blocks)
    instruction = Instruction(number, " ".join(text.split()))
    parsed = _split(blocks)
    head = " ".join(parsed.head.split()).rstrip(" .;")
    for pattern, function in _FORMS:
        found = pattern.fullmatch(head)
        if found is None:
            continue
        operations = function(found, parsed)
        if operations:
            instruction.operations = operations
            return instruction
    instruction.problem = f"no instruction form matches “{_shorten(head)}”"
    return instruction


def _shorten(text: str, width: int = 100) -> str:
    return text if len(text) <= width else text[: width - 2] + " …"


def _split(blocks: list[str]) -> _Parsed:
    """The head (up to a colon outside quotes, else the first block) and the tail blocks,
    quotes taken out of the head."""
    first, quotes = take_quotes(blocks[0])
    rest = blocks[1:]
    colon = first.find(":")
    if colon >= 0 and (first[colon + 1 :].strip() or rest):
        tail_text = _restore(first[colon + 1 :], quotes).strip()
        tail = ([tail_text] if tail_text else []) + rest
        return _Parsed(first[:colon], tail, quotes)
    return _Parsed(first, rest, quotes)


def _restore(text: str, quotes: list[str]) -> str:
    return _PLACEHOLDER_RE.sub(lambda m: f"“{quotes[int(m.group(1))]}”", text)


def _quoted(found: re.Match[str], group: str | int, parsed: _Parsed) -> list[str]:
    """The quotes a QLIST group holds, in order."""
    span = found.group(group)
    return [parsed.quotes[int(n)] for n in _PLACEHOLDER_RE.findall(span or "")]


def _paragraph_texts(parsed: _Parsed, trailing: str | None = None) -> list[str]:
    """The paragraphs an instruction puts in: quoted texts, or its tail blocks."""
    if trailing:
        return [parsed.quotes[int(n)] for n in _PLACEHOLDER_RE.findall(trailing)]
    texts = []
    for block in parsed.tail:
        plain = " ".join(block.split())
        whole_quote = re.fullmatch(r"[“\"](.*)[”\"]\.?", plain)
        texts.append(whole_quote.group(1).strip() if whole_quote else plain)
    return [t for t in texts if t]


def _targets(phrase: str) -> list[Target] | None:
    return read_targets(phrase)


@_form(rf"in\s+(?P<t>[^«]+?),?\s+(?:delete|remove|strike\s+out)\s+{_WORDS}(?P<q>{_QLIST})")
def _delete_words(found: re.Match[str], parsed: _Parsed) -> list[Operation] | None:
    targets = _targets(found.group("t"))
    if not targets:
        return None
    return [
        Operation("delete_words", t, old=q) for t in targets for q in _quoted(found, "q", parsed)
    ]


@_form(
    rf"in\s+(?P<t>[^«]+?),?\s+(?:delete|remove)\s+(?:the\s+)?(?P<ord>{_ORDINAL_WORD})\s+sentence"
)
def _delete_sentence(found: re.Match[str], parsed: _Parsed) -> list[Operation] | None:
    targets, which = _targets(found.group("t")), ordinal(found.group("ord"))
    if not targets or which is None:
        return None
    return [Operation("delete_words", _with(t, sentence=which)) for t in targets]


@_form(
    rf"in\s+(?P<t>[^«]+?),?\s+(?:replace|substitute)\s+(?P<pairs>{_WORDS}{_Q}\s+(?:with|by)\s+"
    rf"{_WORDS}{_Q}(?:(?:\s*,\s*(?:and\s+)?|\s+and\s+){_WORDS}{_Q}\s+(?:with|by)\s+{_WORDS}{_Q})*)"
)
def _replace_words(found: re.Match[str], parsed: _Parsed) -> list[Operation] | None:
    targets = _targets(found.group("t"))
    quotes = _quoted(found, "pairs", parsed)
    if not targets or len(quotes) % 2:
        return None
    pairs = list(zip(quotes[::2], quotes[1::2], strict=True))
    return [Operation("replace_words", t, old=a, new=(b,)) for t in targets for a, b in pairs]


@_form(
    rf"in\s+(?P<t>[^«]+?),?\s+(?:insert|add)\s+{_WORDS}(?P<new>{_Q})\s+(?P<pos>after|before)\s+"
    rf"{_WORDS}(?P<anchor>{_Q})"
)
def _insert_words_after(found: re.Match[str], parsed: _Parsed) -> list[Operation] | None:
    return _insert_words(found, parsed)


@_form(
    rf"in\s+(?P<t>[^«]+?),?\s+(?P<pos>after|before)\s+{_WORDS}(?P<anchor>{_Q}),?\s+"
    rf"(?:insert|add)\s+{_WORDS}(?P<new>{_Q})"
)
def _after_words_insert(found: re.Match[str], parsed: _Parsed) -> list[Operation] | None:
    return _insert_words(found, parsed)


def _insert_words(found: re.Match[str], parsed: _Parsed) -> list[Operation] | None:
    targets = _targets(found.group("t"))
    if not targets:
        return None
    new, anchor = _quoted(found, "new", parsed)[0], _quoted(found, "anchor", parsed)[0]
    position: Position = "after" if found.group("pos").lower() == "after" else "before"
    return [
        Operation("insert_words", t, new=(new,), anchor=anchor, position=position) for t in targets
    ]


@_form(
    rf"(?:in\s+(?P<t1>[^«]+?),?\s+(?:insert|add)\s+{_WORDS}(?P<new1>{_Q})\s+at\s+the\s+"
    rf"(?P<pos1>end|beginning)(?:\s+of\s+the\s+(?:paragraph|subparagraph|sentence))?"
    rf"|at\s+the\s+(?P<pos2>end|beginning)\s+of\s+(?P<t2>[^«]+?),?\s+(?:insert|add)\s+{_WORDS}"
    rf"(?P<new2>{_Q}))"
)
def _insert_at_end(found: re.Match[str], parsed: _Parsed) -> list[Operation] | None:
    side = "1" if found.group("t1") else "2"
    targets = _targets(found.group("t" + side))
    if not targets:
        return None
    new = _quoted(found, "new" + side, parsed)[0]
    position: Position = "end" if found.group("pos" + side).lower() == "end" else "start"
    return [Operation("insert_words", t, new=(new,), position=position) for t in targets]


@_form(r"(?:delete|remove)\s+(?P<t>[^«]+)")
def _delete_paragraphs(found: re.Match[str], parsed: _Parsed) -> list[Operation] | None:
    targets = _targets(found.group("t"))
    if not targets or parsed.tail or any(t.number is None for t in targets):
        return None
    operations = []
    for target in targets:
        if target.sentence is not None:
            operations.append(Operation("delete_words", target))
        else:
            operations.append(Operation("delete_paragraph", target))
    return operations


@_form(
    rf"(?P<pos>after|before)\s+(?P<t>[^«]+?),?\s+(?:insert|add)\s+{_NEW_PARAGRAPHS}{_READING}"
    rf"(?:\s+(?P<q>{_QLIST}))?"
)
def _insert_paragraphs_after(found: re.Match[str], parsed: _Parsed) -> list[Operation] | None:
    return _insert_paragraphs(found, parsed, found.group("t"), found.group("pos"))


@_form(
    rf"(?:insert|add)\s+{_NEW_PARAGRAPHS}\s+(?P<pos>after|before)\s+(?P<t>[^«]+?){_READING}"
    rf"(?:\s+(?P<q>{_QLIST}))?"
)
def _insert_paragraphs_named_first(found: re.Match[str], parsed: _Parsed) -> list[Operation] | None:
    return _insert_paragraphs(found, parsed, found.group("t"), found.group("pos"))


@_form(
    rf"(?:at\s+the\s+end\s+of\s+the\s+(?P<part1>preambular|operative)\s+part,?\s+(?:insert|add)\s+"
    rf"{_new_paragraphs('1')}|(?:insert|add)\s+{_new_paragraphs('2')}\s+at\s+the\s+end\s+of\s+"
    rf"the\s+(?P<part2>preambular|operative)\s+part|(?:insert|add)\s+{_new_paragraphs('3')}\s+at"
    r"\s+the\s+end)"
    rf"{_READING}(?:\s+(?P<q>{_QLIST}))?"
)
def _insert_paragraphs_at_end(found: re.Match[str], parsed: _Parsed) -> list[Operation] | None:
    part = found.group("part1") or found.group("part2")
    kinds = [k for k in found.groupdict() if k.startswith("kind")]
    named = next((found.group(k) for k in kinds if found.group(k)), None)
    word = (part or named or "").lower()
    if word not in _KIND_WORDS:
        return None
    texts = _paragraph_texts(parsed, found.group("q"))
    if not texts:
        return None
    target = Target(_KIND_WORDS[word])
    return [Operation("insert_paragraph", target, new=tuple(texts), position="end")]


def _insert_paragraphs(
    found: re.Match[str], parsed: _Parsed, phrase: str, side: str
) -> list[Operation] | None:
    targets = _targets(phrase)
    if not targets or len(targets) != 1 or targets[0].number is None:
        return None
    texts = _paragraph_texts(parsed, found.group("q"))
    expected = _count(found.group("count"))
    if not texts or (expected is not None and expected != len(texts)):
        return None
    position: Position = "after" if side.lower() == "after" else "before"
    return [Operation("insert_paragraph", targets[0], new=tuple(texts), position=position)]


@_form(
    r"(?:replace|substitute)\s+(?:the\s+text\s+of\s+)?(?P<t>[^«]+?)\s+(?:with|by)\s+"
    rf"(?:the\s+following(?:\s+(?:text|paragraph))?|a\s+new\s+paragraph){_READING}"
    rf"(?:\s+(?P<q>{_Q}))?"
    rf"|(?:replace|substitute)\s+(?:the\s+text\s+of\s+)?(?P<t2>[^«]+?)\s+(?:with|by)\s+(?P<q2>{_Q})"
    rf"|(?:amend|revise)\s+(?P<t3>[^«]+?)\s+to\s+read(?:\s+as\s+follows)?(?:\s+(?P<q3>{_Q}))?"
    rf"|(?P<t4>[^«]+?)\s+(?:should|shall)\s+(?:now\s+)?read(?:\s+as\s+follows)?(?:\s+(?P<q4>{_Q}))?"
)
def _replace_paragraph(found: re.Match[str], parsed: _Parsed) -> list[Operation] | None:
    side = next(s for s in ("", "2", "3", "4") if found.group("t" + s))
    targets = _targets(found.group("t" + side))
    if not targets or len(targets) != 1 or targets[0].number is None:
        return None
    texts = _paragraph_texts(parsed, found.group("q" + side))
    if len(texts) != 1:
        return None
    target = targets[0]
    if target.sentence is not None:
        return [Operation("replace_words", target, new=(texts[0],))]
    return [Operation("replace_paragraph", target, new=(texts[0],))]


@_form(
    rf"(?:replace|substitute)\s+{_WORDS}(?P<old>{_Q})\s+(?:with|by)\s+{_WORDS}(?P<new>{_Q})\s+"
    r"(?:in|throughout)\s+(?P<scope>.+)"
)
def _replace_everywhere(found: re.Match[str], parsed: _Parsed) -> list[Operation] | None:
    scope = found.group("scope").strip()
    if re.fullmatch(
        r"(?:the\s+)?(?:(?:whole|entire)\s+)?(?:text|draft(?:\s+resolution|\s+decision)?)"
        r"(?:\s+as\s+a\s+whole)?",
        scope,
        re.I,
    ):
        targets = [Target("title"), Target("preamble"), Target("operative")]
    else:
        read = _targets(scope)
        if read is None:
            return None
        targets = read
    old, new = _quoted(found, "old", parsed)[0], _quoted(found, "new", parsed)[0]
    kind: OperationKind = "replace_words"
    return [Operation(kind, t, old=old, new=(new,), every=True) for t in targets]
