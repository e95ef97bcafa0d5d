"""Suggestions and emerging themes: segmentation, embeddings, scoring, topics, review."""

from __future__ import annotations

from .coding import CodingMixin
from .documents import DocumentsMixin


class NlpMixin(DocumentsMixin, CodingMixin):
    """NLP services over the project's segments; heavy libraries load on first use."""
