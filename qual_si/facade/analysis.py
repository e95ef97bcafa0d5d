"""Cross-case analysis: matrices, framework matrices, ratings, judgements, typologies, exports."""

from __future__ import annotations

from .coding import CodingMixin


class AnalysisMixin(CodingMixin):
    """Case-level judgements and the tables built from the coding."""
