"""The codebook screen: browse and edit codes, and reshape the codebook (add, rename, move, merge,
split, retire, load). Every reshaping asks first and says how many codings it touches."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Label, LoadingIndicator, SelectionList, TextArea
from textual.widgets.selection_list import Selection

from ...errors import QualSiError
from ...facade.views import CodeRow
from ...quotes import shorten
from ..keys import CODEBOOK, bindings
from ..widgets.code_tree import CodeTree
from .data_screen import DataScreen
from .dialogs import DIALOG_CSS, ChoiceScreen, CodePalette, ConfirmScreen, PromptScreen
from .guard import attempt, guarded

TOP_LEVEL = -1
FIELDS = ("name", "colour", "definition", "inclusion", "exclusion", "examples", "keywords")


class SplitScreen(ModalScreen[dict[str, list[int]] | None]):
    """Name a new sub-code and tick the codings that move to it; ctrl+n keeps that part and starts
    another, so one split can create several sub-codes (one undoable action)."""

    DEFAULT_CSS = DIALOG_CSS.format(name="SplitScreen") + "SplitScreen SelectionList { height: 14; }"
    BINDINGS = [Binding("ctrl+s", "accept", "Split"), Binding("ctrl+n", "next_part", "Another sub-code"),
                Binding("escape", "cancel", "Cancel")]

    def __init__(self, code_name: str, codings: list[tuple[int, str]]) -> None:
        super().__init__()
        self.code_name, self.codings = code_name, codings
        self.parts: dict[str, list[int]] = {}

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(f"Split \u201c{self.code_name}\u201d: name a new sub-code, tick its codings", classes="title")
            yield Label("", id="split-parts")
            yield Input(placeholder="new sub-code name", id="split-name")
            yield SelectionList[int](*[Selection(label, coding_id, id=f"coding-{coding_id}")
                                       for coding_id, label in self.codings], id="split-codings")
            yield Label("space tick \u00b7 ctrl+n another sub-code \u00b7 ctrl+s split \u00b7 esc cancel", classes="hint")

    def on_mount(self) -> None:
        self.query_one("#split-parts", Label).display = False
        self.query_one(Input).focus()

    def _take_part(self) -> bool:
        """Keep the typed name and its ticked codings as one part; False (with a warning) if unusable."""
        name = " ".join(self.query_one(Input).value.split())
        chosen = list(self.query_one(SelectionList).selected)
        if not name or not chosen:
            self.notify("Give the new code a name and tick at least one coding.", severity="warning")
            return False
        if name in self.parts:
            self.notify(f"\u201c{name}\u201d is already one of the new sub-codes.", severity="warning")
            return False
        self.parts[name] = chosen
        codings = self.query_one(SelectionList)
        for coding_id in chosen:  # a coding moves to one new sub-code only
            codings.remove_option(f"coding-{coding_id}")
        return True

    def action_next_part(self) -> None:
        if not self._take_part():
            return
        summary = self.query_one("#split-parts", Label)
        summary.update("New sub-codes: " + ", ".join(f"\u201c{n}\u201d ({len(ids)})" for n, ids in self.parts.items()))
        summary.display = True
        self.query_one(Input).value = ""
        self.query_one(Input).focus()

    def action_accept(self) -> None:
        typed = self.query_one(Input).value.strip() or self.query_one(SelectionList).selected
        if (typed or not self.parts) and not self._take_part():
            return
        self.dismiss(self.parts)

    def action_cancel(self) -> None:
        self.dismiss(None)


class CodebookScreen(DataScreen[None]):
    BINDINGS = bindings(CODEBOOK)
    DEFAULT_CSS = """
    CodebookScreen #codebook-main { height: 1fr; }
    CodebookScreen #codebook-left { width: 40%; min-width: 28; }
    CodebookScreen #codebook-editor { width: 1fr; padding: 0 1; }
    CodebookScreen #codebook-editor TextArea { height: 4; border: none; background: $boost; padding: 0 1; }
    CodebookScreen #codebook-editor Input { border: none; height: 1; background: $boost; padding: 0 1; }
    CodebookScreen #codebook-editor TextArea:focus, CodebookScreen #codebook-editor Input:focus {
        background-tint: $foreground 8%;
    }
    CodebookScreen #codebook-editor .field { color: $text-muted; margin-top: 1; }
    CodebookScreen #codebook-heading { text-style: bold; }
    CodebookScreen LoadingIndicator { height: 3; }
    """
    FAILURE_TITLE = "Codebook"

    def __init__(self, code_id: int | None = None) -> None:
        super().__init__()
        self.start_code = code_id
        self._editing: int | None = None

    @property
    def code_tree(self) -> CodeTree:
        return self.query_one(CodeTree)

    def compose(self) -> ComposeResult:
        with Horizontal(id="codebook-main"):
            with Vertical(id="codebook-left"):
                yield Input(placeholder="filter codes", id="codebook-filter", classes="slim")
                yield LoadingIndicator()
                yield CodeTree(id="codebook-tree")
            with VerticalScroll(id="codebook-editor"):
                yield Label("", id="codebook-heading")
                yield Label("", id="codebook-usage")
                for field in FIELDS:
                    yield Label(field + (" (one per line)" if field == "examples" else
                                         " (comma separated)" if field == "keywords" else ""), classes="field")
                    if field in ("name", "colour", "keywords"):
                        yield Input(id=f"field-{field}")
                    else:
                        yield TextArea(id=f"field-{field}", soft_wrap=True)
        yield Footer()

    def on_mount(self) -> None:
        self.code_tree.display = False
        self.code_tree.focus()
        self.load()

    # -- loading -------------------------------------------------------------------------------

    def load(self, select: int | None = None) -> None:
        self.loading()
        self._fetch(select if select is not None else (self.code_tree.selected_code_id or self.start_code))

    @work(thread=True, exclusive=True)
    def _fetch(self, select: int | None) -> None:
        self.deliver(self.project.code_rows, lambda rows: self._loaded(rows, select))

    def _loaded(self, rows: list[CodeRow], select: int | None) -> None:
        # the tree keeps what is open: codes and the (negative-id) codebook groups alike
        self.code_tree.set_rows(rows)
        self.query_one(LoadingIndicator).display = False
        self.code_tree.display = True
        if select is not None:
            self.code_tree.select_code(select)
        self.loaded = True
        self._show(self.code_tree.selected_code_id)

    def reload(self) -> None:
        self.load()

    @on(Input.Changed, "#codebook-filter")
    def _filter(self, event: Input.Changed) -> None:
        self.code_tree.set_filter(event.value)

    @on(CodeTree.NodeHighlighted)
    def _highlighted(self) -> None:
        self._show(self.code_tree.selected_code_id)

    def _show(self, code_id: int | None) -> None:
        self._editing = code_id
        row = self.code_tree.rows.get(code_id) if code_id is not None else None
        heading, usage = self.query_one("#codebook-heading", Label), self.query_one("#codebook-usage", Label)
        if row is None:
            heading.update("No code selected")
            usage.update("")
            return
        code = row.code
        heading.update(f"{code.name}  ({code.qualified_id})")
        usage.update(f"{row.codings} codings in {row.documents} documents \u00b7 {row.children} sub-codes"
                     f" \u00b7 origin {code.origin}")
        values = {"name": code.name, "colour": code.colour or "", "definition": code.definition,
                  "inclusion": code.inclusion, "exclusion": code.exclusion, "examples": "\n".join(code.examples),
                  "keywords": ", ".join(code.keywords)}
        for field, value in values.items():
            widget = self.query_one(f"#field-{field}")
            if isinstance(widget, Input):
                widget.value = value
            else:
                assert isinstance(widget, TextArea)
                widget.text = value

    def _selected_code_row(self) -> CodeRow | None:
        code_id = self.code_tree.selected_code_id
        if code_id is None or not self.loaded:
            self.notify("Choose a code first.", severity="warning")
            return None
        return self.code_tree.rows.get(code_id)

    def _do(self, action: Callable[[], Any], done: str, select: int | None = None) -> None:
        if attempt(self.app, action):
            self.notify(done)
            self.load(select)

    # -- editing -------------------------------------------------------------------------------

    def action_edit(self) -> None:
        self.query_one("#field-definition", TextArea).focus()

    def action_save(self) -> None:
        row = self._selected_code_row()
        if row is None:
            return
        def value(field: str) -> str:
            widget = self.query_one(f"#field-{field}")
            if isinstance(widget, Input):
                return widget.value
            assert isinstance(widget, TextArea)
            return widget.text

        code = row.code
        current = {"name": code.name, "colour": code.colour or "", "definition": code.definition,
                   "inclusion": code.inclusion, "exclusion": code.exclusion, "examples": list(code.examples),
                   "keywords": list(code.keywords)}
        wanted: dict[str, Any] = {field: value(field).strip() for field in ("name", "colour", "definition",
                                                                            "inclusion", "exclusion")}
        wanted["examples"] = [line.strip() for line in value("examples").splitlines() if line.strip()]
        wanted["keywords"] = [word.strip() for word in value("keywords").split(",") if word.strip()]
        changed = {k: v for k, v in wanted.items() if v != current[k]}
        if "colour" in changed:
            changed["colour"] = changed["colour"] or None
        if not changed:
            self.notify("Nothing changed.")
            return
        self._do(lambda: self.project.edit_code(code.id, **changed), f"saved {', '.join(changed)}", code.id)

    # -- reshaping -----------------------------------------------------------------------------

    def action_add_code(self) -> None:
        parent = self.code_tree.rows.get(self.code_tree.selected_code_id) if self.code_tree.selected_code_id else None

        def named(name: str | None) -> None:
            if not name or not name.strip():
                return
            created = guarded(self.app, lambda: self.project.add_code(name, parent=parent.code.id if parent else None))
            if created is not None:
                self.notify(f"added \u201c{created.name}\u201d")
                self.load(created.id)

        where = f"under \u201c{parent.code.name}\u201d" if parent else "in the project's own codes"
        self.app.push_screen(PromptScreen(f"New code {where}", placeholder="code name"), named)

    def action_rename(self) -> None:
        row = self._selected_code_row()
        if row is None:
            return

        def renamed(name: str | None) -> None:
            if name and name.strip() and name.strip() != row.code.name:
                self._do(lambda: self.project.rename_code(row.code.id, name), f"renamed to \u201c{name.strip()}\u201d",
                         row.code.id)

        self.app.push_screen(PromptScreen(
            f"Rename \u201c{row.code.name}\u201d ({row.codings} codings keep it)", row.code.name), renamed)

    def _pick_then_confirm(self, title: str, exclude: int, extra: list[tuple[str, int]],
                           message: Callable[[int], str], action: Callable[[int], Any], done: str) -> None:
        rows = [r for r in self.code_tree.rows.values() if r.code.id != exclude]

        def picked(target: int | None) -> None:
            if target is None:
                return

            def confirmed(yes: bool | None) -> None:
                if yes:
                    self._do(lambda: action(target), done, exclude)

            self.app.push_screen(ConfirmScreen(message(target)), confirmed)

        self.app.push_screen(CodePalette(rows, title=title, extra=extra), picked)

    def _code_name(self, code_id: int) -> str:
        row = self.code_tree.rows.get(code_id)
        return row.code.name if row else "the top level"

    def action_move(self) -> None:
        row = self._selected_code_row()
        if row is None:
            return
        moving = self._count(lambda: self.project.codings_affected(row.code.id, with_descendants=True))
        self._pick_then_confirm(
            f"Move \u201c{row.code.name}\u201d under\u2026", row.code.id, [("(top level of its codebook)", TOP_LEVEL)],
            lambda target: f"Move \u201c{row.code.name}\u201d and its sub-codes under \u201c{self._code_name(target)}\u201d? "
                           f"{moving} codings move with it.",
            lambda target: self.project.move_code(row.code.id, None if target == TOP_LEVEL else target),
            f"moved \u201c{row.code.name}\u201d")

    def action_merge(self) -> None:
        row = self._selected_code_row()
        if row is None:
            return
        moving = self._count(lambda: self.project.codings_affected(row.code.id))
        self._pick_then_confirm(
            f"Merge \u201c{row.code.name}\u201d into\u2026", row.code.id, [],
            lambda target: f"Merge \u201c{row.code.name}\u201d into \u201c{self._code_name(target)}\u201d? {moving} codings "
                           f"move to \u201c{self._code_name(target)}\u201d; its sub-codes move too.",
            lambda target: self.project.merge_codes(row.code.id, target),
            f"merged \u201c{row.code.name}\u201d")

    def action_split(self) -> None:
        row = self._selected_code_row()
        if row is None:
            return
        codings = self.project.codings(code=row.code.id)
        if not codings:
            self.notify("This code has no codings to split.", severity="warning")
            return
        names = {d.id: d.name for d in self.project.documents()}
        labels = [(c.id, f"{names.get(c.document_id, '?')}: {shorten(c.snippet, 60)}") for c in codings]

        def chosen(parts: dict[str, list[int]] | None) -> None:
            if not parts:
                return
            new_codes = ", ".join(f"\u201c{name}\u201d" for name in parts)
            moving = sum(len(ids) for ids in parts.values())

            def confirmed(yes: bool | None) -> None:
                if yes:
                    self._do(lambda: self.project.split_code(row.code.id, parts),
                             f"split {new_codes} off \u201c{row.code.name}\u201d", row.code.id)

            self.app.push_screen(ConfirmScreen(
                f"Create {new_codes} under \u201c{row.code.name}\u201d? {moving} of {len(codings)} codings "
                f"move to {'it' if len(parts) == 1 else 'them'}."), confirmed)

        self.app.push_screen(SplitScreen(row.code.name, labels), chosen)

    def action_retire(self) -> None:
        row = self._selected_code_row()
        if row is None:
            return
        kept = self._count(lambda: self.project.codings_affected(row.code.id))

        def confirmed(yes: bool | None) -> None:
            if yes:
                self._do(lambda: self.project.retire_code(row.code.id), f"retired \u201c{row.code.name}\u201d")

        self.app.push_screen(ConfirmScreen(
            f"Retire \u201c{row.code.name}\u201d? Its {kept} codings are kept (no coding moves); the code leaves "
            f"the tree and suggestions."), confirmed)

    def action_reactivate(self) -> None:
        retired = [c for c in self.project.codes(include_inactive=True) if c.status == "retired"]
        if not retired:
            self.notify("No code is retired.")
            return

        def picked(code_id: int | None) -> None:
            if code_id is not None:
                name = next(c.name for c in retired if c.id == code_id)
                self._do(lambda: self.project.reactivate_code(code_id), f"reactivated \u201c{name}\u201d", code_id)

        self.app.push_screen(ChoiceScreen("Bring back a retired code (its codings were kept)",
                                          [(f"{c.name}  ({c.qualified_id})", c.id) for c in retired]), picked)

    def action_load(self) -> None:
        def chosen(source: str | None) -> None:
            if source and source.strip():
                self.query_one(LoadingIndicator).display = True
                self._load_codebook(source.strip())

        self.app.push_screen(PromptScreen("Load a codebook", placeholder="shipped id (e.g. d002_seven_pillars) or a "
                                          ".yaml/.qdc/.csv path"), chosen)

    @work(thread=True, exclusive=True, group="codebook-load")
    def _load_codebook(self, source: str) -> None:
        self.deliver(lambda: self.project.load_codebook(source), self._codebook_loaded, title="Not loaded")

    def _codebook_loaded(self, report: Any) -> None:
        self.notify(f"loaded {len(report.added)} codes")
        self.load()

    def _count(self, count: Callable[[], int]) -> int:
        try:
            return count()
        except QualSiError:
            return 0
