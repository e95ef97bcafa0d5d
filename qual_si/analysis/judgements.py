"""Case-level judgements: rating profiles, typology portraits, dominant values, judgement tables."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from ..errors import InvalidOperation
from .tables import MISSING, TOTAL, labels_of, ordered_labels, round_frame

if TYPE_CHECKING:
    import pandas as pd

TIE = "(tie)"
#: mean ratings this close count as equal (float noise from averaging raters, not a real lead)
_TIE_TOLERANCE = 1e-9


def rating_profile(ratings: pd.DataFrame, *, dimensions: Sequence[str] | None = None) -> pd.DataFrame:
    """Wide table: one row per case, one column per dimension, the raters' mean.

    ``ratings`` is long: ``case``, ``dimension``, ``value``.
    """
    import pandas as pd

    chosen = list(dimensions) if dimensions is not None else list(dict.fromkeys(ratings["dimension"]))
    if ratings.empty:
        return pd.DataFrame(columns=chosen, index=pd.Index([], name="case"), dtype=float)
    subset = ratings[ratings["case"].notna()]
    wide = subset.pivot_table(index="case", columns="dimension", values="value", aggfunc="mean", sort=False)
    wide = wide.reindex(columns=chosen)
    wide.columns.name = None
    return wide


def typology(profile: pd.DataFrame, portraits: Mapping[str, str]) -> pd.DataFrame:
    """Each case's portrait: the one whose dimension is the case's distinctly highest rating.

    ``portraits`` maps a profile column (dimension) to a portrait label. Several dimensions sharing
    the top value give ``"a / b (tie)"``; a case missing any of the dimensions gets no portrait and
    lists what is missing. Columns: ``portrait``, ``tie``, ``top``, ``margin`` (top minus the next
    highest), ``missing``, then the profile.
    """
    import pandas as pd

    dimensions = [d for d in portraits if d in profile.columns]
    absent = [d for d in portraits if d not in profile.columns]
    rows: list[dict[str, object]] = []
    for _, values in profile.iterrows():
        missing = [d for d in portraits if d in absent or pd.isna(values.get(d))]
        if missing:
            rows.append({"portrait": "", "tie": False, "top": None, "margin": None, "missing": ", ".join(missing)})
            continue
        ranked = sorted(((float(values[d]), d) for d in dimensions), reverse=True)
        top = ranked[0][0]
        leaders = [d for value, d in ranked if abs(value - top) <= _TIE_TOLERANCE]
        runner_up = next((value for value, _ in ranked if abs(value - top) > _TIE_TOLERANCE), None)
        names = [portraits[d] for d in dimensions if d in leaders]
        tie = len(leaders) > 1
        rows.append({
            "portrait": " / ".join(names) + (f" {TIE}" if tie else ""),
            "tie": tie, "top": top, "margin": 0.0 if tie else (top - runner_up if runner_up is not None else None),
            "missing": "",
        })
    out = pd.DataFrame(rows, index=profile.index, columns=["portrait", "tie", "top", "margin", "missing"])
    return out.join(profile[dimensions])


def dominant(counts: pd.DataFrame) -> pd.DataFrame:
    """The dominant column per row of a count table (value codes as columns), ties shown as ties.

    Returns ``dominant`` (``"aligned"`` or ``"aligned / autonomous (tie)"``, empty when the row has
    no counts), ``tie`` and ``share`` (the dominant value's share of the row, %).
    """
    import pandas as pd

    rows = []
    for _, values in counts.iterrows():
        total = float(values.sum())
        if total <= 0:
            rows.append({"dominant": "", "tie": False, "share": 0.0})
            continue
        top = float(values.max())
        leaders = [str(c) for c, v in values.items() if float(v) == top]
        tie = len(leaders) > 1
        rows.append({"dominant": " / ".join(leaders) + (f" {TIE}" if tie else ""), "tie": tie,
                     "share": round(top / total * 100, 1)})
    return pd.DataFrame(rows, index=counts.index, columns=["dominant", "tie", "share"])


def judgement_table(
    judgements: pd.DataFrame,
    *,
    values: Sequence[str],
    by: pd.Series | None = None,
    by_order: Sequence[str] | None = None,
    facets: Sequence[str] | None = None,
    percent: bool = True,
    totals: bool = True,
    decimals: int = 0,
) -> pd.DataFrame:
    """Facets (rows) x value per group (columns): how often each value was judged, as row %.

    ``judgements`` is long: ``case``, ``facet``, ``value``; ``by`` maps case -> group (e.g. role or
    size band). Columns are ``<group>: <value>`` then ``<group>: Total`` (100 with percent, else n).
    A case without a judgement on a facet is left out of that facet's denominator.
    """
    import pandas as pd

    frame = judgements.copy()
    frame["facet"] = labels_of(frame["facet"], missing="(all)")
    facet_order = ordered_labels(list(frame["facet"]), facets)
    if by is None:
        frame["group"] = ""
        groups = [""]
    else:
        frame["group"] = labels_of(frame["case"].map(by))
        groups = ordered_labels(list(frame["group"]), by_order)
    unknown = sorted(set(frame["value"]) - set(values))
    if unknown:
        raise InvalidOperation(f"judged values not in the table's values: {', '.join(unknown)}")
    out = pd.DataFrame(index=pd.Index(facet_order, name="facet"))
    for group in groups:
        subset = frame[frame["group"] == group]
        counts = pd.crosstab(subset["facet"], subset["value"]).reindex(index=facet_order, columns=list(values),
                                                                        fill_value=0)
        row_totals = counts.sum(axis=1)
        cells = counts.div(row_totals.replace(0, float("nan")), axis=0).fillna(0) * 100 if percent else counts
        prefix = f"{group}: " if group else ""
        for value in values:
            out[f"{prefix}{value}"] = cells[value]
        if totals:
            out[f"{prefix}{TOTAL}"] = (row_totals > 0) * 100.0 if percent else row_totals
    return round_frame(out, decimals) if percent else out.astype(int)


def sample_mean(profile: pd.DataFrame) -> pd.Series:
    """The mean of each dimension over the cases that have it (the blue line of a case-vs-sample radar)."""
    return profile.mean(axis=0, skipna=True)


__all__ = ["MISSING", "TIE", "dominant", "judgement_table", "rating_profile", "sample_mean", "typology"]
