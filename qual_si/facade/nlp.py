"""Suggestions and emerging themes: segmentation, embeddings, scoring, topics, review.

The NLP part of the facade is split by stage so each file reads in one sitting:
``nlp_segments.py`` (sentence segments, the embedding cache), ``nlp_suggestions.py`` (deductive
suggestions and their review) and ``nlp_themes.py`` (emerging and residual themes, promotion to
a code). Heavy libraries (spaCy, scikit-learn, BERTopic) load inside the methods that use them.
"""

from __future__ import annotations

from .nlp_segments import NlpProgress, NlpProgressCallback, SegmentInfo, SegmentReport
from .nlp_suggestions import SuggestionRecord, SuggestReport
from .nlp_themes import NlpThemesMixin, Quote, ThemeRun, ThemeView

__all__ = [
    "NlpMixin",
    "NlpProgress",
    "NlpProgressCallback",
    "Quote",
    "SegmentInfo",
    "SegmentReport",
    "SuggestReport",
    "SuggestionRecord",
    "ThemeRun",
    "ThemeView",
]


class NlpMixin(NlpThemesMixin):
    """NLP services over the project's segments; heavy libraries load on first use."""
