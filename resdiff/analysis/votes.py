"""Recorded votes: how the counts changed and which countries moved between lists.

A country is placed in one of four lists in each vote: in favour, against,
abstaining, or absent (not listed: not a member of the body at the time, or
not voting). Names are compared under their official short names
(``resdiff.analysis.countries``), so "United Kingdom" in one record and "United
Kingdom of Great Britain and Northern Ireland" in the other are one country.
"""

from __future__ import annotations

from resdiff.analysis.countries import country_name
from resdiff.model import Vote, VoteChange, VoteList, VoteMove

LISTS: tuple[VoteList, ...] = ("in_favour", "against", "abstaining")
ORDER: tuple[VoteList, ...] = (*LISTS, "absent")


def vote_change(old: Vote | None, new: Vote | None) -> VoteChange | None:
    """The change between two recorded votes, or None unless both versions carry one.

    Counts are the printed ones, else the length of the country lists.

    >>> a = Vote("adopted", 2, 1, 0, ["Fiji", "Turkey"], ["Italy"], [])
    >>> b = Vote("adopted", 1, 1, 1, ["Türkiye"], ["Italy"], ["Fiji"])
    >>> [m.to_dict() for m in vote_change(a, b).moves]
    [{'country': 'Fiji', 'from': 'in_favour', 'to': 'abstaining'}]
    """
    if not (_recorded(old) and _recorded(new)):
        return None
    assert old is not None and new is not None
    counts = {name: (_count(old, name), _count(new, name)) for name in LISTS}
    return VoteChange(counts, _moves(old, new))


def _recorded(vote: Vote | None) -> bool:
    if vote is None:
        return False
    return vote.in_favour is not None or any(_countries(vote, name) for name in LISTS)


def _countries(vote: Vote, name: VoteList) -> list[str]:
    return {
        "in_favour": vote.in_favour_countries,
        "against": vote.against_countries,
        "abstaining": vote.abstaining_countries,
    }.get(name, [])


def _count(vote: Vote, name: VoteList) -> int | None:
    printed = {"in_favour": vote.in_favour, "against": vote.against, "abstaining": vote.abstaining}
    if printed[name] is not None:
        return printed[name]
    listed = _countries(vote, name)
    has_lists = any(_countries(vote, n) for n in LISTS)
    return len(listed) if has_lists else None


def placement(vote: Vote) -> dict[str, VoteList]:
    """Official short name -> the list the country is in, for every listed country."""
    placed: dict[str, VoteList] = {}
    for name in LISTS:
        for country in _countries(vote, name):
            placed[country_name(country)] = name
    return placed


def _moves(old: Vote, new: Vote) -> list[VoteMove]:
    """Countries whose list differs, ordered by old list, new list, then name.

    Without country lists on both sides there is nothing to compare.
    """
    before, after = placement(old), placement(new)
    if not before or not after:
        return []
    moves = [
        VoteMove(country, before.get(country, "absent"), after.get(country, "absent"))
        for country in before.keys() | after.keys()
        if before.get(country, "absent") != after.get(country, "absent")
    ]
    return sorted(moves, key=lambda m: (ORDER.index(m.old), ORDER.index(m.new), m.country))
