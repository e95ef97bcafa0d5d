"""Cross-case tables: matrices, framework matrices, attribute tables, ratings, typology, judgements.

The facade gathers frames (see ``analysis_frames``), calls :mod:`qual_si.analysis` and returns
DataFrames. Options shared by the matrix methods:

- ``depth``: cut the code tree at this depth (1 = top-level codes), rolling sub-codes up without
  counting a passage twice; ``None`` keeps codes as coded. ``codes``: explicit columns instead
  (each with its sub-codes). ``codebook``: only that codebook's codes.
- ``where``: case filter (``{"phase": "primary"}`` or ``["fsm<10", "region=London|North West"]``).
- ``coder`` / ``origin``: only codings by these coders / of these origins.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..errors import InvalidOperation, NotFound
from .analysis_judgements import AnalysisJudgementsMixin

if TYPE_CHECKING:
    import pandas as pd

    from ..analysis.filters import Where
    from ..analysis.matrix import CodingData, GroupedTable, Selection
    from ..model import Code

FOUR_PS = "d003_four_ps"
PORTRAITS = "d003_typology_portraits"


@dataclass
class FrameworkMatrix:
    """``table``: cases x codes text cells; ``quotes``: one row per quote; ``summaries``: stored cell summaries."""

    table: pd.DataFrame
    quotes: pd.DataFrame
    summaries: pd.DataFrame


@dataclass
class NormaliseReport:
    attribute: str
    target: str
    changed: dict[str, Any] = field(default_factory=dict)
    converted: dict[str, float] = field(default_factory=dict)
    values: int = 0


class AnalysisTablesMixin(AnalysisJudgementsMixin):
    """The tables built from the coding, the attributes and the judgements."""

    # -- matrices ------------------------------------------------------------------------------

    def _selection(
        self, *, depth: int | None, codes: Sequence[int | str] | None, codebook: str | None, where: Where,
        coder: str | Sequence[str] | None, origin: str | Sequence[str] | None, words: bool = False,
        layout: bool = True,
    ) -> tuple[CodingData, Selection]:
        from ..analysis import matrix

        data = self._coding_data(codebook=codebook, layout=layout, words=words, coder=coder is not None,
                                 origin=origin is not None)
        selection = matrix.select(data, depth=depth, codes=self._column_ids(codes), where=where, coder=coder,
                                  origin=origin)
        return data, selection

    def matrix(
        self, *, rows: str = "case", measure: str = "segments", depth: int | None = None,
        codes: Sequence[int | str] | None = None, codebook: str | None = None, where: Where = None,
        coder: str | Sequence[str] | None = None, origin: str | Sequence[str] | None = None,
    ) -> pd.DataFrame:
        """Rows (``case``, ``document``, ``participant`` or an attribute) x codes for one measure:
        ``segments`` (distinct coded passages after roll-up), ``documents``, ``participants``,
        ``cases``, ``presence`` (0/1) or ``share`` (% of participant words coded)."""
        from ..analysis import matrix

        data, selection = self._selection(depth=depth, codes=codes, codebook=codebook, where=where, coder=coder,
                                          origin=origin, words=measure == "share",
                                          layout=measure in ("share", "participants") or rows == "participant")
        return matrix.code_matrix(data, selection, rows=rows, measure=measure)

    def grouped_matrix(
        self, by: str, *, measure: str = "cases", percent: str | None = None, cuts: Sequence[float] | None = None,
        labels: Sequence[str] | None = None, depth: int | None = None, codes: Sequence[int | str] | None = None,
        codebook: str | None = None, where: Where = None, coder: str | Sequence[str] | None = None,
        origin: str | Sequence[str] | None = None,
    ) -> GroupedTable:
        """Cases grouped by an attribute or band (``cuts`` make ad-hoc bands of a number) x codes:
        counts with a ``cases`` column and a Total row, and percentages (``cases`` or ``row``)."""
        from ..analysis import matrix

        data, selection = self._selection(depth=depth, codes=codes, codebook=codebook, where=where, coder=coder,
                                          origin=origin, words=measure == "share",
                                          layout=measure in ("share", "participants"))
        return matrix.grouped_matrix(data, selection, by=by, measure=measure, percent=percent, cuts=cuts,
                                     labels=labels)

    def cooccurrence(
        self, *, mode: str = "overlap", window: int = 1, jaccard: bool = False, depth: int | None = None,
        codes: Sequence[int | str] | None = None, codebook: str | None = None, where: Where = None,
        coder: str | Sequence[str] | None = None, origin: str | Sequence[str] | None = None,
    ) -> pd.DataFrame:
        """Code x code co-occurrence: ``overlap`` (shared characters), ``utterance`` or ``window``
        (within ``window`` utterances); counts, or Jaccard similarity with ``jaccard``."""
        from ..analysis.cooccurrence import cooccurrence

        data, selection = self._selection(depth=depth, codes=codes, codebook=codebook, where=where, coder=coder,
                                          origin=origin, layout=mode != "overlap")
        return cooccurrence(data, selection, mode=mode, window=window, jaccard=jaccard)

    # -- framework matrix ----------------------------------------------------------------------

    def framework_matrix(
        self, *, depth: int | None = None, codes: Sequence[int | str] | None = None, codebook: str | None = None,
        where: Where = None, coder: str | Sequence[str] | None = None, origin: str | Sequence[str] | None = None,
        max_quotes: int = 3,
    ) -> FrameworkMatrix:
        """Cases x codes, each cell the analyst's summary and the coded quotes with attribution."""
        from ..analysis.framework import framework_table
        from ..analysis.matrix import column_labels

        data, selection, quotes = self._framework_quotes(depth=depth, codes=codes, codebook=codebook, where=where,
                                                         coder=coder, origin=origin)
        labels = column_labels(data.codes, selection.columns, selection.labels)
        label_of = dict(zip(selection.columns, labels, strict=True))
        summaries = self.cell_summaries()
        summaries = summaries[summaries["code_id"].isin(selection.columns)].copy()
        summaries["code"] = summaries["code_id"].map(label_of)
        names = data.cases.set_index("case_id")["case"]
        cases = [str(names[c]) for c in selection.case_ids]
        table = framework_table(quotes, summaries, cases=cases, codes=labels, max_quotes=max_quotes)
        table.attrs.update({"column_ids": list(selection.columns), **selection.description})
        return FrameworkMatrix(table=table, quotes=quotes, summaries=summaries)

    def _framework_quotes(
        self, *, depth: int | None, codes: Sequence[int | str] | None, codebook: str | None, where: Where,
        coder: str | Sequence[str] | None, origin: str | Sequence[str] | None,
    ) -> tuple[CodingData, Selection, pd.DataFrame]:
        """The quotes of a framework matrix (without its printable table), with what they came from."""
        from ..analysis.framework import framework_quotes

        data, selection = self._selection(depth=depth, codes=codes, codebook=codebook, where=where, coder=coder,
                                          origin=origin)
        with self._read() as conn:
            texts = self._texts(conn, sorted({int(d) for d in selection.segments["document_id"]}))
        return data, selection, framework_quotes(data, selection, texts)

    def cell_quotes(
        self, row: str, code: int | str, *, rows: str = "case", depth: int | None = None,
        codes: Sequence[int | str] | None = None, codebook: str | None = None, where: Where = None,
        coder: str | Sequence[str] | None = None, origin: str | Sequence[str] | None = None,
    ) -> pd.DataFrame:
        """The passages behind one matrix cell (a row label and a column code), with ``document_id``,
        ``start`` and ``end`` to jump to the source. Takes the same options as :meth:`matrix`."""
        from ..analysis.tables import labels_of

        def keep(data: CodingData, segments: pd.DataFrame) -> pd.DataFrame:
            if rows == "document":
                ids = data.documents.loc[data.documents["document"] == row, "document_id"]
                return segments[segments["document_id"].isin(ids)]
            if rows != "case":
                if rows not in data.cases.columns:
                    raise InvalidOperation(f"no attribute {rows!r}")
                wanted = data.cases.loc[labels_of(data.cases[rows]) == row, "case_id"]
                return segments[segments["case_id"].isin(wanted)]
            return segments

        quotes = self._column_quotes(code, keep, depth=depth, codes=codes, codebook=codebook, where=where,
                                     coder=coder, origin=origin)
        return quotes[quotes["case"] == row].reset_index(drop=True) if rows == "case" else quotes

    def column_passages(
        self, code: int | str, *, cases: Collection[str] | None = None, participant: str | None = None,
        depth: int | None = None, codebook: str | None = None, where: Where = None,
        coder: str | Sequence[str] | None = None, origin: str | Sequence[str] | None = None,
    ) -> pd.DataFrame:
        """The passages of one matrix column for the rows :meth:`cell_quotes` does not take: the whole
        column (a Total row), some cases (a band of a number), or the passages touching one
        participant's turns (the rule of the ``participants`` measure)."""

        def keep(data: CodingData, segments: pd.DataFrame) -> pd.DataFrame:
            if cases is None:
                return segments
            wanted = data.cases.loc[data.cases["case"].isin(list(cases)), "case_id"]
            return segments[segments["case_id"].isin(wanted)]

        quotes = self._column_quotes(code, keep, depth=depth, codes=None, codebook=codebook, where=where,
                                     coder=coder, origin=origin)
        if participant is None or quotes.empty:
            return quotes
        turns = self.utterances_frame(documents=sorted({int(d) for d in quotes["document_id"]}))
        turns = turns.loc[turns["participant"] == participant, ["document_id", "start", "end"]]
        joined = quotes.reset_index().merge(turns, on="document_id", suffixes=("", "_turn"))
        touching = joined[(joined["start"] < joined["end_turn"]) & (joined["end"] > joined["start_turn"])]
        return quotes.loc[sorted(set(touching["index"]))].reset_index(drop=True)

    def _column_quotes(
        self, code: int | str, keep: Callable[[CodingData, pd.DataFrame], pd.DataFrame], *, depth: int | None,
        codes: Sequence[int | str] | None, codebook: str | None, where: Where,
        coder: str | Sequence[str] | None, origin: str | Sequence[str] | None,
    ) -> pd.DataFrame:
        """Quotes of one column's passages that ``keep`` retains, attributed as in a framework matrix."""
        from ..analysis.framework import framework_quotes

        data, selection = self._selection(depth=depth, codes=codes, codebook=codebook, where=where, coder=coder,
                                          origin=origin)
        column = self._column_ids([code])[0]  # type: ignore[index]
        if column not in selection.columns:
            raise NotFound(f"code {code!r} is not a column of this matrix")
        segments = keep(data, selection.segments[selection.segments["column_id"] == column])
        selection.segments = segments
        with self._read() as conn:
            texts = self._texts(conn, sorted({int(d) for d in segments["document_id"]}))
        return framework_quotes(data, selection, texts)

    def matrix_choices(self) -> dict[str, Any]:
        """What a matrix screen can offer: measures, row kinds (with groupable attributes), the
        codebooks with their depth, co-occurrence modes."""
        from ..analysis import COOCCURRENCE_MODES, MEASURES, ROW_KINDS
        from ..analysis.rollup import depths

        with self._read() as conn:
            attributes = [a.name for a in self._attributes(conn)]
            codes = self._analysis_codes(conn)
        level = depths(codes) if len(codes) else {}
        books: dict[str, int] = {}
        for code_id, book in zip(codes["id"], codes["codebook"], strict=True):
            books[str(book)] = max(books.get(str(book), 0), level.get(int(code_id), 1))
        return {"measures": list(MEASURES), "rows": [*ROW_KINDS, *attributes], "codebooks": books,
                "cooccurrence_modes": list(COOCCURRENCE_MODES)}

    # -- attribute tables ----------------------------------------------------------------------

    def analysis_cases(self, *, where: Where = None, include_hidden: bool = True) -> pd.DataFrame:
        """One row per case: ``case`` and every attribute (bands computed), filtered by ``where``."""
        return self._cases_table(where, include_hidden=include_hidden)[0]

    def _cases_table(self, where: Where = None, *, include_hidden: bool = True) -> tuple[pd.DataFrame, dict[str, list[str]]]:
        """:meth:`analysis_cases` and each category's (or band's) order, from one read of the cases."""
        from ..analysis.filters import select_cases

        with self._read() as conn:
            cases, orders, hidden = self._analysis_cases(conn)
        if where:
            cases = cases[select_cases(cases, where)]
        if not include_hidden:
            cases = cases.drop(columns=[c for c in cases.columns if c in hidden])
        return cases.drop(columns="case_id").reset_index(drop=True), orders

    def frequency_table(self, attribute: str, *, by: str | None = None, where: Where = None, totals: bool = True,
                        percent: bool = True, decimals: int = 0) -> pd.DataFrame:
        """Counts and column % of an attribute's values (side by side per group of ``by``), Total row."""
        from ..analysis.tables import frequency_table

        cases, orders = self._cases_table(where)
        return frequency_table(cases, attribute, by=by, order=orders.get(attribute), by_order=orders.get(by or ""),
                               totals=totals, percent=percent, decimals=decimals)

    def crosstab(self, rows: str, columns: str, *, percent: str | None = None, totals: bool = True,
                 where: Where = None, decimals: int = 0) -> pd.DataFrame:
        """Cases by two attributes: counts, or ``row`` / ``column`` / ``all`` percentages, with totals."""
        from ..analysis.tables import crosstab

        cases, orders = self._cases_table(where)
        return crosstab(cases, rows, columns, percent=percent, totals=totals, row_order=orders.get(rows),
                        column_order=orders.get(columns), decimals=decimals)

    def describe_attributes(self, attributes: Sequence[str] | None = None, *, where: Where = None) -> pd.DataFrame:
        """n, mean, median, min, max of number attributes."""
        from ..analysis.tables import describe_numbers

        return describe_numbers(self.analysis_cases(where=where), attributes)

    # -- ratings, typology, judgements ---------------------------------------------------------

    def rating_profile(self, *, codebook: str = FOUR_PS, kind: str = "current", rater: str | None = None,
                       where: Where = None, labels: str = "name") -> pd.DataFrame:
        """Cases x dimensions (the codebook's scale codes), the mean of the raters' ratings.

        ``labels``: ``name`` (Purpose...) or ``qualified_id`` for the column names."""
        cases, _ = self._cases_table(where)
        return self._profile(self.rating_dimensions(codebook), self.ratings_frame(codebook=codebook, kind=kind),
                             cases["case"], rater=rater, labels=labels)

    @staticmethod
    def _profile(dimensions: Sequence[Any], ratings: pd.DataFrame, cases: Sequence[str], *,
                 rater: str | None = None, labels: str = "name") -> pd.DataFrame:
        """:meth:`rating_profile` from frames already read (``ratings`` as :meth:`ratings_frame` gives
        them, of one kind), for ``cases`` in their order."""
        from ..analysis.judgements import rating_profile

        if rater is not None:
            ratings = ratings[ratings["rater"] == rater]
        key = "name" if labels == "name" else "qualified_id"
        ratings = ratings.assign(dimension=ratings["dimension" if key == "name" else key])
        profile = rating_profile(ratings, dimensions=[getattr(d, key) for d in dimensions])
        return profile.reindex([c for c in cases if c in profile.index])

    def rating_means(self, *, codebook: str, by: str | None = None, kind: str = "current", where: Where = None,
                     decimals: int = 1, statistic: str = "mean") -> pd.DataFrame:
        """Dimensions (rows) x groups of ``by`` (columns): the mean rating of the cases in each group."""
        from ..analysis.tables import means_table

        cases, orders = self._cases_table(where)
        profile = self._profile(self.rating_dimensions(codebook), self.ratings_frame(codebook=codebook, kind=kind),
                                cases["case"])
        frame = profile.copy()
        if by is not None:
            frame[by] = cases.set_index("case").reindex(frame.index)[by]
        return means_table(frame, by=by, columns=list(profile.columns), by_order=orders.get(by or ""),
                           decimals=decimals, statistic=statistic)

    def typology(self, *, portraits: str = PORTRAITS, kind: str = "current", rater: str | None = None,
                 where: Where = None) -> pd.DataFrame:
        """Each case's ideal-type portrait from its profile on the portraits' dimensions (ties shown)."""
        from ..analysis.judgements import typology

        codes = [c for c in self.codes(codebook=portraits) if c.dimension]
        if not codes:
            raise NotFound(f"no codes with a dimension in codebook {portraits!r}")
        books = sorted({c.dimension.split(".")[0] for c in codes if c.dimension})
        cases = self.analysis_cases(where=where)["case"]
        dimensions = {book: self.rating_dimensions(book) for book in books}
        profile = None
        for book in books:
            part = self._profile(dimensions[book], self.ratings_frame(codebook=book, kind=kind), cases, rater=rater,
                                 labels="qualified_id")
            profile = part if profile is None else profile.join(part, how="outer")
        assert profile is not None
        mapping = {str(c.dimension): c.key for c in codes}
        result = typology(profile, mapping)
        names = {d.qualified_id: d.name for b in books for d in dimensions[b]}
        return result.rename(columns=names)

    def _exclusive_group(self, group: int | str) -> tuple[Code, list[Code], list[Code]]:
        """A group code, its values (children) and every code of its codebook, from one read."""
        group_code = self.code(group)
        book = self.codes(codebook=group_code.codebook)
        return group_code, [c for c in book if c.parent_id == group_code.id], book

    def dominant_values(
        self, group: int | str, *, facets: str | None = None, where: Where = None,
        coder: str | Sequence[str] | None = None,
    ) -> pd.DataFrame:
        """Per case (and facet), the value of an exclusive group that the coding shows most often.

        Values are the group's children (grandchildren roll up). With ``facets`` (a codebook key,
        e.g. ``d003_practice_areas``) each passage counts for the facet codes overlapping it.
        Stored judgements are shown beside (``judged``) and win in ``final``.
        """
        group_code, values, _ = self._exclusive_group(group)
        return self._dominant_values(group_code, values, facets=facets, where=where, coder=coder)

    def _dominant_values(
        self, group_code: Code, values: Sequence[Code], *, facets: str | None, where: Where,
        coder: str | Sequence[str] | None,
    ) -> pd.DataFrame:
        import pandas as pd

        from ..analysis.cooccurrence import overlap_pairs
        from ..analysis.judgements import dominant

        if not group_code.exclusive:
            raise InvalidOperation(f"code {group_code.qualified_id} is not an exclusive group")
        facet_codes = [c for c in self.codes(codebook=facets) if c.parent_id is None] if facets else []
        columns = [v.id for v in values] + [f.id for f in facet_codes]
        data, selection = self._selection(depth=None, codes=columns, codebook=None, where=where, coder=coder,
                                          origin=None, layout=False)
        segments = selection.segments
        value_names = {v.id: v.name for v in values}
        facet_names = {f.id: f.name for f in facet_codes}
        judged_rows = segments[segments["column_id"].isin(list(value_names))].copy()
        if facets:
            stride = int(segments["end"].max() if len(segments) else 0) + 2
            gstart = (segments["document_id"] * stride + segments["start"]).to_numpy()
            gend = (segments["document_id"] * stride + segments["end"]).to_numpy()
            first, second = overlap_pairs(gstart, gend)
            cols = segments["column_id"].to_numpy()
            pairs = pd.DataFrame({"a": list(first) + list(second), "b": list(second) + list(first)})
            pairs = pairs[pd.Series(cols[pairs["a"]]).isin(list(value_names)).to_numpy()
                          & pd.Series(cols[pairs["b"]]).isin(list(facet_names)).to_numpy()]
            seg = segments.iloc[pairs["a"].to_numpy()]
            judged_rows = pd.DataFrame({"case_id": seg["case_id"].to_numpy(), "column_id": seg["column_id"].to_numpy(),
                                        "facet": [facet_names[c] for c in cols[pairs["b"]]],
                                        "segment": pairs["a"].to_numpy()}).drop_duplicates()
        else:
            judged_rows["facet"] = ""
        names = data.cases.set_index("case_id")["case"]
        judged_rows = judged_rows[judged_rows["case_id"].notna()]
        judged_rows["case"] = judged_rows["case_id"].map(names)
        judged_rows["value"] = judged_rows["column_id"].map(value_names)
        ordered_values = [v.name for v in values]
        counts = pd.crosstab([judged_rows["case"], judged_rows["facet"]], judged_rows["value"]).reindex(
            columns=ordered_values, fill_value=0) if len(judged_rows) else pd.DataFrame(
            columns=ordered_values, index=pd.MultiIndex.from_tuples([], names=["case", "facet"]))
        result = dominant(counts).join(counts)
        stored = self.judgements_frame(group_code.id)
        value_label = {v.key: v.name for v in values}
        stored_map = {(r.case, r.facet or ""): value_label.get(r.value, r.value) for r in stored.itertuples()}
        result = result.reset_index()
        result["judged"] = [stored_map.get((c, f), "") for c, f in zip(result["case"], result["facet"], strict=True)]
        result["final"] = result["judged"].where(result["judged"] != "", result["dominant"])
        return result

    def judgement_table(
        self, group: int | str, *, by: str | None = None, cuts: Sequence[float] | None = None,
        labels: Sequence[str] | None = None, where: Where = None, percent: bool = True, decimals: int = 0,
    ) -> pd.DataFrame:
        """Facets (rows) x the group's values per group of ``by`` (columns): row % of the stored
        judgements (how many cases judged each value), with a Total per group."""
        from .. import attributes as attr
        from ..analysis.judgements import judgement_table

        group_code, children, book = self._exclusive_group(group)
        child_name = {c.id: c.name for c in children}
        parents = {c.id: c.parent_id for c in book}
        key_to_child = {}  # a judged sub-value counts as the value (child) it sits under
        for code in book:
            current: int | None = code.id
            while current is not None and parents.get(current) != group_code.id:
                current = parents.get(current)
            if current is not None:
                key_to_child[code.key] = child_name[current]
        frame = self.judgements_frame(group_code.id)
        frame = frame.assign(value=frame["value"].map(lambda k: key_to_child.get(k, k)))
        cases, orders = self._cases_table(where)
        cases = cases.set_index("case")
        frame = frame[frame["case"].isin(cases.index)]
        by_series = None
        by_order = None
        if by is not None:
            if by not in cases.columns:
                raise InvalidOperation(f"no attribute {by!r} to group by")
            by_series = cases[by]
            by_order = orders.get(by)
            if cuts is not None:
                by_series, by_order = attr.band_series(by_series, cuts, labels)
        return judgement_table(frame, values=[c.name for c in children], by=by_series, by_order=by_order,
                               percent=percent, decimals=decimals)
