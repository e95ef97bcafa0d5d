"""``read_document``: pick the reader for a file's extension and check the result."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from qual_si.errors import UnreadableFile
from qual_si.ingest.base import ParsedDocument, ReadOptions
from qual_si.ingest.encoding import EMPTY_REASON, normalise_text, read_file_bytes, read_text_file

SUPPORTED_EXTENSIONS: frozenset[str] = frozenset(
    {".txt", ".md", ".docx", ".odt", ".vtt", ".srt", ".csv", ".xlsx"}
)


def read_document(path: str | Path, options: ReadOptions | None = None) -> ParsedDocument:
    """Read one file into a normalised text plus utterances, choosing the reader by extension.

    Raises :class:`~qual_si.errors.UnreadableFile`, :class:`~qual_si.errors.EncodingProblem` or
    :class:`~qual_si.errors.FormatError` (each naming the file, the place and the reason).
    """
    options = options or ReadOptions()
    suffix = Path(path).suffix.lower()
    reader = _READERS.get(suffix)
    if reader is None:
        supported = ", ".join(sorted(SUPPORTED_EXTENSIONS))
        raise UnreadableFile(
            path, f"'{suffix or Path(path).name}' files cannot be imported (supported: {supported})"
        )
    document = reader(path, options)
    if not document.text.strip():
        raise UnreadableFile(path, EMPTY_REASON)
    return document


def _read_plain(path: str | Path, options: ReadOptions) -> ParsedDocument:
    from qual_si.ingest.transcript import parse_transcript

    text, encoding, warnings = read_text_file(path, options.encoding)
    utterances, parse_warnings = parse_transcript(text)
    source_format = Path(path).suffix.lower().lstrip(".")
    return ParsedDocument(text, utterances, source_format, encoding, warnings + parse_warnings)


def _read_office(path: str | Path, options: ReadOptions) -> ParsedDocument:
    from qual_si.ingest.office import docx_text, odt_text
    from qual_si.ingest.transcript import parse_transcript

    suffix = Path(path).suffix.lower()
    data = read_file_bytes(path)
    extract = docx_text if suffix == ".docx" else odt_text
    text = normalise_text(extract(data, str(path)))
    if not text.strip():
        raise UnreadableFile(path, EMPTY_REASON)
    # Word and Writer paragraphs are lines here, and there is no blank line between them.
    utterances, warnings = parse_transcript(text, lines_are_paragraphs=True)
    return ParsedDocument(text, utterances, suffix.lstrip("."), None, warnings)


def _read_subtitles(path: str | Path, options: ReadOptions) -> ParsedDocument:
    from qual_si.ingest.subtitles import srt_transcript, vtt_transcript

    decoded, encoding, warnings = read_text_file(path, options.encoding)
    suffix = Path(path).suffix.lower()
    build = vtt_transcript if suffix == ".vtt" else srt_transcript
    text, utterances = build(decoded, str(path))
    return ParsedDocument(text, utterances, suffix.lstrip("."), encoding, warnings)


def _read_utterance_table(path: str | Path, options: ReadOptions) -> ParsedDocument:
    from qual_si.ingest.utterance_table import read_utterance_table

    return read_utterance_table(path, options)


_READERS: dict[str, Callable[[str | Path, ReadOptions], ParsedDocument]] = {
    ".txt": _read_plain,
    ".md": _read_plain,
    ".docx": _read_office,
    ".odt": _read_office,
    ".vtt": _read_subtitles,
    ".srt": _read_subtitles,
    ".csv": _read_utterance_table,
    ".xlsx": _read_utterance_table,
}
