"""Small modal dialogs: a prompt, a confirmation, a choice, a memo editor, the fuzzy code palette."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Generic, TypeVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, TextArea
from textual.widgets.option_list import Option

from ...facade.views import CodeRow

T = TypeVar("T")

DIALOG_CSS = """
{name} {{ align: center middle; }}
{name} > Vertical {{
    width: 80%; max-width: 100; height: auto; max-height: 90%;
    border: round $accent; background: $surface; padding: 0 1;
}}
{name} .title {{ text-style: bold; width: 100%; }}
{name} .hint {{ color: $text-muted; width: 100%; }}
"""


class PromptScreen(ModalScreen[str | None]):
    """Ask for one line of text; Enter accepts, Escape cancels."""

    DEFAULT_CSS = DIALOG_CSS.format(name="PromptScreen")
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, title: str, value: str = "", *, placeholder: str = "", hint: str = "") -> None:
        super().__init__()
        self.title_text, self.value, self.placeholder, self.hint = title, value, placeholder, hint

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self.title_text, classes="title")
            yield Input(self.value, placeholder=self.placeholder, id="prompt-input")
            yield Label(self.hint or "\u23ce accept \u00b7 esc cancel", classes="hint")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)


class ConfirmScreen(ModalScreen[bool]):
    """A yes/no question that says what will happen (e.g. how many codings move)."""

    DEFAULT_CSS = DIALOG_CSS.format(name="ConfirmScreen")
    BINDINGS = [
        Binding("y,enter", "answer(True)", "Yes"),
        Binding("n,escape", "answer(False)", "No"),
    ]

    def __init__(self, message: str) -> None:
        super().__init__()
        self.message = message

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self.message, classes="title")
            yield Label("y / \u23ce yes \u00b7 n / esc no", classes="hint")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)


class ChoiceScreen(ModalScreen[T | None], Generic[T]):
    """Pick one of a few labelled values."""

    DEFAULT_CSS = DIALOG_CSS.format(name="ChoiceScreen") + "ChoiceScreen OptionList { height: auto; max-height: 20; }"
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, title: str, choices: Sequence[tuple[str | Text, T]]) -> None:
        super().__init__()
        self.title_text = title
        self.choices = list(choices)

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self.title_text, classes="title")
            yield OptionList(*[Option(label, id=str(i)) for i, (label, _) in enumerate(self.choices)])
            yield Label("\u2191\u2193 choose \u00b7 \u23ce accept \u00b7 esc cancel", classes="hint")

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.focus()
        options.highlighted = 0

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.choices[int(event.option.id or 0)][1])

    def action_cancel(self) -> None:
        self.dismiss(None)


class MemoScreen(ModalScreen[str | None]):
    """Write or edit a memo; ctrl+s saves (empty text deletes the memo), Escape cancels."""

    DEFAULT_CSS = DIALOG_CSS.format(name="MemoScreen") + "MemoScreen TextArea { height: 10; }"
    BINDINGS = [Binding("ctrl+s", "save", "Save"), Binding("escape", "cancel", "Cancel")]

    def __init__(self, title: str, text: str = "") -> None:
        super().__init__()
        self.title_text, self.text = title, text

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self.title_text, classes="title")
            yield TextArea(self.text, id="memo-text", soft_wrap=True)
            yield Label("ctrl+s save (empty deletes) \u00b7 esc cancel", classes="hint")

    def on_mount(self) -> None:
        area = self.query_one(TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    def action_save(self) -> None:
        self.dismiss(self.query_one(TextArea).text)

    def action_cancel(self) -> None:
        self.dismiss(None)


def score_code(query: str, row: CodeRow) -> float:
    """Fuzzy rank for the palette: name prefix > name substring > letters in order in the name >
    words found in the definition. 0 means no match."""
    words = query.lower().split()
    if not words:
        return 1.0
    name = row.code.name.lower()
    definition = f"{row.code.key} {row.code.definition} {' '.join(row.code.keywords)}".lower()
    total = 0.0
    for word in words:
        if name.startswith(word):
            total += 4
        elif word in name:
            total += 3
        elif _in_order(word, name):
            total += 1.5
        elif word in definition:
            total += 1
        else:
            return 0.0
    return total + min(row.codings, 50) / 500


def _in_order(letters: str, text: str) -> bool:
    position = 0
    for letter in letters:
        position = text.find(letter, position) + 1
        if position == 0:
            return False
    return True


class CodePalette(ModalScreen[int | None]):
    """Type a few letters of a code's name or definition; Enter returns the code id."""

    DEFAULT_CSS = DIALOG_CSS.format(name="CodePalette") + """
    CodePalette > Vertical { height: 80%; }
    CodePalette OptionList { height: 1fr; }
    """
    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("down", "cursor(1)", show=False),
        Binding("up", "cursor(-1)", show=False),
    ]
    LIMIT = 60

    def __init__(self, rows: Sequence[CodeRow], *, title: str = "Apply a code", extra: Sequence[tuple[str, int]] = ()) -> None:
        super().__init__()
        self.rows = list(rows)
        self.title_text = title
        self.extra = list(extra)
        self._shown: list[int] = []

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self.title_text, classes="title")
            yield Input(placeholder="a few letters of the name or definition", id="palette-input")
            yield OptionList(id="palette-options")
            yield Label("\u2191\u2193 choose \u00b7 \u23ce accept \u00b7 esc cancel", classes="hint")

    def on_mount(self) -> None:
        self.query_one(Input).focus()
        self._refill("")

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._refill(event.value)

    def _refill(self, query: str) -> None:
        ranked = sorted(((score_code(query, r), i) for i, r in enumerate(self.rows)), key=lambda p: (-p[0], p[1]))
        hits = [i for score, i in ranked if score > 0][: self.LIMIT]
        options = self.query_one(OptionList)
        options.clear_options()
        self._shown = []
        for caption, value in self.extra if not query.strip() else ():
            options.add_option(Option(Text(caption, style="italic"), id=f"x{value}"))
            self._shown.append(value)
        for i in hits:
            row = self.rows[i]
            label = Text()
            label.append("\u25cf ", style=row.code.colour or "#8a8a8a")
            label.append(row.code.name, style="bold")
            if row.code.definition:
                label.append(f"  {row.code.definition[:90]}", style="dim")
            options.add_option(Option(label, id=str(row.code.id)))
            self._shown.append(row.code.id)
        if self._shown:
            options.highlighted = 0

    def action_cursor(self, step: int) -> None:
        options = self.query_one(OptionList)
        if options.option_count:
            current = options.highlighted or 0
            options.highlighted = min(max(current + step, 0), options.option_count - 1)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        options = self.query_one(OptionList)
        if options.highlighted is not None and self._shown:
            self.dismiss(self._shown[options.highlighted])

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self._shown[event.option_index])

    def action_cancel(self) -> None:
        self.dismiss(None)
