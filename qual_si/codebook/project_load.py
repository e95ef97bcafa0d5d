"""Codebooks into a project and back: spec -> ``codebooks``/``codes`` rows, rows -> spec.

Each loaded codebook stays its own top-level group (its ``codebooks`` row); code keys are the
framework's ids, so ``codebook_id.code_id`` resolves exactly as written in the framework digest.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, func, select

from ..errors import CodebookError, ConflictError, InvalidOperation
from ..store import Tx
from ..store import schema as s
from .qdc import code_guid
from .spec import CodebookSpec, CodeSpec, Scale

CONFLICT_STRATEGIES = ("fail", "skip", "rename")


@dataclass
class LoadReport:
    codebook: str
    title: str
    added: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    renamed: dict[str, str] = field(default_factory=dict)


def read_spec(source: str | Path) -> CodebookSpec:
    """A codebook from a shipped id, or a .yaml/.yml, .qdc, .csv or QualCoder .txt file."""
    from . import registry
    from .yaml_io import load_codebook

    path = Path(source)
    if not path.exists():
        path = registry.resolve(str(source))
    suffix = path.suffix.lower()
    if suffix in (".yaml", ".yml"):
        return load_codebook(path)
    if suffix == ".qdc":
        from .qdc import import_qdc

        return import_qdc(path)
    if suffix == ".csv":
        from .csv_io import import_csv

        return import_csv(path)
    if suffix == ".txt":
        from .csv_io import import_plain_codes

        return import_plain_codes(path)
    raise CodebookError(path, "unknown codebook format; use .yaml, .qdc, .csv or QualCoder's .txt")


def _existing(conn: Connection, spec: CodebookSpec) -> tuple[int | None, dict[str, int]]:
    """The project's codebook row id for ``spec.id`` (or None) and its code keys -> code ids."""
    codebook_id = conn.execute(select(s.codebooks.c.id).where(s.codebooks.c.key == spec.id)).scalar()
    if codebook_id is None:
        return None, {}
    rows = conn.execute(select(s.codes.c.key, s.codes.c.id).where(s.codes.c.codebook_id == codebook_id)).all()
    return codebook_id, {key: code_id for key, code_id in rows}


def _clashing(spec: CodebookSpec, existing: dict[str, int]) -> list[str]:
    return [f"{spec.id}.{code.id}" for code, _parent, _depth in spec.walk() if code.id in existing]


def clashes(conn: Connection, spec: CodebookSpec) -> list[str]:
    """Qualified ids in ``spec`` that already exist in the project."""
    return _clashing(spec, _existing(conn, spec)[1])


def load_spec(tx: Tx, spec: CodebookSpec, *, on_conflict: str = "fail") -> LoadReport:
    """Insert a codebook and its codes (recorded, so the load can be undone)."""
    if on_conflict not in CONFLICT_STRATEGIES:
        raise InvalidOperation(f"unknown conflict strategy {on_conflict!r}; use {', '.join(CONFLICT_STRATEGIES)}")
    conn = tx.conn
    codebook_id, existing = _existing(conn, spec)
    found = _clashing(spec, existing)
    if found and on_conflict == "fail":
        shown = ", ".join(found[:5]) + (" ..." if len(found) > 5 else "")
        raise ConflictError(
            f"{len(found)} code id(s) of {spec.id} already exist in the project ({shown}); "
            "choose --on-conflict skip (keep the project's codes) or rename (add the new ones under new ids)"
        )
    report = LoadReport(codebook=spec.id, title=spec.title)
    if codebook_id is None:
        position = conn.execute(select(func.count()).select_from(s.codebooks)).scalar_one()
        codebook_id = tx.insert(s.codebooks, {
            "key": spec.id, "title": spec.title, "alias": spec.alias, "source": spec.source,
            "version": spec.version, "description": spec.description, "exclusive": spec.exclusive,
            "origin_path": str(spec.path) if spec.path else None, "position": position,
            "loaded_by": tx.coder_id, "loaded_at": tx.now,
        })
    assert codebook_id is not None
    ids: dict[str, int] = {}
    position = len(existing)
    for code, parent_key, _depth in spec.walk():
        key = code.id
        if key in existing:
            if on_conflict == "skip":
                ids[key] = existing[key]
                report.skipped.append(f"{spec.id}.{key}")
                continue
            key = _free_key(key, existing)
            report.renamed[f"{spec.id}.{code.id}"] = f"{spec.id}.{key}"
        parent_id = ids.get(parent_key) if parent_key else None
        new_id = tx.insert(s.codes, code_row(tx, code, key=key, codebook_id=codebook_id, parent_id=parent_id,
                                             position=position, codebook_key=spec.id))
        assert new_id is not None
        existing[key] = new_id
        ids[code.id] = new_id
        position += 1
        report.added.append(f"{spec.id}.{key}")
    return report


def _free_key(key: str, taken: dict[str, int]) -> str:
    n = 2
    while f"{key}_{n}" in taken:
        n += 1
    return f"{key}_{n}"


def code_row(
    tx: Tx, code: CodeSpec, *, key: str, codebook_id: int, parent_id: int | None, position: int,
    codebook_key: str, origin: str = "framework",
) -> dict[str, Any]:
    return {
        "codebook_id": codebook_id, "key": key, "parent_id": parent_id, "position": position,
        "name": code.name, "definition": code.definition, "inclusion": code.inclusion,
        "exclusion": code.exclusion, "examples": list(code.examples) or None,
        "keywords": list(code.keywords) or None, "colour": code.colour, "exclusive": code.exclusive,
        "scale": code.scale.as_dict() if code.scale else None, "dimension": code.dimension,
        "memo": code.memo, "status": "active", "origin": origin, "guid": code_guid(codebook_key, key),
        "created_by": tx.coder_id, "created_at": tx.now,
    }


def spec_from_rows(codebook: dict[str, Any], rows: Sequence[dict[str, Any]], *, active_only: bool = True) -> CodebookSpec:
    """Rebuild a spec from a project's rows (current names, definitions and hierarchy)."""
    kept = [r for r in rows if not active_only or r["status"] == "active"]
    kept_ids = {r["id"] for r in kept}
    children: dict[int | None, list[dict[str, Any]]] = {}
    for row in sorted(kept, key=lambda r: (r["position"], r["id"])):
        parent = row["parent_id"] if row["parent_id"] in kept_ids else None
        children.setdefault(parent, []).append(row)

    def build(row: dict[str, Any]) -> CodeSpec:
        scale = row["scale"]
        return CodeSpec(
            id=row["key"], name=row["name"], definition=row["definition"], inclusion=row["inclusion"],
            exclusion=row["exclusion"], examples=tuple(row["examples"] or ()), keywords=tuple(row["keywords"] or ()),
            colour=row["colour"], exclusive=bool(row["exclusive"]),
            scale=Scale.from_mapping(scale["min"], scale["max"], scale.get("labels") or {}) if scale else None,
            dimension=row["dimension"], memo=row["memo"],
            children=tuple(build(child) for child in children.get(row["id"], [])),
        )

    return CodebookSpec(
        id=codebook["key"], title=codebook["title"], source=codebook["source"], version=codebook["version"],
        description=codebook["description"], alias=codebook["alias"], exclusive=bool(codebook["exclusive"]),
        codes=tuple(build(row) for row in children.get(None, [])),
    )


def descendants(parent_of: dict[int, int | None], code_id: int) -> set[int]:
    """Every code below ``code_id`` (not including it)."""
    children: dict[int, list[int]] = {}
    for child, parent in parent_of.items():
        if parent is not None:
            children.setdefault(parent, []).append(child)
    found: set[int] = set()
    stack = list(children.get(code_id, []))
    while stack:
        current = stack.pop()
        if current not in found:
            found.add(current)
            stack.extend(children.get(current, []))
    return found


def ancestors(parent_of: dict[int, int | None], code_id: int) -> Iterable[int]:
    current = parent_of.get(code_id)
    seen: set[int] = set()
    while current is not None and current not in seen:
        seen.add(current)
        yield current
        current = parent_of.get(current)
