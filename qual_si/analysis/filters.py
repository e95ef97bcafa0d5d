"""Which cases a table covers: attribute conditions such as ``phase=primary`` or ``fsm<10``.

A condition is ``NAME OP VALUE`` with OP one of ``= != < <= > >=``; ``=`` and ``!=`` accept several
values separated by ``|`` (``phase=primary|secondary``). A mapping ``{"phase": "primary"}`` or
``{"phase": ["primary", "secondary"]}`` means equality / any of. Text compares case-insensitively;
``<`` and friends compare numbers. A case that lacks the attribute never matches a comparison.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..attributes import display_value
from ..errors import InvalidOperation

if TYPE_CHECKING:
    import pandas as pd

Where = Mapping[str, Any] | Sequence[str] | str | None

_CONDITION = re.compile(r"^\s*(?P<name>.+?)\s*(?P<op><=|>=|!=|=|<|>)\s*(?P<value>.*?)\s*$")


@dataclass(frozen=True)
class Condition:
    name: str
    op: str
    values: tuple[str, ...]

    def describe(self) -> str:
        return f"{self.name} {self.op} {'|'.join(self.values)}"


def parse_where(where: Where) -> list[Condition]:
    """Conditions from a mapping, a list of ``NAME OP VALUE`` strings, or one such string."""
    if where is None:
        return []
    if isinstance(where, str):
        where = [where]
    if isinstance(where, Mapping):
        conditions = []
        for name, wanted in where.items():
            items = wanted if isinstance(wanted, list | tuple | set | frozenset) else [wanted]
            conditions.append(Condition(str(name), "=", tuple(display_value(v) for v in items)))
        return conditions
    parsed = []
    for item in where:
        match = _CONDITION.match(item)
        if not match or not match["name"]:
            raise InvalidOperation(f"cannot read the condition {item!r}; write e.g. 'phase=primary' or 'fsm<10'")
        values = tuple(v.strip() for v in match["value"].split("|")) if match["op"] in ("=", "!=") else (match["value"],)
        parsed.append(Condition(match["name"], match["op"], values))
    return parsed


def select_cases(cases: pd.DataFrame, where: Where) -> pd.Series:
    """A boolean mask over ``cases`` (one row per case, a column per attribute)."""
    import pandas as pd

    mask = pd.Series(True, index=cases.index)
    for condition in parse_where(where):
        if condition.name not in cases.columns:
            known = ", ".join(str(c) for c in cases.columns if c not in ("case_id",))
            raise InvalidOperation(f"no attribute {condition.name!r} to filter on; there are: {known}")
        column = cases[condition.name]
        if condition.op in ("=", "!="):
            wanted = frozenset(v.casefold() for v in condition.values)
            hit = column.map(lambda v, wanted=wanted: display_value(v).casefold() in wanted)
            mask &= hit if condition.op == "=" else ~hit
        else:
            try:
                bound = float(condition.values[0].rstrip("%"))
            except ValueError:
                raise InvalidOperation(f"{condition.describe()!r}: {condition.values[0]!r} is not a number") from None
            numeric = pd.to_numeric(column, errors="coerce")
            compare = {"<": numeric < bound, "<=": numeric <= bound, ">": numeric > bound, ">=": numeric >= bound}
            mask &= compare[condition.op].fillna(False)
    return mask


def describe_where(where: Where) -> str:
    """A one-line account of the filter, for the 'about' sheet of an export."""
    conditions = parse_where(where)
    return "; ".join(c.describe() for c in conditions) if conditions else "all cases"
