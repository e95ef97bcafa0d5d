"""One-page Word case vignettes, like the per-trust profiles of the CUREE synopsis.

Each page: the case's attributes (hidden ones left out), its ratings as a radar against the sample
mean with a short table of values and rationales, its portrait if any, and the most-coded codes
with one quote each. Quotes are shortened so the vignette stays on one page.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..attributes import display_value
from .files import atomic_output, check_target, slug

if TYPE_CHECKING:
    import pandas as pd

QUOTE_LIMIT = 260


@dataclass
class Vignette:
    case: str
    title: str
    attributes: dict[str, Any] = field(default_factory=dict)
    #: The case's ratings and the sample mean, indexed by dimension name (for the radar).
    profile: pd.Series | None = None
    mean: pd.Series | None = None
    scale: tuple[float, float] = (1, 5)
    #: (dimension, value, rationale)
    ratings: list[tuple[str, float, str]] = field(default_factory=list)
    portrait: str | None = None
    #: (code, passages, quote)
    codes: list[tuple[str, int, str]] = field(default_factory=list)


def vignette_path(folder: Path, case: str) -> Path:
    return folder / f"vignette-{slug(case)}.docx"


def write_vignettes(vignettes: Sequence[Vignette], folder: str | Path, *, force: bool = False) -> list[Path]:
    """One .docx per case in ``folder``; refuses before writing anything if a file exists."""
    target = Path(folder)
    target.mkdir(parents=True, exist_ok=True)
    paths = [vignette_path(target, v.case) for v in vignettes]
    for path in paths:
        check_target(path, force=force)
    for vignette, path in zip(vignettes, paths, strict=True):
        write_vignette(vignette, path, force=force)
    return paths


def write_vignette(vignette: Vignette, path: Path, *, force: bool = False) -> Path:
    from docx import Document
    from docx.shared import Cm, Pt

    document = Document()
    section = document.sections[0]
    section.top_margin = section.bottom_margin = Cm(1.5)
    section.left_margin = section.right_margin = Cm(1.8)
    document.styles["Normal"].font.size = Pt(9)
    document.add_heading(vignette.title, level=1)
    if vignette.attributes:
        _pairs_table(document, [(k, display_value(v)) for k, v in vignette.attributes.items()], columns=2)
    if vignette.profile is not None and vignette.profile.notna().sum() >= 3:
        document.add_heading("Ratings against the sample mean", level=2)
        document.add_picture(_radar_png(vignette), width=Cm(7.5))
        if vignette.portrait:
            paragraph = document.add_paragraph()
            paragraph.add_run("Closest portrait: ").bold = True
            paragraph.add_run(vignette.portrait)
    if vignette.ratings:
        rows = [(d, f"{v:g}", _shorten(r, 110)) for d, v, r in vignette.ratings]
        _rows_table(document, ["dimension", "rating", "rationale"], rows)
    if vignette.codes:
        document.add_heading("Most-coded themes", level=2)
        for code, count, quote in vignette.codes:
            paragraph = document.add_paragraph(style="List Bullet")
            paragraph.add_run(f"{code} ({count}): ").bold = True
            paragraph.add_run(_shorten(quote, QUOTE_LIMIT)).italic = True
    with atomic_output(path, force=force, suffixes=(".docx",)) as scratch:
        document.save(str(scratch))
    return path


def _radar_png(vignette: Vignette) -> io.BytesIO:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    from .charts import draw_radar

    assert vignette.profile is not None
    figure = Figure(figsize=(3.6, 3.4), dpi=150)
    FigureCanvasAgg(figure)
    axes = figure.add_subplot(1, 1, 1, projection="polar")
    mean = vignette.mean if vignette.mean is not None else vignette.profile
    draw_radar(axes, vignette.profile, mean, scale=vignette.scale, title=vignette.case)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", bbox_inches="tight")
    buffer.seek(0)
    return buffer


def _pairs_table(document: Any, pairs: list[tuple[str, str]], *, columns: int) -> None:
    """Attribute name/value pairs laid out ``columns`` pairs per row."""
    rows = (len(pairs) + columns - 1) // columns
    table = document.add_table(rows=rows, cols=2 * columns)
    table.style = "Table Grid"
    for index, (name, value) in enumerate(pairs):
        row, column = divmod(index, columns)
        label = table.cell(row, 2 * column)
        label.paragraphs[0].add_run(str(name)).bold = True
        table.cell(row, 2 * column + 1).text = value


def _rows_table(document: Any, header: list[str], rows: Sequence[tuple[str, ...]]) -> None:
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, name in zip(table.rows[0].cells, header, strict=True):
        cell.paragraphs[0].add_run(name).bold = True
    for values in rows:
        for cell, value in zip(table.add_row().cells, values, strict=True):
            cell.text = value


def _shorten(text: str, limit: int) -> str:
    words = " ".join(str(text).split())
    return words if len(words) <= limit else words[: limit - 1].rsplit(" ", 1)[0] + "…"
