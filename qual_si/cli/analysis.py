"""``qual-si matrix``, ``cooccur``, ``crosstab``, ``frequencies``, ``framework``, ``export``,
``normalise``, ``check-data`` (tables); the judgement and chart commands live in
``analysis_judgements`` and register themselves from here.

Every table command prints the table, or writes it with ``--out FILE`` (.csv, .xlsx or .docx);
an existing file is only replaced with ``--force``.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer
from rich.markup import escape
from rich.table import Table

from ..errors import QualSiError
from ..export.tables import cell_text
from . import app
from .common import console, fail, open_project, parse_list, parse_numbers, parse_pairs

if TYPE_CHECKING:
    import pandas as pd

    from ..project import Project

OUT_HELP = "Write the table to a .csv, .xlsx or .docx file instead of printing it."
WHERE_HELP = "Case filter, e.g. 'phase=primary', 'fsm<10', 'region=London|North West' (repeatable)."


def print_frame(frame: pd.DataFrame, title: str = "", *, limit: int = 60) -> None:
    """A DataFrame as a Rich table (index as the first column).

    When the column names would not fit the terminal, they are numbered and a legend follows,
    so a 15-code matrix stays readable at 80 columns instead of folding letter by letter.
    """
    headers = [str(column) for column in frame.columns]
    widths = [max([len(h)] + [len(cell_text(v)) for v in frame[c].head(50)]) for h, c in zip(headers, frame.columns, strict=True)]
    index_width = max([len(str(frame.index.name or ""))] + [len(str(i)) for i in frame.index[:50]])
    numbered = index_width + sum(min(w, limit) + 3 for w in widths) > console.width
    table = Table(title=escape(title) if title else None, show_lines=False)
    table.add_column(escape(str(frame.index.name or "")), overflow="fold")
    for number, (header, column) in enumerate(zip(headers, frame.columns, strict=True), start=1):
        shown = str(number) if numbered else _short(header, limit)
        table.add_column(escape(shown), justify="right" if frame[column].dtype.kind in "fiu" else "left",
                         overflow="fold")
    for label, row in frame.iterrows():
        table.add_row(escape(str(label)), *[escape(cell_text(v)) for v in row])
    console.print(table)
    if not len(frame):
        console.print("[dim](no rows)[/dim]")
    if numbered:
        for number, header in enumerate(headers, start=1):
            console.print(f"[dim]{number:>3}[/dim] {escape(header)}", soft_wrap=True)


def _short(value: Any, limit: int) -> str:
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def show_or_write(project: Project, tables: dict[str, pd.DataFrame], out: Path | None, force: bool,
                  title: str = "") -> None:
    if out is None:
        for name, frame in tables.items():
            print_frame(frame, name)
        return
    for path in project.export_tables(tables, out, force=force, title=title or None):
        console.print(f"wrote {escape(str(path))}")


def selection_options(codebook: str | None, code: list[str] | None, depth: int | None, where: list[str] | None,
                      coder: list[str] | None, origin: list[str] | None) -> dict[str, Any]:
    return {"codebook": codebook, "codes": code or None, "depth": depth, "where": where or None,
            "coder": coder or None, "origin": origin or None}


CODEBOOK = typer.Option(None, "--codebook", "-b", help="Only this codebook's codes (e.g. d003_strategic_areas).")
CODE = typer.Option(None, "--code", "-c", help="A column code, with its sub-codes (repeatable).")
DEPTH = typer.Option(None, "--depth", "-d", min=1, help="Roll sub-codes up to this depth (1 = top level).")
WHERE = typer.Option(None, "--where", "-w", help=WHERE_HELP)
CODER = typer.Option(None, "--coder-filter", help="Only codings by this coder (repeatable).")
ORIGIN = typer.Option(None, "--origin", help="Only codings of this origin: manual, suggestion, topic, import.")
OUT = typer.Option(None, "--out", "-o", help=OUT_HELP)
FORCE = typer.Option(False, "--force", "-f", help="Overwrite an existing output file.")


@app.command()
def matrix(
    rows: str = typer.Option("case", "--rows", "-r", help="case, document, participant, or an attribute to group by."),
    measure: str = typer.Option("segments", "--measure", "-m",
                                help="segments (coded passages), documents, participants, cases, presence, share."),
    percent: str = typer.Option(None, help="With attribute rows: 'cases' (% of the group's cases) or 'row'."),
    cuts: str = typer.Option(None, help="Band a number attribute for --rows, e.g. '3,7,15'."),
    labels: str = typer.Option(None, help="Labels of the --cuts bands, comma-separated."),
    codebook: str = CODEBOOK, code: list[str] = CODE, depth: int = DEPTH, where: list[str] = WHERE,
    coder: list[str] = CODER, origin: list[str] = ORIGIN, out: Path = OUT, force: bool = FORCE,
) -> None:
    """Case x code matrix (or document, participant or attribute x code).

    A passage coded with a code and its sub-code, or twice, counts once after roll-up.
    """
    options = selection_options(codebook, code, depth, where, coder, origin)
    with open_project() as project:
        if rows in ("case", "document", "participant"):
            if cuts or percent:
                raise fail("--cuts and --percent need attribute rows (e.g. --rows 'size band')", 2)
            tables = {f"{measure} by {rows}": project.matrix(rows=rows, measure=measure, **options)}
        else:
            grouped = project.grouped_matrix(rows, measure=measure, percent=percent, cuts=parse_numbers(cuts),
                                             labels=parse_list(labels), **options)
            tables = {f"{measure} by {rows}": grouped.counts, f"{measure} by {rows} (%)": grouped.percent}
        show_or_write(project, tables, out, force)


@app.command()
def cooccur(
    mode: str = typer.Option("overlap", help="overlap (shared text), utterance, or window."),
    window: int = typer.Option(1, min=0, help="For --mode window: within this many utterances."),
    jaccard: bool = typer.Option(False, help="Jaccard similarity instead of counts."),
    codebook: str = CODEBOOK, code: list[str] = CODE, depth: int = DEPTH, where: list[str] = WHERE,
    coder: list[str] = CODER, origin: list[str] = ORIGIN, out: Path = OUT, force: bool = FORCE,
) -> None:
    """Code x code co-occurrence: overlapping passages, same utterance, or within N utterances."""
    options = selection_options(codebook, code, depth, where, coder, origin)
    with open_project() as project:
        table = project.cooccurrence(mode=mode, window=window, jaccard=jaccard, **options)
        show_or_write(project, {f"co-occurrence ({mode})": table}, out, force)


@app.command()
def crosstab(
    rows: str = typer.Argument(..., help="Attribute for the rows."),
    columns: str = typer.Argument(..., help="Attribute for the columns."),
    percent: str = typer.Option(None, help="row, column or all (default: counts)."),
    where: list[str] = WHERE, out: Path = OUT, force: bool = FORCE,
) -> None:
    """Cases counted by two attributes, with totals (a missing value is its own 'missing' row)."""
    with open_project() as project:
        table = project.crosstab(rows, columns, percent=percent, where=where or None)
        show_or_write(project, {f"{rows} by {columns}": table}, out, force)


@app.command()
def frequencies(
    attribute: str = typer.Argument(..., help="Attribute whose values are counted."),
    by: str = typer.Option(None, help="Count side by side for each value of this attribute."),
    where: list[str] = WHERE, out: Path = OUT, force: bool = FORCE,
) -> None:
    """Counts and column % of an attribute's values, with a Total row."""
    with open_project() as project:
        table = project.frequency_table(attribute, by=by, where=where or None)
        show_or_write(project, {attribute: table}, out, force)


framework_app = typer.Typer(help="Framework matrix: coded quotes and summaries per case and code.",
                            no_args_is_help=True)
app.add_typer(framework_app, name="framework")


@framework_app.command("show")
def framework_show(
    max_quotes: int = typer.Option(2, min=0, help="Quotes per cell."),
    codebook: str = CODEBOOK, code: list[str] = CODE, depth: int = DEPTH, where: list[str] = WHERE,
    coder: list[str] = CODER, origin: list[str] = ORIGIN, out: Path = OUT, force: bool = FORCE,
) -> None:
    """Cases x codes; each cell the analyst's summary and the coded quotes with attribution."""
    options = selection_options(codebook, code, depth, where, coder, origin)
    with open_project() as project:
        result = project.framework_matrix(max_quotes=max_quotes, **options)
        tables = {"framework matrix": result.table}
        if out is not None:
            quotes = result.quotes.drop(columns=["case_id", "column_id", "document_id"]).set_index("case")
            tables["quotes"] = quotes
        show_or_write(project, tables, out, force)


@framework_app.command("summary")
def framework_summary(
    case: str = typer.Argument(...), code: str = typer.Argument(...),
    text: str = typer.Argument(..., help="The summary ('' removes it)."),
) -> None:
    """Write the analyst's summary of one framework-matrix cell."""
    with open_project() as project:
        project.set_cell_summary(case, code, text)
    console.print(f"summary of {escape(case)} x {escape(code)} {'saved' if text.strip() else 'removed'}")


export_app = typer.Typer(help="Export analysis tables.", no_args_is_help=True)
app.add_typer(export_app, name="export")


@export_app.command("pack")
def export_pack(
    out: Path = typer.Argument(..., help="A .xlsx (a sheet per table) or .docx file."),
    by: str = typer.Option("size band", help="Attribute for the grouped table."),
    codebook: str = typer.Option("d003_strategic_areas", "--codebook", "-b", help="Codebook of the matrices."),
    depth: int = typer.Option(1, "--depth", "-d", min=1, help="Depth of the matrices."),
    force: bool = FORCE,
) -> None:
    """The evaluator's pack in one workbook or document.

    Case x code matrix, presence, grouped by an attribute, framework matrix, ratings, typology.
    """
    with open_project() as project:
        tables: dict[str, pd.DataFrame] = {
            "case x code": project.matrix(codebook=codebook, depth=depth),
            "presence": project.matrix(codebook=codebook, depth=depth, measure="presence"),
        }
        if by:
            tables[f"by {by} (% of cases)"] = project.grouped_matrix(by, codebook=codebook, depth=depth).percent
        tables["framework matrix"] = project.framework_matrix(codebook=codebook, depth=depth, max_quotes=2).table
        for dimensions in ("d003_four_ps", "d001_local_central_balance"):
            profile = project.rating_profile(codebook=dimensions)
            if len(profile):
                tables[f"ratings {dimensions}"] = profile
        with contextlib.suppress(QualSiError):  # no portraits codebook in this project
            tables["typology"] = project.typology()
        for path in project.export_tables(tables, out, force=force, title="Cross-case analysis"):
            console.print(f"wrote {escape(str(path))} ({len(tables)} tables)")


@app.command()
def normalise(
    attribute: str = typer.Argument(..., help="The case attribute to clean."),
    map_: list[str] = typer.Option(None, "--map", "-m", help="OLD=NEW (repeatable), e.g. 'None=No'."),
    fold_case: bool = typer.Option(False, help="Give values that differ only in case/spacing one spelling."),
    to_number: bool = typer.Option(False, help="Keep the first number of each value ('67% converter' -> 67)."),
    into: str = typer.Option(None, help="Write to a new attribute instead of in place."),
) -> None:
    """Normalise an attribute's values ('N/a' and 'n/a', 'None' and 'No', numbers in text). Undoable."""
    mapping = parse_pairs(map_, "mapping")
    with open_project() as project:
        report = project.normalise_attribute(attribute, mapping=mapping, fold_case=fold_case, to_number=to_number,
                                             into=into)
    console.print(f"{escape(report.target)}: {report.values} value(s) written")
    for before, after in report.changed.items():
        console.print(f"  {escape(before)!r} -> {escape(str(after))!r}")
    for before, number in report.converted.items():
        console.print(f"  {escape(before)!r} read as {number:g}")


@app.command("check-data")
def check_data(
    table: Path = typer.Option(None, "--table", "-t", help="Check a table file (.csv/.xlsx) instead of the project."),
    total_label: str = typer.Option("Total", help="Label of the totals row in --table."),
) -> None:
    """Report what looks wrong in the project's attributes or in a table file.

    Totals that are not the sum of their rows, duplicated rows, percentages that do not add up,
    several spellings of one value, numbers written as text. Exits 1 when an error is found.
    """
    from ..analysis.quality import check_table

    if table is not None:
        issues = check_table(_read_table(table), total_label=total_label)
        where = str(table)
    else:
        with open_project() as project:
            issues = project.check_data()
            where = project.location
    if not issues:
        console.print(f"no problems found in {escape(where)}")
        return
    colours = {"error": "red", "warning": "yellow", "note": "dim"}
    for issue in issues:
        console.print(f"[{colours.get(issue.severity, 'white')}]{issue.severity}[/]: {escape(issue.where)}: "
                      f"{escape(issue.message)}", soft_wrap=True)
    if any(i.severity == "error" for i in issues):
        raise typer.Exit(1)


def _read_table(path: Path) -> pd.DataFrame:
    """The table as a DataFrame indexed by its first column, read like every imported table
    (``;``/tab/``|`` delimiters, UTF-16/cp1252, errors as :class:`~qual_si.errors.InputError`)."""
    import pandas as pd

    from ..ingest.tables import read_table

    raw = read_table(path)
    width = len(raw.headers)
    # Blank cells are missing values, as pandas would read them; short rows are padded.
    rows = [[None if cell == "" else cell for cell in (cells + [None] * width)[:width]] for _, cells in raw.rows]
    frame = pd.DataFrame(rows, columns=_unique_headers(raw.headers))
    return frame.set_index(frame.columns[0])


def _unique_headers(headers: list[str]) -> list[str]:
    """Name blank headers and number repeated ones (``n``, ``n.1``), as ``pandas.read_csv`` does,
    so every column can be looked up by name."""
    seen: dict[str, int] = {}
    names = []
    for position, header in enumerate(headers):
        name = header or f"Unnamed: {position}"
        count = seen.get(name, 0)
        seen[name] = count + 1
        names.append(f"{name}.{count}" if count else name)
    return names


from . import analysis_judgements  # noqa: E402,F401  (registers rate, ratings, judge, chart, ...)
