"""Recorded votes: counts and countries that moved (``resdiff.analysis.votes``).

Resolution 41/3 was adopted by a recorded vote of 28 to 14 with 5 abstentions
(read from fixtures/A_HRC_RES_41_3.txt). The variant below is built here from
that text by moving countries between the lists; it is not a UN document.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from resdiff.analysis.countries import country_name, delegation, name_key
from resdiff.analysis.votes import placement, vote_change
from resdiff.cli import main
from resdiff.compare import compare
from resdiff.model import Vote
from resdiff.parse import parse, parse_text
from resdiff.renderers import render

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
HRC = FIXTURES / "A_HRC_RES_41_3.txt"


def _replace(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


def revoted_41_3(text: str) -> str:
    """41/3 with a different vote: Fiji in favour -> against, Somalia no longer listed,
    Brazil and Mexico abstaining -> in favour, Türkiye (not listed before) against; the
    United Kingdom listed under its short form. 28-14-5 becomes 28-16-3."""
    text = _replace(
        text,
        "recorded vote of 28 to 14, with 5 abstentions",
        "recorded vote of 28 to 16, with 3 abstentions",
    )
    text = _replace(text, "Egypt, Eritrea, Fiji, India,", "Brazil, Egypt, Eritrea, India,")
    text = _replace(text, "Senegal, Somalia, South Africa", "Senegal, South Africa")
    text = _replace(text, "Italy, Japan,", "Fiji, Italy, Japan,")
    text = _replace(text, "Iraq, Nepal,", "Iraq, Mexico, Nepal,")
    text = _replace(
        text,
        "Ukraine, United Kingdom of Great Britain and Northern Ireland",
        "Türkiye, Ukraine, United Kingdom",
    )
    return _replace(text, "Argentina, Brazil, Chile, Mexico, Peru]", "Argentina, Chile, Peru]")


@pytest.fixture(scope="module")
def original():
    return parse(HRC)


@pytest.fixture(scope="module")
def revoted():
    return parse_text(revoted_41_3(HRC.read_text(encoding="utf-8")))


@pytest.fixture(scope="module")
def comparison(original, revoted):
    return compare(original, revoted)


def test_counts_and_moves(comparison):
    change = comparison.vote_change
    assert change.counts == {"in_favour": (28, 28), "against": (14, 16), "abstaining": (5, 3)}
    assert [(m.country, m.old, m.new) for m in change.moves] == [
        ("Fiji", "in_favour", "against"),
        ("Somalia", "in_favour", "absent"),
        ("Brazil", "abstaining", "in_favour"),
        ("Mexico", "abstaining", "in_favour"),
        ("Türkiye", "absent", "against"),
    ]


def test_short_form_of_a_name_is_not_a_move(comparison):
    assert not any("United Kingdom" in m.country for m in comparison.vote_change.moves)


def test_vote_change_alone_is_a_difference(comparison):
    assert all(c.kind == "unchanged" for c in comparison.changes)
    assert comparison.has_differences


def test_same_vote_or_no_vote_reports_nothing(original):
    assert compare(original, parse(HRC)).vote_change is None
    sc = compare(FIXTURES / "S_2018_95.txt", FIXTURES / "S_2020_110.txt")
    assert sc.vote_change is None
    assert vote_change(original.vote, None) is None
    assert vote_change(Vote("Adopted without a vote."), original.vote) is None


def test_counts_without_country_lists_give_no_moves():
    old = Vote("adopted", 150, 5, 10)
    new = Vote("adopted", 148, 7, 10)
    change = vote_change(old, new)
    assert change.counts["against"] == (5, 7) and change.moves == []


def test_every_name_in_the_41_3_record_is_a_listed_country(original):
    vote = original.vote
    names = vote.in_favour_countries + vote.against_countries + vote.abstaining_countries
    assert len(names) == 47
    assert len(placement(vote)) == 47
    from resdiff.analysis.countries import _names

    countries, _ = _names()
    assert [n for n in names if name_key(n) not in countries] == []


@pytest.mark.parametrize(
    ("written", "official"),
    [
        ("United Kingdom", "United Kingdom of Great Britain and Northern Ireland"),
        ("UK", "United Kingdom of Great Britain and Northern Ireland"),
        ("Turkey", "Türkiye"),
        ("Turkiye", "Türkiye"),
        ("Czech Republic", "Czechia"),
        ("the Netherlands", "Netherlands (Kingdom of the)"),
        ("Swaziland", "Eswatini"),
        ("Cote d’Ivoire", "Côte d'Ivoire"),
        ("Bolivia", "Bolivia (Plurinational State of)"),
        ("  Viet   Nam ", "Viet Nam"),
        ("Atlantis", "Atlantis"),
    ],
)
def test_country_names_normalised_to_official_short_names(written, official):
    assert country_name(written) == official


def test_delegations_and_groups():
    assert delegation("EU") == "EU"
    assert delegation("G77 and China") == "G77 and China"
    assert delegation("Norway, Switzerland") == "Norway, Switzerland"
    assert delegation("Decides") is None
    assert delegation("2019") is None


def test_vote_change_in_every_format(comparison):
    text = render(comparison, "text")
    assert (
        "Vote: in favour 28 -> 28, against 14 -> 16, abstaining 5 -> 3; 5 countries moved" in text
    )
    assert "  Brazil: abstaining -> in favour" in text
    markdown = render(comparison, "markdown")
    assert "**Vote:** in favour 28 → 28, against 14 → 16" in markdown
    assert "- Somalia: in favour → absent" in markdown
    page = render(comparison, "html")
    assert '<section class="vote"' in page and "Türkiye" in page
    data = json.loads(render(comparison, "json"))
    assert data["vote_change"]["counts"]["against"] == {"from": 14, "to": 16}
    assert {"country": "Fiji", "from": "in_favour", "to": "against"} in data["vote_change"]["moves"]


def test_cli_exits_1_when_only_the_vote_changed(tmp_path):
    path = tmp_path / "revoted.txt"
    path.write_text(revoted_41_3(HRC.read_text(encoding="utf-8")), encoding="utf-8")
    result = CliRunner().invoke(main, ["compare", str(HRC), str(path)])
    assert result.exit_code == 1
    assert "Vote: in favour 28 -> 28" in result.stdout
