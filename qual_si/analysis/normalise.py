"""Value normalisation for attributes: one spelling per meaning, and numbers out of text.

Published case tables mix ``None`` and ``No``, ``N/a`` and ``n/a``, ``Primary and secondary`` and
``Secondary and primary``; a column of school counts holds ``More than 40``. These helpers compute
the cleaned values; the facade stores them (in place or into a new attribute) as one undoable action.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ..errors import InvalidOperation

if TYPE_CHECKING:
    import pandas as pd

_FIRST_NUMBER = re.compile(r"[-+]?\d+(?:\.\d+)?")


def _key(value: str) -> str:
    return " ".join(value.split()).casefold()


def normalise_values(
    values: pd.Series, mapping: Mapping[str, Any] | None = None, *, fold_case: bool = False,
) -> pd.Series:
    """Apply ``mapping`` (old -> new; matched ignoring case and spacing when ``fold_case``), then,
    with ``fold_case``, give values that differ only in case/spacing their most common spelling."""
    rules = {str(k): v for k, v in (mapping or {}).items()}
    folded_rules = {_key(k): v for k, v in rules.items()}

    def apply(value: Any) -> Any:
        if value is None or (isinstance(value, float) and value != value):
            return value
        text = str(value)
        if text in rules:
            return rules[text]
        if fold_case and _key(text) in folded_rules:
            return folded_rules[_key(text)]
        return value

    mapped = values.map(apply)
    if not fold_case:
        return mapped
    spellings: dict[str, Counter[str]] = {}
    for value in mapped.dropna():
        text = str(value)
        spellings.setdefault(_key(text), Counter())[text] += 1
    canonical = {key: counts.most_common(1)[0][0] for key, counts in spellings.items()}
    return mapped.map(lambda v: v if v is None or (isinstance(v, float) and v != v) else canonical[_key(str(v))])


def to_numbers(values: pd.Series) -> tuple[pd.Series, dict[str, float]]:
    """The first number in each value (``"67% converter"`` -> 67.0); returns the numbers and the
    conversions that were not plain numbers (for the report). A value with no number is refused."""
    import pandas as pd

    converted: dict[str, float] = {}

    def number(value: Any) -> float | None:
        if value is None or (isinstance(value, float) and value != value) or str(value).strip() == "":
            return None
        if isinstance(value, int | float) and not isinstance(value, bool):
            return float(value)
        text = str(value).strip()
        match = _FIRST_NUMBER.search(text.replace(",", ""))
        if match is None:
            raise InvalidOperation(f"{text!r} holds no number; map it to one first (e.g. 'More than 40=41')")
        result = float(match.group())
        if match.group() != text.replace(",", "").rstrip("%"):
            converted[text] = result
        return result

    return pd.Series([number(v) for v in values], index=values.index, dtype=float), converted


def suggest_mapping(values: pd.Series) -> dict[str, str]:
    """Spellings that probably mean the same: case/spacing variants and known synonyms.

    Each variant maps to the most common spelling of its group.
    """
    from .quality import SYNONYMS

    texts = [str(v) for v in values.dropna() if str(v).strip()]
    counts = Counter(texts)
    groups: dict[str, list[str]] = {}
    synonym_of = {_key(word): _key(group[0]) for group in SYNONYMS for word in group}
    for text in counts:
        key = _key(text)
        groups.setdefault(synonym_of.get(key, key), []).append(text)
    mapping: dict[str, str] = {}
    for members in groups.values():
        if len(members) < 2:
            continue
        best = max(members, key=lambda m: (counts[m], -members.index(m)))
        for member in members:
            if member != best:
                mapping[member] = best
    return mapping
