"""Every kind of bad input gives one qual-si error naming the file, the place and the reason."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from qual_si.errors import EncodingProblem, FormatError, InputError, UnreadableFile
from qual_si.ingest import ReadOptions, read_document
from qual_si.ingest.cases import read_cases_table

# An encrypted Office file is an OLE compound file; its directory names the EncryptionInfo stream.
OLE_HEADER = bytes.fromhex("d0cf11e0a1b11ae1") + b"\x00" * 120
ENCRYPTED_OFFICE = OLE_HEADER + "EncryptionInfo".encode("utf-16-le") + b"\x00" * 64
OLD_WORD_DOC = OLE_HEADER + "WordDocument".encode("utf-16-le") + b"\x00" * 64


def _zip_with(path: Path, name: str, content: str) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(name, content)
    return path


@pytest.mark.parametrize(
    ("name", "content", "error", "reason"),
    [
        ("empty.txt", b"", UnreadableFile, "file is empty"),
        ("blank.md", b"  \n\t\r\n", UnreadableFile, "file is empty"),
        ("bom_only.txt", b"\xef\xbb\xbf\n", UnreadableFile, "file is empty"),
        (
            "picture.txt",
            b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4,
            UnreadableFile,
            "looks like a binary file, not text",
        ),
        (
            "notzip.docx",
            b"Interviewer: this is really plain text",
            UnreadableFile,
            "not a valid .docx (corrupt or not a Word file)",
        ),
        (
            "truncated.docx",
            b"PK\x03\x04\x14\x00\x00\x00garbage",
            UnreadableFile,
            "not a valid .docx",
        ),
        ("locked.docx", ENCRYPTED_OFFICE, UnreadableFile, "is password-protected or encrypted"),
        ("old.docx", OLD_WORD_DOC, UnreadableFile, "old Word 97-2003 document"),
        ("notzip.odt", b"hello", UnreadableFile, "not a valid .odt"),
        ("notzip.xlsx", b"hello", UnreadableFile, "not a valid .xlsx"),
        ("locked.xlsx", ENCRYPTED_OFFICE, UnreadableFile, "password-protected or encrypted"),
        ("header_only.vtt", b"WEBVTT\n\n", UnreadableFile, "file is empty"),
        ("header_only.csv", b"speaker,text\n", UnreadableFile, "file is empty"),
        ("slides.pptx", b"PK", UnreadableFile, "'.pptx' files cannot be imported"),
        ("noextension", b"text", UnreadableFile, "files cannot be imported"),
    ],
)
def test_bad_file_gives_one_clear_error(
    tmp_path: Path, name: str, content: bytes, error: type[InputError], reason: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(error) as raised:
        read_document(path)
    assert str(raised.value).startswith(str(path))
    assert reason in raised.value.reason
    assert "\n" not in str(raised.value)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(UnreadableFile, match="file not found"):
        read_document(tmp_path / "gone.txt")


def test_directory(tmp_path: Path) -> None:
    folder = tmp_path / "folder.txt"
    folder.mkdir()
    with pytest.raises(UnreadableFile, match="is a directory, not a file"):
        read_document(folder)


def test_zip_that_is_not_a_word_file(tmp_path: Path) -> None:
    path = _zip_with(tmp_path / "fake.docx", "hello.txt", "hi")
    with pytest.raises(UnreadableFile, match=r"not a valid \.docx"):
        read_document(path)


def test_hostile_xml_in_odt_is_refused(tmp_path: Path) -> None:
    # A well-formed content.xml whose paragraph holds the entity: a plain XML parser would expand
    # it and import the text, so only defusedxml's refusal of entity declarations stops it.
    bomb = (
        '<?xml version="1.0"?>'
        '<!DOCTYPE office:document-content [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
        '<office:document-content'
        ' xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
        ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0">'
        "<office:body><office:text><text:p>&b;</text:p></office:text></office:body>"
        "</office:document-content>"
    )
    path = _zip_with(tmp_path / "bomb.odt", "content.xml", bomb)
    with pytest.raises(UnreadableFile, match=r"not a valid \.odt"):
        read_document(path)


def test_unknown_encoding_in_options(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Interviewer: hi")
    with pytest.raises(EncodingProblem, match="unknown encoding 'utf-99'"):
        read_document(path, ReadOptions(encoding="utf-99"))


def test_csv_without_text_column(tmp_path: Path) -> None:
    path = tmp_path / "codes.csv"
    path.write_text("code,count\nhub,3\n")
    with pytest.raises(FormatError, match="no text column found"):
        read_document(path)


def test_csv_with_nul_bytes_is_refused_as_binary(tmp_path: Path) -> None:
    path = tmp_path / "nul.csv"
    path.write_bytes(b'speaker,text\nAmy,"fine"\nLee,"broken\x00"\n')
    with pytest.raises(UnreadableFile, match="binary"):
        read_document(path)


def test_bad_cases_files(tmp_path: Path) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    with pytest.raises(UnreadableFile, match="file is empty"):
        read_cases_table(empty)
    unnamed = tmp_path / "unnamed.csv"
    unnamed.write_text("case,,size\nA,x,3\n")
    with pytest.raises(InputError, match="column 2 has values but no name"):
        read_cases_table(unnamed)
    nameless = tmp_path / "nameless.csv"
    nameless.write_text("case,size\nA,3\n,4\n")
    with pytest.raises(InputError, match=r"row 3: no case name"):
        read_cases_table(nameless)
