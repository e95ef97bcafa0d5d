"""The workbench's suggestion panel: pending suggestions for the turn under the cursor.

The workbench reads a document's pending suggestions once when it opens the document (one
query) and files them by turn here; moving the cursor only picks the turn's list and, when the
turn or the list changed, rebuilds the panel's text. The highlighted suggestion shows its
evidence: the sentence with the matched keywords marked, and the most similar example, definition
or coding (or, for a promoted theme's suggestion, the theme).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.text import Text

from ...facade.nlp import SuggestionRecord
from ...quotes import shorten
from .panels import FALLBACK_COLOUR, WrappedPanel

#: How many suggestions a turn shows before ``o`` shows them all.
TOP = 5
KEY_HINT = "a accept \u00b7 A accept+next \u00b7 X reject\n[ ] choose \u00b7 o all \u00b7 g next turn"
SIMILAR_KINDS = {"example": "an example", "definition": "the definition", "keywords": "the keywords",
                 "coding": "a coded passage"}


def by_score(records: Sequence[SuggestionRecord]) -> list[SuggestionRecord]:
    """Best first; ties in text order, then by id, so the order never depends on the query."""
    return sorted(records, key=lambda r: (-r.score, r.start, r.id))


@dataclass
class TurnSuggestions:
    """A document's pending suggestions filed under the turns (blocks) they overlap."""

    records: list[SuggestionRecord] = field(default_factory=list)
    by_block: dict[int, list[SuggestionRecord]] = field(default_factory=dict)

    @classmethod
    def build(cls, records: Sequence[SuggestionRecord],
              blocks_overlapping: Callable[[int, int], list[int]]) -> TurnSuggestions:
        filed: dict[int, list[SuggestionRecord]] = {}
        for record in records:
            for block in blocks_overlapping(record.start, record.end):
                filed.setdefault(block, []).append(record)
        return cls(list(records), {block: by_score(found) for block, found in filed.items()})

    def for_block(self, block: int | None) -> list[SuggestionRecord]:
        return [] if block is None else self.by_block.get(block, [])

    def without(self, suggestion_id: int) -> TurnSuggestions:
        """The same filing with one suggestion decided (accepted or rejected) taken out."""
        return TurnSuggestions(
            [r for r in self.records if r.id != suggestion_id],
            {block: kept for block, found in self.by_block.items()
             if (kept := [r for r in found if r.id != suggestion_id])},
        )

    def next_block(self, after: int | None) -> int | None:
        """The first turn after ``after`` (in text order) that has suggestions."""
        return min((b for b in self.by_block if after is None or b > after), default=None)


def marked_sentence(record: SuggestionRecord, colour: str) -> Text:
    """The suggested sentence, the keywords that matched underlined in the code's colour."""
    text = Text(record.text.replace("\n", " "))  # same length: the keyword offsets still fit
    for span in record.evidence.get("keyword_spans") or []:
        try:
            start, end = int(span[0]), int(span[1])
        except (TypeError, ValueError, IndexError):
            continue
        if 0 <= start < end <= len(record.text):
            text.stylize(f"bold underline {colour}", start, end)
    return text


def evidence_lines(record: SuggestionRecord, *, similar: bool = True) -> Text:
    """Why the code was suggested, in a line or two (``similar``: with the most similar text)."""
    evidence = record.evidence
    text = Text()
    if record.source == "topic":
        text.append(f"from theme \u201c{evidence.get('theme', '?')}\u201d", style="italic")
        return text
    keywords = evidence.get("keywords") or []
    if keywords:
        text.append("words: ", style="dim")
        text.append(", ".join(str(k) for k in keywords))
    closest = evidence.get("similar_coding") or evidence.get("similar_text")
    kind = "coding" if evidence.get("similar_coding") else str(evidence.get("similar_kind", ""))
    if similar and closest and kind != "keywords":  # the code's own keyword list says no more than the words above
        if text.plain:
            text.append("\n")
        text.append(f"like {SIMILAR_KINDS.get(kind, kind or 'its text')}: ", style="dim")
        text.append(f"\u201c{shorten(str(closest), 90)}\u201d", style="italic")
    return text


def panel_text(here: Sequence[SuggestionRecord], current: int, show_all: bool,
               colours: Mapping[int, str | None], in_document: int, *, compact: bool = False) -> Group:
    """What the panel says for one turn: the best five (or all), the highlighted one in full.

    ``compact`` (the narrow layout, a few rows) leaves out the most similar text and the code's
    id, so the other suggestions still show under the highlighted one.
    """
    parts: list[RenderableType] = []
    shown = list(here) if show_all else list(here[:TOP])
    more = f", best {len(shown)}" if len(shown) < len(here) else ""
    parts.append(Text(f"SUGGESTED HERE ({len(here)}{more})", style="bold dim"))
    if not here:
        parts.append(Text("no suggestions for this turn", style="dim"))
        parts.append(Text(f"{in_document} in this document \u00b7 g: the next turn with suggestions", style="dim"))
        return Group(*parts)
    for index, record in enumerate(shown):
        colour = colours.get(record.code_id) or FALLBACK_COLOUR
        chosen = index == current
        # the highlighted name wraps; the others keep to one line each
        line = Text() if chosen else Text(no_wrap=True, overflow="ellipsis")
        line.append("\u25b8 " if chosen else "  ", style="bold")
        line.append(f"{record.score:.2f} ", style="bold" if chosen else "dim")
        line.append("\u25cf ", style=colour)
        line.append(record.code_name, style="bold" if chosen else "")
        if not chosen:  # which sentence: a turn often has the same code suggested twice
            line.append(f"  {' '.join(record.text.split())}", style="dim")
        parts.append(line)
        if chosen:
            sentence = Text("\u201c")
            sentence.append_text(marked_sentence(record, colour))
            sentence.append("\u201d")
            parts.append(Padding(sentence, (0, 0, 0, 4)))
            why = evidence_lines(record, similar=not compact)
            if not compact:
                why.append(("\n" if why.plain else "") + record.code, style="dim")  # which codebook, by id
            if why.plain:
                parts.append(Padding(why, (0, 0, 0, 4)))
    if len(shown) < len(here):
        parts.append(Text(f"  \u2026 {len(here) - len(shown)} more (o shows all)", style="dim"))
    parts.append(Text(KEY_HINT, style="dim"))
    return Group(*parts)


class SuggestionPanel(WrappedPanel):
    """Drawn like the detail panel (Line API, wrapped once per update); hidden while the open
    document has no pending suggestions, so a project without them looks as it always did."""

    def rendered_text(self) -> str:
        """The panel as it is drawn, one line per row (for tests and screen readers alike)."""
        return "\n".join(strip.text.rstrip() for strip in self._lines)
