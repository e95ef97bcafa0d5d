"""The demo project carries case-level ratings, so radars, typology and vignettes have data."""

from __future__ import annotations

from qual_si import Project


def test_demo_ratings_and_portraits(demo_project: Project) -> None:
    frame = demo_project.ratings_frame()
    assert len(frame) == 8 * 4 + 8 * 5
    assert set(frame["case"]) == {f"T0{i}" for i in range(1, 9)}
    assert frame[frame["qualified_id"].str.startswith("d003_four_ps.")]["rationale"].str.len().min() > 20
    portraits = demo_project.typology()["portrait"].to_dict()
    assert portraits["T05"] == "performance_led"
    assert portraits["T07"] == "participation_led"
    assert portraits["T03"] == portraits["T08"] == "process_led"
    assert portraits["T02"].endswith("(tie)")
    balance = demo_project.rating_profile(codebook="d001_local_central_balance")
    assert balance.loc["T05"].max() <= 2 and balance.loc["T08"].min() == 5  # autonomy-minded vs standardised
    assert [e.action for e in demo_project.history(limit=50)].count("ratings.set_many") == 1
