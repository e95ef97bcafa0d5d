"""Cross-case analysis: matrices, framework matrices, ratings, judgements, typologies, exports.

The methods are split over four modules so each reads in one sitting:

- ``analysis_frames``: bulk reads (utterances, participants, the inputs of a matrix)
- ``analysis_judgements``: ratings, categorical judgements, framework-cell summaries (stored)
- ``analysis_tables``: matrices, co-occurrence, framework matrix, attribute tables, typology
- this module: attribute clean-up, data checks, and everything that writes files (tables,
  charts, vignettes), which never overwrite without ``force``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import InvalidOperation, NotFound
from .analysis_tables import FOUR_PS, AnalysisTablesMixin, FrameworkMatrix, NormaliseReport

if TYPE_CHECKING:
    import pandas as pd

    from ..analysis.filters import Where
    from ..analysis.quality import Issue

__all__ = ["AnalysisMixin", "FrameworkMatrix", "NormaliseReport"]


class AnalysisMixin(AnalysisTablesMixin):
    """Case-level judgements and the tables built from the coding."""

    # -- attribute clean-up and checks ---------------------------------------------------------

    def normalise_attribute(
        self, name: str, *, mapping: Mapping[str, Any] | None = None, fold_case: bool = False,
        to_number: bool = False, into: str | None = None,
    ) -> NormaliseReport:
        """Clean an attribute's values: apply ``mapping`` (old -> new), unify case/spacing variants
        (``fold_case``), and/or take the first number of each value (``to_number``, e.g.
        ``"67% converter"`` -> 67). Writes in place or ``into`` a new attribute. One undoable action."""
        import pandas as pd

        from .. import attributes as attr
        from ..analysis.normalise import normalise_values, to_numbers
        from ..store import schema as s

        with self._write("attribute.normalise", {"attribute": name, "into": into}) as tx:
            found = {a.name: a for a in self._attributes(tx.conn)}
            if name not in found:
                raise NotFound(f"no case attribute named {name!r}")
            source = found[name]
            if source.derived_from is not None:
                raise InvalidOperation(f"{name!r} is a derived band; normalise {source.derived_from!r} instead")
            values = self._case_values(tx.conn)
            case_ids = [i for i in values if values[i].get(name) is not None]
            old = pd.Series([values[i][name] for i in case_ids], index=case_ids, dtype=object)
            new = normalise_values(old, mapping, fold_case=fold_case)
            report = NormaliseReport(attribute=name, target=into or name)
            if to_number:
                new, report.converted = to_numbers(new)
            kind = "number" if to_number else ("category" if source.type in ("text", "category") else source.type)
            if into is not None:
                attribute_id = self._define_attribute(tx, into, kind, hidden=source.hidden)
            else:
                attribute_id = source.id
                if kind != source.type:
                    tx.update(s.attributes, attribute_id, {"type": kind})
            if kind == "category":
                categories = list(dict.fromkeys(str(v) for v in new.dropna()))
                tx.update(s.attributes, attribute_id, {"categories": categories})
            for case_id, before, after in zip(case_ids, old, new, strict=True):
                typed = attr.coerce(kind, after)
                if into is not None or typed != before or kind != source.type:
                    self._put_value(tx, attribute_id, case_id, kind, typed)
                    report.values += 1
                if str(before) != str(after):
                    report.changed[str(before)] = after
            tx.payload.update({"values": report.values})
        return report

    def check_data(self) -> list[Issue]:
        """What is probably wrong in the project's case attributes (spellings, numbers as text)."""
        from ..analysis.quality import check_values

        return check_values(self.analysis_cases())

    # -- files ---------------------------------------------------------------------------------

    def _about(self, extra: Mapping[str, str] | None = None) -> dict[str, str]:
        from ..store.engine import describe

        name = self._store.meta().get("name", "")
        return {"project": f"{name} ({describe(self._store.location)})", "exported by": self._coder_name,
                **(extra or {})}

    def export_tables(
        self, tables: Mapping[str, pd.DataFrame] | pd.DataFrame, path: str | Path, *, force: bool = False,
        title: str | None = None, heat: bool = True,
    ) -> list[Path]:
        """Write one or more tables to .csv, .xlsx (a sheet each, heat-mapped, with an About sheet)
        or .docx (captioned tables). Refuses to overwrite without ``force``."""
        from ..export.tables import write_tables

        named = tables if isinstance(tables, Mapping) else {title or "Table": tables}
        return write_tables(named, path, force=force, about=self._about(), heat=heat, title=title)

    def chart_heatmap(self, path: str | Path, *, force: bool = False, title: str = "", rows: str = "case",
                      measure: str = "segments", **options: Any) -> Path:
        """The case x code matrix (any :meth:`matrix` options) as a heat map (PNG or SVG)."""
        from ..export.charts import heatmap

        if rows in ("case", "document", "participant"):
            table = self.matrix(rows=rows, measure=measure, **options)
        else:
            table = self.grouped_matrix(rows, measure=measure, **options).counts
        return heatmap(table, path, title=title or f"{measure} by {rows}", force=force)

    def chart_radar(self, path: str | Path, *, codebook: str = FOUR_PS, cases: Sequence[str] | None = None,
                    kind: str = "current", where: Where = None, force: bool = False) -> Path:
        """Each case's ratings on a codebook's scales against the sample mean."""
        from ..export.charts import radar

        profile = self.rating_profile(codebook=codebook, kind=kind, where=where).dropna(how="all")
        scale = self._scale_range(codebook)
        return radar(profile, path, cases=cases, scale=scale, force=force,
                     title=f"{codebook} ({kind}): each case (red) against the sample mean (blue)")

    def _scale_range(self, codebook: str, dimensions: Sequence[Any] | None = None) -> tuple[float, float]:
        """The lowest minimum and highest maximum of the codebook's scales (``dimensions`` if read already)."""
        dimensions = self.rating_dimensions(codebook) if dimensions is None else dimensions
        if not dimensions:
            raise NotFound(f"codebook {codebook!r} has no rating scales")
        lows = [float((d.scale or {}).get("min", 1)) for d in dimensions]
        highs = [float((d.scale or {}).get("max", 5)) for d in dimensions]
        return min(lows), max(highs)

    def chart_scatter(self, path: str | Path, *, dimension: int | str, attribute: str, kind: str = "current",
                      where: Where = None, x_split: float | None = None, y_split: float | None = None,
                      force: bool = False) -> Path:
        """A rating (y) against a number attribute (x), one labelled point per case, quadrants at the
        medians (or ``x_split``/``y_split``)."""
        from ..export.charts import scatter

        code = self.code(dimension)
        if not code.scale:
            raise InvalidOperation(f"code {code.qualified_id} has no rating scale")
        assert code.codebook is not None
        cases, _ = self._cases_table(where)
        profile = self._profile(self.rating_dimensions(code.codebook),
                                self.ratings_frame(codebook=code.codebook, kind=kind), cases["case"])
        cases = cases.set_index("case")
        if attribute not in cases.columns:
            raise NotFound(f"no case attribute named {attribute!r}")
        y = profile[code.name] if code.name in profile.columns else profile.iloc[:, 0] * float("nan")
        x = cases[attribute].reindex(y.index)
        return scatter(x, y, path, x_label=attribute, y_label=code.name, x_split=x_split, y_split=y_split,
                       title=f"{code.name} against {attribute}", force=force)

    def chart_judgements(self, path: str | Path, *, group: int | str, by: str, facet: str | None = None,
                         facets: str | None = None, cuts: Sequence[float] | None = None,
                         labels: Sequence[str] | None = None, percent: bool = False, where: Where = None,
                         force: bool = False) -> Path:
        """Stacked bars: for each group of ``by`` (an attribute or a band), how many cases have each
        value of an exclusive group (stored judgement, else dominant in the coding)."""
        import pandas as pd

        from .. import attributes as attr
        from ..analysis.tables import crosstab
        from ..export.charts import stacked_bars

        group_code, children, _ = self._exclusive_group(group)
        values = self._dominant_values(group_code, children, facets=facets, where=where, coder=None)
        if facet is not None:
            values = values[values["facet"] == facet]
        values = values[values["final"] != ""].drop_duplicates(["case", "facet"])
        cases, orders = self._cases_table(where)
        cases = cases.set_index("case")
        if by not in cases.columns:
            raise NotFound(f"no case attribute named {by!r}")
        grouping = cases[by]
        order = orders.get(by)
        if cuts is not None:
            grouping, order = attr.band_series(grouping, cuts, labels)
        frame = pd.DataFrame({"band": values["case"].map(grouping).to_numpy(), "value": values["final"].to_numpy()})
        table = crosstab(frame, "band", "value", totals=False, row_order=order,
                         column_order=[c.name for c in children])
        title = f"{group_code.name} by {by}" + (f" ({facet})" if facet else "")
        unit = "case x facet judgements" if facets and facet is None else "cases"
        return stacked_bars(table, path, title=title, percent=percent, force=force, unit=unit)

    def export_vignettes(
        self, folder: str | Path, *, cases: Sequence[str] | None = None,
        codebook: str | None = "d003_strategic_areas", ratings: str = FOUR_PS, top: int = 5, force: bool = False,
    ) -> list[Path]:
        """A one-page Word vignette per case in ``folder``: attributes (not hidden ones), ratings radar
        against the sample mean, portrait, and the ``top`` most-coded codes (of ``codebook``, at its
        top level; ``None``: every code as coded) with one quote each."""
        from ..analysis.judgements import sample_mean
        from ..export.vignettes import Vignette, write_vignettes

        cases_frame = self.analysis_cases(include_hidden=False).set_index("case")
        chosen = list(cases) if cases is not None else list(cases_frame.index)
        unknown = [c for c in chosen if c not in cases_frame.index]
        if unknown:
            raise NotFound(f"no case named {', '.join(unknown)}")
        # Everything the pages share is read once, before the loop over cases.
        dimensions = self.rating_dimensions(ratings)
        long = self.ratings_frame(codebook=ratings)  # every kind: the page lists desired ratings too
        profile = (self._profile(dimensions, long[long["kind"] == "current"], list(cases_frame.index))
                   if dimensions else None)
        mean = sample_mean(profile) if profile is not None and len(profile) else None
        scale = self._scale_range(ratings, dimensions) if profile is not None else (1.0, 5.0)
        rated_by_case = dict(iter(long.groupby("case", sort=False)))
        portraits = self._portraits_or_none(ratings)
        _, _, quotes = self._framework_quotes(depth=1 if codebook else None, codes=None, codebook=codebook,
                                              where=None, coder=None, origin=None)
        cells = quotes.groupby(["case", "code"]) if len(quotes) else None
        counts = cells.size() if cells is not None else None
        cell_quotes = dict(iter(cells)) if cells is not None else {}
        items = []
        for case in chosen:
            attributes = {k: v for k, v in cases_frame.loc[case].items() if k != "documents" and v is not None
                          and v == v}
            title_bits = [case] + [str(attributes[k]) for k in ("trust", "name") if k in attributes]
            rated = rated_by_case.get(case, long.iloc[:0])
            codes: list[tuple[str, int, str]] = []
            if counts is not None and case in counts.index.get_level_values(0):
                ranked = counts.loc[case].sort_values(ascending=False, kind="stable").head(top)
                for code, count in ranked.items():
                    candidates = cell_quotes[(case, code)]
                    best = candidates.loc[candidates["text"].str.len().sub(200).abs().idxmin()]
                    codes.append((str(code), int(count), str(best["quote"])))
            items.append(Vignette(
                case=case, title=" - ".join(dict.fromkeys(title_bits)), attributes=attributes,
                profile=profile.loc[case] if profile is not None and case in profile.index else None,
                mean=mean, scale=scale,
                ratings=[(r.dimension, float(r.value), str(r.rationale)) for r in rated.itertuples()],
                portrait=portraits.get(case), codes=codes,
            ))
        return write_vignettes(items, folder, force=force)

    def _portraits_or_none(self, ratings: str) -> dict[str, str]:
        if ratings != FOUR_PS:
            return {}
        try:
            table = self.typology()
        except NotFound:
            return {}
        return {str(case): str(row["portrait"]) for case, row in table.iterrows() if row["portrait"]}
