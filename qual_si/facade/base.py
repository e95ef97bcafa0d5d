"""What every facade mixin may rely on: the store, the coder, and reference resolution."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection, Table, func, select

from ..errors import NotFound
from ..store import Store, Tx
from ..store import schema as s


class ProjectBase:
    """State shared by the mixins. Only :class:`qual_si.project.Project` instantiates it."""

    _store: Store
    _coder_id: int
    _coder_name: str

    @contextmanager
    def _write(self, action: str, payload: dict[str, Any] | None = None, *, undoable: bool = True) -> Iterator[Tx]:
        with self._store.write(action, coder_id=self._coder_id, payload=payload, undoable=undoable) as tx:
            yield tx

    def _read(self) -> Any:
        return self._store.read()

    # -- references: users name things; the store wants ids -------------------------------------

    def _resolve(
        self, conn: Connection, table: Table, ref: int | str, what: str, *, digits_are_ids: bool = True
    ) -> dict[str, Any]:
        """Find a row by id, exact name, or unambiguous case-insensitive name prefix.

        Case names are often numbers ("1" to "23" in a published case table), so for cases a
        string of digits is a name; only an ``int`` is an id.
        """
        if isinstance(ref, int) or (digits_are_ids and ref.isdigit()):
            row = conn.execute(select(table).where(table.c.id == int(ref))).mappings().first()
            if row is not None:
                return dict(row)
            if isinstance(ref, int):
                raise NotFound(f"no {what} with id {ref}")
        name = str(ref)
        row = conn.execute(select(table).where(table.c.name == name)).mappings().first()
        if row is not None:
            return dict(row)
        matches = conn.execute(
            select(table).where(func.lower(table.c.name).startswith(name.lower(), autoescape=True)).limit(6)
        ).mappings().all()
        if len(matches) == 1:
            return dict(matches[0])
        if matches:
            names = ", ".join(m["name"] for m in matches[:5])
            raise NotFound(f"{what} {name!r} is ambiguous: {names}")
        raise NotFound(f"no {what} named {name!r}")

    def _document_row(self, conn: Connection, ref: int | str) -> dict[str, Any]:
        return self._resolve(conn, s.documents, ref, "document")

    def _case_row(self, conn: Connection, ref: int | str) -> dict[str, Any]:
        return self._resolve(conn, s.cases, ref, "case", digits_are_ids=False)

    # -- settings ------------------------------------------------------------------------------

    def get_setting(self, key: str, default: Any = None) -> Any:
        with self._read() as conn:
            row = conn.execute(select(s.settings.c.value).where(s.settings.c.key == key)).first()
        return default if row is None else row[0]

    def set_setting(self, key: str, value: Any) -> None:
        """Store a project-wide setting (e.g. ``speaker_roles``, ``spacy_model``). Undoable."""
        with self._write("settings.set", {"key": key, "value": value}) as tx:
            self._set_setting_in(tx, key, value)

    def _setting_in(self, tx: Tx, key: str) -> Any:
        row = tx.get(s.settings, {"key": key})
        return None if row is None else row["value"]

    def _set_setting_in(self, tx: Tx, key: str, value: Any) -> None:
        if tx.get(s.settings, {"key": key}) is None:
            tx.insert(s.settings, {"key": key, "value": value})
        else:
            tx.update(s.settings, {"key": key}, {"value": value})

    def _ensure_case(self, tx: Tx, name: str, description: str = "") -> int:
        existing = tx.conn.execute(select(s.cases.c.id).where(s.cases.c.name == name)).scalar()
        if existing is not None:
            return int(existing)
        return self._new_case(tx, name, description)

    def _new_case(self, tx: Tx, name: str, description: str = "") -> int:
        new_id = tx.insert(s.cases, {
            "name": name, "description": description, "guid": str(uuid.uuid4()),
            "created_by": tx.coder_id, "created_at": tx.now,
        })
        assert new_id is not None
        return new_id

    def _ensure_participant(self, tx: Tx, name: str, case_id: int | None) -> int:
        """The participant of that name (in that case, when given), created if new."""
        p = s.participants
        query = select(p.c.id).where(p.c.name == name)
        if case_id is not None:
            query = query.where(p.c.case_id == case_id)
        found = tx.conn.execute(query).scalars().all()
        if len(found) == 1:
            return int(found[0])
        if len(found) > 1:
            raise NotFound(f"participant {name!r} is ambiguous; give the case too")
        new_id = tx.insert(p, {"name": name, "case_id": case_id, "created_at": tx.now})
        assert new_id is not None
        return new_id
