"""The document import pipeline: expand paths, skip duplicates, read, store one file per transaction."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, select

from ..errors import QualSiError, UnreadableFile
from ..ingest import SUPPORTED_EXTENSIONS, ParsedDocument, ReadOptions, guess_roles, read_document
from ..spans import count_words
from ..store import Tx
from ..store import schema as s


@dataclass
class FileResult:
    """What happened to one file of an import batch."""

    path: str
    status: str  # imported | duplicate | failed
    document: str | None = None
    utterances: int = 0
    speakers: list[str] = field(default_factory=list)
    roles: dict[str, str] = field(default_factory=dict)
    timestamps: int = 0
    words: int = 0
    warnings: list[str] = field(default_factory=list)
    error: str | None = None


@dataclass
class ImportReport:
    files: list[FileResult] = field(default_factory=list)

    @property
    def imported(self) -> list[FileResult]:
        return [f for f in self.files if f.status == "imported"]

    @property
    def duplicates(self) -> list[FileResult]:
        return [f for f in self.files if f.status == "duplicate"]

    @property
    def failed(self) -> list[FileResult]:
        return [f for f in self.files if f.status == "failed"]

    @property
    def ok(self) -> bool:
        return not self.failed


@dataclass(frozen=True)
class ImportProgress:
    done: int
    total: int
    path: str


ProgressCallback = Callable[[ImportProgress], None]


def expand_paths(paths: Iterable[str | Path]) -> tuple[list[Path], list[FileResult]]:
    """Files to import (folders searched recursively) and results for paths that do not exist."""
    files: list[Path] = []
    missing: list[FileResult] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for candidate in sorted(path.rglob("*")):
                if (
                    candidate.is_file()
                    and candidate.suffix.lower() in SUPPORTED_EXTENSIONS
                    and not any(part.startswith(".") for part in candidate.relative_to(path).parts)
                    and not candidate.name.startswith("~$")  # Word's lock files
                ):
                    files.append(candidate)
        elif path.exists():
            files.append(path)
        else:
            missing.append(FileResult(str(path), "failed", error=f"{path}: no such file or folder"))
    return files, missing


def sha256_of(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError as exc:
        raise UnreadableFile(path, f"cannot read file ({exc.strerror})") from None


def unique_name(conn: Connection, wanted: str) -> str:
    existing = set(conn.execute(select(s.documents.c.name).where(s.documents.c.name.startswith(wanted))).scalars())
    if wanted not in existing:
        return wanted
    n = 2
    while f"{wanted} ({n})" in existing:
        n += 1
    return f"{wanted} ({n})"


def store_document(
    tx: Tx,
    *,
    path: Path,
    parsed: ParsedDocument,
    sha256: str,
    case_id: int | None,
    kind: str,
    roles: dict[str, str],
) -> tuple[int, str, int]:
    """Insert a parsed document, its speakers and utterances. Returns (document id, name, words)."""
    conn = tx.conn
    name = unique_name(conn, path.stem)
    text = parsed.text
    utterance_words = [count_words(text[u.start : u.end]) for u in parsed.utterances]
    # what was said, without speaker labels and timestamps
    words = sum(utterance_words) if utterance_words else count_words(text)
    document_id = tx.insert(
        s.documents,
        {
            "name": name,
            "case_id": case_id,
            "kind": kind,
            "source_name": path.name,
            "source_format": parsed.source_format,
            "encoding": parsed.encoding,
            "sha256": sha256,
            "word_count": words,
            "char_count": len(text),
            "utterance_count": len(parsed.utterances),
            "guid": str(uuid.uuid4()),
            "metadata": {"warnings": parsed.warnings} if parsed.warnings else None,
            "imported_by": tx.coder_id,
            "imported_at": tx.now,
        },
        record=False,
    )
    assert document_id is not None
    tx.insert_many(s.document_texts, [{"document_id": document_id, "text": text}])
    speaker_ids: dict[str, int] = {}
    for speaker in parsed.speakers:
        speaker_id = tx.insert(
            s.speakers,
            {"document_id": document_id, "name": speaker, "role": roles.get(speaker, "participant")},
            record=False,
        )
        assert speaker_id is not None
        speaker_ids[speaker] = speaker_id
    tx.insert_many(
        s.utterances,
        (
            {
                "document_id": document_id,
                "idx": index,
                "speaker_id": speaker_ids.get(u.speaker) if u.speaker is not None else None,
                "start": u.start,
                "end": u.end,
                "start_s": u.start_s,
                "end_s": u.end_s,
                "word_count": utterance_words[index],
            }
            for index, u in enumerate(parsed.utterances)
        ),
    )
    return document_id, name, words


def read_one(path: Path, options: ReadOptions | None) -> ParsedDocument:
    try:
        return read_document(path, options)
    except QualSiError:
        raise
    except Exception as exc:  # a reader bug must not abort the batch; report it as this file's failure
        raise UnreadableFile(path, f"could not be read ({type(exc).__name__}: {exc})") from exc


def roles_for(parsed: ParsedDocument, speaker_map: dict[str, str]) -> dict[str, str]:
    return guess_roles(parsed.text, parsed.utterances, speaker_map or None)


def result_for(path: Path, name: str, parsed: ParsedDocument, roles: dict[str, str], words: int) -> FileResult:
    return FileResult(
        path=str(path),
        status="imported",
        document=name,
        utterances=len(parsed.utterances),
        speakers=parsed.speakers,
        roles=roles,
        timestamps=parsed.timestamps_found,
        words=words,
        warnings=list(parsed.warnings),
    )


def existing_hashes(conn: Connection, hashes: Sequence[str]) -> dict[str, str]:
    if not hashes:
        return {}
    rows = conn.execute(select(s.documents.c.sha256, s.documents.c.name).where(s.documents.c.sha256.in_(hashes)))
    return {sha: name for sha, name in rows}


def payload_for(result: FileResult) -> dict[str, Any]:
    return {
        "document": result.document,
        "source": result.path,
        "utterances": result.utterances,
        "speakers": result.speakers,
    }
