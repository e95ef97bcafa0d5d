"""What the Themes screen says about a run and a theme: rows, the spread, quotes, the empty state.

Plain functions of the facade's ``ThemeRun`` / ``ThemeView`` records, so they are tested and read
without a running app.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from rich.text import Text

from ...quotes import clock

METHODS = {"kmeans": "k-means", "umap+hdbscan": "UMAP + HDBSCAN", "single": "one theme"}
THEME_COLUMNS = ["#", "size", "cases", "people", "code", "theme"]
QUOTE_COLUMNS = ["speaker", "case", "document", "time", "quote"]
#: How many cases or participants the detail names before "and N more".
SPREAD_SHOWN = 6

EMPTY = {
    False: "No themes yet. F finds them in the background: k-means under 120 segments (seconds); "
           "above that UMAP + HDBSCAN, whose first run in a session compiles UMAP (20-40 s).",
    True: "No residual themes yet. F finds themes in what the codes leave unexplained: passages that "
          "are not coded and that no code scores 0.5 or more on (what the framework may miss).",
}


def run_title(run: Any) -> str:
    kind = "Residual themes" if run.kind == "residual" else "Themes"
    method = METHODS.get(str(run.parameters.get("method", "")), str(run.parameters.get("method", "?")))
    return (f"{kind}: {len(run.themes)} in {run.n_segments} segments \u00b7 {method} \u00b7 "
            f"{run.outlier_share:.0%} left out \u00b7 seed {run.seed}")


def run_status(run: Any) -> str:
    """The run's note (why a result is degraded) or its quality figures."""
    if run.note:
        return run.note
    metrics = run.metrics
    parts = []
    if "npmi" in metrics:
        parts.append(f"coherence (NPMI) {metrics['npmi']:+.2f}")
    if "diversity" in metrics:
        parts.append(f"keyword diversity {metrics['diversity']:.2f}")
    if run.kind == "residual" and "residual_share" in metrics:
        parts.append(f"{metrics['residual_share']:.0%} of the segments unexplained by the codes")
    return " \u00b7 ".join(parts)


def theme_rows(themes: Sequence[Any], code_names: Mapping[int, str]) -> list[tuple[str, ...]]:
    return [
        (str(theme.number + 1), str(theme.size), str(len(theme.cases)), str(len(theme.participants)),
         code_names.get(theme.promoted_code_id, "promoted") if theme.promoted_code_id is not None else "",
         theme.label)
        for theme in themes
    ]


def _spread(counts: Mapping[str, int]) -> str:
    shown = [f"{name} {n}" for name, n in list(counts.items())[:SPREAD_SHOWN]]
    if len(counts) > SPREAD_SHOWN:
        shown.append(f"and {len(counts) - SPREAD_SHOWN} more")
    return " \u00b7 ".join(shown) or "-"


def theme_detail(theme: Any, code_names: Mapping[int, str]) -> Text:
    text = Text()
    text.append(f"{theme.number + 1}. {theme.label}", style="bold")
    text.append(f"  {theme.size} segments", style="dim")
    if theme.promoted_code_id is not None:
        name = code_names.get(theme.promoted_code_id, str(theme.promoted_code_id))
        text.append(f"  \u2192 code \u201c{name}\u201d", style="bold green")
    text.append("\nkeywords: ", style="dim")
    text.append(", ".join(theme.keywords))
    text.append(f"\ncases ({len(theme.cases)}): ", style="dim")
    text.append(_spread(theme.cases))
    text.append(f"\npeople ({len(theme.participants)}): ", style="dim")
    text.append(_spread(theme.participants))
    return text


def quote_rows(theme: Any) -> list[tuple[str, ...]]:
    return [
        (q.speaker or "-", q.case or "-", q.document, clock(q.start_s) or "-", " ".join(q.text.split()))
        for q in theme.quotes
    ]


def promotion_name(theme: Any) -> str:
    """The name the facade would draft (the label, capitalised), offered for editing."""
    label = str(theme.label)
    return label[:1].upper() + label[1:] if label else f"Theme {theme.number + 1}"


def quote_detail(quote: Any, theme: Any) -> Text:
    """A quote in full with its attribution and where it is, for the detail area."""
    text = Text(quote.attribution)
    where = [f"case {quote.case}" if quote.case else "no case", quote.document]
    if theme is not None:
        where.append(f"theme {theme.number + 1}. {theme.label}")
    text.append("\n" + " \u00b7 ".join(where), style="dim")
    text.append("\n\u23ce jumps to the passage \u00b7 c copies the quote", style="dim")
    return text
