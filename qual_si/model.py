"""Plain, frozen records that the library hands to its faces.

Nothing here talks to the database or imports anything above ``model``/``spans``/``errors``.
Offsets are Python ``str`` indices (Unicode code points) into a document's immutable text,
half-open: ``text[start:end]``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Literal

AttributeType = Literal["text", "number", "category", "date", "boolean"]
AttributeValue = str | float | bool | date | None

DOCUMENT_KINDS: tuple[str, ...] = ("interview", "focus_group", "field_notes", "document")
ROLES: tuple[str, ...] = ("interviewer", "participant", "other")


@dataclass(frozen=True)
class Case:
    id: int
    name: str
    attributes: dict[str, AttributeValue] = field(default_factory=dict)
    document_count: int = 0


@dataclass(frozen=True)
class Attribute:
    id: int
    name: str
    type: AttributeType
    #: Allowed values for a category, in display order.
    categories: tuple[str, ...] = ()
    #: For a derived band: the numeric attribute it is computed from, and its cut-points.
    derived_from: str | None = None
    cuts: tuple[float, ...] = ()
    labels: tuple[str, ...] = ()
    hidden: bool = False


@dataclass(frozen=True)
class Document:
    id: int
    name: str
    kind: str
    case_id: int | None
    case_name: str | None
    source_name: str
    source_format: str
    encoding: str | None
    sha256: str
    imported_at: datetime
    word_count: int
    char_count: int
    utterance_count: int = 0


@dataclass(frozen=True)
class Utterance:
    id: int
    document_id: int
    index: int
    speaker: str | None
    role: str
    start: int
    end: int
    start_s: float | None
    end_s: float | None
    participant_id: int | None = None


@dataclass(frozen=True)
class Code:
    id: int
    #: Id inside its codebook, e.g. ``sa1_1``; unique within the codebook at any depth.
    key: str
    #: ``codebook_id.code_id`` (e.g. ``d003_strategic_areas.sa1_1``); own codes use ``project.<key>``.
    qualified_id: str
    name: str
    parent_id: int | None
    codebook: str | None
    definition: str = ""
    inclusion: str = ""
    exclusion: str = ""
    examples: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    colour: str | None = None
    #: The children of this code are mutually exclusive (one value per case or statement).
    exclusive: bool = False
    #: Rating scale ``{"min": 1, "max": 5, "labels": {...}}`` when the code is a rating dimension.
    scale: dict[str, Any] | None = None
    #: For a typology portrait: the qualified id of the scale code it is strong on.
    dimension: str | None = None
    status: str = "active"
    merged_into_id: int | None = None
    origin: str = "framework"
    position: int = 0


@dataclass(frozen=True)
class Coding:
    id: int
    document_id: int
    start: int
    end: int
    code_id: int
    coder: str
    created_at: datetime
    origin: str
    score: float | None
    snippet: str


@dataclass(frozen=True)
class Memo:
    id: int
    target_type: str
    target_id: int | None
    text: str
    author: str
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True)
class Rating:
    id: int
    case_id: int | None
    participant_id: int | None
    code_id: int
    value: float
    rater: str
    rationale: str
    kind: str = "current"


@dataclass(frozen=True)
class Suggestion:
    id: int
    document_id: int
    start: int
    end: int
    code_id: int
    score: float
    evidence: dict[str, Any]
    status: str


@dataclass(frozen=True)
class Topic:
    id: int
    run_id: int
    number: int
    label: str
    keywords: tuple[str, ...]
    size: int
    residual: bool = False
    promoted_code_id: int | None = None


@dataclass(frozen=True)
class Event:
    id: int
    at: datetime
    coder: str
    action: str
    payload: dict[str, Any]
    undoable: bool
    undone: bool
