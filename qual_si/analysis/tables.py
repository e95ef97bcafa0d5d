"""Attribute tables as evaluators print them: frequencies, cross-tabs, row/column %, means by group.

Every function takes plain frames (one row per case, respondent or school) and returns a new frame.
Percentages are rounded half up (``12.5`` -> ``13``), the way published tables and spreadsheets
round, not Python's banker's rounding. A grouping value a case lacks becomes an explicit
``missing`` row or column, never a silently dropped case.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ..attributes import display_value
from ..errors import InvalidOperation

if TYPE_CHECKING:
    import pandas as pd

MISSING = "missing"
TOTAL = "Total"
PERCENT_MODES = ("row", "column", "all")


def round_half_up(value: float, decimals: int = 0) -> float:
    """``round_half_up(12.5) == 13``; NaN stays NaN. A tiny epsilon absorbs float noise (0.145*100)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return float("nan")
    factor = 10.0**decimals
    scaled = abs(value) * factor
    rounded = math.floor(scaled + 0.5 + 1e-9) / factor
    return math.copysign(rounded, value)


def round_frame(frame: pd.DataFrame, decimals: int = 0) -> pd.DataFrame:
    """Round every numeric cell half up; integers come back as ``int`` when ``decimals == 0``."""
    import numpy as np
    import pandas as pd

    factor = 10.0**decimals
    columns = {}
    for position in range(frame.shape[1]):
        series = frame.iloc[:, position]
        if series.dtype.kind in "fi":
            values = series.to_numpy(dtype=float)
            rounded = np.sign(values) * np.floor(np.abs(values) * factor + 0.5 + 1e-9) / factor
            columns[position] = rounded.astype(int) if decimals == 0 and not np.isnan(rounded).any() else rounded
        else:
            columns[position] = series.to_numpy()
    out = pd.DataFrame(columns, index=frame.index)
    out.columns = frame.columns
    out.attrs.update(frame.attrs)
    return out


def labels_of(values: pd.Series, *, missing: str = MISSING) -> pd.Series:
    """Grouping labels: values as text, with empty values as ``missing``."""
    def label(value: Any) -> str:
        return display_value(value) or missing

    return values.map(label).astype(object)


def ordered_labels(present: Sequence[str], order: Sequence[str] | None = None, *, missing: str = MISSING) -> list[str]:
    """Labels in the declared order (categories, band labels), then others sorted, ``missing`` last."""
    seen = list(dict.fromkeys(present))
    first = [x for x in (order or []) if x in seen]
    rest = sorted((x for x in seen if x not in first and x != missing), key=_natural_key)
    tail = [missing] if missing in seen else []
    return first + rest + tail


def _natural_key(text: str) -> tuple[Any, ...]:
    """Sort '2' before '10' and numbers before words."""
    try:
        return (0, float(text), "")
    except ValueError:
        return (1, 0.0, text.lower())


def frequency_table(
    cases: pd.DataFrame,
    attribute: str,
    *,
    by: str | None = None,
    order: Sequence[str] | None = None,
    by_order: Sequence[str] | None = None,
    totals: bool = True,
    percent: bool = True,
    decimals: int = 0,
    missing: str = MISSING,
    count_label: str = "n",
    percent_label: str = "%",
) -> pd.DataFrame:
    """Counts (and column %) of an attribute's values, optionally side by side for each group of ``by``.

    Columns are ``n`` and ``%``, or ``<group>: n`` and ``<group>: %`` with ``by``; the ``Total`` row
    is the true sum of the rows (a printed total that differs is what :mod:`.quality` flags).
    """
    import pandas as pd

    _need(cases, attribute, by)
    values = labels_of(cases[attribute], missing=missing)
    rows = ordered_labels(list(values), order, missing=missing)
    groups: list[tuple[str | None, pd.Series]]
    if by is None:
        groups = [(None, values)]
    else:
        group_labels = labels_of(cases[by], missing=missing)
        group_names = ordered_labels(list(group_labels), by_order, missing=missing)
        groups = [(g, values[group_labels == g]) for g in group_names]
    out = pd.DataFrame(index=pd.Index(rows, name=attribute))
    for group, subset in groups:
        counts = subset.value_counts().reindex(rows, fill_value=0).astype(int)
        prefix = "" if group is None else f"{group}: "
        out[f"{prefix}{count_label}"] = counts
        if percent:
            total = int(counts.sum())
            out[f"{prefix}{percent_label}"] = counts / total * 100 if total else 0.0
    if totals:
        out.loc[TOTAL] = [out[c].sum() for c in out.columns]
    out = round_frame(out, decimals) if percent else out
    return out


def crosstab(
    cases: pd.DataFrame,
    rows: str,
    columns: str,
    *,
    percent: str | None = None,
    totals: bool = True,
    row_order: Sequence[str] | None = None,
    column_order: Sequence[str] | None = None,
    decimals: int = 0,
    missing: str = MISSING,
) -> pd.DataFrame:
    """Cases counted by two attributes. ``percent``: None (counts), ``row``, ``column`` or ``all``.

    With ``totals`` a ``Total`` column and row are added (for row % the Total column is 100).
    """
    import pandas as pd

    _need(cases, rows, columns)
    if percent is not None and percent not in PERCENT_MODES:
        raise InvalidOperation(f"percent must be one of {', '.join(PERCENT_MODES)}, not {percent!r}")
    row_labels = labels_of(cases[rows], missing=missing)
    column_labels = labels_of(cases[columns], missing=missing)
    row_names = ordered_labels(list(row_labels), row_order, missing=missing)
    column_names = ordered_labels(list(column_labels), column_order, missing=missing)
    counts = (
        pd.crosstab(row_labels, column_labels)
        .reindex(index=row_names, columns=column_names, fill_value=0)
        .astype(int)
    )
    counts.index.name, counts.columns.name = rows, columns
    return percent_table(counts, percent=percent, totals=totals, decimals=decimals)


def percent_table(
    counts: pd.DataFrame, *, percent: str | None, totals: bool = True, decimals: int = 0
) -> pd.DataFrame:
    """Turn a count table into counts with totals, or row/column/overall percentages.

    Totals are computed from the counts, then converted: with row % the Total column is 100 and
    the Total row is each column's share of all cases; with column % the reverse.
    """
    table = counts.astype(float)
    if totals:
        table[TOTAL] = table.sum(axis=1)
        table.loc[TOTAL] = table.sum(axis=0)
    if percent == "row":
        table = table.div(table[TOTAL] if totals else table.sum(axis=1), axis=0) * 100
    elif percent == "column":
        table = table.div(table.loc[TOTAL] if totals else table.sum(axis=0), axis=1) * 100
    elif percent == "all":
        grand = float(counts.to_numpy().sum())
        table = table / grand * 100 if grand else table * 0
    table = table.fillna(0.0)
    if percent is None:
        return table.round().astype(int)
    return round_frame(table, decimals)


def means_table(
    values: pd.DataFrame,
    *,
    by: str | None = None,
    columns: Sequence[str] | None = None,
    by_order: Sequence[str] | None = None,
    decimals: int = 1,
    missing: str = MISSING,
    statistic: str = "mean",
) -> pd.DataFrame:
    """Mean (or median, count) of numeric columns, one column per group of ``by``.

    Rows are the numeric columns (e.g. rating dimensions), columns the groups; ``values`` has one
    row per case or respondent. Empty cells (no rating) are left out of each mean.
    """
    import pandas as pd

    chosen = list(columns) if columns is not None else [c for c in values.columns if c != by]
    if by is None:
        groups: list[tuple[str, pd.DataFrame]] = [(statistic, values)]
    else:
        labels = labels_of(values[by], missing=missing)
        groups = [(g, values[labels == g]) for g in ordered_labels(list(labels), by_order, missing=missing)]
    out = pd.DataFrame(index=pd.Index(chosen, name="dimension"))
    for name, subset in groups:
        numeric = subset[chosen].apply(pd.to_numeric, errors="coerce")
        if statistic == "mean":
            out[name] = numeric.mean()
        elif statistic == "median":
            out[name] = numeric.median()
        elif statistic == "count":
            out[name] = numeric.count()
        else:
            raise InvalidOperation(f"statistic must be mean, median or count, not {statistic!r}")
    return out if statistic == "count" else round_frame(out, decimals)


def describe_numbers(cases: pd.DataFrame, columns: Sequence[str] | None = None, *, decimals: int = 2) -> pd.DataFrame:
    """n, mean, median, min and max of numeric attributes (text that is not a number is ignored)."""
    import pandas as pd

    chosen = list(columns) if columns is not None else [
        c for c in cases.columns if pd.api.types.is_numeric_dtype(cases[c]) and cases[c].dtype != bool
    ]
    rows = {}
    for column in chosen:
        numeric = pd.to_numeric(cases[column], errors="coerce").dropna()
        rows[column] = {"n": len(numeric), "mean": numeric.mean(), "median": numeric.median(),
                        "min": numeric.min(), "max": numeric.max()}
    out = pd.DataFrame.from_dict(rows, orient="index", columns=["n", "mean", "median", "min", "max"])
    out.index.name = "attribute"
    rounded = round_frame(out[["mean", "median", "min", "max"]].astype(float), decimals)
    rounded.insert(0, "n", out["n"].astype(int))
    return rounded


def top_n(frame: pd.DataFrame, column: str, n: int, *, ascending: bool = False) -> pd.DataFrame:
    """The first ``n`` rows by ``column``, keeping every row tied with the last one (ties matter)."""
    ordered = frame.sort_values(column, ascending=ascending, kind="stable")
    if len(ordered) <= n:
        return ordered
    cutoff = ordered[column].iloc[n - 1]
    keep = ordered[column] >= cutoff if not ascending else ordered[column] <= cutoff
    return ordered[keep]


def _need(frame: pd.DataFrame, *names: str | None) -> None:
    for name in names:
        if name is not None and name not in frame.columns:
            known = ", ".join(str(c) for c in frame.columns)
            raise InvalidOperation(f"no attribute or column {name!r}; there are: {known}")
