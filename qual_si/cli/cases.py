"""``qual-si cases``: list, import, set attributes, derive bands."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.markup import escape
from rich.table import Table

from ..export.tables import cell_text
from . import app
from .common import console, open_project, parse_list, parse_numbers, parse_pairs

cases_app = typer.Typer(help="Cases and their attributes.", no_args_is_help=True)
app.add_typer(cases_app, name="cases")


@cases_app.command("list")
def list_cases(hidden: bool = typer.Option(True, help="Include hidden attributes.")) -> None:
    """Cases with their documents and attribute values."""
    with open_project() as project:
        frame = project.cases_frame(include_hidden=hidden)
    table = Table(*[escape(str(c)) for c in frame.columns])
    for row in frame.itertuples(index=False):
        table.add_row(*[escape(_cell(v)) for v in row])
    console.print(table)


def _cell(value: object) -> str:
    if value is None or value != value:  # None, NaN or NaT
        return ""
    # A case list shows attribute values exactly (12.345678, not cell_text's rounded 12.3457).
    if isinstance(value, float) and not value.is_integer():
        return str(value)
    return cell_text(value)


@cases_app.command("import")
def import_cases(
    path: Path = typer.Argument(..., help="A .csv or .xlsx with one row per case."),
    case_column: str = typer.Option(None, help="Column holding the case name (default: detected)."),
    type_: list[str] = typer.Option(None, "--type", "-t", help="Override a type, e.g. 'schools=number'."),
    link_column: str = typer.Option(None, help="Column listing each case's document or file names."),
    link_pattern: str = typer.Option(
        None, help="Regex taking the case name from document names, e.g. '^(?P<case>T\\d+)-'."
    ),
    sheet: str = typer.Option(None, help="Sheet of an .xlsx (default: the first)."),
    hidden: list[str] = typer.Option(None, help="Attributes to hold back from outputs (repeatable)."),
) -> None:
    """Import cases and typed attributes; link documents to cases. All or nothing."""
    with open_project() as project:
        report = project.import_cases(
            path, case_column=case_column, types=parse_pairs(type_, "type"), link_column=link_column,
            link_pattern=link_pattern, sheet=sheet, hidden=hidden or (),
        )
    console.print(f"{len(report.cases_created)} case(s) created, {len(report.cases_updated)} updated, "
                  f"{report.values_set} value(s) set")
    for name, kind in report.attributes.items():
        console.print(f"  attribute [bold]{escape(name)}[/bold]: {kind}")
    if report.documents_linked:
        console.print(f"{len(report.documents_linked)} document(s) linked to cases")
    for missing in report.unmatched_links:
        console.print(f"  [yellow]warning:[/yellow] no case or document matches {escape(missing)!r}")
    for warning in report.warnings:
        console.print(f"  [yellow]warning:[/yellow] {escape(warning)}")


@cases_app.command("set")
def set_value(case: str, attribute: str, value: str) -> None:
    """Set one attribute of one case (an empty value clears it)."""
    with open_project() as project:
        project.set_attribute(case, attribute, value)
    console.print(f"{escape(case)}: {escape(attribute)} = {escape(value)}")


@cases_app.command("band")
def band(
    attribute: str = typer.Argument(..., help="A number attribute, e.g. schools."),
    cuts: str = typer.Option(..., help="Comma-separated cut-points: '3,7,15' gives 3-6, 7-14, 15+."),
    labels: str = typer.Option(None, help="Comma-separated labels, one per cut (or one more for below)."),
    name: str = typer.Option(None, help="Name of the band attribute (default: '<attribute> band')."),
) -> None:
    """Derive a banded category from a number attribute by cut-points."""
    with open_project() as project:
        created = project.define_band(attribute, parse_numbers(cuts) or [], labels=parse_list(labels), name=name)
    console.print(f"band [bold]{escape(created.name)}[/bold]: {', '.join(created.labels)}")
