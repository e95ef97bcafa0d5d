"""Typed attribute values and derived bands: pure rules, no database.

Values are stored as (text, number) pairs; this module is the one place that turns user input
into typed values and back, and that puts a number into its band.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from .errors import InvalidOperation
from .model import AttributeType, AttributeValue

if TYPE_CHECKING:
    import pandas as pd

ATTRIBUTE_TYPES: tuple[str, ...] = ("text", "number", "category", "date", "boolean")
_TRUE = {"true", "yes", "y", "1"}
_FALSE = {"false", "no", "n", "0"}
_NUMBER = re.compile(r"^[+-]?(\d{1,3}(,\d{3})+|\d+)?(\.\d+)?%?$")


def coerce(kind: str, raw: AttributeValue | int) -> AttributeValue:
    """Turn user input (often a string) into a value of ``kind``; raise on a mismatch."""
    if raw is None or (isinstance(raw, str) and raw.strip() == ""):
        return None
    if isinstance(raw, float) and math.isnan(raw):
        return None
    if kind == "number":
        if isinstance(raw, bool):
            raise InvalidOperation(f"{raw!r} is not a number")
        if isinstance(raw, int | float):
            return float(raw)
        text = str(raw).strip()
        if not _NUMBER.match(text) or text in {"%", "."}:
            raise InvalidOperation(f"{raw!r} is not a number")
        return float(text.rstrip("%").replace(",", ""))
    if kind == "boolean":
        if isinstance(raw, bool):
            return raw
        lowered = str(raw).strip().lower()
        if lowered in _TRUE:
            return True
        if lowered in _FALSE:
            return False
        raise InvalidOperation(f"{raw!r} is not yes/no")
    if kind == "date":
        if isinstance(raw, datetime):
            return raw.date()
        if isinstance(raw, date):
            return raw
        text = str(raw).strip()
        for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%d.%m.%Y", "%Y/%m/%d"):
            try:
                return datetime.strptime(text, fmt).date()
            except ValueError:
                continue
        raise InvalidOperation(f"{raw!r} is not a date (use YYYY-MM-DD)")
    if kind in ("text", "category"):
        if isinstance(raw, float) and raw.is_integer():
            return str(int(raw))
        return str(raw).strip()
    raise InvalidOperation(f"unknown attribute type {kind!r}; use one of {', '.join(ATTRIBUTE_TYPES)}")


def encode(kind: str, value: AttributeValue) -> tuple[str | None, float | None]:
    """(value_text, value_number) for storage."""
    if value is None:
        return None, None
    if kind == "number":
        assert isinstance(value, float | int)
        return None, float(value)
    if kind == "boolean":
        return ("true" if value else "false"), None
    if kind == "date":
        assert isinstance(value, date)
        return value.isoformat(), None
    return str(value), None


def decode(kind: str, value_text: str | None, value_number: float | None) -> AttributeValue:
    if kind == "number":
        return value_number
    if value_text is None:
        return None
    if kind == "boolean":
        return value_text == "true"
    if kind == "date":
        return date.fromisoformat(value_text)
    return value_text


def default_band_labels(cuts: Sequence[float], integers: bool = True) -> list[str]:
    """Labels for bands starting at each cut: cuts 3, 7, 15 -> '3-6', '7-14', '15+'."""
    labels = []
    for i, low in enumerate(cuts):
        if i + 1 < len(cuts):
            high = cuts[i + 1]
            labels.append(f"{_fmt(low)}-{_fmt(high - 1)}" if integers else f"{_fmt(low)} to <{_fmt(high)}")
        else:
            labels.append(f"{_fmt(low)}+")
    return labels


def band_of(value: AttributeValue, cuts: Sequence[float], labels: Sequence[str]) -> str | None:
    """The band a number falls in: ``[cut_i, cut_i+1)``; below the first cut gets 'below N'.

    ``labels`` has one label per cut, or one more whose first entry names the values below
    the first cut.
    """
    if value is None or isinstance(value, bool) or not isinstance(value, int | float):
        return None
    below = labels[0] if len(labels) == len(cuts) + 1 else f"below {_fmt(cuts[0])}"
    band_labels = labels[1:] if len(labels) == len(cuts) + 1 else labels
    if value < cuts[0]:
        return below
    index = max(i for i, cut in enumerate(cuts) if value >= cut)
    return band_labels[index]


def validate_cuts(cuts: Sequence[float], labels: Sequence[str] | None) -> None:
    if not cuts:
        raise InvalidOperation("a band needs at least one cut-point")
    if any(b <= a for a, b in zip(cuts, cuts[1:], strict=False)):
        raise InvalidOperation(f"cut-points must increase: {', '.join(_fmt(c) for c in cuts)}")
    if labels is not None and len(labels) not in (len(cuts), len(cuts) + 1):
        raise InvalidOperation(
            f"{len(cuts)} cut-points need {len(cuts)} labels (or {len(cuts) + 1} with one for values below)"
        )


def band_series(
    values: pd.Series, cuts: Sequence[float], labels: Sequence[str] | None = None,
) -> tuple[pd.Series, list[str]]:
    """Each value's band (missing for a value that is not a number) and every band's label in
    order, the 'below' band first: the one way tables and charts turn a number into groups."""
    import pandas as pd

    chosen = list(labels) if labels else None
    validate_cuts(cuts, chosen)
    band_labels = chosen or default_band_labels(cuts)
    numbers = pd.to_numeric(values, errors="coerce")
    bands = numbers.map(lambda v: None if v != v else band_of(float(v), cuts, band_labels))
    order = band_labels if len(band_labels) == len(cuts) + 1 else [f"below {_fmt(cuts[0])}", *band_labels]
    return bands, order


def display_value(value: Any) -> str:
    """A value as tables, filters and vignettes show it: empty for missing, Yes/No for booleans,
    whole numbers without '.0'."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _fmt(number: float) -> str:
    return str(int(number)) if float(number).is_integer() else f"{number:g}"


def kind_of(value: AttributeValue | int) -> AttributeType:
    """The attribute type a Python value suggests (for set_attribute on a new attribute)."""
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, date):
        return "date"
    return "text"
