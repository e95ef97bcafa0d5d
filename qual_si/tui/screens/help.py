"""The help screen: every key, generated from the same table as the bindings."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from ..keys import GROUPS


def help_table() -> Table:
    table = Table(box=None, show_header=False, padding=(0, 2), expand=True)
    table.add_column("key", style="bold", no_wrap=True, min_width=14)
    table.add_column("what it does", ratio=1)
    for title, keys in GROUPS:
        table.add_row(Text(title, style="bold underline"), "")
        for key in keys:
            table.add_row(key.shown, key.description)
        table.add_row("", "")
    return table


class HelpScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 90%; max-width: 110; height: 90%; border: round $accent; background: $surface; padding: 0 1;
    }
    """
    BINDINGS = [Binding("escape,q,question_mark", "close", "Close")]

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(Text("qual-si keys \u2014 every action is saved when the screen updates; "
                              "ctrl+z undoes it, even after a restart.  (esc closes)", style="italic"))
            yield Static(help_table(), id="help-table")

    def action_close(self) -> None:
        self.dismiss(None)
