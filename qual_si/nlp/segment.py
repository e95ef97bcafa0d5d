"""Sentence segmentation of utterances with spaCy.

The default pipeline is ``spacy.blank("en")`` plus the rule-based sentencizer: it needs no model
download and splits 20,000 sentences in about a second. A trained pipeline (a package name such as
``en_core_web_sm`` or a folder made by ``nlp.to_disk``) is used when asked for and installed; its
statistical sentence boundaries are better on unpunctuated transcript speech.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from qual_si.errors import InvalidOperation, MissingDependency

if TYPE_CHECKING:  # spaCy costs about a second to import: only inside functions at run time
    from spacy.language import Language

Span = tuple[int, int]

# Blank lines inside a turn are hard boundaries: a sentence never runs across paragraphs.
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n\s*")
_HAS_WORD = re.compile(r"[^\W_]")
_SENTENCE_COMPONENTS = ("tok2vec", "senter", "parser", "sentencizer")
DEFAULT_MODEL_ID = "blank-en+sentencizer"


class Segmenter:
    """Splits utterance spans of a text into sentence spans (offsets into the same text).

    ``model`` is None for the download-free default, else an installed spaCy package name or the
    path of a saved pipeline folder. spaCy is loaded on first use, not on construction.
    """

    def __init__(self, model: str | None = None, batch_size: int = 512) -> None:
        self.model = model
        self.batch_size = batch_size
        self._nlp: Language | None = None

    @property
    def id(self) -> str:
        """Names the pipeline, so stored segments can say what made them."""
        if self.model is None:
            return DEFAULT_MODEL_ID
        nlp = self.nlp
        return f"{nlp.meta.get('lang', 'xx')}_{nlp.meta.get('name', 'pipeline')}-{nlp.meta.get('version', '0')}"

    @property
    def nlp(self) -> Language:
        if self._nlp is None:
            self._nlp = self._load()
        return self._nlp

    def _load(self) -> Language:
        import spacy

        if self.model is None:
            nlp = spacy.blank("en")
            nlp.add_pipe("sentencizer")
            return nlp
        if not _is_available(self.model):
            raise MissingDependency(
                f"spaCy pipeline {self.model!r}",
                "Install the model package from a local file (e.g. pip install "
                "en_core_web_sm-3.8.0-py3-none-any.whl), give the path of a saved pipeline "
                "folder, or leave the model unset to use the built-in sentence splitter.",
            )
        try:
            nlp = spacy.load(self.model)
        except (OSError, ValueError) as error:
            raise MissingDependency(
                f"A usable spaCy pipeline at {self.model!r}",
                f"It could not be loaded ({error}). Reinstall it, or leave the model unset "
                "to use the built-in sentence splitter.",
            ) from error
        # Trained pipelines ship a fast "senter" that is disabled by default; prefer it to the parser.
        if "senter" in nlp.disabled:
            nlp.enable_pipe("senter")
            if "parser" in nlp.pipe_names:
                nlp.disable_pipe("parser")
        if not any(name in nlp.pipe_names for name in ("senter", "parser", "sentencizer")):
            nlp.add_pipe("sentencizer")
        return nlp

    def split(self, text: str, spans: Sequence[Span]) -> list[Span]:
        """Sentence spans inside ``spans`` (utterances) of ``text``: stripped, non-empty, in order.

        A piece without any letter or digit (a lone dash, "...") is not a sentence and is dropped.
        """
        return self.split_many([(text, spans)])[0]

    def split_many(self, items: Iterable[tuple[str, Sequence[Span]]]) -> list[list[Span]]:
        """``split`` for many documents in one spaCy stream (much faster than one call each)."""
        documents = list(items)
        pieces: list[tuple[int, int, int]] = []  # (document index, start, end) of each paragraph
        for number, (text, spans) in enumerate(documents):
            for start, end in spans:
                if not 0 <= start <= end <= len(text):
                    raise InvalidOperation(
                        f"utterance span [{start}, {end}) lies outside a text of {len(text)} characters"
                    )
                pieces.extend((number, a, b) for a, b in _paragraphs(text, start, end))
        results: list[list[Span]] = [[] for _ in documents]
        if not pieces:
            return results
        nlp = self.nlp
        longest = max(b - a for _, a, b in pieces)
        nlp.max_length = max(nlp.max_length, longest + 1)
        slices = (documents[number][0][a:b] for number, a, b in pieces)
        with nlp.select_pipes(enable=[n for n in nlp.pipe_names if n in _SENTENCE_COMPONENTS]):
            for (number, offset, _), doc in zip(
                pieces, nlp.pipe(slices, batch_size=self.batch_size), strict=True
            ):
                text = documents[number][0]
                for sentence in doc.sents:
                    span = _strip(text, offset + sentence.start_char, offset + sentence.end_char)
                    if span is not None:
                        results[number].append(span)
        return results


def _paragraphs(text: str, start: int, end: int) -> list[Span]:
    found: list[Span] = []
    position = start
    for gap in _PARAGRAPH_BREAK.finditer(text, start, end):
        found.append((position, gap.start()))
        position = gap.end()
    found.append((position, end))
    return [(a, b) for a, b in found if b > a]


def _strip(text: str, start: int, end: int) -> Span | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if not _HAS_WORD.search(text, start, end):
        return None
    return start, end


def _is_available(model: str) -> bool:
    import spacy.util

    if Path(model).expanduser().is_dir():
        return True
    return bool(spacy.util.is_package(model))
