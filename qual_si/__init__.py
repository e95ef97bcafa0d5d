"""qual-si: an offline workbench for qualitative analysis of interviews and case studies.

    >>> from qual_si import Project
    >>> project = Project.create("study.qsi")            # doctest: +SKIP
    >>> project.import_documents(["interviews/"])         # doctest: +SKIP

Importing this package is cheap: pandas, spaCy, BERTopic and Textual load only when used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["Project", "__version__"]

if TYPE_CHECKING:
    from .project import Project


def __getattr__(name: str) -> Any:
    if name == "Project":
        from .project import Project

        return Project
    raise AttributeError(name)
