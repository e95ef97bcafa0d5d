"""``qual-si rate``, ``ratings``, ``judge``, ``judgements``, ``typology``, ``chart``, ``vignettes``."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.markup import escape

from . import app
from .analysis import (
    CODE,
    CODEBOOK,
    CODER,
    DEPTH,
    FORCE,
    ORIGIN,
    OUT,
    WHERE,
    selection_options,
    show_or_write,
)
from .common import console, open_project, parse_list, parse_numbers


@app.command()
def rate(
    case: str = typer.Argument(..., help="The case (or, with --participant, the participant's case; '' for none)."),
    dimension: str = typer.Argument(..., help="A code with a rating scale, e.g. d003_four_ps.purpose or 4p.purpose."),
    value: float = typer.Argument(..., help="A value on the code's scale."),
    rationale: str = typer.Option("", "--rationale", "-r", help="Why this rating."),
    participant: str = typer.Option(None, help="Rate a participant of the case instead of the case."),
    kind: str = typer.Option("current", help="current or desired practice."),
) -> None:
    """Rate a case on a scale dimension (replaces your earlier rating of it). Refuses values off the scale."""
    with open_project() as project:
        rating = project.rate(case or None, dimension, value, rationale=rationale, participant=participant, kind=kind)
        code = project.code(rating.code_id)
    console.print(f"{escape(case or participant or '')}: {escape(code.qualified_id)} = {rating.value:g} ({kind})")


ratings_app = typer.Typer(help="Case-level ratings on scale codes.", no_args_is_help=True)
app.add_typer(ratings_app, name="ratings")


@ratings_app.command("list")
def ratings_list(
    codebook: str = typer.Option("d003_four_ps", "--codebook", "-b", help="Codebook of the dimensions."),
    kind: str = typer.Option("current", help="current or desired."),
    long: bool = typer.Option(False, "--long", help="One row per rating, with rater and rationale."),
    out: Path = OUT, force: bool = FORCE,
) -> None:
    """Cases x dimensions (the mean over raters), or every rating with --long."""
    with open_project() as project:
        if long:
            table = project.ratings_frame(codebook=codebook, kind=kind).set_index("rating_id")
        else:
            table = project.rating_profile(codebook=codebook, kind=kind)
        show_or_write(project, {f"ratings {codebook} ({kind})": table}, out, force)


@ratings_app.command("import")
def ratings_import(
    path: Path = typer.Argument(..., help="A .csv/.xlsx: case, dimension, value[, rationale] or a case column "
                                          "plus one column per dimension."),
    kind: str = typer.Option("current", help="Kind for rows without a 'kind' column."),
    create_cases: bool = typer.Option(False, help="Create cases that do not exist yet."),
) -> None:
    """Import ratings in one undoable action; any value off its scale rejects the whole file."""
    with open_project() as project:
        report = project.import_ratings(path, kind=kind, create_cases=create_cases)
    console.print(f"{report.ratings} rating(s) for {len(report.cases)} case(s) on {len(report.dimensions)} "
                  f"dimension(s)")


@ratings_app.command("means")
def ratings_means(
    codebook: str = typer.Option("d003_four_ps", "--codebook", "-b", help="Codebook of the dimensions."),
    by: str = typer.Option(None, help="Attribute whose groups get a column each."),
    kind: str = typer.Option("current", help="current or desired."),
    where: list[str] = WHERE, out: Path = OUT, force: bool = FORCE,
) -> None:
    """Mean rating per dimension, overall or per group of an attribute."""
    with open_project() as project:
        table = project.rating_means(codebook=codebook, by=by, kind=kind, where=where or None)
        show_or_write(project, {f"mean ratings {codebook}": table}, out, force)


@app.command()
def judge(
    case: str = typer.Argument(...),
    group: str = typer.Argument(..., help="An exclusive group, e.g. consistency_level."),
    value: str = typer.Argument(..., help="One of the group's values, e.g. aligned."),
    facet: str = typer.Option(None, help="What the judgement is about, e.g. a practice area."),
    note: str = typer.Option("", help="A note, e.g. 'masks nuance: maths is standardised'."),
) -> None:
    """Record a case's dominant value in an exclusive group (per facet), replacing your earlier one."""
    with open_project() as project:
        judged = project.judge(case, group, value, facet=facet, note=note)
    console.print(f"{escape(judged.case)}: {escape(judged.group)} = {escape(judged.value)}"
                  + (f" ({escape(judged.facet)})" if judged.facet else ""))


@app.command()
def judgements(
    group: str = typer.Argument(..., help="An exclusive group, e.g. consistency_level."),
    facets: str = typer.Option(None, help="Codebook whose codes are facets, e.g. d003_practice_areas."),
    table: bool = typer.Option(False, "--table", help="Row % of the stored judgements per facet instead."),
    by: str = typer.Option(None, help="With --table: a column group per value of this attribute."),
    cuts: str = typer.Option(None, help="With --table --by: band a number attribute, e.g. '1,4,7'."),
    where: list[str] = WHERE, out: Path = OUT, force: bool = FORCE,
) -> None:
    """Dominant value per case (and facet) from the coding, beside the stored judgements."""
    with open_project() as project:
        if table:
            frame = project.judgement_table(group, by=by, cuts=parse_numbers(cuts), where=where or None)
        else:
            frame = project.dominant_values(group, facets=facets, where=where or None).set_index("case")
        show_or_write(project, {f"judgements {group}": frame}, out, force)


@app.command()
def typology(
    kind: str = typer.Option("current", help="current or desired ratings."),
    where: list[str] = WHERE, out: Path = OUT, force: bool = FORCE,
) -> None:
    """Each case's portrait from its four-P profile: the distinctly highest P (ties shown as ties)."""
    with open_project() as project:
        show_or_write(project, {"typology": project.typology(kind=kind, where=where or None)}, out, force)


chart_app = typer.Typer(help="Charts as PNG or SVG (by the file extension).", no_args_is_help=True)
app.add_typer(chart_app, name="chart")


@chart_app.command("heatmap")
def chart_heatmap(
    out: Path = typer.Argument(..., help="A .png or .svg file."),
    rows: str = typer.Option("case", "--rows", "-r", help="case, document, participant, or an attribute."),
    measure: str = typer.Option("segments", "--measure", "-m", help="segments, documents, participants, "
                                                                    "cases, presence, share."),
    codebook: str = CODEBOOK, code: list[str] = CODE, depth: int = DEPTH, where: list[str] = WHERE,
    coder: list[str] = CODER, origin: list[str] = ORIGIN, force: bool = FORCE,
) -> None:
    """Case x code heat map."""
    with open_project() as project:
        path = project.chart_heatmap(out, rows=rows, measure=measure, force=force,
                                     **selection_options(codebook, code, depth, where, coder, origin))
    console.print(f"wrote {escape(str(path))}")


@chart_app.command("radar")
def chart_radar(
    out: Path = typer.Argument(..., help="A .png or .svg file."),
    codebook: str = typer.Option("d003_four_ps", "--codebook", "-b", help="Codebook of the rated dimensions."),
    case: list[str] = typer.Option(None, "--case", help="Only these cases (repeatable)."),
    kind: str = typer.Option("current", help="current or desired."),
    where: list[str] = WHERE, force: bool = FORCE,
) -> None:
    """Each case's ratings (red) against the sample mean (blue)."""
    with open_project() as project:
        path = project.chart_radar(out, codebook=codebook, cases=case or None, kind=kind, where=where or None,
                                   force=force)
    console.print(f"wrote {escape(str(path))}")


@chart_app.command("scatter")
def chart_scatter(
    out: Path = typer.Argument(..., help="A .png or .svg file."),
    dimension: str = typer.Option(..., help="The rating on the y axis, e.g. lc.model_of_delegation."),
    attribute: str = typer.Option(..., help="A number attribute on the x axis, e.g. schools."),
    x_split: float = typer.Option(None, help="Vertical quadrant line (default: the median)."),
    y_split: float = typer.Option(None, help="Horizontal quadrant line (default: the median)."),
    where: list[str] = WHERE, force: bool = FORCE,
) -> None:
    """A rating against a number attribute, one point per case, with quadrants."""
    with open_project() as project:
        path = project.chart_scatter(out, dimension=dimension, attribute=attribute, x_split=x_split,
                                     y_split=y_split, where=where or None, force=force)
    console.print(f"wrote {escape(str(path))}")


@chart_app.command("bars")
def chart_bars(
    out: Path = typer.Argument(..., help="A .png or .svg file."),
    group: str = typer.Option(..., help="An exclusive group, e.g. consistency_level."),
    by: str = typer.Option(..., help="Attribute (or band) for the bars, e.g. 'size band'."),
    facets: str = typer.Option(None, help="Codebook of facets, e.g. d003_practice_areas."),
    facet: str = typer.Option(None, help="Only this facet."),
    cuts: str = typer.Option(None, help="Band a number --by attribute, e.g. '3,7,15'."),
    labels: str = typer.Option(None, help="Labels of the --cuts bands."),
    percent: bool = typer.Option(False, help="Bars as % of cases."),
    where: list[str] = WHERE, force: bool = FORCE,
) -> None:
    """Stacked bars of each case's judged (or dominant) value, per band."""
    with open_project() as project:
        path = project.chart_judgements(out, group=group, by=by, facets=facets, facet=facet, cuts=parse_numbers(cuts),
                                        labels=parse_list(labels), percent=percent, where=where or None, force=force)
    console.print(f"wrote {escape(str(path))}")


@app.command()
def vignettes(
    folder: Path = typer.Argument(..., help="Folder for the vignette-<case>.docx files."),
    case: list[str] = typer.Option(None, "--case", help="Only these cases (repeatable)."),
    codebook: str = typer.Option("d003_strategic_areas", "--codebook", "-b",
                                 help="Codebook of the most-coded themes (its top level)."),
    ratings: str = typer.Option("d003_four_ps", help="Codebook of the radar's dimensions."),
    top: int = typer.Option(5, min=1, help="How many themes, each with one quote."),
    force: bool = FORCE,
) -> None:
    """One-page Word vignette per case.

    Attributes (hidden ones left out), ratings radar against the sample mean, portrait, and the
    most-coded themes with a quote each.
    """
    with open_project() as project:
        paths = project.export_vignettes(folder, cases=case or None, codebook=codebook, ratings=ratings, top=top,
                                         force=force)
    console.print(f"wrote {len(paths)} vignette(s) to {escape(str(folder))}")
