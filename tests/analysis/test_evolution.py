"""Evolution across versions: the Sudan sanctions series S/2018/95 -> S/2020/110 -> a derived
third version, followed clause by clause (module ``resdiff.analysis.evolution``)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from resdiff.analysis.evolution import evolution
from resdiff.cli import main
from resdiff.errors import UsageError
from resdiff.parse import parse
from resdiff.renderers.evolution import render_evolution

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
V1, V2 = FIXTURES / "S_2018_95.txt", FIXTURES / "S_2020_110.txt"
V3 = FIXTURES / "derived" / "S_2020_110.derived-next.txt"

NEXT_NOTICE = (
    "[Derived test variant of Security Council draft S/2020/110 made for resdiff's tests; "
    "not a UN document. The edits are listed in fixtures/README.md.]"
)
# The first clause of operative paragraph 40 of S/2018/693 (fixtures/S_2018_693.txt), abridged.
S_2018_693_OP40_ABRIDGED = (
    "Expresses deep concern over the continued large volumes of arms, in particular small arms "
    "and light weapons that remain in Darfur and the use of such arms against civilians;"
)


def _replace(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


def derive_sudan_next(text: str) -> str:
    """S/2020/110 edited into a plausible next text of the series (see fixtures/README.md)."""
    text = _replace(text, "2400 (2018) and 2455 (2019)", "2400 (2018), 2455 (2019) and 2508 (2020)")
    text = _replace(text, "(S/2020/36)", "(S/2021/40)")
    text = _replace(text, "until 12 March 2021", "until 12 March 2022")
    text = _replace(
        text,
        "2340 (2017), and 2400 (2018), reaffirms",
        "2340 (2017), 2400 (2018), and 2455 (2019), reaffirms",
    )
    text = text.replace("12 August 2020", "12 August 2021").replace(
        "13 January 2021", "13 January 2022"
    )
    text = _replace(text, "no later than 12 February 2021", "no later than 12 February 2022")
    text = _replace(
        text,
        "3.    Expresses its intention to regularly review",
        "3.    Decides to regularly review",
    )
    start = text.index("                   4.     Further expresses")
    end = text.index("                   5.     Decides to remain seized")
    text = text[:start] + f"4. {S_2018_693_OP40_ABRIDGED}\n" + text[end:]
    return f"{NEXT_NOTICE}\n{text}"


@pytest.fixture(scope="module")
def series():
    return [parse(V1), parse(V2), parse(V3)]


@pytest.fixture(scope="module")
def evolved(series):
    return evolution(series)


def test_derived_third_version_is_the_documented_edit():
    assert V3.read_text(encoding="utf-8") == derive_sudan_next(V2.read_text(encoding="utf-8"))


def test_one_comparison_per_consecutive_pair(evolved):
    counts = evolved.step_counts()
    assert len(counts) == 2
    # S/2018/95 -> S/2020/110, as established in the README: 4 unchanged, 4 reworded, 1 added
    assert (counts[0]["unchanged"], counts[0]["reworded"], counts[0]["added"]) == (4, 4, 1)
    # S/2020/110 -> derived: PP1, PP3, OP2, OP3 reworded; OP4 replaced by a new paragraph
    assert (counts[1]["reworded"], counts[1]["added"], counts[1]["removed"]) == (4, 1, 1)


def test_every_clause_has_one_step_per_version(evolved):
    assert all(len(clause.steps) == 3 for clause in evolved.clauses)
    labels = [clause.label for clause in evolved.clauses]
    # old OP4 ended in V2; the OP4 of the last version is another clause: unique labels
    assert labels == [
        "PP1",
        "PP2",
        "PP3",
        "PP4",
        "OP1",
        "OP2",
        "OP3",
        "OP4 (until V2)",
        "OP4",
        "OP5",
    ]


def test_clause_added_in_v2_and_removed_in_v3(evolved):
    benchmarks = next(c for c in evolved.clauses if "benchmarks" in _text(c, 1))
    assert [s.state for s in benchmarks.steps] == ["absent", "added", "removed"]
    assert (benchmarks.first, benchmarks.last) == (1, 1)


def test_clause_first_seen_in_v3_comes_after_its_predecessor(evolved):
    arms = evolved.clauses[-2]
    assert [s.state for s in arms.steps] == ["absent", "absent", "added"]
    assert _text(arms, 2).startswith("Expresses deep concern over the continued large volumes")


def test_rewordings_counted_per_clause(evolved):
    review = next(c for c in evolved.clauses if c.label == "OP3")
    assert [s.state for s in review.steps] == ["original", "reworded", "reworded"]
    assert review.rewordings == 2
    force = review.steps[2].change.force
    assert (force.old, force.new, force.direction) == (
        "Expresses its intention",
        "Decides",
        "strengthened",
    )
    remain = next(c for c in evolved.clauses if c.label == "OP5")
    assert [s.paragraph.label for s in remain.steps] == ["OP4", "OP5", "OP5"]
    assert remain.rewordings == 0 and remain.changed is False


def test_json_lists_versions_steps_and_clauses(evolved):
    data = json.loads(render_evolution(evolved, "json"))
    assert [v["symbol"] for v in data["versions"]] == ["S/2018/95", "S/2020/110", "S/2020/110"]
    assert data["steps"][0]["summary"]["added"] == 1
    assert data["steps"][0]["renumbered"] == {"4": "5"}
    op3 = next(c for c in data["clauses"] if c["label"] == "OP3")
    assert [s["state"] for s in op3["steps"]] == ["original", "reworded", "reworded"]
    assert ["delete", "Expresses its intention"] in op3["steps"][2]["redline"]
    assert op3["steps"][2]["force"]["direction"] == "strengthened"


def test_text_report_has_a_grid_and_the_step_counts(evolved):
    text = render_evolution(evolved, "text")
    lines = text.splitlines()
    assert lines[0].startswith("resdiff evolution: 3 versions, 10 clauses")
    assert any(line.startswith("V1 -> V2: 4 unchanged, 4 reworded") for line in lines)
    grid_row = next(line for line in lines if line.startswith("OP3 "))
    assert grid_row.split() == ["OP3", "OP3", "~OP3", "~OP3"]
    assert "strengthened: Expresses its intention -> Decides" in text


def test_html_report_is_a_table_with_redlines_on_demand(evolved):
    page = render_evolution(evolved, "html")
    assert page.startswith("<!DOCTYPE html>")
    assert "<script" not in page and "default-src 'none'" in page
    assert page.count('<tr class="clause') == 10
    assert page.count('<th scope="col" class="version"') == 3
    assert "<details" in page and "<del>Expresses its intention</del>" in page


def test_cli_evolution_writes_each_format(tmp_path):
    runner = CliRunner()
    result = runner.invoke(main, ["evolution", str(V1), str(V2), str(V3)])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("resdiff evolution: 3 versions")
    out = tmp_path / "evolution.html"
    result = runner.invoke(main, ["evolution", str(V1), str(V2), str(V3), "-f", "html", "-o", out])
    assert result.exit_code == 0 and out.read_text(encoding="utf-8").startswith("<!DOCTYPE")
    result = runner.invoke(main, ["evolution", str(V1), "--format", "json"])
    assert result.exit_code == 2
    assert "at least two versions" in result.stderr


def test_evolution_needs_two_versions(series):
    with pytest.raises(UsageError):
        evolution(series[:1])


def _text(clause, version: int) -> str:
    paragraph = clause.steps[version].paragraph
    return paragraph.text if paragraph else ""
