"""Bytes to text: encoding detection, binary detection and the one normalisation step.

Every reader goes through :func:`normalise_text` exactly once per document, so that all offsets
stored anywhere point into the same string.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from pathlib import Path

from qual_si.errors import EncodingProblem, UnreadableFile

_BOMS: tuple[tuple[bytes, str, str], ...] = (
    # UTF-32 first: its little-endian BOM begins with the UTF-16 LE BOM.
    (codecs.BOM_UTF32_LE, "utf-32", "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32", "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig", "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16", "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16", "utf-16-be"),
)

#: C0 controls other than tab, line feed, vertical tab, form feed and carriage return, plus DEL.
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
#: How much of a file the binary sniffing looks at; enough to catch any real binary format.
_SNIFF_CHARS = 65536
#: A real text file has almost no control characters; binaries have many (random bytes: ~13 %).
_MAX_CONTROL_SHARE = 0.05

BINARY_REASON = "looks like a binary file, not text"
EMPTY_REASON = "file is empty"
CP1252_WARNING = "decoded as cp1252 (not valid UTF-8)"


def read_file_bytes(path: str | Path) -> bytes:
    """Read a whole input file, turning every filesystem problem into :class:`UnreadableFile`."""
    file_path = Path(path)
    if not file_path.exists():
        raise UnreadableFile(path, "file not found")
    if file_path.is_dir():
        raise UnreadableFile(path, "is a directory, not a file")
    try:
        data = file_path.read_bytes()
    except PermissionError as error:
        raise UnreadableFile(path, "permission denied") from error
    except OSError as error:
        raise UnreadableFile(path, f"cannot be read ({error.strerror or error})") from error
    if not data:
        raise UnreadableFile(path, EMPTY_REASON)
    return data


def read_text_file(path: str | Path, encoding: str | None = None) -> tuple[str, str, list[str]]:
    """Read, decode and normalise a text file; return ``(text, encoding_name, warnings)``.

    Raises :class:`UnreadableFile` (missing, binary, or nothing but whitespace) or
    :class:`EncodingProblem`, each naming the file.
    """
    text, encoding_name, warnings = decode_bytes(read_file_bytes(path), str(path), encoding)
    text = normalise_text(text)
    if not text.strip():
        raise UnreadableFile(path, EMPTY_REASON)
    return text, encoding_name, warnings


def looks_binary(text: str) -> bool:
    """True when the start of a decoded text is full of control characters (a binary file)."""
    sample = text[:_SNIFF_CHARS]
    if not sample:
        return False
    controls = len(_CONTROL_CHARS.findall(sample))
    return controls > _MAX_CONTROL_SHARE * len(sample)


def decode_bytes(data: bytes, path: str, encoding: str | None = None) -> tuple[str, str, list[str]]:
    """Decode a file's bytes; return ``(text, encoding_name, warnings)``.

    Order: a forced ``encoding``; a BOM (UTF-8, UTF-16 LE/BE, UTF-32); strict UTF-8; cp1252 (reported
    in the warnings). The text is not yet normalised (see :func:`normalise_text`).
    """
    if encoding is not None:
        return _decode_forced(data, path, encoding)

    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError as error:
                raise EncodingProblem(
                    path,
                    f"starts with a {name} byte-order mark but is not valid {name}",
                    location=f"byte {error.start}",
                ) from error
            _reject_binary(text, path)
            return text, name, []

    # A NUL byte never occurs in UTF-8 or cp1252 text, and UTF-16 without a BOM is not supported.
    if b"\x00" in data[:_SNIFF_CHARS]:
        raise UnreadableFile(path, BINARY_REASON)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        _reject_binary(text, path)
        return text, "utf-8", []

    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        # cp1252 leaves five bytes undefined; such a file is certainly not a Windows text file.
        raise UnreadableFile(path, BINARY_REASON) from None
    _reject_binary(text, path)
    return text, "cp1252", [CP1252_WARNING]


def _decode_forced(data: bytes, path: str, encoding: str) -> tuple[str, str, list[str]]:
    try:
        codec_name = codecs.lookup(encoding).name
    except LookupError as error:
        raise EncodingProblem(path, f"unknown encoding '{encoding}'") from error
    try:
        text = data.decode(codec_name)
    except UnicodeDecodeError as error:
        raise EncodingProblem(
            path, f"is not valid {encoding} ({error.reason})", location=f"byte {error.start}"
        ) from error
    _reject_binary(text, path)
    return text, codec_name, []


def _reject_binary(text: str, path: str) -> None:
    if looks_binary(text):
        raise UnreadableFile(path, BINARY_REASON)


def normalise_text(text: str) -> str:
    """BOM stripped, ``\\r\\n`` and ``\\r`` turned into ``\\n``, Unicode NFC.

    Idempotent, so applying it to an already normalised text changes nothing.
    """
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return text
