"""Case-level judgements stored in the project: ratings, categorical judgements, framework summaries.

Each change is one transaction with one undoable event (``tx.insert/update/delete`` keep the row
images). Bulk imports insert in one statement and record the row images in one read-back, so a
CSV of thousands of ratings is still a single undoable action.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, and_, select

from ..errors import FormatError, InvalidOperation, NotFound
from ..model import Rating
from ..store import Tx
from ..store import schema as s
from .analysis_frames import AnalysisFramesMixin

if TYPE_CHECKING:
    import pandas as pd

RATING_KINDS = ("current", "desired")


@dataclass(frozen=True)
class Judgement:
    id: int
    case: str
    group: str
    value: str
    facet: str | None
    rater: str
    note: str


@dataclass
class RatingsImportReport:
    path: str
    ratings: int = 0
    cases: list[str] = field(default_factory=list)
    dimensions: list[str] = field(default_factory=list)


class AnalysisJudgementsMixin(AnalysisFramesMixin):
    # -- ratings -------------------------------------------------------------------------------

    def rating_dimensions(self, codebook: str | None = None) -> list[Any]:
        """Codes with a rating scale (the dimensions a case can be rated on), in tree order."""
        return [c for c in self.codes(codebook=codebook) if c.scale]

    def rate(
        self, case: int | str | None, dimension: int | str, value: float, *, rationale: str = "",
        participant: str | None = None, kind: str = "current",
    ) -> Rating:
        """Rate a case (or a participant of it) on a scale code. Replaces this rater's earlier rating
        of the same dimension and kind. Refuses codes without a scale and values outside it. Undoable."""
        with self._write("rating.set", {"case": str(case), "dimension": str(dimension), "value": value}) as tx:
            rating_id = self._put_rating(tx, case, dimension, value, rationale=rationale,
                                         participant=participant, kind=kind)
        return self._ratings(ids=[rating_id])[0]

    def _put_rating(
        self, tx: Tx, case: int | str | None, dimension: int | str, value: Any, *, rationale: str = "",
        participant: str | None = None, kind: str = "current", lookups: dict[Any, Any] | None = None,
    ) -> int:
        cache = {} if lookups is None else lookups
        if kind not in RATING_KINDS:
            raise InvalidOperation(f"a rating is {' or '.join(RATING_KINDS)}, not {kind!r}")
        if ("dim", dimension) not in cache:
            cache["dim", dimension] = self._scale_of(tx.conn, dimension)
        code_id, qualified, scale = cache["dim", dimension]
        number = _rating_value(value, qualified, scale)
        case_id = None
        if case is not None and str(case).strip():
            if ("case", case) not in cache:
                cache["case", case] = int(self._case_row(tx.conn, case)["id"])
            case_id = cache["case", case]
        participant_id = self._ensure_participant(tx, participant, case_id) if participant else None
        if case_id is None and participant_id is None:
            raise InvalidOperation("a rating needs a case or a participant")
        r = s.ratings
        existing = tx.conn.execute(select(r.c.id).where(and_(
            r.c.case_id.is_(None) if case_id is None else r.c.case_id == case_id,
            r.c.participant_id.is_(None) if participant_id is None else r.c.participant_id == participant_id,
            r.c.code_id == code_id, r.c.kind == kind, r.c.rater_id == tx.coder_id))).scalar()
        if existing is not None:
            tx.update(r, int(existing), {"value": number, "rationale": rationale})
            return int(existing)
        new_id = tx.insert(r, {"case_id": case_id, "participant_id": participant_id, "code_id": code_id,
                               "kind": kind, "value": number, "rater_id": tx.coder_id, "rationale": rationale,
                               "created_at": tx.now})
        assert new_id is not None
        return new_id

    def _scale_of(self, conn: Connection, dimension: int | str) -> tuple[int, str, dict[str, Any]]:
        code_id = self._code_id(conn, dimension)
        code = next(c for c in self._codes(conn, include_inactive=True) if c.id == code_id)
        if not code.scale:
            raise InvalidOperation(
                f"code {code.qualified_id} has no rating scale; rate a scale code such as d003_four_ps.purpose")
        return code_id, code.qualified_id, code.scale

    def remove_rating(self, rating_id: int) -> None:
        with self._write("rating.remove", {"rating": rating_id}) as tx:
            if tx.get(s.ratings, rating_id) is None:
                raise NotFound(f"no rating with id {rating_id}")
            tx.delete(s.ratings, rating_id)

    def ratings(self, *, case: int | str | None = None, codebook: str | None = None) -> list[Rating]:
        found = self._ratings()
        if case is not None:
            with self._read() as conn:
                case_id = self._case_row(conn, case)["id"]
            found = [r for r in found if r.case_id == case_id]
        if codebook is not None:
            keep = {c.id for c in self.codes(codebook=codebook, include_inactive=True)}
            found = [r for r in found if r.code_id in keep]
        return found

    def _ratings(self, ids: Sequence[int] | None = None) -> list[Rating]:
        r = s.ratings
        query = (select(r, s.coders.c.name.label("rater")).select_from(r.join(s.coders, s.coders.c.id == r.c.rater_id))
                 .order_by(r.c.id))
        if ids is not None:
            query = query.where(r.c.id.in_(list(ids)))
        with self._read() as conn:
            return [Rating(id=x.id, case_id=x.case_id, participant_id=x.participant_id, code_id=x.code_id,
                           value=x.value, rater=x.rater, rationale=x.rationale, kind=x.kind)
                    for x in conn.execute(query)]

    def ratings_frame(self, *, codebook: str | None = None, kind: str | None = None) -> pd.DataFrame:
        """Long: ``rating_id``, ``case``, ``participant``, ``dimension`` (name), ``qualified_id``,
        ``kind``, ``value``, ``rater``, ``rationale``."""
        import pandas as pd

        r, p = s.ratings, s.participants
        query = (
            select(r.c.id, s.cases.c.name, p.c.name, r.c.code_id, r.c.kind, r.c.value, s.coders.c.name, r.c.rationale)
            .select_from(r.join(s.coders, s.coders.c.id == r.c.rater_id).outerjoin(s.cases, s.cases.c.id == r.c.case_id)
                         .outerjoin(p, p.c.id == r.c.participant_id))
            .order_by(r.c.id)
        )
        if kind is not None:
            query = query.where(r.c.kind == kind)
        with self._read() as conn:
            rows = conn.execute(query).all()
            codes = {c.id: c for c in self._codes(conn, include_inactive=True)}
        columns = ["rating_id", "case", "participant", "code_id", "kind", "value", "rater", "rationale"]
        frame = pd.DataFrame(rows, columns=columns)
        if codebook is not None:
            frame = frame.loc[frame["code_id"].map(lambda i: codes[i].codebook == codebook).astype(bool)]
        frame.insert(3, "dimension", frame["code_id"].map(lambda i: codes[i].name).astype(object))
        frame.insert(4, "qualified_id", frame["code_id"].map(lambda i: codes[i].qualified_id).astype(object))
        return frame.drop(columns="code_id").reset_index(drop=True)

    def rate_many(self, items: Sequence[Mapping[str, Any]], *, source: str = "", create_cases: bool = False) -> int:
        """Record many ratings as one undoable action (all or nothing). Each item has ``case`` (or
        ``participant``), ``dimension``, ``value`` and optionally ``rationale``, ``kind``."""
        lookups: dict[Any, Any] = {}
        with self._write("ratings.set_many", {"source": source, "ratings": len(items)}) as tx:
            for number, item in enumerate(items, start=1):
                case = item.get("case")
                if create_cases and case and ("case", case) not in lookups:
                    lookups["case", case] = self._ensure_case(tx, str(case))
                try:
                    self._put_rating(tx, item.get("case"), item["dimension"], item["value"],
                                     rationale=str(item.get("rationale") or ""), participant=item.get("participant"),
                                     kind=str(item.get("kind") or "current"), lookups=lookups)
                except (InvalidOperation, NotFound) as exc:
                    where = item.get("_location", f"item {number}")
                    if source:
                        raise FormatError(source, str(exc), location=where) from None
                    raise type(exc)(f"{where}: {exc}") from None
        return len(items)

    def import_ratings(
        self, path: str | Path, *, kind: str = "current", create_cases: bool = False, sheet: str | None = None,
    ) -> RatingsImportReport:
        """Import ratings from .csv/.xlsx in one transaction (all or nothing). Undoable.

        Long form: columns ``case``, ``dimension``, ``value`` (optional ``rationale``, ``kind``,
        ``participant``). Wide form: a ``case`` column and one column per dimension (code id,
        qualified id or name). Every value is checked against its scale; errors name the row.
        The rater is the importing coder.
        """
        from ..ingest.tables import read_table

        # The shared table reader: delimiter and encoding detected, row numbers as the sheet shows them.
        table = read_table(path, sheet=sheet)
        column = {header.strip().lower(): index for index, header in enumerate(table.headers)}
        if "case" not in column and "participant" not in column:
            raise FormatError(path, "needs a 'case' (or 'participant') column")
        long_form = "dimension" in column and "value" in column
        extra = ("case", "participant", "rationale", "kind")
        report = RatingsImportReport(path=str(path))
        items: list[dict[str, Any]] = []
        for number, cells in table.rows:
            named = {name: _at(cells, index) for name, index in column.items()}
            common = {
                "case": _cell(named.get("case")), "participant": _cell(named.get("participant")),
                "rationale": _cell(named.get("rationale")) or "", "kind": _cell(named.get("kind")) or kind,
                "_location": f"row {number}",
            }
            pairs = ([(_cell(named["dimension"]) or "", named["value"])] if long_form else
                     [(header.strip(), _at(cells, index))
                      for index, header in enumerate(table.headers) if header.strip().lower() not in extra])
            for dimension, value in pairs:
                if _cell(value) is not None:
                    items.append({**common, "dimension": str(dimension), "value": value})
                    if common["case"] and common["case"] not in report.cases:
                        report.cases.append(str(common["case"]))
                    if str(dimension) not in report.dimensions:
                        report.dimensions.append(str(dimension))
        report.ratings = self.rate_many(items, source=str(path), create_cases=create_cases)
        return report

    # -- categorical judgements ----------------------------------------------------------------

    def judge(self, case: int | str, group: int | str, value: int | str, *, facet: str | None = None,
              note: str = "") -> Judgement:
        """Record the dominant value of an exclusive code group for a case (optionally for one facet,
        e.g. a practice area). Replaces this rater's earlier judgement of the same group and facet."""
        with self._write("judgement.set", {"case": str(case), "group": str(group), "value": str(value),
                                           "facet": facet}) as tx:
            judgement_id = self._put_judgement(tx, case, group, value, facet=facet, note=note)
        return next(j for j in self.judgements() if j.id == judgement_id)

    def _put_judgement(self, tx: Tx, case: int | str, group: int | str, value: int | str, *,
                       facet: str | None, note: str = "", lookups: dict[Any, Any] | None = None) -> int:
        cache = {} if lookups is None else lookups
        if ("case", case) not in cache:
            cache["case", case] = int(self._case_row(tx.conn, case)["id"])
        if ("group", group, value) not in cache:
            cache["group", group, value] = self._group_value(tx.conn, group, value)
        case_id = cache["case", case]
        group_id, value_id = cache["group", group, value]
        facet = (facet or "").strip() or None
        j = s.judgements
        existing = tx.conn.execute(select(j.c.id).where(and_(
            j.c.case_id == case_id, j.c.group_code_id == group_id, j.c.rater_id == tx.coder_id,
            j.c.facet.is_(None) if facet is None else j.c.facet == facet))).scalar()
        if existing is not None:
            tx.update(j, int(existing), {"value_code_id": value_id, "note": note})
            return int(existing)
        new_id = tx.insert(j, {"case_id": case_id, "group_code_id": group_id, "value_code_id": value_id,
                               "facet": facet, "rater_id": tx.coder_id, "note": note, "created_at": tx.now})
        assert new_id is not None
        return new_id

    def _group_value(self, conn: Connection, group: int | str, value: int | str) -> tuple[int, int]:
        from ..codebook.project_load import descendants

        group_id = self._code_id(conn, group)
        exclusive = conn.execute(select(s.codes.c.exclusive).where(s.codes.c.id == group_id)).scalar_one()
        if not exclusive:
            raise InvalidOperation(f"code {group!r} is not an exclusive group; judge with a group such as "
                                   "d003_practice_consistency.consistency_level")
        under = descendants(self._parents(conn), group_id)
        value_id = self._value_in_group(conn, value, under)
        if value_id is None:
            names = conn.execute(select(s.codes.c.key).where(s.codes.c.parent_id == group_id)).scalars().all()
            raise InvalidOperation(f"{value!r} is not a value of {group!r}; values: {', '.join(names)}")
        return group_id, value_id

    def _value_in_group(self, conn: Connection, value: int | str, under: set[int]) -> int | None:
        try:
            found = self._code_id(conn, value)
            return found if found in under else None
        except NotFound:  # a bare key or name that is ambiguous project-wide may be unique in the group
            text = str(value).strip().lower()
            rows = conn.execute(select(s.codes.c.id, s.codes.c.key, s.codes.c.name).where(s.codes.c.id.in_(under))).all()
            matches = [i for i, key, name in rows if key.lower() == text or name.lower() == text]
            return int(matches[0]) if len(matches) == 1 else None

    def import_judgements(self, rows: Sequence[Mapping[str, Any]], *, group: int | str) -> int:
        """Record many judgements (``case``, ``value``, optional ``facet``, ``note``) as one undoable action."""
        lookups: dict[Any, Any] = {}
        with self._write("judgements.import", {"group": str(group)}) as tx:
            for row in rows:
                self._put_judgement(tx, row["case"], group, row["value"], facet=row.get("facet"),
                                    note=str(row.get("note") or ""), lookups=lookups)
            tx.payload["judgements"] = len(rows)
        return len(rows)

    def remove_judgement(self, judgement_id: int) -> None:
        with self._write("judgement.remove", {"judgement": judgement_id}) as tx:
            if tx.get(s.judgements, judgement_id) is None:
                raise NotFound(f"no judgement with id {judgement_id}")
            tx.delete(s.judgements, judgement_id)

    def judgements(self, group: int | str | None = None) -> list[Judgement]:
        j, c, g, v = s.judgements, s.cases, s.codes.alias("g"), s.codes.alias("v")
        query = (
            select(j.c.id, c.c.name, g.c.key, v.c.key, j.c.facet, s.coders.c.name, j.c.note)
            .select_from(j.join(c, c.c.id == j.c.case_id).join(g, g.c.id == j.c.group_code_id)
                         .join(v, v.c.id == j.c.value_code_id).join(s.coders, s.coders.c.id == j.c.rater_id))
            .order_by(j.c.id)
        )
        with self._read() as conn:
            if group is not None:
                query = query.where(j.c.group_code_id == self._code_id(conn, group))
            return [Judgement(*row) for row in conn.execute(query)]

    def judgements_frame(self, group: int | str | None = None) -> pd.DataFrame:
        import pandas as pd

        return pd.DataFrame([vars(x) for x in self.judgements(group)],
                            columns=["id", "case", "group", "value", "facet", "rater", "note"])

    # -- framework matrix summaries ------------------------------------------------------------

    def set_cell_summary(self, case: int | str, code: int | str, text: str) -> None:
        """The analyst's summary of one framework-matrix cell (empty text removes it). Undoable."""
        with self._write("framework.summary", {"case": str(case), "code": str(code)}) as tx:
            case_id = int(self._case_row(tx.conn, case)["id"])
            code_id = self._code_id(tx.conn, code)
            f = s.framework_cells
            existing = tx.conn.execute(select(f.c.id).where(and_(f.c.case_id == case_id, f.c.code_id == code_id))).scalar()
            if not text.strip():
                if existing is not None:
                    tx.delete(f, int(existing))
                return
            values = {"summary": text, "author_id": tx.coder_id, "updated_at": tx.now}
            if existing is None:
                tx.insert(f, {"case_id": case_id, "code_id": code_id, **values})
            else:
                tx.update(f, int(existing), values)

    def cell_summaries(self) -> pd.DataFrame:
        """``case``, ``code_id``, ``summary``, ``author``, ``updated_at`` of every framework cell."""
        import pandas as pd

        f = s.framework_cells
        query = (select(s.cases.c.name, f.c.code_id, f.c.summary, s.coders.c.name, f.c.updated_at)
                 .select_from(f.join(s.cases, s.cases.c.id == f.c.case_id).join(s.coders, s.coders.c.id == f.c.author_id)))
        with self._read() as conn:
            rows = conn.execute(query).all()
        return pd.DataFrame(rows, columns=["case", "code_id", "summary", "author", "updated_at"])


def _rating_value(value: Any, qualified: str, scale: Mapping[str, Any]) -> float:
    try:
        number = float(str(value).strip()) if not isinstance(value, int | float) else float(value)
    except ValueError:
        raise InvalidOperation(f"rating {value!r} for {qualified} is not a number") from None
    low, high = float(scale.get("min", 1)), float(scale.get("max", 5))
    if not low <= number <= high:
        raise InvalidOperation(f"rating {number:g} is outside the scale of {qualified} ({low:g}-{high:g})")
    return number


def _at(cells: Sequence[Any], index: int) -> Any:
    """The cell in column ``index``, ``None`` past the end of a short row."""
    return cells[index] if index < len(cells) else None


def _cell(value: Any) -> str | None:
    """A cell as text (whole numbers without '.0', dates in ISO form), ``None`` when empty."""
    from ..ingest.tables import cell_text

    if isinstance(value, float) and value != value:
        return None
    return cell_text(value) or None


__all__ = ["AnalysisJudgementsMixin", "Judgement", "RatingsImportReport"]
