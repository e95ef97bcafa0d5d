"""Ratings of one case on the codebooks' scale dimensions (four Ps, local/central balance...),
with its typology portrait. Enter rates (value and rationale, checked against the scale by the
facade: an off-scale value is refused with a notification); each rating is one undoable action.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Label, LoadingIndicator, Static

from ...errors import NotFound, QualSiError
from ...model import Code, Rating
from ..keys import RATINGS, bindings
from ..widgets.line_table import LineTable
from .data_screen import DataScreen
from .dialogs import DIALOG_CSS
from .guard import attempt, guarded

KINDS = ("current", "desired")


def scale_text(scale: dict[str, Any] | None) -> str:
    """``1-5: 1 weak, 3 developing, 5 strong``."""
    scale = scale or {}
    low, high = scale.get("min", 1), scale.get("max", 5)
    labels = ", ".join(f"{k} {v}" for k, v in (scale.get("labels") or {}).items())
    return f"{low:g}-{high:g}" + (f": {labels}" if labels else "")


@dataclass
class CaseRatings:
    """What the screen shows for one case, read in a worker."""

    dimensions: list[Code]
    ratings: list[Rating]
    portrait: str


class RatingDialog(ModalScreen[tuple[str, str] | None]):
    """A value and a rationale; Enter in the value moves on, Enter in the rationale saves."""

    DEFAULT_CSS = DIALOG_CSS.format(name="RatingDialog")
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, title: str, value: str = "", rationale: str = "", *, hint: str = "") -> None:
        super().__init__()
        self.title_text, self.value, self.rationale, self.hint = title, value, rationale, hint

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self.title_text, classes="title")
            yield Input(self.value, placeholder="value", id="rating-value")
            yield Input(self.rationale, placeholder="rationale: why this value (evidence)", id="rating-rationale")
            yield Label(self.hint or "\u23ce next / save \u00b7 esc cancel", classes="hint")

    def on_mount(self) -> None:
        self.query_one("#rating-value", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == "rating-value":
            self.query_one("#rating-rationale", Input).focus()
            return
        self.dismiss((self.query_one("#rating-value", Input).value, event.value))

    def action_cancel(self) -> None:
        self.dismiss(None)


class RatingsScreen(DataScreen[None]):
    BINDINGS = bindings(RATINGS)
    DEFAULT_CSS = """
    RatingsScreen #ratings-title { text-style: bold; padding: 0 1; }
    RatingsScreen #ratings-portrait { height: auto; max-height: 6; padding: 0 1; }
    RatingsScreen LineTable { height: 1fr; }
    RatingsScreen #ratings-preview { height: auto; max-height: 9; padding: 0 1; border-top: hkey $panel-lighten-2; }
    RatingsScreen LoadingIndicator { height: 1; }
    """
    FAILURE_TITLE = "Ratings"

    def __init__(self, case: str, cases: list[str]) -> None:
        super().__init__()
        self.case, self.cases = case, cases
        self.kind = "current"
        self.data: CaseRatings | None = None
        self.stale = False

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("", id="ratings-title")
            yield Static("", id="ratings-portrait")
            yield LoadingIndicator()
            yield LineTable(["dimension", "scale", "yours", "others", "rationale"], id="ratings-table")
            yield Static("", id="ratings-preview")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(LineTable).focus()
        self.reload()

    def reload(self) -> None:
        self.stale = False
        self.loading()
        self._fetch(self.case, self.kind)

    @work(thread=True, exclusive=True)
    def _fetch(self, case: str, kind: str) -> None:
        project = self.project
        self.deliver(lambda: CaseRatings(project.rating_dimensions(),
                                         [r for r in project.ratings(case=case) if r.kind == kind],
                                         self._portrait(case, kind)), self._show)

    def _portrait(self, case: str, kind: str) -> str:
        """The case's typology portrait from its four-P profile (ties named), or why there is none."""
        try:
            table = self.project.typology(kind=kind)
        except NotFound:
            return "no typology: the portraits codebook (d003_typology_portraits) is not loaded"
        if case not in table.index or not table.loc[case, "portrait"]:
            return "no portrait yet: rate the four Ps"
        row = table.loc[case]
        names = []
        for key in str(row["portrait"]).replace(" (tie)", "").split(" / "):
            try:
                names.append(self.project.code(f"d003_typology_portraits.{key}").name)
            except QualSiError:
                names.append(key)
        dimensions = [c for c in table.columns if c not in ("portrait", "tie", "top", "margin", "missing")]
        profile = " \u00b7 ".join(f"{name} {row[name]:g}" for name in dimensions if row[name] == row[name])
        tie = " (tie)" if bool(row["tie"]) else ""
        missing = f" \u00b7 not rated: {row['missing']}" if row["missing"] else ""
        return f"{' / '.join(names)}{tie} \u2014 {profile}{missing}"

    def _show(self, data: CaseRatings) -> None:
        self.data = data
        table = self.query_one(LineTable)
        keep = table.cursor_row
        me = self.project.coder
        rows: list[tuple[str, ...]] = []
        for dimension in data.dimensions:
            mine = [r for r in data.ratings if r.code_id == dimension.id and r.rater == me]
            others = [r for r in data.ratings if r.code_id == dimension.id and r.rater != me]
            rows.append((
                dimension.name, scale_text(dimension.scale).split(":")[0], f"{mine[0].value:g}" if mine else "-",
                ", ".join(f"{r.value:g} ({r.rater})" for r in others) or "-",
                (mine[0].rationale if mine else (others[0].rationale if others else "")) or "",
            ))
        table.set_rows(rows)
        if rows:
            table.cursor_row = min(keep, len(rows) - 1)
        position = self.cases.index(self.case) + 1 if self.case in self.cases else 0
        self.query_one("#ratings-title", Label).update(
            f"Ratings of case {self.case} ({position} of {len(self.cases)}) \u00b7 {self.kind} state \u00b7 rater {me}")
        portrait = Text("Typology portrait: ", style="bold")
        portrait.append(data.portrait)
        self.query_one("#ratings-portrait", Static).update(portrait)
        self.query_one(LoadingIndicator).display = False
        self.loaded = True
        self._highlighted()

    def _dimension(self) -> Code | None:
        if not self.loaded or self.data is None or not self.data.dimensions:
            return None
        return self.data.dimensions[min(self.query_one(LineTable).cursor_row, len(self.data.dimensions) - 1)]

    def _mine(self, dimension: Code) -> Rating | None:
        assert self.data is not None
        me = self.project.coder
        return next((r for r in self.data.ratings if r.code_id == dimension.id and r.rater == me), None)

    @on(LineTable.Highlighted)
    def _highlighted(self) -> None:
        dimension = self._dimension()
        preview = self.query_one("#ratings-preview", Static)
        if dimension is None:
            preview.update(Text("no codebook with rating scales is loaded (e.g. d003_four_ps)", style="dim")
                           if self.loaded else "")
            return
        assert self.data is not None
        text = Text(f"{dimension.name}", style="bold")
        text.append(f"  {dimension.qualified_id} \u00b7 scale {scale_text(dimension.scale)}\n", style="dim")
        definition = dimension.definition
        text.append(definition if len(definition) <= 300 else definition[:300].rsplit(" ", 1)[0] + "\u2026")
        for rating in (r for r in self.data.ratings if r.code_id == dimension.id):
            text.append(f"\n{rating.rater}: {rating.value:g}", style="bold")
            if rating.rationale:
                text.append(f" \u2014 {rating.rationale}")
        preview.update(text)

    @on(LineTable.Selected)
    def _selected(self) -> None:
        self.action_rate()

    def action_rate(self) -> None:
        dimension = self._dimension()
        if dimension is None:
            return
        mine = self._mine(dimension)

        def rated(answer: tuple[str, str] | None) -> None:
            if answer is None:
                return
            value, rationale = answer
            done = guarded(self.app, lambda: self.project.rate(self.case, dimension.id, value.strip(),
                                                               rationale=rationale.strip(), kind=self.kind))
            if done is not None:
                self.notify(f"{self.case}: {dimension.name} rated {done.value:g} ({self.kind})")
                self.reload()

        self.app.push_screen(RatingDialog(
            f"Rate {self.case} on {dimension.name} ({self.kind} state)", f"{mine.value:g}" if mine else "",
            mine.rationale if mine else "",
            hint=f"scale {scale_text(dimension.scale)} \u00b7 \u23ce next / save \u00b7 esc cancel"), rated)

    def action_remove_rating(self) -> None:
        dimension = self._dimension()
        mine = self._mine(dimension) if dimension is not None else None
        if dimension is None or mine is None:
            self.notify("You have not rated this dimension.", severity="warning")
            return
        if attempt(self.app, lambda: self.project.remove_rating(mine.id)):
            self.notify(f"Removed your rating of {dimension.name}")
            self.reload()

    def action_other_case(self, step: int) -> None:
        if self.case in self.cases:
            self.case = self.cases[(self.cases.index(self.case) + step) % len(self.cases)]
            self.reload()

    def action_toggle_kind(self) -> None:
        self.kind = KINDS[(KINDS.index(self.kind) + 1) % len(KINDS)]
        self.reload()
