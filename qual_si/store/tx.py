"""A write transaction that records what it changed, so the action can be audited and undone.

Every mutation of project data goes through :class:`Tx`: ``insert``/``update``/``delete`` do the
work and keep before/after row images. When the transaction commits, one ``events`` row is
appended with the coder, the time, the action name, a human payload and those images. Undo and
redo (``undo.py``) replay the images backwards or forwards.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Table, and_, delete, insert, select, update

from . import schema
from .rows import to_json

Key = int | Mapping[str, Any]


def _where(table: Table, key: Mapping[str, Any]) -> Any:
    return and_(*(table.c[name] == value for name, value in key.items()))


class Tx:
    """The connection of one write transaction plus its change log."""

    def __init__(
        self,
        conn: Connection,
        *,
        coder_id: int | None,
        action: str,
        payload: dict[str, Any] | None = None,
        undoable: bool = True,
    ):
        self.conn = conn
        self.coder_id = coder_id
        self.action = action
        self.payload: dict[str, Any] = dict(payload or {})
        self.undoable = undoable
        self.changes: list[dict[str, Any]] = []
        self.target_event_id: int | None = None
        self.event_id: int | None = None
        self.now = datetime.now(UTC)

    # -- reads inside the transaction ----------------------------------------------------------

    def get(self, table: Table, key: Key) -> dict[str, Any] | None:
        row = self.conn.execute(select(table).where(_where(table, self._key(table, key)))).mappings().first()
        return dict(row) if row is not None else None

    # -- recorded writes -----------------------------------------------------------------------

    def insert(self, table: Table, values: Mapping[str, Any], *, record: bool = True) -> int | None:
        """Insert one row; returns its integer id when the table has one."""
        result = self.conn.execute(insert(table).values(**values))
        inserted = result.inserted_primary_key
        assert inserted is not None
        key = dict(zip((c.name for c in table.primary_key.columns), inserted, strict=True))
        if record:
            after = self.get(table, key)
            assert after is not None
            self.changes.append({"table": table.name, "op": "insert", "pk": key, "after": to_json(after)})
        new_id = key.get("id")
        return int(new_id) if new_id is not None else None

    def insert_many(self, table: Table, rows: Iterable[Mapping[str, Any]]) -> None:
        """Bulk insert that is NOT recorded row by row (imports: the event says what was imported)."""
        batch = list(rows)
        if batch:
            self.conn.execute(insert(table), batch)

    def update(self, table: Table, key: Key, values: Mapping[str, Any], *, record: bool = True) -> None:
        key = self._key(table, key)
        before = self.get(table, key) if record else None
        self.conn.execute(update(table).where(_where(table, key)).values(**values))
        if record:
            if before is None:
                return
            after = self.get(table, key)
            assert after is not None
            changed = [name for name in values if before[name] != after[name]]
            if changed:
                self.changes.append({
                    "table": table.name,
                    "op": "update",
                    "pk": key,
                    "before": to_json({n: before[n] for n in changed}),
                    "after": to_json({n: after[n] for n in changed}),
                })

    def delete(self, table: Table, key: Key, *, record: bool = True) -> None:
        key = self._key(table, key)
        if record:
            before = self.get(table, key)
            if before is None:
                return
            self.changes.append({"table": table.name, "op": "delete", "pk": key, "before": to_json(before)})
        self.conn.execute(delete(table).where(_where(table, key)))

    # -- the event -----------------------------------------------------------------------------

    def append_event(self) -> int:
        result = self.conn.execute(
            insert(schema.events).values(
                at=self.now,
                coder_id=self.coder_id,
                action=self.action,
                payload=self.payload,
                changes=self.changes or None,
                undoable=self.undoable and bool(self.changes),
                undone=False,
                target_event_id=self.target_event_id,
            )
        )
        inserted = result.inserted_primary_key
        assert inserted is not None
        self.event_id = int(inserted[0])
        return self.event_id

    @staticmethod
    def _key(table: Table, key: Key) -> dict[str, Any]:
        if isinstance(key, int):
            return {"id": key}
        return dict(key)
