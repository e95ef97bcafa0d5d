"""Codebooks in a project: load, list, export; add, rename, move, recolour, edit, merge, split, retire.

Every reshaping operation is one transaction with one event and can be undone. Codings follow
their codes: a merge moves the source's codings to the target (keeping their spans), and the
source stays as ``merged`` so old exports and the audit trail still resolve.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, and_, func, select

from ..codebook.project_load import (
    LoadReport,
    ancestors,
    code_row,
    descendants,
    load_spec,
    read_spec,
    spec_from_rows,
)
from ..codebook.spec import COLOUR_PATTERN, CodebookSpec, CodeSpec, IdAllocator
from ..errors import ConflictError, InvalidOperation, NotFound
from ..model import Code
from ..store import Tx
from ..store import schema as s
from .base import ProjectBase

if TYPE_CHECKING:
    import pandas as pd

EDITABLE_FIELDS = ("definition", "inclusion", "exclusion", "examples", "keywords", "memo", "name", "colour")


@dataclass(frozen=True)
class CodebookInfo:
    key: str
    title: str
    source: str
    version: str
    codes: int


def _code(row: Mapping[str, Any], codebook_key: str, colour: str | None) -> Code:
    return Code(
        id=row["id"], key=row["key"], qualified_id=f"{codebook_key}.{row['key']}", name=row["name"],
        parent_id=row["parent_id"], codebook=codebook_key, definition=row["definition"],
        inclusion=row["inclusion"], exclusion=row["exclusion"], examples=tuple(row["examples"] or ()),
        keywords=tuple(row["keywords"] or ()), colour=colour, exclusive=bool(row["exclusive"]),
        scale=row["scale"], dimension=row["dimension"], status=row["status"],
        merged_into_id=row["merged_into_id"], origin=row["origin"], position=row["position"],
    )


class CodebookMixin(ProjectBase):
    # -- loading and listing -------------------------------------------------------------------

    def load_codebook(self, source: str | Path | CodebookSpec, *, on_conflict: str = "fail") -> LoadReport:
        """Load a shipped codebook (by id), or a .yaml/.qdc/.csv file, as its own top-level group.

        A codebook with an error is never half-loaded. If its ids clash with codes already in the
        project, ``on_conflict`` decides: ``fail`` (default), ``skip`` the clashing codes, or
        ``rename`` them. Undoable.
        """
        spec = source if isinstance(source, CodebookSpec) else read_spec(source)
        with self._write("codebook.load", {"codebook": spec.id, "on_conflict": on_conflict}) as tx:
            report = load_spec(tx, spec, on_conflict=on_conflict)
            tx.payload["added"] = len(report.added)
        return report

    def codebook_clashes(self, source: str | Path | CodebookSpec) -> list[str]:
        """Qualified ids that loading ``source`` would clash with (to ask the user first)."""
        from ..codebook.project_load import clashes

        spec = source if isinstance(source, CodebookSpec) else read_spec(source)
        with self._read() as conn:
            return clashes(conn, spec)

    def codebooks(self) -> list[CodebookInfo]:
        with self._read() as conn:
            counts = dict(conn.execute(
                select(s.codes.c.codebook_id, func.count()).where(s.codes.c.status == "active")
                .group_by(s.codes.c.codebook_id)
            ).all())
            rows = conn.execute(select(s.codebooks).order_by(s.codebooks.c.position, s.codebooks.c.id)).mappings()
            return [CodebookInfo(r["key"], r["title"], r["source"], r["version"], counts.get(r["id"], 0)) for r in rows]

    def codes(self, *, codebook: str | None = None, include_inactive: bool = False) -> list[Code]:
        """Codes in tree order (codebooks in load order, then pre-order), colours inherited."""
        with self._read() as conn:
            return self._codes(conn, codebook=codebook, include_inactive=include_inactive)

    def _codes(self, conn: Connection, *, codebook: str | None = None, include_inactive: bool = False) -> list[Code]:
        books = {r["id"]: r for r in conn.execute(select(s.codebooks)).mappings()}
        query = select(s.codes)
        if not include_inactive:
            query = query.where(s.codes.c.status == "active")
        rows = [dict(r) for r in conn.execute(query).mappings()]
        by_parent: dict[int | None, list[dict[str, Any]]] = {}
        ids = {r["id"] for r in rows}
        for row in rows:
            parent = row["parent_id"] if row["parent_id"] in ids else None
            by_parent.setdefault(parent, []).append(row)
        for siblings in by_parent.values():
            siblings.sort(key=lambda r: (books[r["codebook_id"]]["position"], r["position"], r["id"]))
        ordered: list[Code] = []

        def visit(row: dict[str, Any], inherited: str | None) -> None:
            colour = row["colour"] or inherited
            key = books[row["codebook_id"]]["key"]
            if codebook is None or key == codebook:
                ordered.append(_code(row, key, colour))
            for child in by_parent.get(row["id"], []):
                visit(child, colour)

        for root in by_parent.get(None, []):
            visit(root, None)
        return ordered

    def codes_frame(self, *, include_inactive: bool = False) -> pd.DataFrame:
        import pandas as pd

        items = self.codes(include_inactive=include_inactive)
        return pd.DataFrame([vars(c) for c in items], columns=list(Code.__dataclass_fields__))

    def code(self, ref: int | str) -> Code:
        """A code by id, qualified id (``codebook.key``), key or name (case-insensitive, unique)."""
        with self._read() as conn:
            code_id = self._code_id(conn, ref)
            return next(c for c in self._codes(conn, include_inactive=True) if c.id == code_id)

    def _code_id(self, conn: Connection, ref: int | str) -> int:
        c, b = s.codes, s.codebooks
        if isinstance(ref, int):
            if conn.execute(select(c.c.id).where(c.c.id == ref)).first() is None:
                raise NotFound(f"no code with id {ref}")
            return ref
        text = ref.strip()
        if "." in text:
            book, _, key = text.partition(".")
            for book_column in (b.c.key, b.c.alias):  # the codebook's id first, then its alias
                found = conn.execute(
                    select(c.c.id).select_from(c.join(b, b.c.id == c.c.codebook_id))
                    .where(and_(book_column == book, c.c.key == key))
                ).scalar()
                if found is not None:
                    return int(found)
        if text.isdigit():
            return self._code_id(conn, int(text))
        for column, value in ((c.c.key, text), (func.lower(c.c.name), text.lower())):
            matches = conn.execute(select(c.c.id).where(and_(column == value, c.c.status != "merged"))).scalars().all()
            if len(matches) == 1:
                return int(matches[0])
            if len(matches) > 1:
                raise NotFound(f"code {text!r} is ambiguous ({len(matches)} codes); use codebook.code_id")
        raise NotFound(f"no code {text!r}")

    def _code_ids(self, conn: Connection, code: int | str, include_children: bool) -> list[int]:
        """The code's id, followed by the ids of every code below it when ``include_children``."""
        code_id = self._code_id(conn, code)
        if not include_children:
            return [code_id]
        return [code_id, *sorted(descendants(self._parents(conn), code_id))]

    def code_counts(self) -> dict[int, tuple[int, int]]:
        """code id -> (codings, documents) for the codes that have codings."""
        with self._read() as conn:
            return self._code_counts(conn)

    @staticmethod
    def _code_counts(conn: Connection) -> dict[int, tuple[int, int]]:
        rows = conn.execute(
            select(s.codings.c.code_id, func.count(), func.count(s.codings.c.document_id.distinct()))
            .group_by(s.codings.c.code_id)
        ).all()
        return {code_id: (n, docs) for code_id, n, docs in rows}

    def codebook_spec(self, key: str, *, active_only: bool = True) -> CodebookSpec:
        """The codebook as it now stands in the project (renames, moves, own codes included)."""
        with self._read() as conn:
            book = conn.execute(select(s.codebooks).where(s.codebooks.c.key == key)).mappings().first()
            if book is None:
                raise NotFound(f"no codebook {key!r} in this project")
            rows = [dict(r) for r in conn.execute(select(s.codes).where(s.codes.c.codebook_id == book["id"])).mappings()]
        return spec_from_rows(dict(book), rows, active_only=active_only)

    # -- creating and editing codes -------------------------------------------------------------

    def add_code(
        self, name: str, *, parent: int | str | None = None, codebook: str | None = None, key: str | None = None,
        definition: str = "", colour: str | None = None, keywords: Sequence[str] = (), examples: Sequence[str] = (),
        origin: str = "inductive",
    ) -> Code:
        """Create a code (by default an inductive code in the project's own group). Undoable."""
        name = name.strip()
        if not name:
            raise InvalidOperation("a code needs a name")
        _check_colour(colour)
        with self._write("code.add", {"name": name}) as tx:
            code_id = self._add_code(tx, name, parent=parent, codebook=codebook, key=key, definition=definition,
                                     colour=colour, keywords=keywords, examples=examples, origin=origin)
            tx.payload["code"] = code_id
        return self.code(code_id)

    def _add_code(
        self, tx: Tx, name: str, *, parent: int | str | None, codebook: str | None, key: str | None,
        definition: str = "", colour: str | None = None, keywords: Sequence[str] = (), examples: Sequence[str] = (),
        origin: str = "inductive",
    ) -> int:
        conn = tx.conn
        parent_id = self._code_id(conn, parent) if parent is not None else None
        if parent_id is not None and codebook is None:
            book_id = conn.execute(select(s.codes.c.codebook_id).where(s.codes.c.id == parent_id)).scalar_one()
        else:
            book_id = conn.execute(select(s.codebooks.c.id).where(s.codebooks.c.key == (codebook or "project"))).scalar()
            if book_id is None:
                raise NotFound(f"no codebook {codebook!r} in this project")
        book_key = conn.execute(select(s.codebooks.c.key).where(s.codebooks.c.id == book_id)).scalar_one()
        taken = set(conn.execute(select(s.codes.c.key).where(s.codes.c.codebook_id == book_id)).scalars())
        if key is not None and key in taken:
            raise ConflictError(f"code id {book_key}.{key} already exists")
        chosen = key or IdAllocator(taken).allocate(name)
        position = conn.execute(select(func.count()).select_from(s.codes)).scalar_one()
        spec = CodeSpec(id=chosen, name=name, definition=definition, colour=colour, keywords=tuple(keywords),
                        examples=tuple(examples))
        new_id = tx.insert(s.codes, code_row(tx, spec, key=chosen, codebook_id=book_id, parent_id=parent_id,
                                             position=position, codebook_key=book_key, origin=origin))
        assert new_id is not None
        return new_id

    def rename_code(self, ref: int | str, new_name: str) -> Code:
        new_name = new_name.strip()
        if not new_name:
            raise InvalidOperation("a code needs a name")
        return self._edit(ref, "code.rename", {"name": new_name})

    def recolour_code(self, ref: int | str, colour: str | None) -> Code:
        _check_colour(colour)
        return self._edit(ref, "code.recolour", {"colour": colour})

    def edit_code(self, ref: int | str, **fields: Any) -> Code:
        """Change definition, inclusion, exclusion, examples, keywords, memo (or name/colour)."""
        unknown = set(fields) - set(EDITABLE_FIELDS)
        if unknown:
            raise InvalidOperation(f"cannot edit {', '.join(sorted(unknown))}; editable: {', '.join(EDITABLE_FIELDS)}")
        if "colour" in fields:
            _check_colour(fields["colour"])
        for listed in ("examples", "keywords"):
            if listed in fields:
                fields[listed] = [str(x) for x in fields[listed]] or None
        return self._edit(ref, "code.edit", fields)

    def _edit(self, ref: int | str, action: str, values: dict[str, Any]) -> Code:
        with self._write(action, {"code": str(ref), **{k: v for k, v in values.items() if k != "examples"}}) as tx:
            code_id = self._code_id(tx.conn, ref)
            tx.update(s.codes, code_id, values)
        return self.code(code_id)

    def move_code(self, ref: int | str, new_parent: int | str | None) -> Code:
        """Re-parent a code (None = top level of its codebook). Refuses cycles. Undoable."""
        with self._write("code.move", {"code": str(ref), "parent": None if new_parent is None else str(new_parent)}) as tx:
            code_id = self._code_id(tx.conn, ref)
            parent_id = self._code_id(tx.conn, new_parent) if new_parent is not None else None
            if parent_id is not None and (
                parent_id == code_id or code_id in ancestors(self._parents(tx.conn), parent_id)
            ):
                raise InvalidOperation("cannot move a code under itself or one of its descendants")
            tx.update(s.codes, code_id, {"parent_id": parent_id})
        return self.code(code_id)

    @staticmethod
    def _parents(conn: Connection) -> dict[int, int | None]:
        return dict(conn.execute(select(s.codes.c.id, s.codes.c.parent_id)).all())

    # -- merge, split, retire -------------------------------------------------------------------

    def merge_codes(self, source: int | str, target: int | str) -> int:
        """Merge ``source`` into ``target``: its codings (spans unchanged) and child codes move to
        the target; the source stays as 'merged into target'. Returns codings moved. Undoable."""
        with self._write("code.merge", {"source": str(source), "target": str(target)}) as tx:
            conn = tx.conn
            source_id, target_id = self._code_id(conn, source), self._code_id(conn, target)
            if source_id == target_id:
                raise InvalidOperation("cannot merge a code into itself")
            if target_id in descendants(self._parents(conn), source_id):
                raise InvalidOperation("cannot merge a code into one of its own descendants")
            statuses = dict(conn.execute(select(s.codes.c.id, s.codes.c.status).where(
                s.codes.c.id.in_([source_id, target_id]))).all())
            if statuses[target_id] != "active" or statuses[source_id] != "active":
                raise InvalidOperation("only active codes can be merged")
            moved = self._move_codings(tx, [source_id], target_id)
            for child in conn.execute(select(s.codes.c.id).where(s.codes.c.parent_id == source_id)).scalars().all():
                tx.update(s.codes, child, {"parent_id": target_id})
            self._move_suggestions(tx, source_id, target_id)
            tx.update(s.codes, source_id, {"status": "merged", "merged_into_id": target_id})
            tx.payload["codings_moved"] = moved
        return moved

    def codings_affected(self, ref: int | str, *, with_descendants: bool = False) -> int:
        """How many codings an operation on this code touches (for confirmations)."""
        with self._read() as conn:
            ids = self._code_ids(conn, ref, with_descendants)
            return int(conn.execute(select(func.count()).select_from(s.codings).where(
                s.codings.c.code_id.in_(ids))).scalar_one())

    def split_code(self, ref: int | str, parts: Mapping[str, Iterable[int]]) -> list[Code]:
        """Create a child code per name in ``parts`` and move the listed coding ids to it.

        Codings not listed stay on the original code, which remains as the parent. Undoable.
        """
        if not parts:
            raise InvalidOperation("a split needs at least one new code")
        with self._write("code.split", {"code": str(ref), "parts": list(parts)}) as tx:
            conn = tx.conn
            code_id = self._code_id(conn, ref)
            owned = set(conn.execute(select(s.codings.c.id).where(s.codings.c.code_id == code_id)).scalars())
            assigned: set[int] = set()
            new_ids = []
            for name, coding_ids in parts.items():
                chosen = set(coding_ids)
                stray = chosen - owned
                if stray:
                    raise InvalidOperation(f"codings {sorted(stray)[:5]} are not codings of this code")
                if chosen & assigned:
                    raise InvalidOperation(f"codings {sorted(chosen & assigned)[:5]} are assigned to two new codes")
                assigned |= chosen
                child_id = self._add_code(tx, name, parent=code_id, codebook=None, key=None, origin="inductive")
                new_ids.append(child_id)
                for coding_id in sorted(chosen):
                    tx.update(s.codings, coding_id, {"code_id": child_id})
            tx.payload["codings_moved"] = len(assigned)
        return [self.code(i) for i in new_ids]

    def retire_code(self, ref: int | str) -> Code:
        """Hide a code from the tree and from suggestions; its codings are kept. Undoable."""
        with self._write("code.retire", {"code": str(ref)}) as tx:
            code_id = self._code_id(tx.conn, ref)
            tx.update(s.codes, code_id, {"status": "retired"})
            for suggestion_id in tx.conn.execute(select(s.suggestions.c.id).where(and_(
                s.suggestions.c.code_id == code_id, s.suggestions.c.status == "pending"))).scalars().all():
                tx.delete(s.suggestions, suggestion_id)
        return self.code(code_id)

    def reactivate_code(self, ref: int | str) -> Code:
        with self._write("code.reactivate", {"code": str(ref)}) as tx:
            code_id = self._code_id(tx.conn, ref)
            tx.update(s.codes, code_id, {"status": "active", "merged_into_id": None})
        return self.code(code_id)

    def _move_codings(self, tx: Tx, from_ids: Sequence[int], to_id: int) -> int:
        rows = tx.conn.execute(select(s.codings.c.id).where(s.codings.c.code_id.in_(list(from_ids)))).scalars().all()
        for coding_id in rows:
            tx.update(s.codings, coding_id, {"code_id": to_id})
        return len(rows)

    def _move_suggestions(self, tx: Tx, from_id: int, to_id: int) -> None:
        sg = s.suggestions
        target_spans = {
            (d, a, b) for d, a, b in tx.conn.execute(select(sg.c.document_id, sg.c.start, sg.c.end).where(sg.c.code_id == to_id))
        }
        for row in tx.conn.execute(select(sg).where(sg.c.code_id == from_id)).mappings().all():
            if (row["document_id"], row["start"], row["end"]) in target_spans:
                tx.delete(sg, row["id"])
            else:
                tx.update(sg, row["id"], {"code_id": to_id})

    # -- export --------------------------------------------------------------------------------

    def export_codebook(self, key: str, path: str | Path, *, fmt: str | None = None, force: bool = False) -> Path:
        """Write a codebook as it stands in the project: yaml, qdc, csv or docx (with counts)."""
        from ..codebook.export import write_codebook

        spec = self.codebook_spec(key)
        counts = None
        if (fmt or Path(path).suffix.lstrip(".")).lower() == "docx":
            by_id = self.code_counts()
            counts = {c.qualified_id: by_id.get(c.id, (0, 0)) for c in self.codes(codebook=key)}
        return write_codebook(spec, path, fmt=fmt, force=force, counts=counts)


def _check_colour(colour: str | None) -> None:
    if colour is not None and not COLOUR_PATTERN.match(colour):
        raise InvalidOperation(f"colour {colour!r} must look like #1b9e77")
