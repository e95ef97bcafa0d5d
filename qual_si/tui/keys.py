"""Every key of the workbench in one table: bindings, the footer, the help screen and the command
palette are all generated from it, so they cannot disagree."""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding, BindingType


@dataclass(frozen=True)
class Key:
    keys: str
    action: str
    description: str
    #: Shown in the footer, with ``short`` as its caption.
    footer: bool = False
    short: str = ""
    #: How the help screen writes the key (defaults to ``keys``).
    label: str | None = None
    #: Offered in the command palette (actions that need no extra key press).
    palette: bool = True
    #: False for keys Textual already binds (tab, ctrl+p): listed in help, not bound again.
    bind: bool = True

    def binding(self) -> Binding:
        return Binding(self.keys, self.action, self.short or self.description, show=self.footer,
                       key_display=self.label if self.footer else None, tooltip=self.description)

    @property
    def shown(self) -> str:
        return self.label or self.keys.replace(",", " / ")


TRANSCRIPT = [
    Key("down,j", "move('block', 1)", "Next turn", label="\u2193 / j"),
    Key("up,k", "move('block', -1)", "Previous turn", label="\u2191 / k"),
    Key("w,right", "move('word', 1)", "Next word", label="w / \u2192"),
    Key("b,left", "move('word', -1)", "Previous word", label="b / \u2190"),
    Key("s", "move('sentence', 1)", "Next sentence"),
    Key("S", "move('sentence', -1)", "Previous sentence", label="S (shift+s)"),
    Key("v", "select('block')", "Select the turn", footer=True, short="select"),
    Key("V", "select('sentence')", "Select the sentence", label="V (shift+v)"),
    Key("shift+right", "extend('word', 1)", "Extend selection by a word"),
    Key("shift+left", "extend('word', -1)", "Extend selection back by a word"),
    Key("shift+down", "extend('sentence', 1)", "Extend selection by a sentence"),
    Key("shift+up", "extend('sentence', -1)", "Extend selection back by a sentence"),
    Key("escape", "clear_selection", "Clear the selection", label="esc"),
    Key("pagedown", "page(1)", "Page down", palette=False),
    Key("pageup", "page(-1)", "Page up", palette=False),
    Key("home", "edge(-1)", "First turn"),
    Key("end", "edge(1)", "Last turn"),
]

WORKBENCH = [
    Key("enter", "apply_tree_code", "Apply the code under the tree cursor", footer=True, short="apply", label="\u23ce"),
    Key("slash", "code_palette", "Find a code and apply it (name or definition)", footer=True, short="find code", label="/"),
    Key("1,2,3,4,5,6,7,8,9", "favourite", "Apply favourite code 1-9", label="1-9", palette=False),
    Key("f", "assign_favourite", "Put the tree's code in a favourite slot (then press 1-9)"),
    Key("n", "new_code", "New code from the selection", footer=True, short="new code"),
    Key("N", "in_vivo_code", "In-vivo code: new code named with the selected words", label="N (shift+n)"),
    Key("x", "remove_coding", "Remove a coding under the cursor", footer=True, short="remove"),
    Key("m", "memo", "Memo on a coding, the document, the code or the case", footer=True, short="memo"),
    Key("u", "next_uncoded", "Next uncoded participant turn (then the next document)", footer=True, short="uncoded"),
    Key("i", "cycle_interviewer", "Interviewer turns: shown, dimmed, hidden"),
    Key("p", "who_speaks", "Who speaks: link the turn's speaker to a participant"),
    Key("r", "retrieve", "Retrieve every segment of the tree's code", footer=True, short="retrieve"),
    Key("c", "copy_quote", "Copy the selection as a quote with attribution", footer=True, short="quote"),
    Key("d", "documents", "Document list", footer=True, short="documents"),
    Key("B", "codebook", "Codebook: edit, rename, move, merge, split, retire", footer=True, short="codebook", label="B"),
    # not in the footer: at 160 columns it would push "? help" out
    Key("M", "app.matrix", "Matrix: cases x codes, framework summaries, ratings", label="M"),
    Key("Q", "suggestion_queue", "Review queue: every pending suggestion, best first", label="Q"),
    Key("T", "themes", "Themes: emerging and residual themes; promote one to a code", label="T"),
    Key("G", "app.suggest", "Suggest codes for every document (runs in the background)", label="G"),
    Key("tab", "app.focus_next", "Next panel (tree filter, tree, transcript)", palette=False,
        bind=False),
    Key("t", "focus_tree", "Focus the code tree"),
    Key("ctrl+f", "focus_filter", "Filter the code tree", label="ctrl+f"),
    Key("ctrl+t", "focus_transcript", "Focus the transcript", label="ctrl+t"),
]

SUGGEST_PANEL = [
    Key("a", "accept_suggestion", "Accept the highlighted suggestion: it becomes a coding"),
    Key("A", "accept_suggestion_next", "Accept it and go to the next turn with suggestions", label="A"),
    Key("X", "reject_suggestion", "Reject the highlighted suggestion (never suggested again)", label="X"),
    Key("right_square_bracket", "cycle_suggestion(1)", "Highlight the next suggestion for this turn", label="]"),
    Key("left_square_bracket", "cycle_suggestion(-1)", "Highlight the previous suggestion for this turn", label="["),
    Key("o", "toggle_all_suggestions", "Suggestions for this turn: the best 5 or all"),
    Key("g", "next_suggested_turn", "Next turn with suggestions"),
]

APP = [
    Key("ctrl+z", "undo", "Undo (survives a restart)", footer=True, short="undo", label="^z"),
    Key("ctrl+y", "redo", "Redo", footer=True, short="redo", label="^y"),
    Key("question_mark", "help", "Help: every key", footer=True, short="help", label="?"),
    Key("ctrl+p", "command_palette", "Command palette (every action)", label="ctrl+p", palette=False,
        bind=False),
    Key("q", "quit", "Quit (everything is already saved)", footer=True, short="quit"),
]

TREE = [
    Key("enter", "apply", "Apply this code to the selection (or the turn)", label="\u23ce", palette=False),
    Key("space", "toggle_node", "Expand or collapse", palette=False),
]

DOCUMENTS = [
    Key("enter", "open", "Open the document", label="\u23ce", palette=False, footer=True, short="open"),
    Key("escape", "dismiss_screen", "Back to the transcript", label="esc", palette=False, footer=True, short="back"),
]

RETRIEVAL = [
    Key("enter", "jump", "Jump to the segment in its transcript", label="\u23ce", palette=False, footer=True,
        short="jump"),
    Key("c", "copy_quote", "Copy the quote with attribution", palette=False, footer=True, short="quote"),
    Key("o", "toggle_sort", "Sort by document / by case", palette=False, footer=True, short="sort"),
    Key("h", "toggle_children", "Include sub-codes or not", palette=False, footer=True, short="sub-codes"),
    Key("f", "pick_filter", "Filter by a case attribute's value or a coder, picked from a list", palette=False,
        footer=True, short="filter"),
    Key("ctrl+f", "focus_filter", "Type a filter: attribute=value; coder=name", label="^f", palette=False),
    Key("escape", "dismiss_screen", "Back", label="esc", palette=False, footer=True, short="back"),
]

CODEBOOK = [
    Key("a", "add_code", "Add a code under the selected one", palette=False, footer=True, short="add"),
    Key("e", "edit", "Edit definition, inclusion, exclusion, examples", palette=False),
    Key("R", "rename", "Rename", label="R", palette=False, footer=True, short="rename"),
    Key("M", "move", "Move under another code (or to the top)", label="M", palette=False, footer=True,
        short="move"),
    Key("G", "merge", "Merge into another code", label="G", palette=False, footer=True, short="merge"),
    Key("P", "split", "Split: move chosen codings to new sub-codes", label="P", palette=False, footer=True,
        short="split"),
    Key("X", "retire", "Retire (codings kept, code hidden)", label="X", palette=False, footer=True,
        short="retire"),
    Key("U", "reactivate", "Bring back a retired code (un-retire)", label="U", palette=False),
    Key("L", "load", "Load a codebook (shipped id or file)", label="L", palette=False, footer=True, short="load"),
    Key("ctrl+s", "save", "Save the edited fields", label="^s", palette=False, footer=True, short="save"),
    Key("escape", "dismiss_screen", "Back", label="esc", palette=False, footer=True, short="back"),
]

MATRIX = [
    Key("enter", "drill", "Read the passages behind the cell (\u23ce again jumps to the transcript)", label="\u23ce",
        footer=True, short="passages"),
    Key("m", "cycle_measure", "Measure: segments, documents, participants, cases, presence, share", footer=True,
        short="measure"),
    Key("r", "cycle_rows", "Rows: cases, documents, participants", footer=True, short="rows"),
    Key("g", "group", "Group the cases by an attribute or by bands of a number", footer=True, short="group"),
    Key("p", "cycle_percent", "Grouped table: counts, row %, % of the group's cases", short="%"),
    Key("d", "cycle_depth", "Code depth: 1, 2, ... or codes as coded", footer=True, short="depth"),
    Key("b", "choose_codebook", "Columns: the codes of every codebook or of one", short="codebook"),
    Key("f", "toggle_framework", "Framework matrix: each cell's summary and quotes", footer=True, short="framework"),
    Key("e", "edit_summary", "Write the analyst's summary of the cell (case rows)", footer=True, short="summary"),
    Key("R", "ratings", "Rate the case; its typology portrait", label="R", footer=True, short="ratings"),
    Key("ctrl+f", "focus_filter", "Filter: phase=primary; schools>=7; coder=name; origin=manual", label="^f",
        footer=True, short="filter"),
    Key("escape", "dismiss_screen", "Back to the transcript", label="esc", footer=True, short="back"),
]

CELL = [
    Key("enter", "jump", "Jump to the passage in its transcript", label="\u23ce", footer=True, short="jump"),
    Key("c", "copy_quote", "Copy the quote with attribution", footer=True, short="quote"),
    Key("e", "edit_summary", "Write the analyst's summary of this cell (case rows)", footer=True, short="summary"),
    Key("escape", "dismiss_screen", "Back to the matrix", label="esc", footer=True, short="back"),
]

RATINGS = [
    Key("enter", "rate", "Rate the case on the dimension (value and rationale)", label="\u23ce", footer=True,
        short="rate"),
    Key("x", "remove_rating", "Remove your rating of the dimension", footer=True, short="remove"),
    Key("n", "other_case(1)", "Next case", footer=True, short="next case"),
    Key("p", "other_case(-1)", "Previous case", short="previous case"),
    Key("k", "toggle_kind", "Current or desired state", footer=True, short="kind"),
    Key("escape", "dismiss_screen", "Back to the matrix", label="esc", footer=True, short="back"),
]

QUEUE = [
    Key("enter", "jump", "Jump to the passage in its transcript", label="\u23ce", footer=True, short="jump"),
    Key("a", "accept", "Accept the suggestion: it becomes a coding", footer=True, short="accept"),
    Key("A", "accept_next", "Accept it and go to the next suggestion", label="A", footer=True, short="accept+next"),
    Key("X", "reject", "Reject the suggestion (never suggested again)", label="X", footer=True, short="reject"),
    Key("B", "bulk_accept", "Accept every suggestion at or above a score (asks first, says how many)", label="B",
        footer=True, short="bulk"),
    Key("c", "choose_code", "Only one code's suggestions, or every code", footer=True, short="code"),
    Key("s", "min_score", "Minimum score shown", footer=True, short="min score"),
    Key("G", "app.suggest", "Suggest again (runs in the background)", label="G"),
    Key("escape", "dismiss_screen", "Back to the transcript", label="esc", footer=True, short="back"),
]

THEMES = [
    Key("enter", "open", "On a theme: read its quotes; on a quote: jump to its passage", label="\u23ce", footer=True,
        short="quotes/jump"),
    Key("F", "find", "Find themes again (runs in the background)", label="F", footer=True, short="find"),
    Key("r", "toggle_residual", "Residual themes (what the codes miss) or all themes", footer=True, short="residual"),
    Key("P", "promote", "Promote the theme to a code; its passages become suggestions", label="P", footer=True,
        short="promote"),
    Key("c", "copy_quote", "Copy the quote with attribution", footer=True, short="quote"),
    Key("tab", "app.focus_next", "Themes list / quotes", palette=False, bind=False),
    Key("escape", "dismiss_screen", "Back to the transcript", label="esc", footer=True, short="back"),
]

GROUPS: list[tuple[str, list[Key]]] = [
    ("Moving and selecting (transcript)", TRANSCRIPT),
    ("Coding (workbench)", WORKBENCH),
    ("Suggestions for the turn (workbench)", SUGGEST_PANEL),
    ("Everywhere", APP),
    ("Code tree", TREE),
    ("Document list", DOCUMENTS),
    ("Retrieval", RETRIEVAL),
    ("Codebook", CODEBOOK),
    ("Matrix", MATRIX),
    ("Passages of a matrix cell", CELL),
    ("Ratings", RATINGS),
    ("Review queue (suggestions)", QUEUE),
    ("Themes", THEMES),
]


def bindings(keys: list[Key]) -> list[BindingType]:
    found: list[BindingType] = []
    for key in keys:
        if not key.bind:
            continue
        if key.action == "favourite":  # one binding per slot, the digit passed to the action
            found.extend(Binding(d, f"favourite({d})", f"Favourite {d}", show=False) for d in key.keys.split(","))
        else:
            found.append(key.binding())
    return found
