"""What the workbench shows: per-coder view state and document overviews (filled by the TUI work)."""

from __future__ import annotations

from .coding import CodingMixin
from .documents import DocumentsMixin


class ViewsMixin(DocumentsMixin, CodingMixin):
    """View state (cursor positions, expanded codes, favourites) and list summaries for the faces."""
