"""Retrieval: every segment of a code (and its sub-codes) across documents, filterable by case
attribute and coder, sorted by document or case. Enter jumps to the segment; c copies the quote."""

from __future__ import annotations

import re
from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Footer, Input, Label, LoadingIndicator, Static

from ...attributes import coerce
from ...errors import InvalidOperation
from ...model import Attribute
from ...quotes import clock, quote_with_attribution
from ..keys import RETRIEVAL, bindings
from ..widgets.line_table import LineTable
from .data_screen import DataScreen
from .dialogs import ChoiceScreen

FILTER_PART = re.compile(r"\s*([^=;,]+?)\s*=\s*([^;,]+?)\s*(?:[;,]|$)")


def parse_filter(text: str, attributes: list[Attribute]) -> tuple[dict[str, Any], str | None]:
    """``phase=primary; size band=15+; coder=alex`` -> (attribute filter, coder).

    Values are converted to the attribute's type (as the facade stores them, so a date matches a
    date); repeating a name means any of its values.
    """
    where: dict[str, list[Any]] = {}
    coder = None
    by_name = {a.name.lower(): a for a in attributes}
    consumed = 0
    for match in FILTER_PART.finditer(text):
        consumed += len(match.group(0))
        name, value = match.group(1), match.group(2)
        if name.lower() == "coder":
            coder = value
            continue
        attribute = by_name.get(name.lower())
        if attribute is None:
            raise InvalidOperation(f"no case attribute {name!r}; attributes: {', '.join(a.name for a in attributes)}")
        try:
            converted = coerce(attribute.type, value)
        except InvalidOperation as exc:
            raise InvalidOperation(f"{attribute.name}: {exc}") from None
        where.setdefault(attribute.name, []).append(converted)
    if text.strip() and consumed == 0:
        raise InvalidOperation("write filters as name=value, separated by ';' (e.g. phase=primary; coder=alex)")
    return {k: v if len(v) > 1 else v[0] for k, v in where.items()}, coder


class RetrievalScreen(DataScreen[Any]):
    BINDINGS = bindings(RETRIEVAL)
    DEFAULT_CSS = """
    RetrievalScreen #retrieval-title { text-style: bold; padding: 0 1; }
    RetrievalScreen #retrieval-status { color: $text-muted; padding: 0 1; }
    RetrievalScreen LineTable { height: 1fr; }
    RetrievalScreen #retrieval-preview { height: auto; max-height: 8; padding: 0 1; border-top: hkey $panel-lighten-2; }
    RetrievalScreen LoadingIndicator { height: 3; }
    """
    FAILURE_TITLE = "Filter"

    PICKABLE_NUMBERS = 12
    PICKABLE_VALUES = 40

    def __init__(self, code_id: int) -> None:
        super().__init__()
        self.code_id = code_id
        self.include_children = True
        self.sort = "document"
        self.segments: list[Any] = []

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("", id="retrieval-title")
            yield Input(placeholder="filter: attribute=value; coder=name  (f picks one from a list)",
                        id="retrieval-filter", classes="slim")
            yield Label("", id="retrieval-status")
            yield LoadingIndicator()
            yield LineTable(["participant", "case", "document", "time", "coder", "text"], id="retrieval-table")
            yield Static("", id="retrieval-preview")
        yield Footer()

    def on_mount(self) -> None:
        code = self.project.code(self.code_id)
        self.code_name = code.name
        self.query_one(LineTable).focus()
        self.load()

    def load(self) -> None:
        self.loading()
        self._fetch(self.query_one(Input).value, self.include_children, self.sort)

    @work(thread=True, exclusive=True)
    def _fetch(self, filter_text: str, include_children: bool, sort: str) -> None:
        def read() -> list[Any]:
            where, coder = parse_filter(filter_text, self.project.attributes())
            segments: list[Any] = self.project.retrieve(self.code_id, include_children=include_children,
                                                        coder=coder, where=where or None, sort=sort)
            return segments

        self.deliver(read, self._show)

    def _show(self, segments: list[Any]) -> None:
        self.segments = segments
        self.query_one(LineTable).set_rows([
            (s.speaker or "-", s.case or "-", s.document, clock(s.start_s) or "-", s.coder, " ".join(s.text.split()))
            for s in segments
        ])
        self.query_one(LoadingIndicator).display = False
        children = "with sub-codes" if self.include_children else "this code only"
        self.query_one("#retrieval-title", Label).update(f"Retrieval: {self.code_name}")
        self.query_one("#retrieval-status", Label).update(
            f"{len(segments)} segments in {len({s.document_id for s in segments})} documents \u00b7 {children} "
            f"\u00b7 sorted by {self.sort}")
        self.loaded = True
        self._row_highlighted()

    def _current(self) -> Any:
        table = self.query_one(LineTable)
        if not self.loaded or not self.segments:
            return None
        return self.segments[min(table.cursor_row, len(self.segments) - 1)]

    @on(Input.Submitted, "#retrieval-filter")
    def _filter(self) -> None:
        self.load()
        self.query_one(LineTable).focus()

    @on(LineTable.Highlighted)
    def _row_highlighted(self) -> None:
        segment = self._current()
        preview = self.query_one("#retrieval-preview", Static)
        if segment is None:
            preview.update("")
            return
        text = Text(quote_with_attribution(segment.text, segment.speaker, segment.start_s))
        text.append(f"\n{segment.document} \u00b7 case {segment.case or '-'} \u00b7 {segment.code} \u00b7 "
                    f"{segment.coder} ({segment.origin})", style="dim")
        preview.update(text)

    @on(LineTable.Selected)
    def _row_selected(self) -> None:
        self.action_jump()

    def action_jump(self) -> None:
        segment = self._current()
        if segment is not None:
            self.dismiss(segment)

    def action_copy_quote(self) -> None:
        segment = self._current()
        if segment is None:
            return
        quote = quote_with_attribution(segment.text, segment.speaker, segment.start_s)
        self.app.copy_to_clipboard(quote)
        self.notify(quote, title="Copied")

    def action_toggle_sort(self) -> None:
        self.sort = "case" if self.sort == "document" else "document"
        self.load()

    def action_toggle_children(self) -> None:
        self.include_children = not self.include_children
        self.load()

    def action_pick_filter(self) -> None:
        """Offer every attribute value the cases hold and every coder as ready-made filters, so the
        typed syntax never has to be learnt; the pick is added to what is already typed."""
        cases = self.project.cases()
        choices: list[tuple[str, str]] = [("(clear the filter)", "")]
        for attribute in self.project.attributes():
            held = (case.attributes.get(attribute.name) for case in cases)
            # ';' and ',' separate filters, so a value holding one cannot be a filter; it is left out
            values = sorted({str(v) for v in held if v is not None and not set(str(v)) & {";", ","}},
                            key=str.lower)
            if len(values) > (self.PICKABLE_NUMBERS if attribute.type == "number" else self.PICKABLE_VALUES):
                continue  # too many to list (bands of a number are offered); it can still be typed
            choices.extend((f"{attribute.name} = {value}", f"{attribute.name}={value}") for value in values)
        choices.extend((f"coder = {coder}", f"coder={coder}") for coder in self.project.coders())
        field = self.query_one(Input)

        def picked(part: str | None) -> None:
            if part is None:
                return
            field.value = "; ".join(p for p in (field.value.strip().rstrip(";"), part) if p) if part else ""
            self.load()

        self.app.push_screen(ChoiceScreen("Filter the segments by", choices), picked)

    def action_focus_filter(self) -> None:
        self.query_one(Input).focus()
