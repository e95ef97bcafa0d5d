"""Cases, typed attributes, derived bands, and linking documents to cases."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, func, select

from .. import attributes as attr
from ..errors import CasesFileError, ConflictError, InvalidOperation, NotFound
from ..ingest.cases import read_cases_table
from ..model import Attribute, AttributeValue, Case
from ..store import Tx
from ..store import schema as s
from .base import ProjectBase

if TYPE_CHECKING:
    import pandas as pd

LINK_COLUMNS = ("documents", "document", "files", "file", "transcripts", "transcript")


@dataclass
class CasesImportReport:
    path: str
    cases_created: list[str] = field(default_factory=list)
    cases_updated: list[str] = field(default_factory=list)
    attributes: dict[str, str] = field(default_factory=dict)
    values_set: int = 0
    documents_linked: dict[str, str] = field(default_factory=dict)
    unmatched_links: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _attribute(row: Any, source_name: str | None = None) -> Attribute:
    return Attribute(
        id=row["id"], name=row["name"], type=row["type"], categories=tuple(row["categories"] or ()),
        derived_from=source_name, cuts=tuple(row["cuts"] or ()), labels=tuple(row["labels"] or ()),
        hidden=bool(row["hidden"]),
    )


class CasesMixin(ProjectBase):
    # -- cases ---------------------------------------------------------------------------------

    def cases(self) -> list[Case]:
        """Every case with its attribute values (derived bands computed) and document count."""
        with self._read() as conn:
            values = self._case_values(conn)
            counts = dict(conn.execute(
                select(s.documents.c.case_id, func.count()).where(s.documents.c.case_id.is_not(None))
                .group_by(s.documents.c.case_id)
            ).all())
            rows = conn.execute(select(s.cases.c.id, s.cases.c.name).order_by(s.cases.c.id)).all()
        return [Case(id=i, name=n, attributes=values.get(i, {}), document_count=counts.get(i, 0)) for i, n in rows]

    def case(self, ref: int | str) -> Case:
        with self._read() as conn:
            case_id = self._case_row(conn, ref)["id"]
        return next(c for c in self.cases() if c.id == case_id)

    def cases_frame(self, *, include_hidden: bool = True) -> pd.DataFrame:
        """One row per case: ``case``, ``documents`` and one column per attribute (file order)."""
        import pandas as pd

        names = [a.name for a in self.attributes() if include_hidden or not a.hidden]
        rows = [{"case": c.name, "documents": c.document_count, **{n: c.attributes.get(n) for n in names}}
                for c in self.cases()]
        return pd.DataFrame(rows, columns=["case", "documents", *names])

    def create_case(self, name: str, description: str = "") -> Case:
        name = name.strip()
        if not name:
            raise InvalidOperation("a case needs a name")
        with self._write("case.create", {"case": name}) as tx:
            if tx.conn.execute(select(s.cases.c.id).where(s.cases.c.name == name)).first():
                raise ConflictError(f"case {name!r} already exists")
            self._new_case(tx, name, description)
        return self.case(name)

    # -- attributes ----------------------------------------------------------------------------

    def attributes(self) -> list[Attribute]:
        with self._read() as conn:
            return self._attributes(conn)

    @staticmethod
    def _attributes(conn: Connection) -> list[Attribute]:
        rows = [dict(r) for r in conn.execute(
            select(s.attributes).where(s.attributes.c.scope == "case").order_by(s.attributes.c.position, s.attributes.c.id)
        ).mappings()]
        names = {r["id"]: r["name"] for r in rows}
        return [_attribute(r, names.get(r["derived_from"])) for r in rows]

    def define_attribute(
        self, name: str, kind: str, *, categories: Sequence[str] | None = None, hidden: bool = False
    ) -> Attribute:
        """Declare a case attribute. Undoable."""
        if kind not in attr.ATTRIBUTE_TYPES:
            raise InvalidOperation(f"unknown attribute type {kind!r}; use one of {', '.join(attr.ATTRIBUTE_TYPES)}")
        with self._write("attribute.define", {"attribute": name, "type": kind}) as tx:
            self._define_attribute(tx, name, kind, categories=categories, hidden=hidden)
        return next(a for a in self.attributes() if a.name == name)

    def _define_attribute(
        self, tx: Tx, name: str, kind: str, *, categories: Sequence[str] | None = None, hidden: bool = False,
        derived_from: int | None = None, cuts: Sequence[float] | None = None, labels: Sequence[str] | None = None,
    ) -> int:
        existing = tx.conn.execute(
            select(s.attributes).where((s.attributes.c.scope == "case") & (s.attributes.c.name == name))
        ).mappings().first()
        if existing is not None:
            raise ConflictError(f"attribute {name!r} already exists (type {existing['type']})")
        position = tx.conn.execute(select(func.count()).select_from(s.attributes)).scalar_one()
        new_id = tx.insert(s.attributes, {
            "name": name, "scope": "case", "type": kind, "categories": list(categories) if categories else None,
            "derived_from": derived_from, "cuts": list(cuts) if cuts else None,
            "labels": list(labels) if labels else None, "hidden": hidden, "position": position,
            "created_at": tx.now,
        })
        assert new_id is not None
        return new_id

    def set_attribute(self, case: int | str, name: str, value: AttributeValue | int) -> None:
        """Set one case attribute (declared on first use from the value's type). Undoable."""
        with self._write("attribute.set", {"case": case, "attribute": name, "value": str(value)}) as tx:
            case_id = self._case_row(tx.conn, case)["id"]
            row = tx.conn.execute(
                select(s.attributes).where((s.attributes.c.scope == "case") & (s.attributes.c.name == name))
            ).mappings().first()
            if row is None:
                attribute_id = self._define_attribute(tx, name, attr.kind_of(value))
                kind = attr.kind_of(value)
            else:
                if row["derived_from"] is not None:
                    raise InvalidOperation(f"{name!r} is a derived band; set {name!r}'s source attribute instead")
                attribute_id, kind = row["id"], row["type"]
            try:
                typed = attr.coerce(kind, value)
            except InvalidOperation as exc:
                raise InvalidOperation(f"attribute {name!r} ({kind}): {exc}") from None
            self._put_value(tx, attribute_id, case_id, kind, typed)

    def _put_value(self, tx: Tx, attribute_id: int, case_id: int, kind: str, value: AttributeValue) -> None:
        key = {"attribute_id": attribute_id, "target_type": "case", "target_id": case_id}
        text, number = attr.encode(kind, value)
        if tx.get(s.attribute_values, key) is None:
            if value is not None:
                tx.insert(s.attribute_values, {**key, "value_text": text, "value_number": number})
        elif value is None:
            tx.delete(s.attribute_values, key)
        else:
            tx.update(s.attribute_values, key, {"value_text": text, "value_number": number})

    def define_band(
        self, source: str, cuts: Sequence[float], *, labels: Sequence[str] | None = None, name: str | None = None
    ) -> Attribute:
        """Derive a category from a number by cut-points, e.g. schools 3/7/15 -> 3-6, 7-14, 15+.

        Bands are computed when read, so they follow any later change of the source value. Undoable.
        """
        attr.validate_cuts(cuts, labels)
        band_name = name or f"{source} band"
        with self._write("attribute.band", {"source": source, "cuts": list(cuts), "name": band_name}) as tx:
            row = tx.conn.execute(
                select(s.attributes).where((s.attributes.c.scope == "case") & (s.attributes.c.name == source))
            ).mappings().first()
            if row is None:
                raise NotFound(f"no case attribute named {source!r}")
            if row["type"] != "number":
                raise InvalidOperation(f"{source!r} is {row['type']}, bands need a number attribute")
            integers = all(
                v is None or float(v).is_integer()
                for v in tx.conn.execute(select(s.attribute_values.c.value_number).where(
                    s.attribute_values.c.attribute_id == row["id"])).scalars()
            )
            band_labels = list(labels) if labels else attr.default_band_labels(cuts, integers)
            self._define_attribute(tx, band_name, "category", derived_from=row["id"], cuts=cuts, labels=band_labels,
                                   categories=band_labels)
        return next(a for a in self.attributes() if a.name == band_name)

    def _case_values(self, conn: Connection) -> dict[int, dict[str, AttributeValue]]:
        attributes = {a.id: a for a in self._attributes(conn)}
        raw: dict[int, dict[int, AttributeValue]] = defaultdict(dict)
        for row in conn.execute(select(s.attribute_values).where(s.attribute_values.c.target_type == "case")):
            if row.attribute_id in attributes:
                kind = attributes[row.attribute_id].type
                raw[row.target_id][row.attribute_id] = attr.decode(kind, row.value_text, row.value_number)
        by_name = {a.name: a for a in attributes.values()}
        values: dict[int, dict[str, AttributeValue]] = {}
        for case_id, by_id in raw.items():
            named = {attributes[i].name: v for i, v in by_id.items()}
            for a in attributes.values():
                if a.derived_from is not None:
                    source = by_name.get(a.derived_from)
                    named[a.name] = attr.band_of(by_id.get(source.id) if source else None, a.cuts, a.labels)
            values[case_id] = named
        return values

    # -- importing a cases table ---------------------------------------------------------------

    def import_cases(
        self,
        path: str | Path,
        *,
        case_column: str | None = None,
        types: dict[str, str] | None = None,
        link_column: str | None = None,
        link_pattern: str | None = None,
        sheet: str | None = None,
        hidden: Sequence[str] = (),
    ) -> CasesImportReport:
        """Import a .csv/.xlsx of cases and attributes in one transaction (all or nothing). Undoable.

        Documents are linked by a column of file or document names (``link_column``, or a column
        named documents/files) or by ``link_pattern``, a regular expression whose group ``case``
        (or first group) taken from a document name is the case name.
        """
        table = read_cases_table(path, case_column=case_column, types=types, sheet=sheet)
        columns = list(table.columns)
        lowered = {c.lower(): c for c in columns}
        if link_column is not None and link_column not in columns:
            raise CasesFileError(path, f"no column {link_column!r}; columns are: {', '.join(columns)}")
        link_column = link_column or next((lowered[n] for n in LINK_COLUMNS if n in lowered), None)
        pattern = self._compile_link_pattern(link_pattern)
        report = CasesImportReport(path=str(path), warnings=list(table.warnings))
        with self._write("cases.import", {"file": str(path)}) as tx:
            attribute_ids = self._attributes_for_table(tx, path, table, columns, link_column, hidden, report)
            for number, row in enumerate(table.rows, start=2):
                name = str(row[table.case_column]).strip() if row.get(table.case_column) is not None else ""
                if not name:
                    raise CasesFileError(path, "the case name is empty", location=f"row {number}")
                existing = tx.conn.execute(select(s.cases.c.id).where(s.cases.c.name == name)).scalar()
                if existing is not None:
                    case_id = int(existing)
                    report.cases_updated.append(name)
                else:
                    case_id = self._new_case(tx, name)
                    report.cases_created.append(name)
                for column, attribute_id in attribute_ids.items():
                    self._put_value(tx, attribute_id, case_id, report.attributes[column], row.get(column))
                    report.values_set += row.get(column) is not None
                if link_column and row.get(link_column):
                    self._link_by_names(tx, case_id, name, str(row[link_column]), report)
            if pattern is not None:
                self._link_by_pattern(tx, pattern, report)
            tx.payload.update({"cases": len(table.rows), "values": report.values_set,
                               "linked": len(report.documents_linked)})
        return report

    def _attributes_for_table(
        self, tx: Tx, path: str | Path, table: Any, columns: list[str], link_column: str | None,
        hidden: Sequence[str], report: CasesImportReport,
    ) -> dict[str, int]:
        existing = {a.name: a for a in self._attributes(tx.conn)}
        ids: dict[str, int] = {}
        for column in columns:
            if column == link_column:
                continue
            kind = table.types[column]
            if column in existing:
                if existing[column].type != kind:
                    raise CasesFileError(
                        path, f"column {column!r} reads as {kind} but the project's attribute is "
                        f"{existing[column].type}; force it with --type {column}={existing[column].type}"
                    )
                ids[column] = existing[column].id
            else:
                categories = None
                if kind == "category":
                    counts = Counter(r.get(column) for r in table.rows if r.get(column) is not None)
                    categories = [str(v) for v in counts]
                ids[column] = self._define_attribute(tx, column, kind, categories=categories, hidden=column in hidden)
            report.attributes[column] = kind
        return ids

    @staticmethod
    def _compile_link_pattern(link_pattern: str | None) -> re.Pattern[str] | None:
        if link_pattern is None:
            return None
        try:
            pattern = re.compile(link_pattern)
        except re.error as exc:
            raise InvalidOperation(f"link pattern {link_pattern!r} is not a valid regular expression: {exc}") from None
        if pattern.groups == 0:
            raise InvalidOperation("the link pattern needs a group, e.g. '^(?P<case>T\\d+)-'")
        return pattern

    def _link_by_names(self, tx: Tx, case_id: int, case_name: str, cell: str, report: CasesImportReport) -> None:
        for wanted in (part.strip() for part in re.split(r"[;,\n]", cell) if part.strip()):
            stem = Path(wanted).stem if Path(wanted).suffix else wanted
            row = tx.conn.execute(
                select(s.documents.c.id, s.documents.c.name).where(
                    (func.lower(s.documents.c.name) == stem.lower())
                    | (func.lower(s.documents.c.source_name) == wanted.lower())
                )
            ).first()
            if row is None:
                report.unmatched_links.append(wanted)
                continue
            tx.update(s.documents, row.id, {"case_id": case_id})
            report.documents_linked[row.name] = case_name

    def _link_by_pattern(self, tx: Tx, pattern: re.Pattern[str], report: CasesImportReport) -> None:
        cases = {name.lower(): (i, name) for i, name in tx.conn.execute(select(s.cases.c.id, s.cases.c.name))}
        for document_id, document_name in tx.conn.execute(select(s.documents.c.id, s.documents.c.name)).all():
            match = pattern.search(document_name)
            if not match:
                continue
            key = (match.groupdict().get("case") or match.group(1) or "").lower()
            if key in cases:
                tx.update(s.documents, document_id, {"case_id": cases[key][0]})
                report.documents_linked[document_name] = cases[key][1]
            else:
                report.unmatched_links.append(document_name)
