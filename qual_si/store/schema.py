"""The whole data model as SQLAlchemy Core tables, for SQLite and PostgreSQL alike.

Each table, column and index added after the first release carries ``info={"since": N}``;
``migrations.py`` derives every schema version from these annotations, so this file is the
single description of the schema (no hand-copied DDL per version). Version 1 is the schema of
the first release.

Conventions:
- every id is an integer primary key; ``guid`` columns hold REFI-QDA GUIDs for exchange;
- offsets ``start``/``end`` are code-point indices into ``document_texts.text``, half-open;
- timestamps are timezone-aware UTC;
- a document's text lives in its own table so lists of documents never read the text.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()

NAME = String(400)
KEY = String(200)
GUID = String(36)


def _created() -> list[Column]:
    return [Column("created_at", DateTime(timezone=True), nullable=False)]


# --- project identity ------------------------------------------------------------------------

qualsi_meta = Table(
    "qualsi_meta",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

schema_migrations = Table(
    "schema_migrations",
    metadata,
    Column("version", Integer, primary_key=True, autoincrement=False),
    Column("description", Text, nullable=False),
    Column("applied_at", DateTime(timezone=True), nullable=False),
)

settings = Table(
    "settings",
    metadata,
    Column("key", String(200), primary_key=True),
    Column("value", JSON, nullable=True),
)

coders = Table(
    "coders",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", NAME, nullable=False, unique=True),
    Column("guid", GUID, nullable=False),
    *_created(),
)

# --- cases, participants, attributes ----------------------------------------------------------

cases = Table(
    "cases",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", NAME, nullable=False, unique=True),
    Column("description", Text, nullable=False, default=""),
    Column("guid", GUID, nullable=False),
    Column("created_by", ForeignKey("coders.id"), nullable=True),
    *_created(),
)

participants = Table(
    "participants",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", NAME, nullable=False),
    Column("case_id", ForeignKey("cases.id", ondelete="SET NULL"), nullable=True),
    Column("pseudonym", NAME, nullable=True),
    *_created(),
)

attributes = Table(
    "attributes",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", NAME, nullable=False),
    # what the attribute describes: case | document | participant
    Column("scope", String(20), nullable=False, default="case"),
    # text | number | category | date | boolean
    Column("type", String(20), nullable=False),
    Column("categories", JSON, nullable=True),
    # derived band: source attribute and cut-points; values are computed, never stored
    Column("derived_from", ForeignKey("attributes.id", ondelete="CASCADE"), nullable=True),
    Column("cuts", JSON, nullable=True),
    Column("labels", JSON, nullable=True),
    # held back from outputs (e.g. a performance band used only for sampling)
    Column("hidden", Boolean, nullable=False, default=False),
    Column("position", Integer, nullable=False, default=0),
    *_created(),
    UniqueConstraint("scope", "name", name="uq_attribute_scope_name"),
)

attribute_values = Table(
    "attribute_values",
    metadata,
    Column("attribute_id", ForeignKey("attributes.id", ondelete="CASCADE"), primary_key=True),
    Column("target_type", String(20), primary_key=True),  # case | document | participant
    Column("target_id", Integer, primary_key=True, autoincrement=False),
    Column("value_text", Text, nullable=True),
    Column("value_number", Float, nullable=True),
)

# --- documents and their structure -------------------------------------------------------------

documents = Table(
    "documents",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", NAME, nullable=False, unique=True),
    Column("case_id", ForeignKey("cases.id", ondelete="SET NULL"), nullable=True),
    # interview | focus_group | field_notes | document
    Column("kind", String(40), nullable=False, default="interview"),
    Column("source_name", Text, nullable=False),
    Column("source_format", String(20), nullable=False),
    Column("encoding", String(40), nullable=True),
    Column("sha256", String(64), nullable=False, unique=True),
    Column("word_count", Integer, nullable=False),
    Column("char_count", Integer, nullable=False),
    Column("utterance_count", Integer, nullable=False, default=0),
    Column("guid", GUID, nullable=False),
    Column("metadata", JSON, nullable=True),
    Column("imported_by", ForeignKey("coders.id"), nullable=True),
    Column("imported_at", DateTime(timezone=True), nullable=False),
)

document_texts = Table(
    "document_texts",
    metadata,
    Column("document_id", ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    Column("text", Text, nullable=False),
)

speakers = Table(
    "speakers",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("document_id", ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("name", NAME, nullable=False),
    # interviewer | participant | other
    Column("role", String(20), nullable=False, default="participant"),
    Column("participant_id", ForeignKey("participants.id", ondelete="SET NULL"), nullable=True),
    UniqueConstraint("document_id", "name", name="uq_speaker_document_name"),
)

utterances = Table(
    "utterances",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("document_id", ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("idx", Integer, nullable=False),
    Column("speaker_id", ForeignKey("speakers.id", ondelete="SET NULL"), nullable=True),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("start_s", Float, nullable=True),
    Column("end_s", Float, nullable=True),
    Column("word_count", Integer, nullable=False, default=0),
    UniqueConstraint("document_id", "idx", name="uq_utterance_document_idx"),
)

# --- codebooks and codes ----------------------------------------------------------------------

codebooks = Table(
    "codebooks",
    metadata,
    Column("id", Integer, primary_key=True),
    # codebook id, e.g. d003_strategic_areas; the project's own codes live in codebook "project"
    Column("key", KEY, nullable=False, unique=True),
    Column("title", Text, nullable=False),
    Column("alias", String(40), nullable=True),
    Column("source", Text, nullable=False, default=""),
    Column("version", String(40), nullable=False, default=""),
    Column("description", Text, nullable=False, default=""),
    Column("exclusive", Boolean, nullable=False, default=False),
    Column("origin_path", Text, nullable=True),
    Column("position", Integer, nullable=False, default=0),
    Column("loaded_by", ForeignKey("coders.id"), nullable=True),
    Column("loaded_at", DateTime(timezone=True), nullable=False),
)

codes = Table(
    "codes",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("codebook_id", ForeignKey("codebooks.id"), nullable=False),
    Column("key", KEY, nullable=False),
    Column("parent_id", ForeignKey("codes.id"), nullable=True),
    Column("position", Integer, nullable=False, default=0),
    Column("name", NAME, nullable=False),
    Column("definition", Text, nullable=False, default=""),
    Column("inclusion", Text, nullable=False, default=""),
    Column("exclusion", Text, nullable=False, default=""),
    Column("examples", JSON, nullable=True),
    Column("keywords", JSON, nullable=True),
    Column("colour", String(7), nullable=True),
    Column("exclusive", Boolean, nullable=False, default=False),
    Column("scale", JSON, nullable=True),
    Column("dimension", KEY, nullable=True),
    Column("memo", Text, nullable=False, default=""),
    # active | merged | retired
    Column("status", String(20), nullable=False, default="active"),
    Column("merged_into_id", ForeignKey("codes.id"), nullable=True),
    # framework | inductive | theme | import
    Column("origin", String(20), nullable=False, default="framework"),
    Column("guid", GUID, nullable=False),
    Column("created_by", ForeignKey("coders.id"), nullable=True),
    *_created(),
    UniqueConstraint("codebook_id", "key", name="uq_code_codebook_key"),
)

codings = Table(
    "codings",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("document_id", ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("code_id", ForeignKey("codes.id"), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("coder_id", ForeignKey("coders.id"), nullable=False),
    # manual | suggestion | topic | import
    Column("origin", String(20), nullable=False, default="manual"),
    Column("score", Float, nullable=True),
    # copy of the coded text: a corrupted offset shows up as a mismatch
    Column("snippet", Text, nullable=False),
    Column("guid", GUID, nullable=False),
    *_created(),
)
Index("ix_codings_code", codings.c.code_id)
Index("ix_codings_document", codings.c.document_id, codings.c.start)
Index("ix_codings_coder", codings.c.coder_id)

memos = Table(
    "memos",
    metadata,
    Column("id", Integer, primary_key=True),
    # project | document | case | code | coding
    Column("target_type", String(20), nullable=False),
    Column("target_id", Integer, nullable=True),
    Column("text", Text, nullable=False),
    Column("author_id", ForeignKey("coders.id"), nullable=False),
    Column("guid", GUID, nullable=False),
    *_created(),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)
Index("ix_memos_target", memos.c.target_type, memos.c.target_id)

# --- case-level judgements -------------------------------------------------------------------

ratings = Table(
    "ratings",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("case_id", ForeignKey("cases.id", ondelete="CASCADE"), nullable=True),
    Column("participant_id", ForeignKey("participants.id", ondelete="CASCADE"), nullable=True),
    # the dimension: a code with a scale (e.g. d003_four_ps.purpose)
    Column("code_id", ForeignKey("codes.id"), nullable=False),
    # current | desired
    Column("kind", String(20), nullable=False, default="current"),
    Column("value", Float, nullable=False),
    Column("rater_id", ForeignKey("coders.id"), nullable=False),
    Column("rationale", Text, nullable=False, default=""),
    *_created(),
)
Index("ix_ratings_case", ratings.c.case_id, ratings.c.code_id)

judgements = Table(
    "judgements",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("case_id", ForeignKey("cases.id", ondelete="CASCADE"), nullable=False),
    # the exclusive group (e.g. consistency_level) and the value chosen in it (e.g. aligned)
    Column("group_code_id", ForeignKey("codes.id"), nullable=False),
    Column("value_code_id", ForeignKey("codes.id"), nullable=False),
    # optional facet the judgement is about (e.g. the practice area "assessment")
    Column("facet", NAME, nullable=True),
    Column("rater_id", ForeignKey("coders.id"), nullable=False),
    Column("note", Text, nullable=False, default=""),
    *_created(),
)

framework_cells = Table(
    "framework_cells",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("case_id", ForeignKey("cases.id", ondelete="CASCADE"), nullable=False),
    Column("code_id", ForeignKey("codes.id"), nullable=False),
    Column("summary", Text, nullable=False, default=""),
    Column("author_id", ForeignKey("coders.id"), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("case_id", "code_id", name="uq_framework_cell"),
)

# --- NLP: segments, embeddings, suggestions, topics -------------------------------------------

segments = Table(
    "segments",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("document_id", ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("utterance_id", ForeignKey("utterances.id", ondelete="CASCADE"), nullable=True),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text_hash", String(64), nullable=False),
    Column("segmenter", String(100), nullable=False),
)
Index("ix_segments_document", segments.c.document_id, segments.c.start)
Index("ix_segments_utterance", segments.c.utterance_id, info={"since": 2})

embeddings = Table(
    "embeddings",
    metadata,
    Column("text_hash", String(64), primary_key=True),
    Column("embedder_id", String(200), primary_key=True),
    Column("dim", Integer, nullable=False),
    Column("vector", LargeBinary, nullable=False),
    *_created(),
)

suggestions = Table(
    "suggestions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("document_id", ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("segment_id", ForeignKey("segments.id", ondelete="SET NULL"), nullable=True),
    Column("code_id", ForeignKey("codes.id", ondelete="CASCADE"), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("score", Float, nullable=False),
    Column("evidence", JSON, nullable=True),
    # pending | accepted | rejected
    Column("status", String(20), nullable=False, default="pending"),
    # suggest | topic
    Column("source", String(20), nullable=False, default="suggest"),
    Column("coding_id", ForeignKey("codings.id", ondelete="SET NULL"), nullable=True),
    Column("decided_by", ForeignKey("coders.id"), nullable=True),
    Column("decided_at", DateTime(timezone=True), nullable=True),
    *_created(),
    UniqueConstraint("document_id", "start", "end", "code_id", name="uq_suggestion_span_code"),
)
Index("ix_suggestions_status_score", suggestions.c.status, suggestions.c.score)
# Schema 2: deleting a coding (undo of a bulk accept) or a code makes the database look up the
# suggestions that point to it; without these indexes every delete scanned the whole table.
Index("ix_suggestions_coding", suggestions.c.coding_id, info={"since": 2})
Index("ix_suggestions_code", suggestions.c.code_id, info={"since": 2})

topic_runs = Table(
    "topic_runs",
    metadata,
    Column("id", Integer, primary_key=True),
    # themes | residual
    Column("kind", String(20), nullable=False),
    Column("embedder_id", String(200), nullable=False),
    Column("params", JSON, nullable=True),
    Column("metrics", JSON, nullable=True),
    Column("n_segments", Integer, nullable=False),
    Column("n_outliers", Integer, nullable=False, default=0),
    Column("seed", Integer, nullable=False, default=0),
    Column("created_by", ForeignKey("coders.id"), nullable=True),
    *_created(),
)

topics = Table(
    "topics",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("run_id", ForeignKey("topic_runs.id", ondelete="CASCADE"), nullable=False),
    Column("number", Integer, nullable=False),
    Column("label", Text, nullable=False),
    Column("keywords", JSON, nullable=True),
    Column("size", Integer, nullable=False),
    # segment ids of the representative quotes, best first
    Column("representative", JSON, nullable=True),
    Column("promoted_code_id", ForeignKey("codes.id", ondelete="SET NULL"), nullable=True),
    UniqueConstraint("run_id", "number", name="uq_topic_run_number"),
)

topic_assignments = Table(
    "topic_assignments",
    metadata,
    Column("run_id", ForeignKey("topic_runs.id", ondelete="CASCADE"), primary_key=True),
    Column("segment_id", ForeignKey("segments.id", ondelete="CASCADE"), primary_key=True),
    Column("topic_number", Integer, nullable=False),  # -1 = outlier
    Column("probability", Float, nullable=True),
)
Index("ix_topic_assignments_segment", topic_assignments.c.segment_id, info={"since": 2})

# --- view state and the audit trail ------------------------------------------------------------

ui_state = Table(
    "ui_state",
    metadata,
    Column("coder_id", ForeignKey("coders.id", ondelete="CASCADE"), primary_key=True),
    Column("key", String(200), primary_key=True),
    Column("value", JSON, nullable=True),
)

events = Table(
    "events",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("coder_id", ForeignKey("coders.id"), nullable=True),
    Column("action", String(64), nullable=False),
    # what the action was about, for the audit trail (human-readable fields)
    Column("payload", JSON, nullable=True),
    # row images that undo/redo replay: [{"table", "op", "pk", "before", "after"}, ...]
    Column("changes", JSON, nullable=True),
    Column("undoable", Boolean, nullable=False, default=False),
    Column("undone", Boolean, nullable=False, default=False),
    # for undo/redo events: the event they reverted or replayed
    Column("target_event_id", Integer, nullable=True),
)
Index("ix_events_coder", events.c.coder_id, events.c.id)

# SQLite would otherwise reuse the id of a deleted last row; undo/redo and the audit trail refer
# to rows by id, so ids must never be recycled.
for _table in metadata.tables.values():
    if "id" in _table.c and _table.c.id.primary_key:
        _table.dialect_options["sqlite"]["autoincrement"] = True

#: Version of the newest schema this code knows. Bump it and annotate new tables/columns with
#: ``info={"since": N}`` (or register a custom step in ``migrations.py``) to change the schema.
SCHEMA_VERSION = 2
