"""DOCX reader: WordprocessingML -> blank-line separated text blocks for the parser.

One Word paragraph becomes one block. Automatic list numbering is rendered as the
printed label ("5. ", "(a) "), italic runs as ``*markdown*``, footnote references
as superscript digits, and tracked changes are read as accepted or rejected.

The package is read with ``zipfile`` and the parts with lxml rather than through
python-docx: python-docx loads every part of the package (images included) into
memory at once, drops inserted text in ``Paragraph.text``, and knows nothing of
numbering or footnotes, so the few parts needed here are read directly, with
their uncompressed sizes checked before and bounded during decompression.

Cost is bounded (``resdiff.limits``): the elements of each XML part are counted
before it is parsed, list definitions before they are read, and only Word's nine
list levels count, so labels cost a constant per paragraph. Style inheritance and
footnote bodies are resolved once each. A part with a document type declaration
(which Word never writes) is refused: its entities would be dropped silently.
"""

from __future__ import annotations

import io
import posixpath
import re
import struct
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from resdiff.errors import InputError, UsageError
from resdiff.limits import (
    DOCX_LIST_LEVELS,
    MAX_DOCX_ELEMENTS,
    MAX_DOCX_NUMBERING_ELEMENTS,
    MAX_TEXT_CHARS,
)
from resdiff.limits import DOCX_RATIO_MIN_SIZE as RATIO_MIN_SIZE
from resdiff.limits import MAX_DOCX_ENTRIES as MAX_ENTRIES
from resdiff.limits import MAX_DOCX_RATIO as MAX_RATIO
from resdiff.limits import MAX_DOCX_UNCOMPRESSED as MAX_UNCOMPRESSED
from resdiff.limits import MAX_DOCX_XML_PART as MAX_XML_PART
from resdiff.model import Footnote
from resdiff.readers import RawDocument

CHUNK = 64 * 1024

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
STRICT_W = "http://purl.oclc.org/ooxml/wordprocessingml/main"
REL = "http://schemas.openxmlformats.org/package/2006/relationships"
DEFAULT_DOCUMENT = "word/document.xml"
BOMB = "is too large when uncompressed (possible zip bomb)"

SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def _attr(element: Any, name: str) -> str | None:
    value: str | None = element.get(_w(name))
    return value


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _toggle(rpr: Any, tag: str) -> bool | None:
    """A boolean run property (w:i, w:vanish ...): True, False or None when absent."""
    if rpr is None:
        return None
    element = rpr.find(_w(tag))
    if element is None:
        return None
    return _attr(element, "val") not in {"0", "false", "off"}


# --------------------------------------------------------------------------- package


def read(path: Path, data: bytes, revisions: str = "accept") -> RawDocument:
    """Read a .docx file already loaded as ``data`` into text blocks and footnotes.

    ``revisions`` is 'accept' (tracked insertions kept, deletions dropped) or
    'reject' (the reverse). Raises ``InputError`` for anything that is not a
    readable Word document, including zip bombs.
    """
    if revisions not in {"accept", "reject"}:
        raise UsageError(f"revisions must be 'accept' or 'reject', not {revisions!r}")
    name = str(path)
    package = _Package.open(name, data)
    with package:
        document_name = package.main_document()
        related = package.related_parts(document_name)
        document = package.xml(document_name)
        numbering = package.optional_xml(related.get("numbering"))
        _check_numbering_size(name, numbering)
        reader = _Reader(
            styles=_Styles(package.optional_xml(related.get("styles"))),
            numbering_root=numbering,
            footnotes_root=package.optional_xml(related.get("footnotes")),
            accept=revisions == "accept",
        )
    body = document.find(_w("body")) if document.tag == _w("document") else None
    if body is None:
        raise InputError(name, _unrecognised_root(document.tag, document_name))
    text = "\n\n".join(_within_text_limit(name, reader.blocks(body)))
    return RawDocument(text=text, path=name, format="docx", footnotes=reader.footnote_bodies())


def _within_text_limit(name: str, blocks: Iterator[str]) -> Iterator[str]:
    """``blocks``, stopping with an error as soon as they pass ``MAX_TEXT_CHARS`` in all
    (list labels and footnote marks are made here, so the text can outgrow the XML)."""
    total = 0
    for block in blocks:
        total += len(block) + 2
        if total > MAX_TEXT_CHARS:
            raise InputError(
                name,
                f"too much text (more than {MAX_TEXT_CHARS} characters; limit {MAX_TEXT_CHARS})",
            )
        yield block


def _unrecognised_root(tag: str, part: str) -> str:
    if tag.startswith(f"{{{STRICT_W}}}"):
        return "is in Strict Open XML format, which is not supported (save it as a .docx)"
    return f"is a damaged Word document: {part} has no document body"


class _Package:
    """A zip package whose members are read with a bound on decompressed bytes."""

    def __init__(self, name: str, archive: zipfile.ZipFile) -> None:
        self.name = name
        self.archive = archive
        self.members = {info.filename: info for info in archive.infolist()}
        self.budget = MAX_UNCOMPRESSED

    @classmethod
    def open(cls, name: str, data: bytes) -> _Package:
        """Open ``data`` as a zip and refuse it if its declared sizes look like a bomb."""
        entries = _central_directory_entries(data)
        if entries is not None and entries > MAX_ENTRIES:
            raise InputError(name, f"is not a Word document (zip with {entries} members)")
        try:
            archive = zipfile.ZipFile(io.BytesIO(data))
        except (
            zipfile.BadZipFile,
            zipfile.LargeZipFile,
            OSError,
            ValueError,
            EOFError,
            struct.error,
        ):
            raise InputError(name, "is not a DOCX file (not a valid zip archive)") from None
        except (NotImplementedError, RuntimeError) as exc:
            raise InputError(name, f"is not a DOCX file ({exc})") from None
        _check_declared_sizes(name, archive.infolist())
        return cls(name, archive)

    def __enter__(self) -> _Package:
        return self

    def __exit__(self, *exc: object) -> None:
        self.archive.close()

    def main_document(self) -> str:
        """The main document part named by the package relationships, or the default."""
        rels = self.relationships("")
        target = rels.get("officeDocument")
        if target in self.members:
            return target
        if DEFAULT_DOCUMENT in self.members:
            return DEFAULT_DOCUMENT
        raise InputError(self.name, "is a zip but not a Word document (no word/document.xml)")

    def related_parts(self, part: str) -> dict[str, str]:
        """Relationship type suffix ('styles', 'numbering' ...) -> part name, for ``part``."""
        rels = self.relationships(part)
        folder = posixpath.dirname(part)
        for kind, default in (
            ("styles", "styles.xml"),
            ("numbering", "numbering.xml"),
            ("footnotes", "footnotes.xml"),
        ):
            rels.setdefault(kind, posixpath.join(folder, default))
        return rels

    def relationships(self, part: str) -> dict[str, str]:
        """Read the .rels of ``part`` ('' for the package): type suffix -> target part."""
        folder, base = posixpath.split(part)
        rels_name = posixpath.join(folder, "_rels", f"{base}.rels")
        root = self.optional_xml(rels_name)
        found: dict[str, str] = {}
        if root is None:
            return found
        for rel in root.iter(f"{{{REL}}}Relationship"):
            kind, target = rel.get("Type", ""), rel.get("Target", "")
            if rel.get("TargetMode") == "External" or not target:
                continue
            if not target.startswith("/"):
                target = posixpath.join(folder, target)
            found.setdefault(kind.rsplit("/", 1)[-1], posixpath.normpath(target.lstrip("/")))
        return found

    def optional_xml(self, part: str | None) -> Any | None:
        """Parse ``part`` if the package has it, else None."""
        if part is None or part not in self.members:
            return None
        return self.xml(part)

    def xml(self, part: str) -> Any:
        """Parse a member as XML, safely (no DTDs, no entities, no network)."""
        try:
            from lxml import etree
        except ImportError:
            raise InputError(
                self.name, "cannot be read: DOCX support needs lxml (pip install lxml)"
            ) from None
        parser = etree.XMLParser(
            resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
        )
        data = self.member_bytes(part)
        elements = data.count(b"<")  # an upper bound on the elements, found in C
        if elements > MAX_DOCX_ELEMENTS:
            raise InputError(
                self.name,
                f"is too large: {part} has more than {MAX_DOCX_ELEMENTS} XML elements "
                f"(limit {MAX_DOCX_ELEMENTS})",
            )
        try:
            root = etree.fromstring(data, parser)
        except etree.XMLSyntaxError as exc:
            message = str(exc).splitlines()[0] if str(exc) else "not well-formed XML"
            raise InputError(self.name, f"is a damaged Word document: {part}: {message}") from None
        if root.getroottree().docinfo.doctype:
            raise InputError(
                self.name,
                f"is not a Word document: {part} has a document type declaration (DTD), "
                "which Word never writes; its entities would be lost",
            )
        return root

    def member_bytes(self, part: str) -> bytes:
        """Decompress one member in chunks, stopping as soon as a size limit is passed."""
        limit = min(MAX_XML_PART, self.budget)
        buffer = bytearray()
        try:
            with self.archive.open(self.members[part]) as stream:
                while chunk := stream.read(CHUNK):
                    buffer += chunk
                    if len(buffer) > limit:
                        raise InputError(self.name, self._over_limit_reason(part, limit))
        except (
            zipfile.BadZipFile,
            zlib.error,
            EOFError,
            OSError,
            RuntimeError,
            NotImplementedError,
            ValueError,
            struct.error,
        ) as exc:
            raise InputError(
                self.name, f"is a damaged Word document: cannot decompress {part} ({exc})"
            ) from None
        self.budget -= len(buffer)
        return bytes(buffer)

    def _over_limit_reason(self, part: str, limit: int) -> str:
        if limit == MAX_XML_PART and self.budget > MAX_XML_PART:
            return f"is too large ({part} is over {MAX_XML_PART // (1024 * 1024)} MB uncompressed)"
        return BOMB


def _check_declared_sizes(name: str, members: list[zipfile.ZipInfo]) -> None:
    total = 0
    for info in members:
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if total > MAX_UNCOMPRESSED or (info.file_size > RATIO_MIN_SIZE and ratio > MAX_RATIO):
            raise InputError(name, BOMB)


def _central_directory_entries(data: bytes) -> int | None:
    """Number of members the zip's end record declares, read before zipfile lists them.

    zipfile builds an object per member, so a small archive declaring millions of
    empty members would use gigabytes before any size check could run.
    """
    end = data.rfind(b"PK\x05\x06", max(0, len(data) - 65_557))
    if end < 0 or end + 22 > len(data):
        return None
    (entries,) = struct.unpack_from("<H", data, end + 10)
    locator = end - 20
    if entries == 0xFFFF and locator >= 0 and data[locator : locator + 4] == b"PK\x06\x07":
        (offset,) = struct.unpack_from("<Q", data, locator + 8)
        if offset + 40 <= len(data) and data[offset : offset + 4] == b"PK\x06\x06":
            (entries,) = struct.unpack_from("<Q", data, offset + 32)
    return int(entries)


# --------------------------------------------------------------------------- styles


class _Styles:
    """Paragraph and character styles: inherited italics and numbering."""

    def __init__(self, root: Any | None) -> None:
        self.by_id: dict[str, Any] = {}
        self.default_paragraph: str | None = None
        self.default_rpr: Any | None = None
        self._resolved: dict[tuple[str, str], Any] = {}
        if root is None:
            return
        for style in root.iter(_w("style")):
            style_id = _attr(style, "styleId")
            if style_id is None:
                continue
            self.by_id.setdefault(style_id, style)
            if _attr(style, "type") == "paragraph" and _attr(style, "default") in {"1", "true"}:
                self.default_paragraph = style_id
        self.default_rpr = root.find(f"{_w('docDefaults')}/{_w('rPrDefault')}/{_w('rPr')}")

    def inherited(self, style_id: str | None, key: str, own: Callable[[Any], Any]) -> Any:
        """The first value ``own(style)`` sets along the chain of ``style_id`` and the styles
        it is based on (nearest first, cycles cut), or None.

        ``own`` returns ``_UNSET`` for a style that does not set the value. Each style's
        answer is kept under ``key``, so a long chain of w:basedOn is walked once in all,
        not once per run.
        """
        walked: list[str] = []
        seen: set[str] = set()
        value: Any = None
        while style_id and style_id not in seen and style_id in self.by_id:
            if (key, style_id) in self._resolved:
                value = self._resolved[(key, style_id)]
                break
            seen.add(style_id)
            walked.append(style_id)
            style = self.by_id[style_id]
            found = own(style)
            if found is not _UNSET:
                value = found
                break
            based = style.find(_w("basedOn"))
            style_id = _attr(based, "val") if based is not None else None
        for name in walked:
            self._resolved[(key, name)] = value
        return value

    def run_toggle(self, style_id: str | None, tag: str) -> bool | None:
        """A boolean run property as set by a style chain, or None."""

        def own(style: Any) -> Any:
            value = _toggle(style.find(_w("rPr")), tag)
            return _UNSET if value is None else value

        toggle: bool | None = self.inherited(style_id, f"toggle {tag}", own)
        return toggle

    def run_value(self, style_id: str | None, tag: str) -> str | None:
        """The w:val of a run property element (w:vertAlign ...) set by a style chain."""

        def own(style: Any) -> Any:
            rpr = style.find(_w("rPr"))
            element = rpr.find(_w(tag)) if rpr is not None else None
            return _attr(element, "val") if element is not None else _UNSET

        value: str | None = self.inherited(style_id, f"value {tag}", own)
        return value

    def numbering(self, style_id: str | None) -> tuple[str | None, str | None]:
        """(numId, ilvl) from the first style in the chain that has w:numPr."""

        def own(style: Any) -> Any:
            numpr = style.find(f"{_w('pPr')}/{_w('numPr')}")
            if numpr is None:
                return _UNSET
            return _child_val(numpr, "numId"), _child_val(numpr, "ilvl")

        found: tuple[str | None, str | None] | None = self.inherited(style_id, "numbering", own)
        return found or (None, None)


_UNSET = object()  # a style that does not set the property asked for


def _child_val(element: Any, tag: str) -> str | None:
    child = element.find(_w(tag))
    return _attr(child, "val") if child is not None else None


# --------------------------------------------------------------------------- numbering


@dataclass(slots=True)
class _Level:
    start: int = 0
    fmt: str = "decimal"
    text: str = ""
    restart: int | None = None  # w:lvlRestart; None = after any shallower level
    legal: bool = False
    style: str | None = None

    @classmethod
    def parse(cls, lvl: Any) -> _Level:
        """Read a w:lvl element."""
        restart = _child_val(lvl, "lvlRestart")
        return cls(
            start=_int(_child_val(lvl, "start"), 0),
            fmt=_child_val(lvl, "numFmt") or "decimal",
            text=_child_val(lvl, "lvlText") or "",
            restart=_int(restart, 0) if restart is not None else None,
            legal=_toggle(lvl, "isLgl") or False,
            style=_child_val(lvl, "pStyle"),
        )


@dataclass(slots=True)
class _Instance:
    """A w:num: its abstract definition and the levels it overrides."""

    abstract: str
    levels: dict[int, _Level]
    restarts: set[int] = field(default_factory=set)


_NUMBERING_TAGS = ("abstractNum", "num", "lvl", "lvlOverride")


def _check_numbering_size(name: str, root: Any | None) -> None:
    """Refuse a numbering part with more list definitions than ``MAX_DOCX_NUMBERING_ELEMENTS``."""
    if root is None:
        return
    count = sum(1 for _ in root.iter(*(_w(tag) for tag in _NUMBERING_TAGS)))
    if count > MAX_DOCX_NUMBERING_ELEMENTS:
        raise InputError(
            name,
            f"has too many list definitions ({count} numbering elements; "
            f"limit {MAX_DOCX_NUMBERING_ELEMENTS})",
        )


class _Numbering:
    """Computes printed list labels, keeping Word's counters as paragraphs go by.

    Counters belong to the abstract definition, as in Word: w:num instances sharing
    one continue each other's sequence, and an instance with a w:startOverride
    restarts the overridden levels where it is first used. Only levels 0 to 8 exist,
    as in Word, so a label costs a constant whatever the definitions hold.
    """

    def __init__(self, root: Any | None, styles: _Styles) -> None:
        self.instances: dict[str, _Instance] = {}
        self.counters: dict[str, dict[int, int]] = {}
        self.used: set[str] = set()
        if root is not None:
            self._load(root, styles)

    def _load(self, root: Any, styles: _Styles) -> None:
        abstracts = {_attr(a, "abstractNumId"): a for a in root.iter(_w("abstractNum"))}
        nums = {_attr(n, "numId"): n for n in root.iter(_w("num"))}
        parsed: dict[int, dict[int, _Level]] = {}  # each abstract definition read once
        for num_id, num in nums.items():
            abstract_id = _child_val(num, "abstractNumId")
            abstract = _follow_style_link(abstracts.get(abstract_id), abstracts, nums, styles)
            if num_id is None or abstract is None:
                continue
            if id(abstract) not in parsed:
                parsed[id(abstract)] = _word_levels(abstract.iter(_w("lvl")))
            levels = dict(parsed[id(abstract)])
            instance = _Instance(str(_attr(abstract, "abstractNumId")), levels)
            _apply_overrides(instance, num)
            self.instances[num_id] = instance

    def label(self, num_id: str | None, ilvl: int) -> str:
        """Advance the counter of (num_id, ilvl) and return the printed label, or ''."""
        instance = self.instances.get(num_id or "")
        level = instance.levels.get(ilvl) if instance else None
        if instance is None or level is None or num_id is None:
            return ""
        counters = self.counters.setdefault(instance.abstract, {})
        if num_id not in self.used:
            self.used.add(num_id)
            for restarted in instance.restarts:
                counters.pop(restarted, None)
        counters[ilvl] = counters[ilvl] + 1 if ilvl in counters else level.start
        for deeper, other in instance.levels.items():
            if deeper > ilvl and (other.restart is None or ilvl < other.restart):
                counters.pop(deeper, None)
        if level.fmt in {"bullet", "none"}:
            return ""
        return _render_label(level, instance.levels, counters)


def _word_levels(lvls: Iterator[Any]) -> dict[int, _Level]:
    """The w:lvl elements of levels 0 to 8 by level (Word ignores any other)."""
    levels = {}
    for lvl in lvls:
        ilvl = _int(_attr(lvl, "ilvl"), 0)
        if 0 <= ilvl < DOCX_LIST_LEVELS:
            levels[ilvl] = _Level.parse(lvl)
    return levels


def _follow_style_link(
    abstract: Any, abstracts: dict[Any, Any], nums: dict[Any, Any], styles: _Styles
) -> Any:
    """Resolve w:numStyleLink: the levels live in the abstractNum the numbering style uses."""
    if abstract is None or abstract.find(_w("lvl")) is not None:
        return abstract
    link = _child_val(abstract, "numStyleLink")
    num_id, _ = styles.numbering(link)
    num = nums.get(num_id)
    target = abstracts.get(_child_val(num, "abstractNumId")) if num is not None else None
    return target if target is not None and target.find(_w("lvl")) is not None else abstract


def _apply_overrides(instance: _Instance, num: Any) -> None:
    for override in num.iter(_w("lvlOverride")):
        ilvl = _int(_attr(override, "ilvl"), 0)
        if not 0 <= ilvl < DOCX_LIST_LEVELS:
            continue
        lvl = override.find(_w("lvl"))
        if lvl is not None:
            instance.levels[ilvl] = _Level.parse(lvl)
        start = _child_val(override, "startOverride")
        if start is not None and ilvl in instance.levels:
            level = instance.levels[ilvl]
            instance.levels[ilvl] = replace(level, start=_int(start, level.start))
            instance.restarts.add(ilvl)


def _render_label(level: _Level, levels: dict[int, _Level], counters: dict[int, int]) -> str:
    def value(match: re.Match[str]) -> str:
        ilvl = int(match.group(1)) - 1
        other = levels.get(ilvl)
        if other is None:
            return ""
        number = counters.get(ilvl, other.start)
        return format_number(number, "decimal" if level.legal else other.fmt)

    return re.sub(r"%([1-9])", value, level.text).strip()


def format_number(number: int, fmt: str) -> str:
    """Format a list counter as Word prints it for ``fmt`` (w:numFmt).

    >>> format_number(4, "lowerRoman"), format_number(28, "lowerLetter")
    ('iv', 'bb')
    """
    if fmt in {"lowerLetter", "upperLetter"} and 0 < number <= 26 * 26:
        letters = chr(ord("a") + (number - 1) % 26) * ((number - 1) // 26 + 1)
        return letters if fmt == "lowerLetter" else letters.upper()
    if fmt in {"lowerRoman", "upperRoman"} and 0 < number < 4000:
        roman = _roman(number)
        return roman.lower() if fmt == "lowerRoman" else roman
    if fmt == "decimalZero" and 0 <= number < 10:
        return f"0{number}"
    return str(number)


def _roman(number: int) -> str:
    digits = []
    for value, symbol in _ROMAN:
        count, number = divmod(number, value)
        digits.append(symbol * count)
    return "".join(digits)


_ROMAN = tuple(
    zip(
        (1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1),
        ("M", "CM", "D", "CD", "C", "XC", "L", "XL", "X", "IX", "V", "IV", "I"),
        strict=True,
    )
)


# --------------------------------------------------------------------------- text


@dataclass(slots=True)
class _Segment:
    """A piece of paragraph text; ``italic`` None means it takes its neighbours' style."""

    text: str
    italic: bool | None


_RUN_CHARACTERS = {"tab": " ", "ptab": " ", "cr": "\n", "noBreakHyphen": "-", "softHyphen": ""}
_INLINE_CONTAINERS = {
    "hyperlink",
    "smartTag",
    "sdt",
    "sdtContent",
    "fldSimple",
    "customXml",
    "dir",
    "bdo",
}
_NOTE_TYPES_SKIPPED = {"separator", "continuationSeparator", "continuationNotice"}


class _Reader:
    """Walks the document body once, numbering lists and footnotes in reading order."""

    def __init__(
        self, styles: _Styles, numbering_root: Any | None, footnotes_root: Any | None, accept: bool
    ) -> None:
        self.styles = styles
        self.numbering = _Numbering(numbering_root, styles)
        self.accept = accept
        self.notes = _note_bodies(footnotes_root)
        self.cited: list[tuple[str, str]] = []  # (marker, footnote id) in citation order
        self.next_footnote = 1
        self._custom_mark: str | None = None
        self._flag_cache: dict[tuple[str | None, str | None], bool] = {}

    # ---- blocks

    def blocks(self, body: Any) -> Iterator[str]:
        """The text block of each paragraph in ``body``, in reading order."""
        pending: list[_Segment] = []
        for paragraph in self._paragraphs(body):
            pending.extend(self._inline(paragraph, self._paragraph_style(paragraph)))
            if self._mark_removed(paragraph):
                continue  # the paragraph mark is deleted: the text runs on into the next
            num_id, ilvl = self._numbering_of(paragraph)
            label = self.numbering.label(num_id, ilvl) if num_id else ""
            text = _clean_block(render_emphasis(pending))
            pending = []
            if text:
                yield f"{label} {text}" if label else text
        if text := _clean_block(render_emphasis(pending)):
            yield text

    def _paragraphs(self, container: Any) -> Iterator[Any]:
        for child in container:
            tag = _local(child.tag) if isinstance(child.tag, str) else ""
            if tag == "p":
                yield child
            elif tag in {"sdt", "sdtContent", "customXml"}:
                yield from self._paragraphs(child)
            elif tag == "tbl":
                yield from self._table(child)

    def _table(self, table: Any) -> Iterator[Any]:
        for row in _children(table, "tr"):
            if not self._revision_hidden(row.find(_w("trPr"))):
                for cell in _children(row, "tc"):
                    yield from self._paragraphs(cell)

    def _revision_hidden(self, props: Any | None) -> bool:
        """True when ``props`` (w:trPr, w:pPr/w:rPr) mark a change this mode drops."""
        if props is None:
            return False
        hidden = ("del", "moveFrom") if self.accept else ("ins", "moveTo")
        return any(props.find(_w(tag)) is not None for tag in hidden)

    def _mark_removed(self, paragraph: Any) -> bool:
        return self._revision_hidden(paragraph.find(f"{_w('pPr')}/{_w('rPr')}"))

    # ---- paragraph properties

    def _paragraph_props(self, paragraph: Any) -> Any | None:
        ppr = paragraph.find(_w("pPr"))
        if ppr is not None and not self.accept:
            old = ppr.find(f"{_w('pPrChange')}/{_w('pPr')}")
            if old is not None:
                return old
        return ppr

    def _paragraph_style(self, paragraph: Any) -> str | None:
        ppr = self._paragraph_props(paragraph)
        style = _child_val(ppr, "pStyle") if ppr is not None else None
        return style or self.styles.default_paragraph

    def _numbering_of(self, paragraph: Any) -> tuple[str | None, int]:
        ppr = self._paragraph_props(paragraph)
        numpr = ppr.find(_w("numPr")) if ppr is not None else None
        style = self._paragraph_style(paragraph)
        style_num, style_ilvl = self.styles.numbering(style)
        num_id = _child_val(numpr, "numId") if numpr is not None else None
        ilvl = _child_val(numpr, "ilvl") if numpr is not None else None
        num_id = num_id or style_num
        if num_id in {None, "0"}:
            return None, 0
        return num_id, _int(ilvl or style_ilvl, self._level_of_style(num_id, style))

    def _level_of_style(self, num_id: str | None, style: str | None) -> int:
        instance = self.numbering.instances.get(num_id or "")
        if instance is not None and style:
            for ilvl, level in instance.levels.items():
                if level.style == style:
                    return ilvl
        return 0

    # ---- runs

    def _inline(self, element: Any, style: str | None) -> Iterator[_Segment]:
        shown = ("ins", "moveTo") if self.accept else ("del", "moveFrom")
        hidden = ("del", "moveFrom") if self.accept else ("ins", "moveTo")
        for child in element:
            tag = _local(child.tag) if isinstance(child.tag, str) else ""
            if tag == "r":
                yield from self._run(child, style)
            elif tag in _INLINE_CONTAINERS or tag in shown:
                yield from self._inline(child, style)
            elif tag in hidden:
                continue

    def _run(self, run: Any, style: str | None) -> Iterator[_Segment]:
        rpr = self._run_props(run)
        char_style = _child_val(rpr, "rStyle") if rpr is not None else None
        if self._run_flag(rpr, char_style, style, "vanish"):
            return
        italic = self._run_flag(rpr, char_style, style, "i")
        superscript = self._vert_align(rpr, char_style) == "superscript"
        self._custom_mark = None
        for part in run:
            tag = _local(part.tag) if isinstance(part.tag, str) else ""
            if tag in {"t", "delText"}:
                yield self._text_segment(part.text or "", italic, superscript)
            elif tag == "br":
                yield _Segment(" " if _attr(part, "type") in {"page", "column"} else "\n", None)
            elif tag in _RUN_CHARACTERS:
                yield _Segment(_RUN_CHARACTERS[tag], None)
            elif tag == "footnoteReference":
                yield from self._footnote_reference(part)

    def _text_segment(self, text: str, italic: bool, superscript: bool) -> _Segment:
        if self._custom_mark is not None:
            self._custom_mark += text
            self.cited[-1] = (self._custom_mark, self.cited[-1][1])
            return _Segment(text, None)
        if superscript and text.strip().isdigit():
            return _Segment(text.strip().translate(SUPERSCRIPT), None)
        return _Segment(text, italic if text.strip() else None)

    def _footnote_reference(self, reference: Any) -> Iterator[_Segment]:
        note_id = _attr(reference, "id") or ""
        if _attr(reference, "customMarkFollows") in {"1", "true", "on"}:
            self._custom_mark = ""  # the mark is the text that follows in this run
            self.cited.append(("", note_id))
            return
        marker = str(self.next_footnote)
        self.next_footnote += 1
        self.cited.append((marker, note_id))
        yield _Segment(marker.translate(SUPERSCRIPT), None)

    def _run_props(self, run: Any) -> Any | None:
        rpr = run.find(_w("rPr"))
        if rpr is not None and not self.accept:
            old = rpr.find(f"{_w('rPrChange')}/{_w('rPr')}")
            if old is not None:
                return old
        return rpr

    def _run_flag(
        self, rpr: Any | None, char_style: str | None, para_style: str | None, tag: str
    ) -> bool:
        direct = _toggle(rpr, tag)
        if direct is not None:
            return direct
        key = (f"{tag}:{char_style}", para_style)
        if key not in self._flag_cache:
            inherited = self.styles.run_toggle(char_style, tag)
            if inherited is None:
                inherited = self.styles.run_toggle(para_style, tag)
            if inherited is None:
                inherited = _toggle(self.styles.default_rpr, tag)
            self._flag_cache[key] = bool(inherited)
        return self._flag_cache[key]

    def _vert_align(self, rpr: Any | None, char_style: str | None) -> str | None:
        element = rpr.find(_w("vertAlign")) if rpr is not None else None
        if element is not None:
            return _attr(element, "val")
        return self.styles.run_value(char_style, "vertAlign")

    # ---- footnotes

    def footnote_bodies(self) -> list[Footnote]:
        """The cited footnotes, in citation order, with their markers and body text.

        Each body is read once however often it is cited; a reference inside a body
        (even to itself) is shown as its mark and adds no footnote.
        """
        footnotes = []
        bodies: dict[str, str] = {}
        for marker, note_id in list(self.cited):
            note = self.notes.get(note_id)
            if note is None or not marker:
                continue
            if note_id not in bodies:
                bodies[note_id] = self._note_text(note)
            footnotes.append(Footnote(marker, bodies[note_id]))
        return footnotes

    def _note_text(self, note: Any) -> str:
        paragraphs = (
            _clean_block(render_emphasis(list(self._inline(p, self._paragraph_style(p)))))
            for p in note.iter(_w("p"))
        )
        return " ".join(" ".join(p.split("\n")) for p in paragraphs if p)


def _note_bodies(root: Any | None) -> dict[str, Any]:
    if root is None:
        return {}
    return {
        _attr(note, "id") or "": note
        for note in root.iter(_w("footnote"))
        if _attr(note, "type") not in _NOTE_TYPES_SKIPPED
    }


def _children(container: Any, tag: str) -> Iterator[Any]:
    """Child elements named ``tag``, looking through content-control wrappers."""
    for child in container:
        name = _local(child.tag) if isinstance(child.tag, str) else ""
        if name == tag:
            yield child
        elif name in {"sdt", "sdtContent", "customXml"}:
            yield from _children(child, tag)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1] if tag.startswith(f"{{{W}}}") else ""


def render_emphasis(segments: list[_Segment]) -> str:
    """Join segments, wrapping each run of italic text in ``*...*``.

    Neutral segments (spaces, breaks, footnote markers) between two italic pieces
    stay inside the emphasis; leading and trailing whitespace goes outside it.

    >>> render_emphasis([_Segment("Reaffirms", True), _Segment(" ", None), _Segment("that", False)])
    '*Reaffirms* that'
    """
    styles = _resolve_neutral([s.italic for s in segments])
    out: list[str] = []
    group: list[str] = []
    for segment, italic in zip(segments, styles, strict=True):
        if italic:
            group.append(segment.text)
            continue
        out.append(_emphasise("".join(group)))
        group = []
        out.append(segment.text)
    out.append(_emphasise("".join(group)))
    return "".join(out)


def _resolve_neutral(styles: list[bool | None]) -> list[bool]:
    """Neutral (None) entries become True only between two italic entries."""
    before: list[bool] = []
    last = False
    for italic in styles:
        last = last if italic is None else italic
        before.append(last)
    resolved: list[bool] = []
    following = False
    for italic, previous in zip(reversed(styles), reversed(before), strict=True):
        if italic is None:
            resolved.append(previous and following)
        else:
            following = italic
            resolved.append(italic)
    return resolved[::-1]


def _emphasise(text: str) -> str:
    core = text.strip()
    if not core:
        return text
    start = len(text) - len(text.lstrip())
    return f"{text[:start]}*{core}*{text[start + len(core) :]}"


def _clean_block(text: str) -> str:
    lines = [line.strip() for line in text.split("\n")]
    return "\n".join(line for line in lines if line)
