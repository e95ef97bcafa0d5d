"""A small fixed project for the Matrix screen tests (helpers only: this module has no tests).

It extends the workbench's test project with a third case, a number attribute and its bands, the
rating codebooks (four Ps, typology portraits, local/central balance) and ratings by another
rater, so matrices, grouping, drilling, summaries, ratings and portraits all have data.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tui_support import build_small_project, make_app, open_screen

from qual_si import Project

RATING_CODEBOOKS = ("d003_four_ps", "d003_typology_portraits", "d001_local_central_balance")
OTHER_RATER = "lead"


def _code_words(project: Project, document: str, words: str, code: str) -> None:
    start = project.text(document).index(words)
    project.add_coding(document, start, start + len(words), code)


def build_matrix_project(folder: Path) -> Path:
    """``folder/study.qsi``: 3 cases (A03 without documents), 6 codings, bands of ``schools``, ratings of A01."""
    location = build_small_project(folder)
    with Project.open(location, coder="tester") as project:
        for codebook in RATING_CODEBOOKS:
            project.load_codebook(codebook)
        project.create_case("A03")
        for case, schools in (("A01", 4), ("A02", 9), ("A03", 16)):
            project.set_attribute(case, "schools", float(schools))
        project.set_attribute("A03", "phase", "primary")
        project.define_band("schools", [3, 7, 15])
        _code_words(project, "A01-ceo", "We look at assessment data twice a year", "Use of data")
        _code_words(project, "A02-director", "In maths and phonics, yes.", "Curriculum")
        _code_words(project, "A03-notes", "a board of shared curriculum plans", "Curriculum")
    with Project.open(location, coder=OTHER_RATER) as project:
        for dimension, value in (("purpose", 4), ("performance", 3), ("participation", 2), ("process", 2)):
            project.rate("A01", f"d003_four_ps.{dimension}", value, rationale=f"{dimension} evidence from the CEO")
    return location


async def open_matrix(app: Any, pilot: Any) -> Any:
    """Press M on the workbench and wait for the first table."""
    from qual_si.tui.screens.matrix import MatrixScreen

    return await open_screen(app, pilot, "M", MatrixScreen)


def matrix_app(folder: Path) -> Any:
    return make_app(build_matrix_project(folder))
