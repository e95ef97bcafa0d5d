"""decode_bytes and normalise_text, and how read_document reports what it did."""

from __future__ import annotations

import codecs
import unicodedata
from pathlib import Path

import pytest

from qual_si.errors import EncodingProblem, UnreadableFile
from qual_si.ingest import ReadOptions, decode_bytes, normalise_text, read_document

SAMPLE = "Interviewer: Où est le café?\nParticipant 1: “Près d’ici” – £5."


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (SAMPLE.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + SAMPLE.encode("utf-8"), "utf-8-sig"),
        (codecs.BOM_UTF16_LE + SAMPLE.encode("utf-16-le"), "utf-16-le"),
        (codecs.BOM_UTF16_BE + SAMPLE.encode("utf-16-be"), "utf-16-be"),
        (codecs.BOM_UTF32_LE + SAMPLE.encode("utf-32-le"), "utf-32-le"),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16-le", "utf-16-be", "utf-32-le"],
)
def test_unicode_encodings_are_detected(data: bytes, encoding: str) -> None:
    text, found, warnings = decode_bytes(data, "x.txt")
    assert normalise_text(text) == SAMPLE
    assert found == encoding
    assert warnings == []


def test_cp1252_fallback_is_reported() -> None:
    text, found, warnings = decode_bytes(SAMPLE.encode("cp1252"), "x.txt")
    assert text == SAMPLE
    assert found == "cp1252"
    assert warnings == ["decoded as cp1252 (not valid UTF-8)"]


def test_forced_encoding_is_used() -> None:
    text, found, _ = decode_bytes("Zoë".encode("latin-1"), "x.txt", "latin-1")
    assert (text, found) == ("Zoë", "iso8859-1")


def test_unknown_encoding_name_is_an_error() -> None:
    with pytest.raises(EncodingProblem, match=r"x\.txt: unknown encoding 'klingon-8'"):
        decode_bytes(b"abc", "x.txt", "klingon-8")


def test_forced_encoding_that_does_not_fit_names_the_byte() -> None:
    with pytest.raises(EncodingProblem, match=r"x\.txt:byte 1: is not valid utf-8"):
        decode_bytes(b"a\xff", "x.txt", "utf-8")


def test_binary_bytes_are_refused() -> None:
    with pytest.raises(UnreadableFile, match="looks like a binary file, not text"):
        decode_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20, "x.txt")


# Control characters without a NUL byte: the NUL shortcut does not fire, so only the share of
# control characters (looks_binary) can refuse these, whichever way they get decoded.
CONTROLS = bytes(range(1, 32)) * 50


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (CONTROLS, None),  # valid UTF-8
        (CONTROLS + b"\xe9", None),  # not UTF-8, so the cp1252 fallback
        (codecs.BOM_UTF8 + CONTROLS, None),  # a byte-order mark
        (CONTROLS, "latin-1"),  # a forced encoding
    ],
    ids=["utf-8", "cp1252", "bom", "forced"],
)
def test_control_characters_without_nul_are_refused_as_binary(
    data: bytes, encoding: str | None
) -> None:
    assert b"\x00" not in data
    with pytest.raises(UnreadableFile, match="looks like a binary file, not text"):
        decode_bytes(data, "x.txt", encoding)


def test_a_stray_control_character_does_not_make_text_binary() -> None:
    text, found, _ = decode_bytes(("Interviewer: hello\n" * 20 + "\x01").encode("utf-8"), "x.txt")
    assert found == "utf-8" and text.endswith("hello\n\x01")


def test_normalise_strips_bom_unifies_line_ends_and_composes() -> None:
    raw = "\ufeffCafe\u0301 one\r\ntwo\rthree\n"
    assert normalise_text(raw) == "Café one\ntwo\nthree\n"
    assert unicodedata.is_normalized("NFC", normalise_text(raw))
    assert normalise_text(normalise_text(raw)) == normalise_text(raw)


def test_read_document_normalises_once_and_offsets_point_into_the_result(tmp_path: Path) -> None:
    path = tmp_path / "crlf.txt"
    path.write_bytes(
        codecs.BOM_UTF8 + "Interviewer: Cafe\u0301?\r\nParticipant 1: Oui.\r\n".encode()
    )
    document = read_document(path)
    assert document.text == "Interviewer: Café?\nParticipant 1: Oui.\n"
    assert [document.text[u.start : u.end] for u in document.utterances] == ["Café?", "Oui."]
    assert (document.encoding, document.source_format) == ("utf-8-sig", "txt")


def test_read_document_passes_on_cp1252_warning_and_forced_encoding(tmp_path: Path) -> None:
    path = tmp_path / "old.txt"
    path.write_bytes("Interviewer: “Hello”\nParticipant 1: Hi.".encode("cp1252"))
    assert "decoded as cp1252 (not valid UTF-8)" in read_document(path).warnings
    forced = read_document(path, ReadOptions(encoding="cp1252"))
    assert forced.warnings == [] and forced.text.startswith("Interviewer: “Hello”")
