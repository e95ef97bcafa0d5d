"""The frames cross-case analysis starts from, each in one or two queries (no per-row Python work).

``utterances_frame`` / ``participants_frame`` are public; ``_coding_data`` gathers everything a
matrix needs (codings, code tree, documents, cases with attributes, utterance layout, texts) for
:mod:`qual_si.analysis`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, select

from ..errors import NotFound
from ..store import schema as s
from .coding import CodingMixin

if TYPE_CHECKING:
    import pandas as pd

    from ..analysis.matrix import CodingData

UTTERANCE_COLUMNS = ["utterance_id", "document_id", "document", "case_id", "index", "start", "end", "start_s",
                     "end_s", "speaker", "role", "participant", "word_count"]


class AnalysisFramesMixin(CodingMixin):
    """Bulk reads for the analysis services."""

    def utterances_frame(self, *, documents: Sequence[int | str] | None = None) -> pd.DataFrame:
        """Every utterance of every document (or of ``documents``) with speaker, role, participant and words.

        ``participant`` labels a participant-role speaker: the linked participant's name, else
        ``"<document>: <speaker>"``; it is empty for interviewers and others.
        """
        with self._read() as conn:
            ids = None if documents is None else [int(self._document_row(conn, d)["id"]) for d in documents]
            return self._utterances_frame(conn, ids)

    def _utterances_frame(self, conn: Connection, document_ids: Sequence[int] | None = None) -> pd.DataFrame:
        import pandas as pd

        u, sp, d = s.utterances, s.speakers, s.documents
        query = (
            select(u.c.id, u.c.document_id, d.c.name, d.c.case_id, u.c.idx, u.c.start, u.c.end, u.c.start_s,
                   u.c.end_s, sp.c.name, sp.c.role, sp.c.participant_id, u.c.word_count)
            .select_from(u.join(d, d.c.id == u.c.document_id).outerjoin(sp, sp.c.id == u.c.speaker_id))
            .order_by(u.c.document_id, u.c.start)
        )
        if document_ids is not None:
            query = query.where(u.c.document_id.in_(list(document_ids)))
        frame = pd.DataFrame(conn.execute(query).all(), columns=UTTERANCE_COLUMNS)
        frame["participant"] = frame["participant"].map(self._participant_labels(conn))
        frame["role"] = frame["role"].fillna("participant").where(frame["speaker"].notna(), "other")
        speaker_label = frame["document"].astype(str) + ": " + frame["speaker"].fillna("").astype(str)
        linked = frame["participant"].notna()
        frame["participant"] = frame["participant"].where(linked, speaker_label)
        frame.loc[frame["role"] != "participant", "participant"] = None
        return frame

    @staticmethod
    def _participant_labels(conn: Connection) -> dict[int, str]:
        """Participant id -> the label rows and quotes show: the name, with the case added when two
        participants share a name (two heads called Jo in two trusts stay two rows)."""
        p, c = s.participants, s.cases
        rows = conn.execute(select(p.c.id, p.c.name, c.c.name).select_from(
            p.outerjoin(c, c.c.id == p.c.case_id)).order_by(p.c.id)).all()
        names = Counter(name for _, name, _ in rows)
        labels = {pid: name if names[name] == 1 else f"{name} ({case or 'no case'})" for pid, name, case in rows}
        repeated = Counter(labels.values())
        return {pid: label if repeated[label] == 1 else f"{label} #{pid}" for pid, label in labels.items()}

    def participants_frame(self) -> pd.DataFrame:
        """One row per participant: ``participant``, ``case``, ``documents``, ``utterances``, ``words``."""
        import pandas as pd

        with self._read() as conn:
            utts = self._utterances_frame(conn)
            cases = dict(conn.execute(select(s.cases.c.id, s.cases.c.name)).all())
        utts = utts[utts["participant"].notna()]
        if utts.empty:
            return pd.DataFrame(columns=["participant", "case", "documents", "utterances", "words"])
        grouped = utts.groupby("participant", sort=True).agg(
            case_id=("case_id", "first"), documents=("document_id", "nunique"), utterances=("utterance_id", "size"),
            words=("word_count", "sum"))
        grouped.insert(0, "case", grouped.pop("case_id").map(cases))
        return grouped.reset_index()

    # -- the inputs of a matrix ----------------------------------------------------------------

    def _analysis_cases(self, conn: Connection) -> tuple[pd.DataFrame, dict[str, list[str]], set[str]]:
        """``case_id``, ``case`` and every attribute (bands computed); plus each category's order and
        the names of the hidden attributes."""
        import pandas as pd

        attributes = self._attributes(conn)
        values = self._case_values(conn)
        rows = conn.execute(select(s.cases.c.id, s.cases.c.name).order_by(s.cases.c.id)).all()
        names = [a.name for a in attributes]
        frame = pd.DataFrame(
            [{"case_id": i, "case": n, **{a: values.get(i, {}).get(a) for a in names}} for i, n in rows],
            columns=["case_id", "case", *names],
        )
        orders = {a.name: list(a.labels or a.categories) for a in attributes if a.labels or a.categories}
        return frame, orders, {a.name for a in attributes if a.hidden}

    def _analysis_codes(self, conn: Connection, codebook: str | None = None) -> pd.DataFrame:
        """Active codes in tree order with unique display labels (name, or name [codebook] if shared)."""
        import pandas as pd

        codes = self._codes(conn, codebook=codebook)
        if codebook is not None and not codes:
            known = conn.execute(select(s.codebooks.c.id).where(s.codebooks.c.key == codebook)).first()
            if known is None:
                raise NotFound(f"no codebook {codebook!r} in this project")
        counts: dict[str, int] = {}
        for code in codes:
            counts[code.name] = counts.get(code.name, 0) + 1
        aliases = dict(conn.execute(select(s.codebooks.c.key, s.codebooks.c.alias)).all())
        labels = [c.name if counts[c.name] == 1 else f"{c.name} [{aliases.get(c.codebook) or c.codebook}]" for c in codes]
        return pd.DataFrame({
            "id": [c.id for c in codes], "parent_id": [c.parent_id for c in codes], "label": labels,
            "qualified_id": [c.qualified_id for c in codes], "codebook": [c.codebook for c in codes],
            "colour": [c.colour for c in codes],
        })

    def _analysis_codings(self, conn: Connection, *, coder: bool = True, origin: bool = True) -> pd.DataFrame:
        """``document_id``, ``code_id``, ``start``, ``end`` (+ ``coder``, ``origin`` when asked for).

        Read column-wise through the driver: a matrix of 200,000 codings must not spend its
        second on building row objects.
        """
        import numpy as np
        import pandas as pd

        c = s.codings
        wanted = [c.c.document_id, c.c.code_id, c.c.start, c.c.end]
        if coder:
            wanted.append(c.c.coder_id)
        if origin:
            wanted.append(c.c.origin)
        rows = _fetch_all(conn, select(*wanted))
        columns = list(zip(*rows, strict=True)) if rows else [()] * len(wanted)
        frame = pd.DataFrame({name: np.array(values, dtype=np.int64) for name, values in
                              zip(("document_id", "code_id", "start", "end"), columns[:4], strict=True)})
        if coder:
            names = dict(conn.execute(select(s.coders.c.id, s.coders.c.name)).all())
            frame["coder"] = pd.Categorical(np.array(columns[4], dtype=np.int64)).rename_categories(
                lambda i: names.get(int(i), str(i))) if rows else pd.Series([], dtype=object)
        if origin:
            frame["origin"] = pd.Categorical(columns[-1]) if rows else pd.Series([], dtype=object)
        return frame

    def _analysis_documents(self, conn: Connection) -> pd.DataFrame:
        import pandas as pd

        d = s.documents
        rows = conn.execute(select(d.c.id, d.c.name, d.c.case_id, d.c.char_count, d.c.kind)).all()
        frame = pd.DataFrame(rows, columns=["document_id", "document", "case_id", "char_count", "kind"])
        return frame

    def _texts(self, conn: Connection, document_ids: Sequence[int] | None = None) -> dict[int, str]:
        t = s.document_texts
        query = select(t.c.document_id, t.c.text)
        if document_ids is not None:
            query = query.where(t.c.document_id.in_(list(document_ids)))
        return {int(i): str(text) for i, text in conn.execute(query)}

    def _coding_data(
        self, *, codebook: str | None = None, layout: bool = True, words: bool = False, coder: bool = True,
        origin: bool = True,
    ) -> CodingData:
        """Everything a matrix needs, read in one transaction (coder/origin columns only if asked)."""
        from ..analysis.layout import build_layout
        from ..analysis.matrix import CodingData

        with self._read() as conn:
            codings = self._analysis_codings(conn, coder=coder, origin=origin)
            codes = self._analysis_codes(conn, codebook)
            documents = self._analysis_documents(conn)
            cases, orders, _ = self._analysis_cases(conn)
            utts = self._utterances_frame(conn) if layout else None
            texts = self._texts(conn) if words else None
        built = build_layout(documents, utts, texts) if utts is not None else None
        return CodingData(codings=codings, codes=codes, documents=documents, cases=cases, layout=built,
                          category_orders=orders)

    def _column_ids(self, refs: Sequence[int | str] | None) -> list[int] | None:
        if refs is None:
            return None
        with self._read() as conn:
            return [self._code_id(conn, ref) for ref in refs]

    @staticmethod
    def _describe(frame: Any) -> dict[str, str]:
        return {k: str(v) for k, v in getattr(frame, "attrs", {}).items() if isinstance(v, str | int | float)}


def _fetch_all(conn: Connection, query: Any) -> list[Any]:
    """All rows of a parameter-free query through the driver's own cursor.

    For the 200,000 codings of a large project SQLAlchemy's row objects cost about a second;
    the driver's plain tuples cost a fifth of that. The SQL still comes from the Core query,
    compiled for the connection's dialect, so it stays portable.
    """
    compiled = query.compile(dialect=conn.dialect)
    if compiled.params:
        return list(conn.execute(query).all())
    cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.execute(str(compiled))
        return list(cursor.fetchall())
    finally:
        cursor.close()
