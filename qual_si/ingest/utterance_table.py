"""A .csv or .xlsx with one utterance per row (speaker, text, start time, end time)."""

from __future__ import annotations

from pathlib import Path

from qual_si.errors import FormatError
from qual_si.ingest.base import (
    ParsedDocument,
    ReadOptions,
    Span,
    timestamp_warnings,
    utterances_from_spans,
)
from qual_si.ingest.tables import RawTable, cell_text, header_key, read_table
from qual_si.ingest.timestamps import parse_timestamp

_SPEAKER_NAMES = ("speaker", "speaker name", "name", "participant", "who", "person")
_TEXT_NAMES = (
    "text",
    "utterance",
    "transcript",
    "transcription",
    "content",
    "said",
    "what was said",
    "words",
    "dialogue",
    "message",
)
_TIME_NAMES = ("start", "start time", "time", "timestamp", "time stamp", "begin", "start s", "from")
_END_NAMES = ("end", "end time", "stop", "end s", "finish", "to")


def read_utterance_table(path: str | Path, options: ReadOptions) -> ParsedDocument:
    """Build ``Speaker: text`` lines from the rows; spans cover the text only."""
    table = read_table(path, sheet=options.sheet, encoding=options.encoding)
    where = str(path)
    text_column = _column(table, where, options.text_column, _TEXT_NAMES, "text")
    if text_column is None:
        raise FormatError(
            where,
            f"no text column found (columns: {', '.join(repr(h) for h in table.headers)}); "
            "name it text, utterance, transcript, content or said, or choose it in the import options",
        )
    speaker_column = _column(table, where, options.speaker_column, _SPEAKER_NAMES, "speaker")
    time_column = _column(table, where, options.time_column, _TIME_NAMES, "time")
    end_column = _column(table, where, options.end_time_column, _END_NAMES, "end time")

    lines: list[str] = []
    spans: list[Span] = []
    cursor = 0
    for number, cells in table.rows:
        said = _cell(cells, text_column)
        if not said:
            continue
        speaker = _cell(cells, speaker_column) or None
        start_s = _seconds(cells, time_column, table, where, number)
        end_s = _seconds(cells, end_column, table, where, number)
        prefix = f"{speaker}: " if speaker else ""
        start = cursor + len(prefix)
        spans.append((speaker, start, start + len(said), start_s, end_s))
        lines.append(prefix + said)
        cursor = start + len(said) + 1
    utterances = utterances_from_spans(spans)
    warnings = table.warnings + timestamp_warnings(utterances)
    return ParsedDocument(
        "\n".join(lines), utterances, table.source_format, table.encoding, warnings
    )


def _column(
    table: RawTable, path: str, chosen: str | None, names: tuple[str, ...], what: str
) -> int | None:
    keys = [header_key(header) for header in table.headers]
    if chosen is not None:
        wanted = header_key(chosen)
        if wanted not in keys:
            raise FormatError(
                path,
                f"no {what} column '{chosen}' (columns: {', '.join(repr(h) for h in table.headers)})",
            )
        return keys.index(wanted)
    for name in names:  # in order of preference: 'speaker' beats 'name'
        if name in keys:
            return keys.index(name)
    return None


def _cell(cells: list[object], column: int | None) -> str:
    if column is None or column >= len(cells):
        return ""
    return cell_text(cells[column])


def _seconds(
    cells: list[object], column: int | None, table: RawTable, path: str, row: int
) -> float | None:
    if column is None or column >= len(cells):
        return None
    try:
        return parse_timestamp(cells[column])
    except ValueError as problem:
        raise FormatError(
            path, f"column '{table.headers[column]}': {problem}", location=f"row {row}"
        ) from problem
