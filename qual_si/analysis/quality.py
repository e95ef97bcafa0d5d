"""Data-quality checks: what a published (or your own) table or attribute list gets wrong.

- totals that are not the sum of their rows, and percentages that fit a different total;
- rows whose percentages do not add up to 100 (beyond rounding);
- duplicated rows (the same values copied into two rows of one group of columns);
- attribute values that differ only in case or spacing (``N/a`` / ``n/a``), or are known synonyms
  (``None`` / ``No``), and numbers written as words in a number column (``More than 40``).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .tables import TOTAL, round_half_up

if TYPE_CHECKING:
    import pandas as pd

#: Spellings that mean the same thing in attribute tables (each set maps to its first member).
SYNONYMS: tuple[tuple[str, ...], ...] = (
    ("No", "None", "N", "False"),
    ("Yes", "Y", "True"),
    ("n/a", "na", "not applicable", "-", "—"),
)
_NUMBER_IN_TEXT = re.compile(r"[-+]?\d+(?:[.,]\d+)?")


@dataclass(frozen=True)
class Issue:
    """One finding. ``severity``: ``error`` (the numbers contradict each other), ``warning``
    (probably wrong, e.g. duplicated rows) or ``note`` (rounding)."""

    severity: str
    kind: str
    where: str
    message: str
    suggestion: dict[str, Any] | None = None

    def line(self) -> str:
        return f"{self.severity}: {self.where}: {self.message}"


def check_table(
    table: pd.DataFrame,
    *,
    total_label: str = TOTAL,
    count_columns: Sequence[str] | None = None,
    percent_columns: Sequence[str] | None = None,
    tolerance: float = 1.0,
    separator: str = ": ",
) -> list[Issue]:
    """Check a table whose index holds row labels (with a ``Total`` row or column, if printed).

    Count and percent columns are told apart by name (``%`` in the name, or a ``<group>: %``
    pair next to ``<group>: n``/``Frequency``) unless given. Column groups come from the
    ``<group>: <value>`` naming; rows that repeat each other within a group are reported.
    """
    import pandas as pd

    issues: list[Issue] = []
    frame = table.copy()
    frame.index = [str(i) for i in frame.index]
    numeric = frame.apply(lambda c: pd.to_numeric(c.astype(str).str.rstrip("%").str.replace(",", ""), errors="coerce"))
    percent_cols = list(percent_columns) if percent_columns is not None else [
        c for c in numeric.columns if "%" in str(c) or str(c).lower().endswith("percent")]
    count_cols = list(count_columns) if count_columns is not None else [
        c for c in numeric.columns if c not in percent_cols and str(c).split(separator)[-1] != total_label
        and numeric[c].notna().any()]
    has_total_row = total_label in numeric.index
    body = numeric.drop(index=total_label) if has_total_row else numeric
    if has_total_row:
        for column in count_cols:
            printed = numeric.at[total_label, column]
            summed = body[column].sum()
            if pd.notna(printed) and abs(printed - summed) > 1e-9:
                issues.append(Issue("error", "total", f"column {column!r}",
                                    f"printed total {_fmt(printed)} but the rows sum to {_fmt(summed)}",
                                    {"printed": float(printed), "sum": float(summed)}))
                issues.extend(_percent_fit(body, column, printed, summed, percent_cols, separator))
    issues.extend(_row_percent_sums(body, percent_cols, total_label, tolerance, separator))
    issues.extend(_duplicate_rows(body, separator, total_label))
    return issues


def _percent_fit(body: pd.DataFrame, column: str, printed: float, summed: float, percent_cols: Sequence[str],
                 separator: str) -> list[Issue]:
    """When a count column has a partner % column, say which total its percentages were taken of."""
    group = column.split(separator)[0] if separator in column else ""
    partner = next((p for p in percent_cols if (p.split(separator)[0] if separator in p else "") == group), None)
    if partner is None:
        return []
    def fits(total: float) -> bool:
        return total > 0 and all(
            abs(round_half_up(float(n) / total * 100) - float(p)) < 0.5
            for n, p in zip(body[column], body[partner], strict=True) if n == n and p == p)
    if fits(summed) and not fits(printed):
        return [Issue("error", "total", f"column {partner!r}",
                      f"the percentages fit a total of {_fmt(summed)} (the sum of the rows), "
                      f"not the printed {_fmt(printed)}", {"fits": float(summed)})]
    return []


def _row_percent_sums(body: pd.DataFrame, percent_cols: Sequence[str], total_label: str, tolerance: float,
                      separator: str) -> list[Issue]:
    """Row % that should add to 100 across a group's columns; a lone % column should add to 100 down."""
    issues = []
    candidates = list(percent_cols) or list(body.columns)
    for group, columns in _groups(candidates, separator, total_label).items():
        values = body[columns]
        if values.isna().all().all():
            continue
        if len(columns) == 1 and percent_cols:
            sums = [(f"column {columns[0]!r}", float(values[columns[0]].sum()))]
        elif len(columns) >= 2 and (percent_cols or _looks_like_percent(values)):
            sums = [(f"row {row!r}{_in(group)}", float(total)) for row, total in values.sum(axis=1).items()]
        else:
            continue
        for where, total in sums:
            gap = abs(total - 100)
            if gap > tolerance:
                issues.append(Issue("error", "percent_sum", where, f"percentages add up to {_fmt(total)}, not 100"))
            elif gap > 1e-9:
                issues.append(Issue("note", "rounding", where, f"percentages add up to {_fmt(total)} (rounding)"))
    return issues


def _duplicate_rows(body: pd.DataFrame, separator: str, total_label: str) -> list[Issue]:
    issues = []
    for group, columns in _groups(list(body.columns), separator, total_label).items():
        values = body[columns]
        if len(columns) < 2 or values.isna().all().all():
            continue
        seen: dict[tuple[Any, ...], str] = {}
        for row, cells in values.iterrows():
            key = tuple(cells.tolist())
            if all(v != v for v in key) or all(v == 0 for v in key):
                continue
            if key in seen:
                issues.append(Issue("warning", "duplicate", f"rows {seen[key]!r} and {row!r}{_in(group)}",
                                    f"identical values ({'/'.join(_fmt(v) for v in key)}): probably copied"))
            else:
                seen[key] = str(row)
    return issues


def _groups(columns: Sequence[Any], separator: str, total_label: str) -> dict[str, list[str]]:
    groups: dict[str, list[str]] = defaultdict(list)
    for column in columns:
        name = str(column)
        group, _, value = name.rpartition(separator) if separator in name else ("", "", name)
        if value == total_label:
            continue
        groups[group].append(column)
    return dict(groups)


def _looks_like_percent(values: pd.DataFrame) -> bool:
    sums = values.sum(axis=1)
    return bool(((sums > 90) & (sums < 110)).mean() > 0.5)


def check_values(cases: pd.DataFrame, *, number_columns: Sequence[str] = ()) -> list[Issue]:
    """Attribute values that should probably be one value, with a suggested mapping for each."""
    from .normalise import suggest_mapping

    issues = []
    for column in cases.columns:
        if column in ("case", "case_id", "documents"):
            continue
        series = cases[column]
        if series.dtype.kind in "fiub":
            continue
        mapping = suggest_mapping(series)
        if mapping:
            pairs = ", ".join(f"{k!r} -> {v!r}" for k, v in mapping.items())
            issues.append(Issue("warning", "spelling", f"attribute {column!r}",
                                f"values that look the same: {pairs}", {"mapping": mapping}))
        texts = [str(v) for v in series.dropna() if str(v).strip()]
        numeric = [t for t in texts if _NUMBER_IN_TEXT.fullmatch(t.strip().rstrip("%").replace(",", ""))]
        wordy = sorted({t for t in texts if t not in numeric and _NUMBER_IN_TEXT.search(t)})
        if column in number_columns or (texts and len(numeric) >= 0.6 * len(texts) and wordy):
            issues.append(Issue("warning", "number_as_text", f"attribute {column!r}",
                                f"mostly numbers, but also {', '.join(repr(w) for w in wordy)}: map these to "
                                f"numbers to use the column in bands", {"values": wordy}))
    return issues


def _in(group: str) -> str:
    return f" in {group!r}" if group else ""


def _fmt(value: Any) -> str:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return str(value)
    if number != number:
        return ""
    return str(int(number)) if number.is_integer() else f"{number:g}"
