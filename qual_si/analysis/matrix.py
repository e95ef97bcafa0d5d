"""Case x code matrices (and document, participant or attribute x code), from frames to frames.

Measures, all counted on the merged segments of :mod:`.rollup` (a passage counts once per column):

- ``segments`` - distinct coded passages (the "codings" of a rolled-up matrix);
- ``documents`` - documents with at least one such passage;
- ``participants`` - participants (speakers with the participant role) whose turns a passage touches;
- ``cases`` - cases with at least one passage (for grouped rows; equals presence for case rows);
- ``presence`` - 1 when the row has the code at all, else 0;
- ``share`` - % of the row's participant words that lie in passages of the code (a word counts
  when it starts inside the passage and inside a participant turn).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..errors import InvalidOperation
from . import rollup
from .filters import Where, describe_where, select_cases
from .layout import Layout, segment_utterance_pairs
from .tables import MISSING, TOTAL, labels_of, ordered_labels, round_frame

if TYPE_CHECKING:
    import pandas as pd

MEASURES = ("segments", "documents", "participants", "cases", "presence", "share")
ROW_KINDS = ("case", "document", "participant")
NO_CASE = "(no case)"


@dataclass
class CodingData:
    """Everything a matrix is computed from, as frames (the facade gathers them in a few queries).

    - ``codings``: ``document_id``, ``code_id``, ``start``, ``end``, ``coder``, ``origin``
    - ``codes``: ``id``, ``parent_id``, ``label`` in tree order
    - ``documents``: ``document_id``, ``document``, ``case_id``, ``char_count``
    - ``cases``: ``case_id``, ``case`` and one column per attribute
    - ``layout``: utterances on one number line (needed for participants and share)
    """

    codings: pd.DataFrame
    codes: pd.DataFrame
    documents: pd.DataFrame
    cases: pd.DataFrame
    layout: Layout | None = None
    category_orders: dict[str, list[str]] = field(default_factory=dict)


@dataclass
class Selection:
    """What a table covers: columns (code ids), cases, and which codings count."""

    columns: list[int]
    case_ids: list[int]
    include_unlinked: bool
    segments: pd.DataFrame
    description: dict[str, str]
    #: Column labels that differ from the code's own label (a parent's "itself" column).
    labels: dict[int, str] = field(default_factory=dict)


def select(
    data: CodingData,
    *,
    depth: int | None = None,
    codes: Sequence[int] | None = None,
    where: Where = None,
    coder: str | Sequence[str] | None = None,
    origin: str | Sequence[str] | None = None,
) -> Selection:
    """Choose the columns, filter cases and codings, and merge the codings into segments."""
    import numpy as np

    code_frame = data.codes
    labels: dict[int, str] = {}
    if codes is not None:
        columns = [int(c) for c in codes]
        mapping = rollup.column_map(code_frame, columns)
    else:
        if depth is None:
            columns = rollup.columns_at_depth(code_frame, None)
        else:
            columns, above = rollup.depth_cut(code_frame, depth)
            # A code above the cut whose sub-codes go below it keeps its own codings in an
            # "(itself)" column, so every coding lands in exactly one column.
            direct = set(data.codings["code_id"].astype(int)) & set(above)
            if direct:
                chosen = set(columns) | direct
                columns = [int(i) for i in code_frame["id"] if int(i) in chosen]
                shown = code_frame.set_index("id")["label"]
                labels = {i: f"{shown[i]} (itself)" for i in direct}
        mapping = rollup.column_map(code_frame, columns, nearest=True)
    mask = select_cases(data.cases, where) if where else None
    case_ids = [int(i) for i in (data.cases["case_id"] if mask is None else data.cases.loc[mask, "case_id"])]
    codings = data.codings
    keep = np.ones(len(codings), dtype=bool)
    if coder is not None:
        keep &= codings["coder"].isin([coder] if isinstance(coder, str) else list(coder)).to_numpy()
    if origin is not None:
        keep &= codings["origin"].isin([origin] if isinstance(origin, str) else list(origin)).to_numpy()
    documents = data.documents
    if mask is not None:
        allowed_documents = documents.loc[documents["case_id"].isin(case_ids), "document_id"]
        keep &= codings["document_id"].isin(allowed_documents).to_numpy()
    filtered = codings[keep]
    segments = rollup.merge_segments(filtered, mapping)
    case_of = documents.set_index("document_id")["case_id"]
    segments["case_id"] = segments["document_id"].map(case_of)
    description = {
        "filter": describe_where(where),
        "coder": "all coders" if coder is None else (coder if isinstance(coder, str) else ", ".join(coder)),
        "origin": "all origins" if origin is None else (origin if isinstance(origin, str) else ", ".join(origin)),
        "depth": "codes as coded (no roll-up)" if depth is None and codes is None else (
            f"depth {depth}" if codes is None else "chosen codes with their sub-codes"),
    }
    return Selection(columns=columns, case_ids=case_ids, include_unlinked=mask is None, segments=segments,
                     description=description, labels=labels)


def column_labels(codes: pd.DataFrame, columns: Sequence[int], overrides: dict[int, str] | None = None) -> list[str]:
    labels = codes.set_index("id")["label"]
    extra = overrides or {}
    return [extra.get(c) or str(labels.get(c, c)) for c in columns]


def code_matrix(data: CodingData, selection: Selection, *, rows: str = "case", measure: str = "segments") -> pd.DataFrame:
    """Rows x code columns for one measure. Rows: ``case``, ``document``, ``participant``, or an attribute.

    Every row in the selection appears (zeros included); an empty selection is an empty table with
    its headers. ``frame.attrs`` carries ``column_ids``, ``row_ids`` (case/document ids), the
    measure and the filters, for drill-down and export.
    """
    _check_measure(measure)
    if rows not in ROW_KINDS:
        return grouped_matrix(data, selection, by=rows, measure=measure).counts
    if measure == "share":
        table = _share(data, selection, rows)
    elif rows == "participant" or measure == "participants":
        table = _participant_counts(data, selection, rows, measure)
    else:
        table = _simple_counts(data, selection, rows, measure)
    table.attrs.update({"measure": measure, "rows": rows, "column_ids": list(selection.columns),
                        **selection.description})
    return table


def _row_keys(data: CodingData, selection: Selection, rows: str) -> tuple[list[Any], list[str]]:
    """Row ids and their labels, every selected row included."""
    if rows == "case":
        names = data.cases.set_index("case_id")["case"]
        keys: list[Any] = list(selection.case_ids)
        labels = [str(names[k]) for k in keys]
        unlinked = data.documents["case_id"].isna().any()
        if selection.include_unlinked and unlinked:
            keys.append(-1)
            labels.append(NO_CASE)
        return keys, labels
    documents = data.documents
    if not selection.include_unlinked:
        documents = documents[documents["case_id"].isin(selection.case_ids)]
    if rows == "document":
        ordered = documents.sort_values("document")
        return [int(i) for i in ordered["document_id"]], [str(n) for n in ordered["document"]]
    assert data.layout is not None, "participant rows need the utterance layout"
    utts = data.layout.utterances
    names = utts.loc[utts["document_id"].isin(documents["document_id"]) & utts["participant"].notna(), "participant"]
    ordered_names = sorted(dict.fromkeys(str(n) for n in names))
    return list(ordered_names), list(ordered_names)


def _frame(counts: pd.Series, keys: list[Any], labels: list[str], selection: Selection,
           data: CodingData, index_name: str) -> pd.DataFrame:
    """Unstack (row key, column id) -> value into the full rows x columns table."""
    import pandas as pd

    wide = counts.unstack(fill_value=0) if len(counts) else pd.DataFrame()
    wide = wide.reindex(index=keys, columns=selection.columns, fill_value=0).fillna(0)
    wide.index = pd.Index(labels, name=index_name)
    wide.columns = pd.Index(column_labels(data.codes, selection.columns, selection.labels), name="code")
    wide.attrs["row_ids"] = list(keys)
    return wide


def _simple_counts(data: CodingData, selection: Selection, rows: str, measure: str) -> pd.DataFrame:
    segments = selection.segments
    key = "case_id" if rows == "case" else "document_id"
    keys, labels = _row_keys(data, selection, rows)
    frame = segments.assign(row=segments[key].fillna(-1).astype("int64"))
    if measure in ("segments",):
        counts = frame.groupby(["row", "column_id"]).size()
    elif measure == "documents":
        counts = frame.groupby(["row", "column_id"])["document_id"].nunique()
    else:  # presence / cases
        counts = (frame.groupby(["row", "column_id"]).size() > 0).astype(int)
    return _frame(counts, keys, labels, selection, data, rows).astype(int)


def _participant_pairs(data: CodingData, selection: Selection) -> pd.DataFrame:
    """(segment row, participant) for every participant turn a segment touches, with overlap bounds."""
    layout = data.layout
    if layout is None:
        raise InvalidOperation("participant measures need utterances")
    segments = selection.segments
    gstart = layout.to_global(segments["document_id"], segments["start"])
    gend = layout.to_global(segments["document_id"], segments["end"])
    pairs = segment_utterance_pairs(layout, gstart, gend)
    participant = layout.utterances["participant"].to_numpy()[pairs["utterance"].to_numpy()]
    pairs["participant"] = participant
    pairs = pairs[pairs["participant"].notna()]
    seg = segments.iloc[pairs["segment"].to_numpy()]
    pairs["column_id"] = seg["column_id"].to_numpy()
    pairs["document_id"] = seg["document_id"].to_numpy()
    pairs["case_id"] = seg["case_id"].fillna(-1).astype("int64").to_numpy()
    return pairs


def _participant_counts(data: CodingData, selection: Selection, rows: str, measure: str) -> pd.DataFrame:
    pairs = _participant_pairs(data, selection)
    keys, labels = _row_keys(data, selection, rows)
    row_key = {"case": "case_id", "document": "document_id", "participant": "participant"}[rows]
    grouped = pairs.groupby([row_key, "column_id"])
    if measure == "segments":
        counts = grouped["segment"].nunique()
    elif measure == "documents":
        counts = grouped["document_id"].nunique()
    elif measure == "participants":
        counts = grouped["participant"].nunique()
    else:
        counts = (grouped.size() > 0).astype(int)
    return _frame(counts, keys, labels, selection, data, rows).astype(int)


def _share(data: CodingData, selection: Selection, rows: str) -> pd.DataFrame:
    """% of the row's participant words inside the code's passages (one decimal)."""
    import numpy as np

    row_key = {"case": "case_id", "document": "document_id", "participant": "participant"}[rows]
    coded, totals = _participant_words(data, selection, row_key)
    keys, labels = _row_keys(data, selection, rows)
    wide = _frame(coded, keys, labels, selection, data, rows).astype(float)
    denominators = np.array([float(totals.get(k, 0)) for k in keys])
    with np.errstate(divide="ignore", invalid="ignore"):
        values = np.where(denominators[:, None] > 0, wide.to_numpy() / denominators[:, None] * 100, 0.0)
    wide.loc[:, :] = values
    wide.attrs["participant_words"] = dict(zip(labels, denominators.astype(int).tolist(), strict=True))
    return round_frame(wide, 1)


def _participant_words(data: CodingData, selection: Selection, row_key: str) -> tuple[pd.Series, pd.Series]:
    """Coded participant words per (``row_key``, column id) and participant words per ``row_key``.

    ``row_key`` is ``case_id`` (-1 for documents without a case), ``document_id`` or ``participant``.
    A word counts when it starts inside the passage and inside a participant turn.
    """
    layout = data.layout
    if layout is None or layout.word_starts is None:
        raise InvalidOperation("the share measure needs the documents' words")
    pairs = _participant_pairs(data, selection)
    pairs["words"] = layout.words_between(pairs["lo"].to_numpy(), pairs["hi"].to_numpy())
    coded = pairs.groupby([row_key, "column_id"])["words"].sum()
    utts = layout.utterances[layout.utterances["participant"].notna()].copy()
    utts["words"] = layout.words_between(utts["gstart"].to_numpy(), utts["gend"].to_numpy())
    case_of = data.documents.set_index("document_id")["case_id"]
    utts["case_id"] = utts["document_id"].map(case_of).fillna(-1).astype("int64")
    totals = utts.groupby(row_key)["words"].sum()
    return coded, totals


@dataclass
class GroupedTable:
    """A matrix grouped by an attribute: ``counts`` (with ``cases`` and a Total row) and ``percent``."""

    counts: pd.DataFrame
    percent: pd.DataFrame


def grouped_matrix(
    data: CodingData, selection: Selection, *, by: str, measure: str = "cases", percent: str | None = None,
    cuts: Sequence[float] | None = None, labels: Sequence[str] | None = None, decimals: int = 0,
) -> GroupedTable:
    """Group the case rows by an attribute (or a band of a number, with ``cuts``), with totals.

    Counts: ``cases`` (cases mentioning) or ``presence`` count cases; ``segments``/``documents``/
    ``participants`` are summed; ``share`` is coded participant words over participant words.
    ``percent``: ``cases`` (% of the group's cases; the default for cases/presence) or ``row``
    (% of the row's total across codes; the default for counts). Cases without a value go to a
    ``missing`` row. A ``cases`` column gives each group's size.
    """
    import numpy as np
    import pandas as pd

    _check_measure(measure)
    if by not in data.cases.columns:
        known = ", ".join(c for c in data.cases.columns if c not in ("case_id", "case"))
        raise InvalidOperation(f"no attribute {by!r} to group by; there are: {known}")
    base_measure = "presence" if measure in ("cases", "presence") else measure
    case_rows = selection.case_ids
    cases = data.cases.set_index("case_id").loc[case_rows]
    if cuts is not None:
        from ..attributes import band_series

        values, order = band_series(cases[by], cuts, labels)
    else:
        values = cases[by]
        order = data.category_orders.get(by, [])
    group = labels_of(values)
    group_names = ordered_labels(list(group), order)
    unlinked = Selection(selection.columns, selection.case_ids, False, selection.segments, selection.description)
    if base_measure == "share":
        numer, denom = _share_parts(data, unlinked)
        numer_g = numer.groupby(group.reindex(numer.index).to_numpy()).sum().reindex(group_names, fill_value=0)
        denom_g = denom.groupby(group.reindex(denom.index).to_numpy()).sum().reindex(group_names, fill_value=0)
        total_row = numer_g.sum() / max(denom_g.sum(), 1) * 100
        counts = numer_g.div(denom_g.replace(0, np.nan), axis=0).fillna(0) * 100
        counts.loc[TOTAL] = total_row
        counts = round_frame(counts, 1)
        counts.insert(0, "cases", [int((group == g).sum()) for g in group_names] + [len(group)])
        return GroupedTable(counts=counts, percent=counts.copy())
    case_table = code_matrix(data, unlinked, rows="case", measure=base_measure)
    case_table.index = pd.Index(case_rows)
    counts = case_table.groupby(group.to_numpy()).sum().reindex(group_names, fill_value=0).astype(int)
    counts.loc[TOTAL] = counts.sum(axis=0)
    sizes = [int((group == g).sum()) for g in group_names] + [len(group)]
    counts.insert(0, "cases", sizes)
    counts.index.name = by
    counts.columns.name = "code"
    mode = percent or ("cases" if base_measure == "presence" else "row")
    body = counts.drop(columns="cases").astype(float)
    if mode == "cases":
        pct = body.div(pd.Series(sizes, index=counts.index).replace(0, np.nan), axis=0) * 100
    elif mode == "row":
        pct = body.div(body.sum(axis=1).replace(0, np.nan), axis=0) * 100
        pct[TOTAL] = pct.sum(axis=1)
    else:
        raise InvalidOperation(f"percent must be 'cases' or 'row', not {mode!r}")
    pct = round_frame(pct.fillna(0.0), decimals)
    pct.insert(0, "cases", sizes)
    for frame in (counts, pct):
        frame.attrs.update({"measure": measure, "rows": by, "column_ids": list(selection.columns),
                            **selection.description})
    pct.attrs["percent"] = mode
    return GroupedTable(counts=counts, percent=pct)


def _share_parts(data: CodingData, selection: Selection) -> tuple[pd.DataFrame, pd.Series]:
    """Coded participant words (case x column) and participant words per case."""
    coded, totals = _participant_words(data, selection, "case_id")
    wide = coded.unstack(fill_value=0).reindex(index=selection.case_ids, columns=selection.columns, fill_value=0)
    wide.columns = column_labels(data.codes, selection.columns, selection.labels)
    return wide, totals.reindex(selection.case_ids, fill_value=0)


def _check_measure(measure: str) -> None:
    if measure not in MEASURES:
        raise InvalidOperation(f"unknown measure {measure!r}; use one of {', '.join(MEASURES)}")


__all__ = ["MEASURES", "MISSING", "ROW_KINDS", "CodingData", "GroupedTable", "Selection", "code_matrix",
           "column_labels", "grouped_matrix", "select"]
