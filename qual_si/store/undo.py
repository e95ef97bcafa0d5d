"""Multi-level undo and redo per coder, replayed from the events log (so they survive a restart).

Stack rules, all derived from ``events`` (no in-memory state):
- undo takes the coder's newest undoable event that is not undone;
- redo takes, among the coder's undone events newer than their newest still-done undoable event,
  the oldest one (the first one that was undone last);
- a new action therefore ends the redo chain, as in every editor.
Before replaying, each row is checked against the image the event recorded; if someone (another
coder, a later action) changed it since, the undo is refused with a ConflictError instead of
silently overwriting their work.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, and_, delete, func, insert, select, update

from ..errors import ConflictError, NothingToUndo
from . import schema
from .rows import from_json, to_json
from .tx import Tx, _where

_events = schema.events


def _current(conn: Connection, table_name: str, key: dict[str, Any]) -> dict[str, Any] | None:
    table = schema.metadata.tables[table_name]
    row = conn.execute(select(table).where(_where(table, key))).mappings().first()
    return to_json(dict(row)) if row is not None else None


def _same(current: dict[str, Any] | None, expected: dict[str, Any]) -> bool:
    return current is not None and all(current.get(k) == v for k, v in expected.items())


def _replay(conn: Connection, changes: list[dict[str, Any]], *, backwards: bool, action: str) -> None:
    verb = "undo" if backwards else "redo"
    steps = reversed(changes) if backwards else changes
    for change in steps:
        table = schema.metadata.tables[change["table"]]
        key = change["pk"]
        where = _where(table, key)
        current = _current(conn, change["table"], key)
        op = change["op"]
        # what the row must look like now, and what to do with it
        if (op == "insert" and backwards) or (op == "delete" and not backwards):
            expected = change["after"] if op == "insert" else change["before"]
            if not _same(current, expected):
                raise ConflictError(f"cannot {verb} {action!r}: a {table.name} row was changed since")
            conn.execute(delete(table).where(where))
        elif (op == "delete" and backwards) or (op == "insert" and not backwards):
            if current is not None:
                raise ConflictError(f"cannot {verb} {action!r}: a {table.name} row with the same id exists")
            image = change["before"] if op == "delete" else change["after"]
            conn.execute(insert(table).values(**from_json(table, image)))
        else:  # update
            expected = change["after"] if backwards else change["before"]
            target = change["before"] if backwards else change["after"]
            if not _same(current, expected):
                raise ConflictError(f"cannot {verb} {action!r}: a {table.name} row was changed since")
            conn.execute(update(table).where(where).values(**from_json(table, target)))


def undo_target(conn: Connection, coder_id: int) -> dict[str, Any] | None:
    row = conn.execute(
        select(_events)
        .where(and_(_events.c.coder_id == coder_id, _events.c.undoable.is_(True), _events.c.undone.is_(False)))
        .order_by(_events.c.id.desc())
        .limit(1)
    ).mappings().first()
    return dict(row) if row else None


def redo_target(conn: Connection, coder_id: int) -> dict[str, Any] | None:
    last_done = conn.execute(
        select(func.max(_events.c.id)).where(
            and_(_events.c.coder_id == coder_id, _events.c.undoable.is_(True), _events.c.undone.is_(False))
        )
    ).scalar()
    row = conn.execute(
        select(_events)
        .where(and_(
            _events.c.coder_id == coder_id,
            _events.c.undoable.is_(True),
            _events.c.undone.is_(True),
            _events.c.id > (last_done or 0),
        ))
        .order_by(_events.c.id.asc())
        .limit(1)
    ).mappings().first()
    return dict(row) if row else None


def undo(tx: Tx) -> dict[str, Any]:
    """Revert the coder's last action inside ``tx``; returns the event that was undone."""
    assert tx.coder_id is not None
    target = undo_target(tx.conn, tx.coder_id)
    if target is None:
        raise NothingToUndo("nothing to undo")
    _replay(tx.conn, target["changes"] or [], backwards=True, action=target["action"])
    tx.conn.execute(update(_events).where(_events.c.id == target["id"]).values(undone=True))
    tx.undoable = False
    tx.target_event_id = target["id"]
    tx.payload = {"undid": target["action"], "event": target["id"], **(target["payload"] or {})}
    return target


def redo(tx: Tx) -> dict[str, Any]:
    """Replay the coder's most recently undone action inside ``tx``; returns that event."""
    assert tx.coder_id is not None
    target = redo_target(tx.conn, tx.coder_id)
    if target is None:
        raise NothingToUndo("nothing to redo")
    _replay(tx.conn, target["changes"] or [], backwards=False, action=target["action"])
    tx.conn.execute(update(_events).where(_events.c.id == target["id"]).values(undone=False))
    tx.undoable = False
    tx.target_event_id = target["id"]
    tx.payload = {"redid": target["action"], "event": target["id"], **(target["payload"] or {})}
    return target
