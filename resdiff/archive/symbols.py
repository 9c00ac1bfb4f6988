"""Names in the archive: document symbols, their directories, series names, dates.

Every document lives in one top-level directory of the archive named after its
symbol. The mapping is pure, reversible and safe:

- ``/`` becomes ``_`` (the UN's own file-name convention: S/2019/90 -> S_2019_90);
- letters, digits, ``.`` and ``-`` stay as they are;
- every other character, ``_`` and ``%`` included, is percent-encoded as the
  upper-case hex of its UTF-8 bytes, so no two symbols share a directory.

A symbol is refused, before anything is written, when it cannot be a safe
directory name or a safe git argument: empty, longer than ``MAX_SYMBOL``,
without a ``/``, with an empty, ``.`` or ``..`` part, starting with ``-`` or
``.``, containing ``@`` (it separates a revision: ``S/2019/90@2``), white space
at either end or a control character.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from resdiff.errors import UsageError

MAX_SYMBOL = 120
_PLAIN = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789.-")
_ESCAPE_RE = re.compile(r"%([0-9A-F]{2})")
_SERIES_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_SERIES_STOPWORDS = frozenset("a an and for in of on the to its their with".split())
MAX_SERIES = 80


class SymbolError(UsageError):
    """A symbol, series name or date that the archive cannot accept."""


def check_symbol(symbol: str) -> str:
    """Return ``symbol`` unchanged if the archive can store it, else raise ``SymbolError``.

    >>> check_symbol("A/C.3/78/L.60/Rev.1")
    'A/C.3/78/L.60/Rev.1'
    >>> check_symbol("S/..")
    Traceback (most recent call last):
    ...
    resdiff.archive.symbols.SymbolError: invalid symbol 'S/..': a part is '.' or '..'
    """
    reason = _symbol_problem(symbol)
    if reason:
        raise SymbolError(f"invalid symbol {symbol!r}: {reason}")
    return symbol


def _symbol_problem(symbol: str) -> str | None:
    if not symbol:
        return "it is empty"
    if len(symbol) > MAX_SYMBOL:
        return f"longer than {MAX_SYMBOL} characters"
    if any(unicodedata.category(ch)[0] == "C" for ch in symbol):
        return "it contains a control character"
    if symbol != symbol.strip():
        return "it starts or ends with white space"
    if symbol[0] in "-.":
        return f"it starts with {symbol[0]!r}"
    if "@" in symbol:
        return "it contains '@'"
    if "/" not in symbol:
        return "a document symbol has parts separated by '/' (e.g. S/2019/90)"
    if lookalike := _lookalike_problem(symbol):
        return lookalike
    parts = symbol.split("/")
    if any(not part for part in parts):
        return "a part is empty (leading, trailing or double '/')"
    if any(part in (".", "..") for part in parts):
        return "a part is '.' or '..'"
    return None


def _lookalike_problem(symbol: str) -> str | None:
    """Why ``symbol`` could pass for another one, if it could: every character must be
    ASCII or a Latin letter left as it is by NFKC, so that a Cyrillic 'Ѕ', a fullwidth
    'Ｓ', a superscript '²' or a non-ASCII dash never makes a second document that reads
    like the first.

    >>> print(_lookalike_problem("\u0405/3000/1").split(":")[0])
    'Ѕ' is U+0405 CYRILLIC CAPITAL LETTER DZE
    """
    for character in symbol:
        if character.isascii():
            continue
        name = unicodedata.name(character, "unnamed")
        stable = unicodedata.normalize("NFKC", character) == character
        if not (stable and character.isalpha() and name.startswith("LATIN ")):
            return (
                f"{character!r} is U+{ord(character):04X} {name}: UN symbols use Latin "
                "letters, digits and ASCII punctuation"
            )
    return None


def symbol_to_dirname(symbol: str) -> str:
    """The archive directory of ``symbol``.

    >>> symbol_to_dirname("A/HRC/RES/41/3")
    'A_HRC_RES_41_3'
    >>> symbol_to_dirname("A/C.3/78/L.60/Rev.1")
    'A_C.3_78_L.60_Rev.1'
    >>> symbol_to_dirname("S/RES/2467 (2019)")
    'S_RES_2467%20%282019%29'
    >>> symbol_to_dirname("X/a_b%")
    'X_a%5Fb%25'
    """
    check_symbol(symbol)
    out = []
    for ch in symbol:
        if ch == "/":
            out.append("_")
        elif ch in _PLAIN:
            out.append(ch)
        else:
            out.extend(f"%{byte:02X}" for byte in ch.encode("utf-8"))
    return "".join(out)


def dirname_to_symbol(name: str) -> str:
    """The symbol stored in directory ``name``; ``SymbolError`` if no symbol maps to it.

    >>> dirname_to_symbol("A_C.3_78_L.60_Rev.1")
    'A/C.3/78/L.60/Rev.1'
    >>> dirname_to_symbol("X_a%5Fb%25")
    'X/a_b%'
    >>> dirname_to_symbol("X_a%5fb")  # lower-case hex is not the canonical spelling
    Traceback (most recent call last):
    ...
    resdiff.archive.symbols.SymbolError: 'X_a%5fb' is not the directory of any symbol
    """
    try:
        raw = _ESCAPE_RE.sub(lambda m: f"\x00{m.group(1)}", name)
        symbol = _unescape(raw.replace("_", "/"))
        if symbol_to_dirname(symbol) == name:
            return symbol
    except (SymbolError, UnicodeDecodeError, ValueError):
        pass
    raise SymbolError(f"{name!r} is not the directory of any symbol")


def _unescape(text: str) -> str:
    """Turn the ``\\x00XX`` markers left by ``dirname_to_symbol`` back into characters."""
    pieces = text.split("\x00")
    data = bytearray(pieces[0].encode("utf-8"))
    for piece in pieces[1:]:
        data.append(int(piece[:2], 16))
        data.extend(piece[2:].encode("utf-8"))
    return data.decode("utf-8")


def is_symbol_dirname(name: str) -> bool:
    """True when ``name`` is the directory of some symbol.

    >>> is_symbol_dirname("S_2019_90"), is_symbol_dirname(".resdiff"), is_symbol_dirname("README")
    (True, False, False)
    """
    try:
        dirname_to_symbol(name)
    except SymbolError:
        return False
    return True


def split_ref(ref: str) -> tuple[str, int | str | None]:
    """Split ``SYMBOL@REV`` into the symbol and the revision: a version number (up to six
    ASCII digits), a commit or other git revision (ASCII, no white space, not starting
    with '-'), or None when absent. Every revision string is read here.

    >>> split_ref("S/2019/90@2"), split_ref("S/2019/90@3f468fa"), split_ref("S/2019/90")
    (('S/2019/90', 2), ('S/2019/90', '3f468fa'), ('S/2019/90', None))
    """
    symbol, sep, rev = ref.rpartition("@")
    if not sep:
        return check_symbol(ref), None
    if not rev:
        raise SymbolError(f"{ref!r}: nothing after '@' (give a version number or a commit)")
    if rev.isascii() and rev.isdigit() and len(rev) <= 6:
        return check_symbol(symbol), int(rev)
    if not rev.isascii() or not rev.isprintable() or " " in rev or rev.startswith("-"):
        raise SymbolError(f"{ref!r}: invalid revision {rev!r} (give a version number or a commit)")
    return check_symbol(symbol), rev


def slugify(text: str, *, keep_all: bool = False) -> str:
    """A series name made from free text: lower-case words joined by hyphens.

    Short function words are left out unless ``keep_all``.

    >>> slugify("Enhancement of international cooperation in the field of human rights")
    'enhancement-international-cooperation-field-human-rights'
    >>> slugify("A/HRC/RES/41/3", keep_all=True)
    'a-hrc-res-41-3'
    """
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    words = re.findall(r"[a-z0-9]+", plain)
    kept = words if keep_all else [w for w in words if w not in _SERIES_STOPWORDS] or words
    slug = ""
    for word in kept:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > MAX_SERIES:
            break
        slug = candidate
    return slug


def check_series(name: str) -> str:
    """Return the canonical series name for ``name`` (see ``slugify``), or raise ``SymbolError``.

    >>> check_series("Sudan sanctions")
    'sudan-sanctions'
    """
    slug = slugify(name) if not _SERIES_RE.match(name) else name
    if not slug or len(slug) > MAX_SERIES or not _SERIES_RE.match(slug):
        raise SymbolError(f"invalid series name {name!r}: use letters, digits and hyphens")
    return slug


def check_date(text: str) -> str:
    """Return ``text`` if it is an ISO date (yyyy-mm-dd), else raise ``SymbolError``.

    >>> check_date("2019-07-11")
    '2019-07-11'
    """
    try:
        parsed = date.fromisoformat(text)
    except (TypeError, ValueError):
        parsed = None
    if parsed is None or parsed.isoformat() != text:
        raise SymbolError(f"invalid date {text!r}: use yyyy-mm-dd")
    return text


def symbol_year(symbol: str) -> str | None:
    """The year printed in a symbol, if any (used to order undated versions).

    >>> symbol_year("S/2019/90"), symbol_year("A/HRC/RES/41/3")
    ('2019', None)
    """
    for part in symbol.split("/"):
        if re.fullmatch(r"(?:19[4-9]\d|2\d\d\d)", part):
            return part
    return None
