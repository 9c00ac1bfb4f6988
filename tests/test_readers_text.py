"""The text reader and the reader front door: encodings, binary data, bad paths."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import FIXTURES, HRC

from resdiff.errors import InputError
from resdiff.readers import detect_format, read, read_bytes
from resdiff.readers.text import decode


def test_reads_a_text_fixture():
    raw = read(HRC)
    assert raw.format == "text"
    assert raw.path == str(HRC)
    assert raw.text == HRC.read_text(encoding="utf-8")
    assert raw.footnotes == []


def test_markdown_by_suffix():
    raw = read(FIXTURES / "A_RES_80_31.md")
    assert raw.format == "markdown"
    assert raw.text.startswith("---\nsymbol: A/RES/80/31\n")


def test_format_is_detected_by_content_not_name():
    assert detect_format(b"%PDF-1.7\n...") == "pdf"
    assert detect_format(b"PK\x03\x04....") == "docx"
    assert detect_format(HRC.read_bytes()) == "text"


@pytest.mark.parametrize(
    ("prefix", "encoding"),
    [
        (b"", "utf-8"),
        (b"\xef\xbb\xbf", "utf-8"),
        (b"\xff\xfe", "utf-16-le"),
        (b"\xfe\xff", "utf-16-be"),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16-le-bom", "utf-16-be-bom"],
)
def test_decode_encodings(prefix, encoding):
    text = HRC.read_text(encoding="utf-8")
    assert decode(prefix + text.encode(encoding), "x") == text


def test_decode_line_endings():
    assert decode(b"The Human Rights Council,\r\nRecalling\rNoting\n", "x") == (
        "The Human Rights Council,\nRecalling\nNoting\n"
    )


def test_decode_rejects_nul_bytes():
    with pytest.raises(InputError, match="binary"):
        decode(b"garbage\x00\x01\x02", "bin.txt")


def test_decode_rejects_utf16_without_bom():
    with pytest.raises(InputError, match=r"bin\.txt"):
        decode("The Security Council,".encode("utf-16-le"), "bin.txt")


def test_decode_rejects_invalid_utf8_with_offset():
    data = b"The Security Council,\n" + b"\xc3\x28 Recalling"
    with pytest.raises(InputError) as info:
        decode(data, "bad.txt")
    assert info.value.path == "bad.txt"
    assert "UTF-8" in str(info.value) and "offset 22" in str(info.value)


def test_decode_rejects_latin1():
    text = (FIXTURES / "S_2017_77.txt").read_text(encoding="utf-8")
    latin = text.replace("\u2011", "-").replace("’", "'").replace("“", '"').replace("”", '"')
    with pytest.raises(InputError, match="not valid UTF-8"):
        decode(latin.encode("latin-1"), "latin.txt")


def test_decode_rejects_control_characters():
    with pytest.raises(InputError, match="control characters"):
        decode(b"The Council,\n" + b"\x01\x02\x03\x04" * 20, "ctl.txt")


def test_a_few_escape_sequences_are_text():
    # A stray escape sequence in a long real text is kept; renderers make it inert.
    text = HRC.read_text(encoding="utf-8").replace("*Urges* States", "*Urges*\x1b[31m States", 1)
    assert "\x1b[31m" in decode(text.encode("utf-8"), "x")


def test_missing_file(tmp_path):
    with pytest.raises(InputError, match="no such file") as info:
        read(tmp_path / "missing.txt")
    assert info.value.path == str(tmp_path / "missing.txt")


def test_directory(tmp_path):
    with pytest.raises(InputError, match="is a directory"):
        read(tmp_path)


def test_empty_file(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    with pytest.raises(InputError, match="is empty"):
        read(path)


def test_whitespace_only_file(tmp_path):
    path = tmp_path / "blank.txt"
    path.write_bytes(b" \n\n\t\r\n")
    with pytest.raises(InputError, match="contains no text"):
        read(path)


def test_binary_file(tmp_path):
    path = tmp_path / "bin.txt"
    path.write_bytes(b"garbage\x00\x01\x02")
    with pytest.raises(InputError, match="binary"):
        read(path)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs a POSIX FIFO")
def test_fifo_is_not_a_regular_file(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match="not a regular file"):
        read_bytes(fifo)


def test_unusual_names(tmp_path):
    for name in ("-dash.txt", "with space é.txt", "résolution 41-3 (final).txt"):
        path = tmp_path / name
        path.write_bytes(HRC.read_bytes())
        raw = read(path)
        assert raw.path == str(path)
        assert raw.text.startswith("\n\n\n\nGeneral Assembly")
    assert read(Path(str(tmp_path / "-dash.txt"))).format == "text"


def test_text_over_the_limit_is_refused_on_every_path(tmp_path, monkeypatch):
    """Files, git blobs (check, hooks) and archive inputs share one limit on extracted text."""
    import resdiff.readers as readers
    from resdiff.readers import read_data

    data = HRC.read_bytes()
    path = tmp_path / "A_HRC_RES_41_3.txt"
    path.write_bytes(data)
    limit = len(HRC.read_text(encoding="utf-8"))
    monkeypatch.setattr(readers, "MAX_TEXT_CHARS", limit)
    assert read(path).text == HRC.read_text(encoding="utf-8")  # at the limit: read
    monkeypatch.setattr(readers, "MAX_TEXT_CHARS", limit - 1)
    message = f"too much text ({limit} characters; limit {limit - 1})"
    for attempt in (
        lambda: read(path),
        lambda: read_data(str(path), data),  # a git blob (check, hooks), an archive input
    ):
        with pytest.raises(InputError) as info:
            attempt()
        assert info.value.reason == message
