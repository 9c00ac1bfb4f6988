"""Output safety: document text and file names made harmless wherever resdiff writes them.

Every writer that can reach a terminal, a git commit message, a hook report,
``textconv`` output or a markdown renderer goes through this module, so one
vocabulary decides what is unsafe and how it is shown:

- **Unsafe characters** (``UNSAFE_RE``): C0 controls, DEL and C1 controls (a
  terminal acts on ESC and on U+009B, an 8-bit CSI), bidirectional controls
  (U+061C, U+200E, U+200F, U+202A-U+202E, U+2066-U+2069: they reorder what is
  displayed), the line and paragraph separators U+2028 and U+2029 (some viewers
  break lines at them), and lone surrogates (a file name that is not valid
  UTF-8, decoded with ``surrogateescape``).
- **Shown as**: C0, DEL and C1 controls as ``\\x1b``; a lone surrogate from a
  file name as the byte it stands for (``\\xff``); every other unsafe character
  as ``<U+202E>``. Multi-line text keeps its line breaks and tabs
  (``visible``); one-line contexts show them too (``visible_line``).
- **File names** are quoted, as git quotes them, when they hold an unsafe
  character, a quote, a backslash or white space at either end (``quote_name``).
- **Markdown** (``markdown_text``) escapes markdown and HTML syntax and puts
  everything a forge would turn into a link or a notification in a code span:
  bare URLs, ``www.`` links, e-mail addresses, ``@mentions``, ``#123`` and
  ``owner/repo#123`` references, ``GH-123``, GitLab's ``!123`` and ``:emoji:``
  codes.
- **JSON** keeps the data exact: ``json_safe`` writes unsafe characters as
  ``\\u`` escapes, which decode to the same text.
"""

from __future__ import annotations

import re

_C0_C1 = "\x00-\x08\x0b-\x1f\x7f-\x9f"
_FORMAT = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029"
_SURROGATES = "\ud800-\udfff"
# Unsafe in every output; tab and newline are added for one-line contexts.
UNSAFE_RE = re.compile(f"[{_C0_C1}{_FORMAT}{_SURROGATES}]")
_UNSAFE_LINE_RE = re.compile(f"[\t\n{_C0_C1}{_FORMAT}{_SURROGATES}]")
_BLANKS = re.compile(r"[ \t\n\r\x0b\x0c]+")
_NEEDS_QUOTES_RE = re.compile(f'["\\\\\t\n{_C0_C1}{_FORMAT}{_SURROGATES}]')


def _shown(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0xA0:
        return f"\\x{code:02x}"
    if 0xDC80 <= code <= 0xDCFF:  # a byte that is not UTF-8, from os.fsdecode
        return f"\\x{code - 0xDC00:02x}"
    return f"<U+{code:04X}>"


def visible(text: str) -> str:
    """``text`` with every unsafe character shown as an escape; line breaks and tabs kept.

    >>> visible("red \\x1b[31m, CSI \\x9b2J, override \\u202eabc\\nnext")
    'red \\\\x1b[31m, CSI \\\\x9b2J, override <U+202E>abc\\nnext'
    """
    return UNSAFE_RE.sub(_shown, text)


def visible_line(text: str) -> str:
    """``text`` on one line: unsafe characters, line breaks and tabs shown as escapes.

    >>> visible_line("two\\nlines")
    'two\\\\x0alines'
    """
    return _UNSAFE_LINE_RE.sub(_shown, text)


def quote_name(name: str) -> str:
    """A file name fit for one line of output: as it is when plain, else quoted as git does.

    >>> quote_name("fixtures/S_2018_95.txt"), quote_name("résolution 41.txt")
    ('fixtures/S_2018_95.txt', 'résolution 41.txt')
    >>> print(quote_name('new\\nfile "1".txt'))
    "new\\x0afile \\"1\\".txt"
    """
    if name and name == name.strip() and not _NEEDS_QUOTES_RE.search(name):
        return name
    escaped = name.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{visible_line(escaped)}"'


def one_line(text: str) -> str:
    """``text`` as one line: runs of spaces, tabs and line breaks become one space, other
    unsafe characters (U+2028 included) are shown as escapes. For titles in commit
    messages and paragraphs in textconv output.

    >>> one_line("Title\\n  on two lines\\x1b]0;x\\x07\\u2028")
    'Title on two lines\\\\x1b]0;x\\\\x07<U+2028>'
    """
    return visible_line(_BLANKS.sub(" ", text).strip(" "))


def json_safe(text: str) -> str:
    """Serialised JSON with every unsafe character written as a ``\\u`` escape.

    Unsafe characters can only occur inside JSON strings, where the escape
    decodes to the same character, so the data is unchanged.

    >>> json_safe('"a\\u202eb"')
    '"a\\\\u202eb"'
    """
    return UNSAFE_RE.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


# --------------------------------------------------------------------------- markdown

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~])")
# What GitHub and GitLab turn into a link, a ping or an image in a comment.
_LIVE = re.compile(
    r"""
    (?:[a-z][a-z0-9+.-]{1,20}://|www\.)[^\s<>`]*[^\s<>`.,;:!?'")\]]  # URLs, www. links
    | [\w.+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)+           # e-mail addresses
    | (?<![\w`])@[a-z0-9][a-z0-9-]*(?:/[\w.-]+)?     # @user, @org/team
    | (?:[\w.-]+/[\w.-]+)?\#\d+                      # #123, owner/repo#123
    | \bGH-\d+                                       # GH-123
    | (?<![\w`])!\d+                                # GitLab !123
    | :[a-z0-9_+-]+:                                 # :emoji: codes
    """,
    re.IGNORECASE | re.VERBOSE,
)


def markdown_text(text: str) -> str:
    """Document text as inert markdown: syntax escaped, links and pings in code spans.

    >>> markdown_text("<b>*Urges*</b> @un, see www.un.org and #12 :tada:")
    '\\\\<b\\\\>\\\\*Urges\\\\*\\\\</b\\\\> `@un`, see `www.un.org` and `#12` `:tada:`'
    """
    shown = visible(text).replace("\n", " ")
    parts: list[str] = []
    position = 0
    for match in _LIVE.finditer(shown):
        parts.append(_MD_SPECIAL.sub(r"\\\1", shown[position : match.start()]))
        parts.append(f"`{match.group()}`")
        position = match.end()
    parts.append(_MD_SPECIAL.sub(r"\\\1", shown[position:]))
    return "".join(parts)
