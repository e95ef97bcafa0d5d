"""One-page Word vignettes per case, re-read with python-docx."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from docx import Document

from qual_si import Project
from qual_si.errors import NotFound, OutputExists


def test_a_vignette_per_case_with_attributes_radar_and_quotes(demo_project: Project, tmp_path: Path) -> None:
    paths = demo_project.export_vignettes(tmp_path / "vignettes", cases=["T01", "T07"], top=3)
    assert [p.name for p in paths] == ["vignette-T01.docx", "vignette-T07.docx"]
    document = Document(str(paths[0]))
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == "T01 - Ashgrove Learning Trust"
    attributes = [cell.text for cell in document.tables[0]._cells]
    assert "schools" in attributes and "4" in attributes
    assert "performance_band" not in attributes  # held back from named outputs
    assert len(document.inline_shapes) == 1  # the radar
    assert "Closest portrait: purpose_led" in texts
    ratings = document.tables[1]
    assert [c.text for c in ratings.rows[0].cells] == ["dimension", "rating", "rationale"]
    assert [c.text for c in ratings.rows[1].cells][:2] == ["Purpose", "5"]
    start = texts.index("Most-coded themes")
    themes = [re.match(r"^(.*) \((\d+)\): (.*)$", t) for t in texts[start + 1:]]
    assert len(themes) == 3 and all(themes)
    counts = demo_project.matrix(codebook="d003_strategic_areas", depth=1).loc["T01"]
    assert [int(m.group(2)) for m in themes if m] == sorted(counts, reverse=True)[:3]
    assert all(m.group(1) in counts.index and m.group(3).startswith('Participant 1: "') for m in themes if m)
    unrated = Document(str(paths[1]))
    assert "Most-coded themes" not in [p.text for p in unrated.paragraphs]  # T07 is not coded in the demo


def test_vignettes_refuse_to_overwrite_and_unknown_cases(demo_project: Project, tmp_path: Path) -> None:
    folder = tmp_path / "v"
    demo_project.export_vignettes(folder, cases=["T02"])
    with pytest.raises(OutputExists):
        demo_project.export_vignettes(folder, cases=["T03", "T02"])
    assert not (folder / "vignette-T03.docx").exists()
    demo_project.export_vignettes(folder, cases=["T02"], force=True)
    with pytest.raises(NotFound, match="no case named T99"):
        demo_project.export_vignettes(folder, cases=["T99"])
