"""Charts as PNG or SVG files, drawn on matplotlib's Agg canvas (no pyplot, no GUI, no global state).

- :func:`heatmap` - a case x code matrix, numbers in the cells
- :func:`radar` - each case against the sample mean (one small radar per case, like CUREE's Graph J)
- :func:`scatter` - a rating against a number attribute, split into quadrants (like CUREE's Graph A)
- :func:`stacked_bars` - categorical judgements (counts of each value) per band
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import InvalidOperation
from .files import atomic_output

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.figure import Figure

FORMATS = (".png", ".svg")
CASE_COLOUR = "#c0392b"
MEAN_COLOUR = "#2c6fbb"
PALETTE = ("#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02", "#a6761d", "#666666")


def _figure(width: float, height: float) -> Figure:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(width, height), dpi=120)
    FigureCanvasAgg(figure)
    return figure


def _save(figure: Figure, path: str | Path, force: bool) -> Path:
    target = Path(path)
    with atomic_output(target, force=force, suffixes=FORMATS) as scratch:
        figure.savefig(scratch, format=target.suffix.lower().lstrip("."), bbox_inches="tight")
    return target


def heatmap(matrix: pd.DataFrame, path: str | Path, *, title: str = "", force: bool = False,
            annotate: bool = True) -> Path:
    """Rows x columns coloured by value (a Total row/column and a ``cases`` column are left out)."""
    import numpy as np

    body = matrix.drop(index=[i for i in matrix.index if str(i) == "Total"],
                       columns=[c for c in matrix.columns if str(c) in ("Total", "cases")])
    values = body.to_numpy(dtype=float) if body.size else np.zeros((max(len(body.index), 1), 1))
    rows, columns = values.shape
    figure = _figure(min(2 + 0.45 * columns, 30), min(1.5 + 0.35 * rows, 30))
    axes = figure.add_subplot(1, 1, 1)
    image = axes.imshow(values, cmap="YlOrRd", aspect="auto", vmin=0)
    axes.set_xticks(range(len(body.columns)), [_short(c) for c in body.columns], rotation=60, ha="right",
                    fontsize=7)
    axes.set_yticks(range(len(body.index)), [_short(i) for i in body.index], fontsize=7)
    if annotate and rows * columns <= 900:
        top = values.max() if values.size else 0
        for r in range(rows):
            for c in range(columns):
                value = values[r, c]
                if value:
                    text = f"{value:g}" if float(value).is_integer() else f"{value:.1f}"
                    axes.text(c, r, text, ha="center", va="center", fontsize=6,
                              color="white" if top and value > 0.6 * top else "black")
    figure.colorbar(image, ax=axes, shrink=0.6, label=str(matrix.attrs.get("measure", "")))
    if title:
        axes.set_title(title, fontsize=10)
    return _save(figure, path, force)


def radar(profile: pd.DataFrame, path: str | Path, *, cases: Sequence[str] | None = None, title: str = "",
          scale: tuple[float, float] = (1, 5), force: bool = False) -> Path:
    """One radar per case: the case's ratings (red) against the mean of all cases (blue)."""
    from ..analysis.judgements import sample_mean

    if profile.shape[1] < 3:
        raise InvalidOperation("a radar needs at least three dimensions")
    chosen = list(cases) if cases is not None else list(profile.index)
    missing = [c for c in chosen if c not in profile.index]
    if missing:
        raise InvalidOperation(f"no ratings for {', '.join(map(str, missing))}")
    if not chosen:
        raise InvalidOperation("no rated cases to draw")
    per_row = min(4, len(chosen))
    grid_rows = math.ceil(len(chosen) / per_row)
    figure = _figure(4.2 * per_row, 3.9 * grid_rows + (0.5 if title else 0))
    figure.subplots_adjust(wspace=0.75, hspace=0.55)
    mean = sample_mean(profile)
    for number, case in enumerate(chosen, start=1):
        axes = figure.add_subplot(grid_rows, per_row, number, projection="polar")
        draw_radar(axes, profile.loc[case], mean, scale=scale, title=str(case), legend=len(chosen) == 1)
    if len(chosen) > 1:
        handles, _ = figure.axes[0].get_legend_handles_labels()
        figure.legend(handles, ["sample mean", "case"], loc="lower center", ncol=2, frameon=False, fontsize=8)
    if title:
        figure.suptitle(title, fontsize=11, y=1.06 if len(chosen) == 1 else 0.98)
    return _save(figure, path, force)


def draw_radar(axes: Any, values: pd.Series, mean: pd.Series, *, scale: tuple[float, float], title: str,
               legend: bool = True) -> None:
    """Draw one case polygon and the sample-mean polygon on polar ``axes`` (first axis at the top)."""
    labels = [str(c) for c in values.index]
    angles = [2 * math.pi * i / len(labels) for i in range(len(labels))]
    closed = [*angles, angles[0]]

    def ring(series: pd.Series) -> list[float]:
        points = [float(series.get(label, float("nan"))) for label in values.index]
        points = [scale[0] if p != p else p for p in points]
        return [*points, points[0]]

    axes.plot(closed, ring(mean), color=MEAN_COLOUR, linewidth=1.2, label="sample mean")
    axes.fill(closed, ring(mean), color=MEAN_COLOUR, alpha=0.08)
    axes.plot(closed, ring(values), color=CASE_COLOUR, linewidth=1.6, label=title)
    axes.fill(closed, ring(values), color=CASE_COLOUR, alpha=0.15)
    axes.set_theta_offset(math.pi / 2)
    axes.set_theta_direction(-1)
    axes.set_xticks(angles, [_axis_label(label) for label in labels], fontsize=7)
    axes.set_ylim(scale[0] - (scale[1] - scale[0]) * 0.1, scale[1])
    axes.set_yticks([v for v in range(int(scale[0]), int(scale[1]) + 1)], [], fontsize=6)
    axes.set_title(title, fontsize=9, pad=14)
    if legend:
        axes.legend(loc="lower right", fontsize=6, bbox_to_anchor=(1.3, -0.2), frameon=False)


def scatter(x: pd.Series, y: pd.Series, path: str | Path, *, x_label: str, y_label: str, title: str = "",
            x_split: float | None = None, y_split: float | None = None, force: bool = False) -> Path:
    """Cases as labelled points with quadrant lines (default: the medians of x and y)."""
    import pandas as pd

    frame = pd.DataFrame({"x": pd.to_numeric(x, errors="coerce"), "y": pd.to_numeric(y, errors="coerce")}).dropna()
    if frame.empty:
        raise InvalidOperation("no case has both values to plot")
    figure = _figure(6, 4.5)
    axes = figure.add_subplot(1, 1, 1)
    axes.scatter(frame["x"], frame["y"], color=CASE_COLOUR, zorder=3)
    for label, row in frame.iterrows():
        axes.annotate(str(label), (row["x"], row["y"]), textcoords="offset points", xytext=(4, 4), fontsize=7)
    vertical = float(frame["x"].median()) if x_split is None else x_split
    horizontal = float(frame["y"].median()) if y_split is None else y_split
    axes.axvline(vertical, color="#999999", linestyle="--", linewidth=0.8)
    axes.axhline(horizontal, color="#999999", linestyle="--", linewidth=0.8)
    axes.set_xlabel(x_label)
    axes.set_ylabel(y_label)
    if len(frame) > 2:
        correlation = frame["x"].corr(frame["y"])
        if correlation == correlation:
            axes.text(0.01, 0.99, f"r = {correlation:.2f} (n = {len(frame)})", transform=axes.transAxes,
                      va="top", fontsize=7, color="#555555")
    if title:
        axes.set_title(title, fontsize=10)
    return _save(figure, path, force)


def stacked_bars(counts: pd.DataFrame, path: str | Path, *, title: str = "", percent: bool = False,
                 force: bool = False, unit: str = "cases") -> Path:
    """One bar per row of ``counts`` (e.g. a band), stacked by column (e.g. a judged value)."""
    body = counts.drop(index=[i for i in counts.index if str(i) == "Total"],
                       columns=[c for c in counts.columns if str(c) in ("Total", "cases")], errors="ignore")
    if percent:
        sums = body.sum(axis=1).replace(0, float("nan"))
        body = body.div(sums, axis=0).fillna(0) * 100
    figure = _figure(max(4, 1 + 0.9 * len(body.index)), 4.2)
    axes = figure.add_subplot(1, 1, 1)
    bottom = [0.0] * len(body.index)
    positions = list(range(len(body.index)))
    for number, column in enumerate(body.columns):
        heights = [float(v) for v in body[column]]
        axes.bar(positions, heights, bottom=bottom, label=str(column), color=PALETTE[number % len(PALETTE)])
        bottom = [b + h for b, h in zip(bottom, heights, strict=True)]
    axes.set_xticks(positions, [_short(i, 18) for i in body.index], fontsize=8)
    axes.set_ylabel(f"% of {unit}" if percent else unit)
    axes.legend(fontsize=7, frameon=False, bbox_to_anchor=(1.02, 1), loc="upper left")
    if title:
        axes.set_title(title, fontsize=10)
    return _save(figure, path, force)


def _axis_label(label: str) -> str:
    """'Governance (local to central)' -> 'Governance', wrapped onto short lines."""
    import re
    import textwrap

    plain = re.sub(r"\s*\(.*\)\s*$", "", label) or label
    return "\n".join(textwrap.wrap(plain, 14)[:3])


def _short(label: Any, limit: int = 28) -> str:
    text = str(label)
    return text if len(text) <= limit else text[: limit - 1] + "…"
