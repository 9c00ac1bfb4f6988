"""Symbols, directories, series names and dates: the pure naming rules of the archive."""

from __future__ import annotations

import doctest
import importlib
import re

import pytest
from archive_helpers import HOSTILE_SYMBOLS
from hypothesis import given
from hypothesis import strategies as st

from resdiff.archive.meta import default_status
from resdiff.archive.symbols import (
    SymbolError,
    check_date,
    check_series,
    check_symbol,
    dirname_to_symbol,
    is_symbol_dirname,
    slugify,
    split_ref,
    symbol_to_dirname,
)

REAL_SYMBOLS = {
    "A/HRC/RES/41/3": "A_HRC_RES_41_3",
    "S/2019/90": "S_2019_90",
    "A/C.3/78/L.60/Rev.1": "A_C.3_78_L.60_Rev.1",
    "A/HRC/41/L.5/Rev.1": "A_HRC_41_L.5_Rev.1",
    "A/RES/ES-10/21": "A_RES_ES-10_21",
    "S/RES/2467 (2019)": "S_RES_2467%20%282019%29",
    "X/under_score": "X_under%5Fscore",
    "X/100%": "X_100%25",
}


@pytest.mark.parametrize(("symbol", "dirname"), REAL_SYMBOLS.items())
def test_symbol_maps_to_a_flat_directory_and_back(symbol, dirname):
    assert symbol_to_dirname(symbol) == dirname
    assert dirname_to_symbol(dirname) == symbol
    assert "/" not in dirname and dirname not in (".", "..")


@pytest.mark.parametrize("symbol", HOSTILE_SYMBOLS)
def test_hostile_symbol_is_refused_with_its_reason(symbol):
    with pytest.raises(SymbolError, match="invalid symbol"):
        check_symbol(symbol)
    with pytest.raises(SymbolError):
        symbol_to_dirname(symbol)


@pytest.mark.parametrize(
    ("symbol", "reason"),
    [
        ("", "empty"),
        ("../x", "starts with '.'"),
        ("x/../y", "'.' or '..'"),
        ("/etc/passwd", "part is empty"),
        ("-x", "starts with '-'"),
        ("a\nb", "control character"),
        ("S/2019/90 ", "white space"),
        ("S2019", "separated by '/'"),
        ("S/" + "1" * 200, "longer than"),
    ],
)
def test_refusal_names_the_problem(symbol, reason):
    with pytest.raises(SymbolError, match=re.escape(reason)):
        check_symbol(symbol)


@pytest.mark.parametrize(
    "name", ["..", ".", ".git", ".resdiff", "README.md", "S_2019_90%2", "a%5fb", "", "x/y"]
)
def test_names_that_no_symbol_maps_to_are_not_document_directories(name):
    assert not is_symbol_dirname(name)


_SYMBOL_PART = st.text(
    alphabet=st.characters(
        blacklist_categories=("Cc", "Cf", "Cs", "Co", "Cn"), blacklist_characters="/@"
    ),
    min_size=1,
    max_size=12,
).filter(lambda part: part not in (".", ".."))


@given(st.lists(_SYMBOL_PART, min_size=2, max_size=6))
def test_every_acceptable_symbol_round_trips_through_one_safe_name(parts):
    symbol = "/".join(parts)
    try:
        check_symbol(symbol)
    except SymbolError:
        return
    dirname = symbol_to_dirname(symbol)
    assert dirname_to_symbol(dirname) == symbol
    assert "/" not in dirname and "\\" not in dirname and "\0" not in dirname
    assert not dirname.startswith(("-", "."))
    assert set(dirname) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789.-_%")


@given(
    st.lists(_SYMBOL_PART, min_size=2, max_size=4), st.lists(_SYMBOL_PART, min_size=2, max_size=4)
)
def test_different_symbols_never_share_a_directory(a, b):
    first, second = "/".join(a), "/".join(b)
    try:
        check_symbol(first), check_symbol(second)
    except SymbolError:
        return
    assert (symbol_to_dirname(first) == symbol_to_dirname(second)) == (first == second)


def test_ref_splits_symbol_and_revision():
    assert split_ref("S/2019/90@2") == ("S/2019/90", 2)
    assert split_ref("S/2019/90@3f468fa") == ("S/2019/90", "3f468fa")
    assert split_ref("S/2019/90@1234567") == ("S/2019/90", "1234567")  # a commit, not a number
    assert split_ref("A/HRC/RES/41/3") == ("A/HRC/RES/41/3", None)
    with pytest.raises(SymbolError, match="nothing after '@'"):
        split_ref("S/2019/90@")


@pytest.mark.parametrize("rev", ["²", "٣", "2\u202e", "-1", "HEAD foo", "\x1b[2J", "ｈｅａｄ"])
def test_revision_that_is_neither_a_number_nor_a_git_revision_is_refused(rev):
    """'S/2019/90@²' passed isdigit() and failed int(): an internal error."""
    with pytest.raises(SymbolError) as raised:
        split_ref(f"S/2019/90@{rev}")
    assert str(raised.value) == (
        f"{f'S/2019/90@{rev}'!r}: invalid revision {rev!r} (give a version number or a commit)"
    )


@pytest.mark.parametrize(
    ("symbol", "character"),
    [
        ("\u0405/3000/1", "U+0405 CYRILLIC CAPITAL LETTER DZE"),  # Ѕ next to S/3000/1
        ("A/RES/7\u0399/1", "U+0399 GREEK CAPITAL LETTER IOTA"),
        ("\uff33/2019/90", "U+FF33 FULLWIDTH LATIN CAPITAL LETTER S"),
        ("S/2019/90\u00b2", "U+00B2 SUPERSCRIPT TWO"),
        ("S/2019/\u0669\u0660", "U+0669 ARABIC-INDIC DIGIT NINE"),
        ("A/RES/ES\u201010/21", "U+2010 HYPHEN"),
        ("S/RES/2467\u00a0(2019)", "U+00A0 NO-BREAK SPACE"),
        ("S\u22152019/90", "U+2215 DIVISION SLASH"),
    ],
)
def test_lookalike_symbols_are_refused(symbol, character):
    with pytest.raises(SymbolError) as raised:
        check_symbol(symbol)
    assert str(raised.value).endswith(
        f" is {character}: UN symbols use Latin letters, digits and ASCII punctuation"
    )


def test_latin_letters_with_accents_are_symbols():
    assert check_symbol("A/C.3/78/L.60/Révision") == "A/C.3/78/L.60/Révision"


def test_series_names_are_lower_case_slugs():
    assert check_series("sudan-sanctions") == "sudan-sanctions"
    assert check_series("Sudan sanctions") == "sudan-sanctions"
    assert slugify("41/3. Enhancement of international cooperation") == (
        "41-3-enhancement-international-cooperation"
    )
    for bad in ("", "---", "\n"):
        with pytest.raises(SymbolError, match="invalid series"):
            check_series(bad)


def test_dates_must_be_iso():
    assert check_date("2019-07-11") == "2019-07-11"
    for bad in ("11 July 2019", "2019-7-11", "2019-02-30", ""):
        with pytest.raises(SymbolError, match="yyyy-mm-dd"):
            check_date(bad)


def test_resolution_symbols_are_adopted_and_others_drafts():
    assert default_status("A/HRC/RES/41/3") == "adopted"
    assert default_status("S/2019/90") == "draft"
    assert default_status("A/HRC/41/L.5/Rev.1") == "draft"


@pytest.mark.parametrize(
    "module", ["symbols", "meta", "text", "git", "store", "predecessor", "lineage", "verify"]
)
def test_examples_in_docstrings_hold(module):
    loaded = importlib.import_module(f"resdiff.archive.{module}")
    result = doctest.testmod(loaded, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
