"""Accuracy of ``resdiff amend`` and of the verdicts of ``compare --amendments``.

Usage: python benchmarks/amend.py

Reads ``fixtures/gold/amendments.json`` (where each instruction of the corpus
amendments acts and whether the adopted text reflects it, established by
reading the documents) and prints:

- *parsed*: instructions whose operations (kind and target, in order) are the
  gold ones;
- *applied*: of the instructions whose draft is in the fixtures, those that
  applied;
- *wrong place*: applied operations whose places are not the gold ones, or
  whose quoted words the draft paragraph does not hold (checked by a plain
  substring search, independent of resdiff's token matching); a replacement
  of every occurrence must touch exactly the paragraphs whose text holds the
  words;
- *verdicts*: of the instructions whose adopted text is in the fixtures,
  those whose verdict is the gold one.

The derived amendments (``fixtures/derived/*.derived-*.txt``) are counted
apart: their error cases must not apply, and nothing may apply at a wrong
place.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from resdiff import parse  # noqa: E402
from resdiff.amend import apply_amendments, read_amendment, reflected  # noqa: E402
from resdiff.amend.model import Application, Operation  # noqa: E402
from resdiff.model import Document  # noqa: E402

FIXTURES = ROOT / "fixtures"
DERIVED = [
    ("ga/A_80_L.25.txt", "derived/A_80_L.30.derived-every-operation.txt", 11),
    ("ga/A_C.2_80_L.30.txt", "derived/A_C.2_80_L.30-amendment.derived-subitems.txt", 4),
    ("ga/A_C.3_80_L.1.txt", "derived/A_C.3_80_L.1-amendment.derived-sentences.txt", 3),
]


def plain(text: str) -> str:
    """Text folded for a plain substring search: quotes, dashes, spaces, markers, case."""
    text = re.sub(r"[⁰¹²³⁴⁵⁶⁷⁸⁹]+", "", text)
    text = text.translate(str.maketrans({"“": '"', "”": '"', "’": "'", "‑": "-", "\u00a0": " "}))
    text = re.sub(r"(?<=\w)- (?=\w)", "-", text)
    return " ".join(text.split()).casefold()


def paragraph_text(draft: Document, label: str) -> str | None:
    if label == "title":
        return draft.title
    base = label.split(" ")[0]
    if base.startswith("PP") and base[2:].isdigit():
        index = int(base[2:]) - 1
        return draft.preamble[index].full_text() if index < len(draft.preamble) else None
    if base.startswith("OP"):
        found = [p for p in draft.operative if p.number == base[2:]]
        return found[0].full_text() if len(found) == 1 else None
    return None


def holders(draft: Document, operation: Operation) -> list[str]:
    """Labels of the paragraphs of the operation's part that hold its words (plain search)."""
    words = plain(operation.old or "")
    if operation.target.kind == "title":
        return ["title"] if words in plain(draft.title or "") else []
    part = draft.preamble if operation.target.kind == "preamble" else draft.operative
    return [p.label for p in part if words in plain(p.full_text())]


def wrong_places(application: Application) -> list[str]:
    """Applied operations at a place the draft does not justify."""
    draft = application.draft
    wrong = []
    for result in application.results:
        for outcome in result.outcomes:
            if outcome.status != "applied":
                continue
            operation = outcome.operation
            label = operation.target.label()
            if operation.every:
                if sorted(outcome.places) != sorted(holders(draft, operation)):
                    wrong.append(f"{result.ref}: {outcome.places}")
                continue
            if operation.kind == "insert_paragraph" and operation.target.number is None:
                continue
            text = paragraph_text(draft, label.split(",")[0])
            if text is None:
                wrong.append(f"{result.ref}: {label} is not in the draft")
                continue
            base = label.split(",")[0]  # "OP8, sentence 1" acts in OP8
            if outcome.places != [base] and not outcome.places[0].startswith(base):
                wrong.append(f"{result.ref}: {outcome.places} for {label}")
            words = operation.old or operation.anchor
            if words and plain(words) not in plain(text) and not _after_earlier(application, words):
                wrong.append(f"{result.ref}: “{words[:40]}” not in draft {label}")
    return wrong


def _after_earlier(application: Application, words: str) -> bool:
    """Quoted words the draft only holds after an earlier replacement (L.28's "Chornobyl
    nuclear power plant"): they must be in the amended text."""
    return plain(words) in plain(" ".join(p.full_text() for p in application.amended.paragraphs))


def main() -> None:
    gold = json.loads((FIXTURES / "gold" / "amendments.json").read_text(encoding="utf-8"))
    parsed = total = applicable = applied = judged = right = 0
    wrong: list[str] = []
    for entry in gold["amendments"]:
        amendment = read_amendment(FIXTURES / entry["amendment"])
        expected = entry["instructions"]
        total += len(expected)
        for instruction, want in zip(amendment.instructions, expected, strict=False):
            got = [[o.kind, o.target.label()] for o in instruction.operations]
            parsed += got == want["operations"]
        if entry["draft"] is None:
            continue
        draft = parse(FIXTURES / entry["draft"])
        application = apply_amendments(draft, [amendment])
        applicable += len(application.results)
        applied += sum(r.status == "applied" for r in application.results)
        wrong += wrong_places(application)
        if entry["adopted"]:
            verdicts = reflected(application, parse(FIXTURES / entry["adopted"]))
            for verdict, want in zip(verdicts, expected, strict=True):
                judged += 1
                right += verdict.verdict == want["verdict"]
    print(f"corpus amendments: {len(gold['amendments'])} documents, {total} instructions")
    print(f"  parsed:      {parsed}/{total} ({parsed / total:.1%})")
    print(
        f"  applied:     {applied}/{applicable} ({applied / applicable:.1%}) "
        "of those whose draft is in the fixtures"
    )
    print(f"  wrong place: {len(wrong)}")
    print(f"  verdicts:    {right}/{judged} ({right / judged:.1%}) right against the adopted texts")
    for line in wrong:
        print(f"    {line}")
    derived_wrong: list[str] = []
    for draft_name, amendment_name, should_apply in DERIVED:
        application = apply_amendments(
            parse(FIXTURES / draft_name), [read_amendment(FIXTURES / amendment_name)]
        )
        done = sum(r.status == "applied" for r in application.results)
        derived_wrong += wrong_places(application)
        print(
            f"derived {Path(amendment_name).name}: {done}/{len(application.results)} applied "
            f"(expected {should_apply}; the rest are error cases)"
        )
    print(f"  wrong place: {len(derived_wrong)}")
    for line in derived_wrong:
        print(f"    {line}")


if __name__ == "__main__":
    main()
