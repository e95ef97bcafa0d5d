"""What the Matrix screen shows, computed off the UI thread: settings in, a plain table out.

Everything here calls the facade (``matrix``, ``grouped_matrix``, ``cell_summaries``,
``cell_quotes``, ``column_passages``) and turns its DataFrames into lists the :class:`MatrixTable` can draw, so the
widget and the screen never touch pandas. pandas itself loads on the first computation, i.e.
when the screen opens, never at start-up.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field, replace
from typing import TYPE_CHECKING, Any

from ... import attributes as attr
from ...analysis.matrix import NO_CASE
from ...errors import InvalidOperation

if TYPE_CHECKING:
    import pandas as pd

ROW_KINDS = ("case", "document", "participant")
PERCENT_MODES: tuple[str | None, ...] = (None, "row", "cases")
MEASURE_GLOSS = {
    "segments": "coded passages (codings after roll-up)",
    "documents": "documents mentioning the code",
    "participants": "participants mentioning the code",
    "cases": "cases mentioning the code",
    "presence": "1 if present, else 0",
    "share": "% of participant words coded",
}
_SPECIAL = re.compile(r"^\s*(coder|origin)\s*=\s*(.+?)\s*$", re.IGNORECASE)
_CONDITION = re.compile(r"^.+?(<=|>=|!=|=|<|>).*$")


@dataclass(frozen=True)
class MatrixSettings:
    """One way of looking at the coding; remembered per coder between sessions."""

    measure: str = "segments"
    rows: str = "case"
    #: Group the cases by this attribute (with ``cuts``: by bands of a number attribute).
    group: str | None = None
    cuts: tuple[float, ...] = ()
    #: Grouped tables: None shows counts, ``row`` row %, ``cases`` % of the group's cases.
    percent: str | None = None
    depth: int | None = 1
    codebook: str | None = None
    framework: bool = False
    filter: str = ""

    def to_state(self) -> dict[str, Any]:
        state = asdict(self)
        state["cuts"] = list(self.cuts)
        return state

    @classmethod
    def from_state(cls, state: Any) -> MatrixSettings:
        """Settings from stored view state; anything unreadable falls back to the default."""
        if not isinstance(state, dict):
            return cls()
        known = {k: v for k, v in state.items() if k in cls.__dataclass_fields__}
        try:
            known["cuts"] = tuple(float(c) for c in known.get("cuts") or ())
            settings = cls(**known)
        except (TypeError, ValueError):
            return cls()
        if settings.rows not in ROW_KINDS or settings.percent not in PERCENT_MODES:
            return cls()
        return settings

    def change(self, **fields: Any) -> MatrixSettings:
        return replace(self, **fields)

    @property
    def row_kind(self) -> str:
        if self.framework:
            return "case"
        return self.group or self.rows

    def describe(self) -> str:
        if self.framework:
            head = "summaries and quotes by case"
        else:
            grouping = ""
            if self.group:
                bands = f" in bands {', '.join(f'{c:g}' for c in self.cuts)}" if self.cuts else ""
                shown = {None: "counts", "row": "row %", "cases": "% of cases"}[self.percent]
                grouping = f"cases grouped by {self.group}{bands} ({shown})"
            head = f"{self.measure} by {grouping or self.rows}"
        depth = "codes as coded" if self.depth is None else f"depth {self.depth}"
        book = self.codebook or "every codebook"
        return f"{head} \u00b7 {depth} \u00b7 {book}" + (f" \u00b7 filter {self.filter}" if self.filter.strip() else "")


@dataclass(frozen=True)
class Filters:
    where: list[str] | None = None
    coder: list[str] | None = None
    origin: list[str] | None = None


def parse_filters(text: str) -> Filters:
    """``phase=primary; schools>=7; coder=alex|sam; origin=manual`` -> case conditions, coders, origins."""
    where: list[str] = []
    found: dict[str, list[str]] = {}
    for part in re.split(r"[;,]", text):
        if not part.strip():
            continue
        special = _SPECIAL.match(part)
        if special:
            found.setdefault(special.group(1).lower(), []).extend(
                v.strip() for v in special.group(2).split("|") if v.strip())
        elif _CONDITION.match(part):
            where.append(part.strip())
        else:
            raise InvalidOperation(f"cannot read {part.strip()!r}: write filters as name=value or fsm<10, "
                                   "separated by ';' (coder=name and origin=manual filter the codings)")
    return Filters(where=where or None, coder=found.get("coder"), origin=found.get("origin"))


@dataclass
class MatrixView:
    """A computed table, ready to draw, with what drilling into a cell needs."""

    settings: MatrixSettings
    row_labels: list[str]
    column_labels: list[str]
    values: list[list[float]]
    #: The code id behind each displayed column (None for ``cases`` and ``Total`` columns).
    column_ids: list[int | None]
    decimals: int = 0
    plain_rows: set[int] = field(default_factory=set)
    plain_columns: set[int] = field(default_factory=set)
    #: Framework mode: (row, column) -> the analyst's summary; and the first quotes of the cells
    #: read so far (the screen fills this as the cursor rests on cells).
    summaries: dict[tuple[int, int], str] = field(default_factory=dict)
    quotes: dict[tuple[int, int], list[str]] = field(default_factory=dict)
    choices: dict[str, Any] = field(default_factory=dict)

    @property
    def corner(self) -> str:
        return self.settings.row_kind

    def case_cell(self, row: int, column: int) -> tuple[str, int] | None:
        """(case, code id) when the cell is a case x code cell: the kind that can have a summary."""
        if self.settings.row_kind != "case" or row in self.plain_rows:
            return None
        case, code_id = self.row_labels[row], self.column_ids[column]
        return (case, code_id) if case != NO_CASE and code_id is not None else None


def _options(settings: MatrixSettings, filters: Filters, *, where: bool = True) -> dict[str, Any]:
    options: dict[str, Any] = {"depth": settings.depth, "codebook": settings.codebook, "coder": filters.coder,
                               "origin": filters.origin}
    if where:
        options["where"] = filters.where
    return options


def _values(frame: pd.DataFrame) -> list[list[float]]:
    return [[float(v) for v in row] for row in frame.to_numpy(dtype=float, na_value=float("nan"))]


def compute(project: Any, settings: MatrixSettings, *, choices: bool = False) -> MatrixView:
    """Run the facade for ``settings`` (in a worker thread) and flatten the answer for the table."""
    filters = parse_filters(settings.filter)
    options = _options(settings, filters)
    if settings.framework:
        view = _framework(project, settings, options)
    elif settings.group:
        grouped = project.grouped_matrix(settings.group, measure=settings.measure, percent=settings.percent,
                                         cuts=list(settings.cuts) or None, **options)
        frame = grouped.counts if settings.percent is None else grouped.percent
        ids: list[int | None] = list(frame.attrs.get("column_ids", []))
        trailing = len(frame.columns) - 1 - len(ids)
        view = MatrixView(
            settings, [str(i) for i in frame.index], [str(c) for c in frame.columns], _values(frame),
            column_ids=[None, *ids, *[None] * trailing],
            decimals=1 if settings.measure == "share" else 0,
            plain_rows={len(frame.index) - 1}, plain_columns={0, *range(1 + len(ids), len(frame.columns))},
        )
    else:
        frame = project.matrix(rows=settings.rows, measure=settings.measure, **options)
        view = MatrixView(settings, [str(i) for i in frame.index], [str(c) for c in frame.columns], _values(frame),
                          column_ids=list(frame.attrs.get("column_ids", [])),
                          decimals=1 if settings.measure == "share" else 0)
    if choices:
        view.choices = project.matrix_choices()
    return view


def _framework(project: Any, settings: MatrixSettings, options: dict[str, Any]) -> MatrixView:
    """Cases x codes counting each cell's quotes (its passages), with the stored summaries on top.

    The quotes themselves are read per cell when the cursor rests on it (``cell_passages``):
    building every cell's text up front costs minutes on a 500-case project.
    """
    frame = project.matrix(rows="case", measure="segments", **options)
    frame = frame[frame.index != NO_CASE]
    cases = [str(c) for c in frame.index]
    ids: list[int] = list(frame.attrs.get("column_ids", []))
    row_of = {case: i for i, case in enumerate(cases)}
    column_of = {code_id: j for j, code_id in enumerate(ids)}
    stored = project.cell_summaries()
    summaries = {
        (row_of[str(case)], column_of[int(code_id)]): str(summary)
        for case, code_id, summary in zip(stored["case"], stored["code_id"], stored["summary"], strict=True)
        if str(case) in row_of and int(code_id) in column_of
    }
    return MatrixView(settings, cases, [str(c) for c in frame.columns], _values(frame), column_ids=list(ids),
                      summaries=summaries)


def cell_summary(project: Any, case: str, code_id: int) -> str:
    """The analyst's summary of one case x code cell ("" when there is none)."""
    stored = project.cell_summaries()
    mine = stored[(stored["case"] == case) & (stored["code_id"] == code_id)]
    return str(mine["summary"].iloc[0]) if len(mine) else ""


# -- drilling into a cell ------------------------------------------------------------------------

QUOTE_COLUMNS = ["case", "document", "document_id", "start", "end", "speaker", "start_s", "text", "quote"]


def cell_passages(project: Any, view: MatrixView, row: int, column: int) -> pd.DataFrame:
    """The coded passages behind one cell of ``view``: any row kind, a band, or the Total row."""
    column_id = view.column_ids[column]
    if column_id is None:
        raise InvalidOperation("this column is not a code: choose a code column to read its passages")
    settings = view.settings
    filters = parse_filters(settings.filter)
    options = _options(settings, filters)
    label = view.row_labels[row]
    kind = settings.row_kind
    if row in view.plain_rows:  # the Total row: the whole column
        found = project.column_passages(column_id, **options)
    elif kind == "participant":
        found = project.column_passages(column_id, participant=label, **options)
    elif settings.group and settings.cuts:  # a band of a number attribute
        cases = project.analysis_cases(where=filters.where)
        labels = attr.default_band_labels(settings.cuts)
        bands = [attr.band_of(_number(v), settings.cuts, labels) or "missing" for v in cases[settings.group]]
        wanted = {str(c) for c, band in zip(cases["case"], bands, strict=True) if band == label}
        found = project.column_passages(column_id, cases=wanted, **options)
    else:  # a case, a document, or a group of an attribute
        found = project.cell_quotes(label, column_id, rows=kind, **options)
    return found[QUOTE_COLUMNS].reset_index(drop=True)


def _number(value: Any) -> Any:
    if value is None or isinstance(value, bool):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return None if number != number else number
