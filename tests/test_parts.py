"""Footnotes and sub-items compared as parts of their paragraph, on real texts.

Each test edits a real fixture the way a new version would (a report symbol in a
footnote, a word in one sub-item, a sub-item inserted, footnotes renumbered) and
checks what every report says about it.
"""

from __future__ import annotations

import json
import re

from conftest import FIXTURES, HRC

from resdiff.compare import compare
from resdiff.parse import parse_text
from resdiff.renderers import RenderOptions, render

CHANGES = RenderOptions(only_changes=True)


def hrc_text() -> str:
    return HRC.read_text(encoding="utf-8")


def only(comparison, kind: str = "reworded"):
    found = [c for c in comparison.changes if c.kind != "unchanged" or c.moved]
    assert [c.kind for c in found] == [kind]
    return found[0]


def test_changed_report_symbol_in_a_footnote_is_a_technical_rewording_of_its_paragraph():
    # 41/3 OP29 cites footnote 3, "A/HRC/41/25."; the next text cites another report.
    old = hrc_text()
    new = old.replace("³ A/HRC/41/25.", "³ A/HRC/44/31.")
    assert new != old
    comparison = compare(parse_text(old), parse_text(new))
    change = only(comparison)
    assert change.new_label == "OP29" and change.technical
    assert comparison.has_differences
    (note,) = change.changed_parts
    assert (note.part, note.kind, note.old_label, note.new_label) == (
        "footnote",
        "reworded",
        "3",
        "3",
    )
    assert [(op, t) for op, t in note.redline if op != "equal"] == [
        ("delete", "41"),
        ("insert", "44"),
        ("delete", "25"),
        ("insert", "31"),
    ]
    text = render(comparison, "text", CHANGES)
    assert "~ OP29 footnote 3 reworded, technical" in text
    assert "footnote 3 reworded: A/HRC/[-41-]{+44+}/[-25-]{+31+}." in text
    markdown = render(comparison, "markdown", CHANGES)
    assert "footnote 3 *reworded*: A/HRC/~~41~~**44**/~~25~~**31**." in markdown
    html = render(comparison, "html", CHANGES)
    assert "<del>41</del>" in html and "<ins>44</ins>" in html and "footnote 3" in html
    data = json.loads(render(comparison, "json", CHANGES))
    (entry,) = data["changes"]
    (part,) = [p for p in entry["parts"] if p["part"] == "footnote"]
    assert part["old_text"] == "A/HRC/41/25." and part["new_text"] == "A/HRC/44/31."


def test_added_footnote_is_a_change_and_not_technical():
    # OP30 now cites a report in a new footnote 4, printed after footnote 3.
    old = hrc_text()
    new = old.replace("at its forty-fourth session;\n", "at its forty-fourth session;⁴\n", 1)
    new = new.replace("³ A/HRC/41/25.", "³ A/HRC/41/25.\n\n⁴ A/HRC/43/72.")
    comparison = compare(parse_text(old), parse_text(new))
    change = only(comparison)
    assert change.new_label == "OP30" and not change.technical
    assert [(p.kind, p.new_label) for p in change.changed_parts] == [("added", "4")]
    assert "+ footnote 4 added: A/HRC/43/72." in render(comparison, "text", CHANGES)


def test_renumbered_footnotes_alone_are_no_change():
    # A new footnote 1 in PP2 renumbers the footnotes of PP7, OP20 and OP29 (1-3 -> 2-4):
    # PP2 changed, the renumbered ones did not.
    old = hrc_text()
    shifted = {"¹": "²", "²": "³", "³": "⁴"}
    new = re.sub("[¹²³]", lambda m: shifted[m.group(0)], old)
    new = new.replace("Sustainable Development Goals,\n", "Sustainable Development Goals,¹\n", 1)
    new = new.replace(
        "\nRecalling also the United Nations",
        "\n¹ A/RES/70/1.\n\nRecalling also the United Nations",
        1,
    )
    comparison = compare(parse_text(old), parse_text(new))
    change = only(comparison)
    assert change.new_label == "PP2"
    assert [(p.kind, p.new_label) for p in change.changed_parts] == [("added", "1")]
    notes = {
        c.new_label: [(n.marker, n.text) for n in c.new[0].footnotes] for c in comparison.changes
    }
    assert notes["OP29"] == [("4", "A/HRC/41/25.")]


def test_changed_markdown_footnote_body_is_reported():
    old = (FIXTURES / "A_RES_80_31.md").read_text(encoding="utf-8")
    new = old.replace("[^3]: A/CONF.229/2017/8.", "[^3]: A/CONF.229/2017/8 and Corr.1.")
    assert new != old
    comparison = compare(parse_text(old), parse_text(new))
    change = only(comparison)
    assert change.new_label == "PP6"  # "Welcoming the entry into force ... Weapons[^3]"
    assert [(p.part, p.kind) for p in change.changed_parts] == [("footnote", "reworded")]


def test_one_word_in_one_sub_item_is_pinpointed():
    # S/2017/77 OP1 has sub-items (a)-(h); (c) changes "forces" to "troops".
    old = (FIXTURES / "S_2017_77.txt").read_text(encoding="utf-8")
    new = old.replace("Chadian or Sudanese forces", "Chadian or Sudanese troops", 1)
    comparison = compare(parse_text(old), parse_text(new))
    change = only(comparison)
    assert [(p.old_label, p.new_label, p.kind) for p in change.changed_parts] == [
        ("(c)", "(c)", "reworded")
    ]
    (part,) = change.changed_parts
    assert [(op, t.strip()) for op, t in part.redline if op != "equal"] == [
        ("delete", "forces"),
        ("insert", "troops"),
    ]
    text = render(comparison, "text", CHANGES)
    assert "~ OP1 (c) reworded" in text
    assert "~ (c) reworded: Supplies brought into the CAR by Chadian or Sudanese" in text
    assert "[-forces-] {+troops+}" in text
    assert text.count("[-") == 1  # the other sub-items and the chapeau show no edit


def test_inserted_sub_item_relabels_the_rest_without_changing_them():
    # A new (c) is inserted in S/2017/77 OP1: old (c)-(h) become (d)-(i), unchanged.
    old = (FIXTURES / "S_2017_77.txt").read_text(encoding="utf-8")
    lines = old.splitlines(keepends=True)
    at = next(
        k for k, line in enumerate(lines) if line.lstrip().startswith("(c)  Supplies brought")
    )
    new_item = (
        " " * 17 + "(c)  Supplies of demining equipment, as notified in advance to the Committee;\n"
    )
    relabelled = []
    for line in lines[at:]:
        match = re.match(r"(\s*)\(([c-h])\)", line)
        if match and match.group(0).strip() and line.lstrip()[1] in "cdefgh":
            line = line.replace(f"({match.group(2)})", f"({chr(ord(match.group(2)) + 1)})", 1)
        relabelled.append(line)
    new = "".join([*lines[:at], new_item, *relabelled])
    comparison = compare(parse_text(old), parse_text(new))
    change = only(comparison)
    changed = [(p.old_label, p.new_label, p.kind) for p in change.changed_parts]
    assert changed == [(None, "(c)", "added")]
    relabels = [(p.old_label, p.new_label) for p in change.parts if p.part == "subitem"]
    assert ("(c)", "(d)") in relabels and ("(h)", "(i)") in relabels
    assert "~ OP1 (c) added" in render(comparison, "text", CHANGES)
