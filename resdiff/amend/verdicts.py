"""Say, for each applied instruction, whether the adopted text reflects it.

The draft and the adopted text are aligned clause by clause (``resdiff.compare``);
each operation is then judged on the adopted counterpart of the paragraph it
changed:

- *delete a paragraph*: reflected when the paragraph has no counterpart;
- *insert paragraphs*: each new text is looked for among the adopted
  paragraphs (similarity of normalised texts): 0.9 and above is reflected,
  0.6 and above partly (reworded on the way), below that not reflected;
- *replace a paragraph*: the counterpart is compared with the new text and
  with the draft's text, and the closer one decides;
- *word edits*: the words around the edit are looked for in the counterpart
  as the amendment would have them (reflected) and as the draft has them (not
  reflected), first with three words of context on each side, then one; when
  neither is found, the quoted words themselves are counted: the old words
  gone and the new words there is reflected, one of the two is partly.

An instruction is reflected when all its operations are, not reflected when
none is, partly otherwise. Operations that did not apply to the draft are not
judged.
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from resdiff.amend.locate import find_all, join
from resdiff.amend.model import (
    Application,
    InstructionVerdict,
    Operation,
    OperationVerdict,
    Outcome,
    Target,
    Verdict,
)
from resdiff.compare import compare
from resdiff.model import Document, Paragraph
from resdiff.normalize import normalise

SAME = 0.9  # a paragraph this similar to the amendment's text reflects it
REWORDED = 0.6  # this similar, it reflects it partly
CONTEXT_WORDS = (3, 1)


def verdicts(application: Application, adopted: Document) -> list[InstructionVerdict]:
    """For each instruction of the application, how the adopted text reflects it."""
    judge = _Judge(application.draft, adopted)
    found = []
    for result in application.results:
        judged = [judge.operation(o) for o in result.outcomes if o.status == "applied"]
        found.append(InstructionVerdict(result, judged))
    return found


class _Judge:
    def __init__(self, draft: Document, adopted: Document) -> None:
        self.draft = draft
        self.adopted = adopted
        comparison = compare(draft, adopted)
        self.counterpart: dict[int, Paragraph] = {}
        self.paired_score: dict[int, float] = {}
        for change in comparison.changes:
            if change.old and change.new:
                for paragraph in change.old:
                    self.counterpart[id(paragraph)] = change.new[0]
                for paragraph in change.new:
                    self.paired_score[id(paragraph)] = change.similarity
        self.preamble = draft.preamble
        self.operative = {p.number: p for p in draft.operative if p.number}

    def operation(self, outcome: Outcome) -> OperationVerdict:
        operation = outcome.operation
        verdict, reason = self._judge(operation)
        return OperationVerdict(outcome, verdict, reason)

    def _judge(self, operation: Operation) -> tuple[Verdict, str]:
        if operation.kind == "insert_paragraph":
            return self._inserted(operation.new)
        if operation.every:
            return self._everywhere(operation)
        if operation.target.kind == "title":
            return self._words(operation, self.draft.title or "", _bare_title(self.adopted.title))
        paragraph = self._draft_paragraph(operation.target)
        if paragraph is None:
            return "not reflected", f"{operation.target.label()} is not in the draft"
        counterpart = self.counterpart.get(id(paragraph))
        label = operation.target.label()
        if operation.kind == "delete_paragraph" and operation.target.subitem is None:
            if counterpart is None:
                return "reflected", f"{label} is not in the adopted text"
            return "not reflected", f"{label} is in the adopted text as {counterpart.label}"
        if counterpart is None:
            return "not reflected", f"{label} is not in the adopted text at all"
        if operation.kind == "replace_paragraph" and operation.target.subitem is None:
            return self._replaced(paragraph, counterpart, operation.new[0])
        return self._words(operation, paragraph.full_text(), counterpart.full_text())

    def _draft_paragraph(self, target: Target) -> Paragraph | None:
        if target.number is None:
            return None
        if target.kind == "preamble":
            index = target.number - 1
            return self.preamble[index] if 0 <= index < len(self.preamble) else None
        return self.operative.get(str(target.number))

    def _inserted(self, texts: tuple[str, ...]) -> tuple[Verdict, str]:
        scores = [self._best_match(text) for text in texts]
        found = [f"{label} ({score:.0%})" for score, label in scores if score >= REWORDED]
        if all(score >= SAME for score, _ in scores):
            return "reflected", "adopted as " + ", ".join(found)
        if not found:
            best = max(score for score, _ in scores)
            return "not reflected", f"no adopted paragraph is like it (best {best:.0%})"
        return "partly", "like " + ", ".join(found)

    def _best_match(self, text: str) -> tuple[float, str]:
        """The adopted paragraph most like ``text``: similarity and label. A paragraph the
        draft already had, as like its draft paragraph as this, does not count."""
        key = normalise(text)
        best, label = 0.0, ""
        for paragraph in self.adopted.paragraphs:
            score = fuzz.ratio(key, normalise(paragraph.full_text())) / 100.0
            if score > best and score > self.paired_score.get(id(paragraph), 0.0):
                best, label = score, paragraph.label
        return best, label

    def _replaced(
        self, paragraph: Paragraph, counterpart: Paragraph, text: str
    ) -> tuple[Verdict, str]:
        adopted = normalise(counterpart.full_text())
        to_new = fuzz.ratio(adopted, normalise(text)) / 100.0
        to_old = fuzz.ratio(adopted, normalise(paragraph.full_text())) / 100.0
        where = f"{counterpart.label}: {to_new:.0%} like the new text, {to_old:.0%} like the draft"
        if to_new >= SAME and to_new > to_old:
            return "reflected", where
        if to_old >= SAME or to_old >= to_new:
            return "not reflected", where
        return "partly", where

    def _everywhere(self, operation: Operation) -> tuple[Verdict, str]:
        """A replacement of every occurrence: judged place by place, then together."""
        assert operation.old is not None
        pairs: list[tuple[str, str, str]] = []
        if operation.target.kind == "title":
            pairs.append(("title", self.draft.title or "", _bare_title(self.adopted.title)))
        else:
            part = self.preamble if operation.target.kind == "preamble" else self.draft.operative
            for paragraph in part:
                counterpart = self.counterpart.get(id(paragraph))
                if counterpart is not None and find_all(paragraph.full_text(), operation.old):
                    pairs.append((paragraph.label, paragraph.full_text(), counterpart.full_text()))
        done: list[str] = []
        kept: list[str] = []
        for label, before, after in pairs:
            gone = len(find_all(after, operation.old)) < len(find_all(before, operation.old))
            (done if gone else kept).append(label)
        if not pairs:
            return "not reflected", "no paragraph with those words is in the adopted text"
        if not kept:
            return "reflected", "replaced in " + ", ".join(done)
        if not done:
            return "not reflected", "still in " + ", ".join(kept)
        return "partly", f"replaced in {', '.join(done)}; still in {', '.join(kept)}"

    def _words(self, operation: Operation, before: str, after: str) -> tuple[Verdict, str]:
        """A word edit, judged on the words around it in the draft and in the adopted text."""
        for words in CONTEXT_WORDS:
            windows = _windows(operation, before, words)
            if windows is None:
                break
            amended, tabled = windows
            if amended and find_all(after, amended):
                return "reflected", f"the adopted text reads “{_short(amended)}”"
            if tabled and find_all(after, tabled):
                return "not reflected", f"the adopted text still reads “{_short(tabled)}”"
        return _counted(operation, before, after)


def _windows(operation: Operation, text: str, words: int) -> tuple[str, str] | None:
    """The words around the edit as the amendment would have them and as the draft has them,
    with ``words`` words of context on each side; None when the draft lacks the quoted words."""
    quoted = operation.old if operation.old is not None else operation.anchor
    if quoted is None:
        return None
    spans = find_all(text, quoted)
    if len(spans) != 1:
        return None
    start, end = spans[0]
    left = _context_start(text, start, words)
    right = _context_end(text, end, words)
    head, middle, tail = text[left:start], text[start:end], text[end:right]
    new = operation.new[0] if operation.new else ""
    if operation.kind == "delete_words":
        amended = join(head, tail)
    elif operation.kind == "replace_words":
        amended = join(join(head, new), tail)
    elif operation.position == "after":
        amended = join(join(head + middle, new), tail)
    else:
        amended = join(join(head, new), middle + tail)
    return amended, text[left:right]


def _context_start(text: str, start: int, words: int) -> int:
    position = start
    for _ in range(words):
        position = text.rfind(" ", 0, max(position - 1, 0))
        if position < 0:
            return 0
    return position + 1 if position < start else start


def _context_end(text: str, end: int, words: int) -> int:
    position = end
    for _ in range(words):
        found = text.find(" ", position + 1)
        if found < 0:
            return len(text)
        position = found
    return position


def _counted(operation: Operation, before: str, after: str) -> tuple[Verdict, str]:
    """The quoted words counted in the draft and in the adopted text."""
    old = operation.old
    new = operation.new[0] if operation.new and operation.kind != "delete_words" else None
    old_gone = old is not None and len(find_all(after, old)) < len(find_all(before, old))
    new_there = new is not None and len(find_all(after, new)) > len(find_all(before, new))
    checks = [
        c for c, asked in ((old_gone, old is not None), (new_there, new is not None)) if asked
    ]
    if checks and all(checks):
        return "reflected", "the quoted words are as the amendment has them"
    if any(checks):
        return "partly", "only part of the edit is in the adopted text"
    return "not reflected", "the adopted text has neither the edit nor the words around it"


def _bare_title(title: str | None) -> str:
    if not title:
        return ""
    found = re.match(r"^\d{1,3}/\d{1,4}(?:\s?[A-Z])?\.\s+(.*)$", title)
    return found.group(1) if found else title


def _short(text: str, width: int = 70) -> str:
    plain = " ".join(text.split())
    return plain if len(plain) <= width else plain[: width - 2].rsplit(" ", 1)[0] + " …"
