"""The hand-judged comparison gold files are well formed and match their texts.

These tests check only the gold files in ``fixtures/gold/pairs/`` (read by
``benchmarks/pairs_gold.py``), never resdiff's accuracy: valid JSON with the
agreed keys, well-formed labels, every paragraph of both texts accounted for
exactly once, consistent moved and borderline entries, and paragraph labels
and first words that agree with the texts as read by an independent splitter
(``tests/gold_reading.py``) and in the order the words occur in the texts.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from gold_reading import first_words, labelled_paragraphs

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
GOLD_FILES = sorted((FIXTURES / "gold" / "pairs").glob("*.json"))
KEYS = {
    "old",
    "new",
    "group",
    "old_paragraphs",
    "new_paragraphs",
    "pairs",
    "added",
    "removed",
    "moved",
    "split",
    "merged",
    "borderline",
    "notes",
}
GROUPS = {"ga-annual", "ga-draft", "sc-series", "trap"}
LABEL = re.compile(r"(PP|OP)[1-9]\d*")


def load(path: Path) -> dict:  # type: ignore[type-arg]
    return json.loads(path.read_text(encoding="utf-8"))


def ids(path: Path) -> str:
    return path.stem


def test_the_gold_covers_every_group_asked_for() -> None:
    groups = [load(p)["group"] for p in GOLD_FILES]
    assert groups.count("ga-annual") >= 7
    assert groups.count("ga-draft") >= 2
    assert groups.count("sc-series") == 6
    assert groups.count("trap") >= 1


@pytest.mark.parametrize("path", GOLD_FILES, ids=ids)
def test_keys_texts_and_file_name(path: Path) -> None:
    gold = load(path)
    assert set(gold) == KEYS
    assert gold["group"] in GROUPS
    assert gold["notes"].strip()
    old, new = FIXTURES / gold["old"], FIXTURES / gold["new"]
    assert old.is_file() and new.is_file()
    assert path.stem == f"{old.stem}__{new.stem}"


@pytest.mark.parametrize("path", GOLD_FILES, ids=ids)
def test_labels_are_well_formed_and_numbered_without_gaps(path: Path) -> None:
    gold = load(path)
    for side in ("old_paragraphs", "new_paragraphs"):
        labels = list(gold[side])
        assert all(LABEL.fullmatch(label) for label in labels)
        preamble = [int(label[2:]) for label in labels if label.startswith("PP")]
        operative = [int(label[2:]) for label in labels if label.startswith("OP")]
        assert preamble == list(range(1, len(preamble) + 1))
        assert operative == list(range(1, len(operative) + 1))
        assert labels == [f"PP{n}" for n in preamble] + [f"OP{n}" for n in operative]


@pytest.mark.parametrize("path", GOLD_FILES, ids=ids)
def test_every_paragraph_is_accounted_for_exactly_once(path: Path) -> None:
    gold = load(path)
    olds = [o for o, _ in gold["pairs"]] + gold["removed"]
    news = [n for _, n in gold["pairs"]] + gold["added"]
    olds += [s["old"] for s in gold["split"]] + [o for m in gold["merged"] for o in m["old"]]
    news += [n for s in gold["split"] for n in s["new"]] + [m["new"] for m in gold["merged"]]
    assert sorted(olds) == sorted(gold["old_paragraphs"])
    assert sorted(news) == sorted(gold["new_paragraphs"])
    assert all(len(s["new"]) >= 2 for s in gold["split"])
    assert all(len(m["old"]) >= 2 for m in gold["merged"])


@pytest.mark.parametrize("path", GOLD_FILES, ids=ids)
def test_moved_and_borderline_entries_are_consistent(path: Path) -> None:
    gold = load(path)
    pairs = {tuple(p) for p in gold["pairs"]}
    assert all(len(p) == 2 for p in gold["pairs"])
    assert {tuple(m) for m in gold["moved"]} <= pairs
    for entry in gold["borderline"]:
        assert set(entry) == {"old", "new", "why"} and entry["why"].strip()
        assert entry["old"] in gold["old_paragraphs"]
        assert entry["new"] in gold["new_paragraphs"]


@pytest.mark.parametrize("path", GOLD_FILES, ids=ids)
def test_labels_and_first_words_match_an_independent_reading(path: Path) -> None:
    gold = load(path)
    for side, text_key in (("old_paragraphs", "old"), ("new_paragraphs", "new")):
        layout = "ga" if gold[text_key].startswith("ga/") else "sc"
        text = (FIXTURES / gold[text_key]).read_text(encoding="utf-8")
        read = {label: first_words(body) for label, body in labelled_paragraphs(text, layout)}
        assert read == gold[side]


@pytest.mark.parametrize("path", GOLD_FILES, ids=ids)
def test_first_words_occur_in_the_text_in_reading_order(path: Path) -> None:
    gold = load(path)
    for side, text_key in (("old_paragraphs", "old"), ("new_paragraphs", "new")):
        text = " ".join((FIXTURES / gold[text_key]).read_text(encoding="utf-8").split())
        position = 0
        for label, words in gold[side].items():
            found = text.find(words, position)
            assert found >= 0, f"{gold[text_key]} {label}: {words!r} not found after {position}"
            position = found + len(words)
