"""The transcript model without Textual: blocks, wrapping by width, motions, coded spans, labels."""

from __future__ import annotations

from qual_si.facade.views import CodeRow, DocumentCoding
from qual_si.model import Code, Utterance
from qual_si.tui.screens.dialogs import score_code
from qual_si.tui.screens.workbench import in_vivo_name
from qual_si.tui.widgets.transcript_draw import Geometry, fit_label
from qual_si.tui.widgets.transcript_model import (
    TranscriptModel,
    build_blocks,
    expand_to_words,
    layout,
    wrap,
)

TEXT = "Heading line\n\nInterviewer: Why?\n\nP1: It started small. Then it grew! Now six schools.\n"


def _model() -> TranscriptModel:
    why = TEXT.index("Why?")
    it = TEXT.index("It started")
    utterances = [
        Utterance(1, 1, 0, "Interviewer", "interviewer", why, why + 4, None, None),
        Utterance(2, 1, 1, "P1", "participant", it, len(TEXT) - 1, 3.0, None),
    ]
    return TranscriptModel(TEXT, build_blocks(TEXT, utterances))


def test_blocks_are_a_heading_then_one_per_utterance() -> None:
    model = _model()
    assert [TEXT[b.start:b.end] for b in model.blocks] == ["Heading line", "Why?",
                                                           "It started small. Then it grew! Now six schools."]
    assert [b.speaker for b in model.blocks] == [None, "Interviewer", "P1"]
    paragraphs = build_blocks("One.\n\n\nTwo.\n", [])
    assert [(b.start, b.end) for b in paragraphs] == [(0, 4), (7, 11)]


def test_wrap_keeps_offsets_and_never_exceeds_the_width() -> None:
    text = "alpha beta gamma delta\nepsilon " + "x" * 25
    lines = wrap(text, 0, len(text), 10)
    assert [text[a:b].rstrip() for a, b in lines] == ["alpha beta", "gamma", "delta", "epsilon",
                                                      "x" * 10, "x" * 10, "x" * 5]
    assert all(len(text[a:b].rstrip()) <= 10 for a, b in lines)
    assert wrap("", 0, 0, 10) == [(0, 0)]


def test_layout_per_width_gives_timed_blocks_two_rows_and_separators() -> None:
    model = _model()
    narrow, wide = model.layout(12), model.layout(80)
    assert len(narrow.rows) > len(wide.rows)
    first, count = wide.block_rows[2]
    assert count == 2  # one line of text, a second row for the time in the gutter
    assert wide.rows[first - 1].block == -1
    assert layout(TEXT, model.blocks, [2], 80, narrow=True).block_rows == {2: (0, 2)}
    assert wide.row_of(model.blocks, TEXT.index("grew")) == first


def test_motions_by_word_sentence_block_cross_block_edges() -> None:
    model = _model()
    it = TEXT.index("It started")
    assert model.step("word", it, 1) == (TEXT.index("started"), TEXT.index("started") + 7)
    assert model.step("sentence", it, 1)[0] == TEXT.index("Then")
    assert model.unit_at("sentence", TEXT.index("grew")) == (TEXT.index("Then"), TEXT.index("grew!") + 5)
    assert model.step("word", it, -1) == (TEXT.index("Why?"), TEXT.index("Why?") + 4)
    assert model.step("block", it, 1) == (it, len(TEXT) - 1)  # last block: stays
    model.set_hidden_roles(frozenset({"interviewer"}))
    assert model.step("word", it, -1)[0] == TEXT.index("line")  # the hidden turn is skipped
    assert model.snap(TEXT.index("Why?")) == it


def test_codings_overlapping_a_range_and_per_block_codes() -> None:
    model = _model()
    it = TEXT.index("It started")
    model.set_codings([
        DocumentCoding(1, it, it + 17, 10, "Origins", "#112233", "a", "manual", None),
        DocumentCoding(2, it + 3, len(TEXT) - 1, 11, "Growth", None, "a", "manual", None),
        DocumentCoding(3, it, it + 2, 10, "Origins", "#112233", "b", "manual", None),
    ])
    assert [c.id for c in model.codings_at(it + 5)] == [1, 2]
    assert [c.id for c in model.codings_overlapping(it + 20, it + 30)] == [2]
    assert [c.code for c in model.block_codes(2)] == ["Origins", "Growth"]
    assert model.codings_at(TEXT.index("Why?")) == []


def test_mouse_spans_grow_to_whole_words() -> None:
    text = "We began as two primary schools"
    assert expand_to_words(text, (1, 17)) == (0, 23)


def test_gutter_labels_and_geometry() -> None:
    assert fit_label("Participant 12", 8) == "Part\u2026 12"
    assert fit_label("Interviewer", 8) == "Intervi\u2026"
    assert fit_label("P1", 8) == "P1"
    small, large = Geometry.for_width(54), Geometry.for_width(122)
    assert small.margin == 0 and large.margin > 0
    assert small.gutter + small.bars + 1 + small.text == 54


def test_in_vivo_names_and_palette_ranking() -> None:
    assert in_vivo_name("  \u201cWe were  a family.\u201d ") == "We were  a family".replace("  ", " ")
    assert in_vivo_name("word " * 30).endswith("\u2026") and len(in_vivo_name("word " * 30)) <= 61

    def row(name: str, definition: str = "") -> CodeRow:
        return CodeRow(Code(1, name.lower(), f"p.{name.lower()}", name, None, "p", definition=definition), 0, 0, 0, 0)

    assert score_code("cur", row("Curriculum")) > score_code("cur", row("Accurate records"))
    assert score_code("crclm", row("Curriculum")) > 0
    assert score_code("judgement", row("Visits", "support, not judgement")) > 0
    assert score_code("zzz", row("Curriculum")) == 0
