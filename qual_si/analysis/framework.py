"""Framework matrices: cases x codes where each cell holds the coded quotes and an analyst's summary.

Quotes are the merged segments of :mod:`.rollup` (a passage coded with a parent and its child is one
quote of the parent column), attributed as ``Speaker: "..." (m:ss)`` with their document.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from ..quotes import quote_with_attribution
from .matrix import NO_CASE, CodingData, Selection, column_labels

if TYPE_CHECKING:
    import pandas as pd

QUOTE_COLUMNS = ["case", "case_id", "code", "column_id", "document", "document_id", "start", "end", "speaker",
                 "role", "start_s", "text", "quote"]


def framework_quotes(data: CodingData, selection: Selection, texts: Mapping[int, str]) -> pd.DataFrame:
    """One row per (case, column, passage), in case, column and document order."""
    import numpy as np
    import pandas as pd

    segments = selection.segments
    if not selection.include_unlinked:
        segments = segments[segments["case_id"].isin(selection.case_ids)]
    if segments.empty:
        return pd.DataFrame(columns=QUOTE_COLUMNS)
    frame = segments.copy()
    speaker: Any = np.full(len(frame), None, dtype=object)
    role: Any = np.full(len(frame), None, dtype=object)
    start_s: Any = np.full(len(frame), np.nan)
    layout = data.layout
    if layout is not None and len(layout.utterances):
        gstart = layout.to_global(frame["document_id"], frame["start"])
        utts = layout.utterances
        index = np.searchsorted(utts["gstart"].to_numpy(), gstart, side="right") - 1
        inside = (index >= 0) & (utts["gend"].to_numpy()[np.clip(index, 0, None)] > gstart)
        if "speaker" in utts.columns:
            speaker = np.where(inside, utts["speaker"].to_numpy(dtype=object)[np.clip(index, 0, None)], None)
        role = np.where(inside, utts["role"].to_numpy(dtype=object)[np.clip(index, 0, None)], None)
        if "start_s" in utts.columns:
            start_s = np.where(inside, utts["start_s"].to_numpy(dtype=float)[np.clip(index, 0, None)], np.nan)
    frame["speaker"], frame["role"], frame["start_s"] = speaker, role, start_s
    names = data.documents.set_index("document_id")["document"]
    case_names = data.cases.set_index("case_id")["case"]
    frame["document"] = frame["document_id"].map(names)
    frame["case"] = frame["case_id"].map(case_names).fillna(NO_CASE)
    frame["case_id"] = frame["case_id"].fillna(-1).astype("int64")
    labels = dict(zip(selection.columns, column_labels(data.codes, selection.columns, selection.labels), strict=True))
    frame["code"] = frame["column_id"].map(labels)
    frame["text"] = [texts[d][s:e] if d in texts else "" for d, s, e in
                     zip(frame["document_id"], frame["start"], frame["end"], strict=True)]
    frame["quote"] = [
        quote_with_attribution(t, sp if isinstance(sp, str) else None, None if st != st else st)
        for t, sp, st in zip(frame["text"], frame["speaker"], frame["start_s"], strict=True)
    ]
    order = {c: i for i, c in enumerate(selection.columns)}
    frame["_col"] = frame["column_id"].map(order)
    frame = frame.sort_values(["case", "_col", "document", "start"]).drop(columns="_col")
    return frame[QUOTE_COLUMNS].reset_index(drop=True)


def framework_table(
    quotes: pd.DataFrame,
    summaries: pd.DataFrame,
    *,
    cases: Sequence[str],
    codes: Sequence[str],
    max_quotes: int = 3,
    max_chars: int = 400,
) -> pd.DataFrame:
    """The printable framework matrix: each cell is the summary, then up to ``max_quotes`` quotes.

    ``summaries`` has ``case``, ``code``, ``summary``. Quotes longer than ``max_chars`` are
    shortened with an ellipsis; the cell says how many more quotes there are.
    """
    import pandas as pd

    cells: dict[tuple[str, str], list[str]] = {}
    if len(summaries):
        for case, code, summary in zip(summaries["case"], summaries["code"], summaries["summary"], strict=True):
            if summary:
                cells[(case, code)] = [summary]
    if len(quotes):
        # Vectorised: number each cell's quotes, keep the first few, join them per cell. A loop
        # over every (case, code) pair took minutes on 500 cases x 300 codes.
        keys = [quotes["case"], quotes["code"]]
        rank = quotes.groupby(keys, sort=False).cumcount()
        totals = quotes.groupby(keys, sort=False).size()
        shown = quotes[rank < max_quotes]
        text = shown["quote"].where(shown["quote"].str.len() <= max_chars,
                                    shown["quote"].str.slice(0, max_chars - 1) + "\u2026")
        lines = "- " + text + " [" + shown["document"].astype(str) + "]"
        for (case, code), body in lines.groupby([shown["case"], shown["code"]], sort=False).agg("\n".join).items():
            parts = cells.setdefault((case, code), [])
            parts.append(body)
            extra = int(totals[(case, code)]) - max_quotes
            if extra > 0:
                parts.append(f"(+{extra} more)")
    table = pd.DataFrame("", index=pd.Index(list(cases), name="case"), columns=list(codes), dtype=object)
    rows = {case: i for i, case in enumerate(table.index)}
    columns = {code: j for j, code in enumerate(table.columns)}
    values = table.to_numpy(copy=True)
    for (case, code), parts in cells.items():
        if case in rows and code in columns:
            values[rows[case], columns[code]] = "\n".join(parts)
    return pd.DataFrame(values, index=table.index, columns=table.columns)
