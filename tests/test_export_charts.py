"""Charts are written as real, non-empty PNG and SVG files (and refused over existing files)."""

from __future__ import annotations

from pathlib import Path

import pytest

from qual_si import Project
from qual_si.errors import InvalidOperation, OutputExists


def looks_like(path: Path, kind: str) -> bool:
    data = path.read_bytes()
    return len(data) > 2000 and (data.startswith(b"\x89PNG") if kind == "png" else b"<svg" in data[:2000])


@pytest.mark.parametrize("kind", ["png", "svg"])
def test_heatmap_radar_scatter_and_bars(demo_project: Project, tmp_path: Path, kind: str) -> None:
    made = [
        demo_project.chart_heatmap(tmp_path / f"heat.{kind}", codebook="d003_strategic_areas", depth=2),
        demo_project.chart_heatmap(tmp_path / f"heat-band.{kind}", rows="size band", codebook="d003_strategic_areas",
                           depth=1),
        demo_project.chart_radar(tmp_path / f"radar.{kind}"),
        demo_project.chart_radar(tmp_path / f"radar-one.{kind}", codebook="d001_local_central_balance", cases=["T03"]),
        demo_project.chart_scatter(tmp_path / f"scatter.{kind}", dimension="lc.model_of_delegation", attribute="schools"),
        demo_project.chart_judgements(tmp_path / f"bars.{kind}", group="consistency_level", by="size band",
                              facets="d003_practice_areas", percent=True),
    ]
    for path in made:
        assert looks_like(path, kind), path


def test_charts_refuse_to_overwrite_and_bad_requests(demo_project: Project, tmp_path: Path) -> None:
    target = tmp_path / "radar.png"
    target.write_bytes(b"mine")
    with pytest.raises(OutputExists):
        demo_project.chart_radar(target)
    assert target.read_bytes() == b"mine"
    demo_project.chart_radar(target, force=True)
    assert looks_like(target, "png")
    with pytest.raises(InvalidOperation, match=".png or .svg"):
        demo_project.chart_radar(tmp_path / "radar.pdf")
    with pytest.raises(InvalidOperation, match="no ratings for T99"):
        demo_project.chart_radar(tmp_path / "none.png", cases=["T99"])
    with pytest.raises(InvalidOperation, match="has no rating scale"):
        demo_project.chart_scatter(tmp_path / "s.png", dimension="d003_strategic_areas.sa1", attribute="schools")
