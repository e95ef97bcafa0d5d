"""Survey tables of D003 (frameworks.md B6, E1-E3) reproduced from respondent-level fixture data.

Respondents are loaded as cases with attributes; E1's 1-10 ratings as ratings on scale codes; the
practice-area answers of E2/E3 as categorical judgements (standardised / aligned / autonomous /
mixed) with the practice area as facet. See tests/data/published/make_fixtures.py for how the
fixture data were made consistent with the printed figures.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest

from qual_si.analysis.quality import check_table
from qual_si.analysis.tables import top_n
from qual_si.codebook.spec import CodebookSpec, CodeSpec, Scale

PUBLISHED = Path(__file__).resolve().parent / "data" / "published"
VALUE_KEYS = {"Std": "standardised", "Ali": "aligned", "Aut": "autonomous", "Mixed": "mixed_depends_on_context"}
VALUE_NAMES = {"Std": "Standardised", "Ali": "Aligned", "Aut": "Autonomous", "Mixed": "Mixed or depends on context"}


def rows(name: str) -> list[dict[str, str]]:
    with (PUBLISHED / name).open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def published(name: str) -> pd.DataFrame:
    frame = pd.read_csv(PUBLISHED / name)
    return frame.set_index(frame.columns[0])


def renamed(frame: pd.DataFrame) -> pd.DataFrame:
    """Published column names ('CT: Std') as the tool names them ('CT: Standardised')."""
    return frame.rename(columns=lambda c: c.rsplit(": ", 1)[0] + ": " + VALUE_NAMES[c.rsplit(": ", 1)[1]])


# -- E1: mean ratings by role ------------------------------------------------------------------

@pytest.fixture
def e1(sqlite_project):  # type: ignore[no-untyped-def]
    areas = list(published("e1_published.csv").index)
    scale = Scale(1, 10)
    codes = tuple(CodeSpec(id=f"{kind}_{i:02d}", name=f"{kind.title()}: {area}", scale=scale)
                  for kind in ("focus", "impact") for i, area in enumerate(areas, start=1))
    sqlite_project.load_codebook(CodebookSpec(id="si_focus", title="Improvement areas: focus and impact",
                                              codes=codes))
    sqlite_project.import_cases(PUBLISHED / "e1_respondents.csv", case_column="respondent")
    report = sqlite_project.import_ratings(PUBLISHED / "e1_ratings.csv")
    assert report.ratings == 20 * 26
    return sqlite_project


def test_e1_mean_ratings_by_role(e1) -> None:  # type: ignore[no-untyped-def]
    means = e1.rating_means(codebook="si_focus", by="role")
    expected = published("e1_published.csv")
    for area, row in expected.iterrows():
        got = (means.at[f"Focus: {area}", "CT"], means.at[f"Focus: {area}", "HT"],
               means.at[f"Impact: {area}", "CT"], means.at[f"Impact: {area}", "HT"])
        assert got == pytest.approx(tuple(row), abs=1e-9), area


def test_e1_derived_rankings_gaps_and_ties(e1) -> None:  # type: ignore[no-untyped-def]
    means = e1.rating_means(codebook="si_focus", by="role")
    focus = means[means.index.str.startswith("Focus: ")].rename(index=lambda s: s.removeprefix("Focus: "))
    impact = means[means.index.str.startswith("Impact: ")].rename(index=lambda s: s.removeprefix("Impact: "))
    assert top_n(focus, "CT", 3).index.tolist() == [
        "Identifying and addressing under performance in specific schools",
        "Improving the quality of leadership in all schools", "Meeting the needs of disadvantaged children"]
    assert top_n(focus, "HT", 3)["HT"].tolist() == [8.9, 8.7, 8.5]
    bottom_ht = top_n(focus, "HT", 3, ascending=True)
    assert len(bottom_ht) == 4  # pedagogy 7.7 ties with PD 7.7: the tie is kept, not broken silently
    assert set(bottom_ht["HT"]) == {6.7, 7.1, 7.7}
    assert focus.to_numpy().min() == 6.7
    gap = (impact - focus).round(1)
    flagged = {(area, role) for area, row in gap.iterrows() for role, value in row.items() if value <= -1.0}
    assert flagged == {
        ("Identifying and addressing under performance in specific schools", "HT"),
        ("Meeting the needs of disadvantaged children", "CT"),
        ("Meeting the needs of disadvantaged children", "HT"),
        ("Increasing financial efficiency", "HT"),
    }
    assert gap.at["Professional development and feedback/coaching for staff", "CT"] > 0


# -- E2 and E3: practice areas, row % by group ---------------------------------------------------

def load_judgements(project, respondents: str, answers: str) -> None:  # type: ignore[no-untyped-def]
    project.load_codebook("d003_practice_consistency")
    project.import_cases(PUBLISHED / respondents, case_column="respondent")
    project.import_judgements([{"case": r["case"], "facet": r["facet"], "value": VALUE_KEYS[r["value"]]}
                               for r in rows(answers)], group="consistency_level")


def test_e2_practice_areas_by_role(sqlite_project) -> None:  # type: ignore[no-untyped-def]
    load_judgements(sqlite_project, "e2_respondents.csv", "e2_judgements.csv")
    expected = renamed(published("e2_published.csv"))
    table = sqlite_project.judgement_table("consistency_level", by="role")
    assert list(table.columns) == [f"{g}: {v}" for g in ("CT", "HT") for v in [*VALUE_NAMES.values(), "Total"]]
    assert sorted(table.index) == sorted(expected.index)
    table = table.loc[expected.index]
    pd.testing.assert_frame_equal(table[expected.columns], expected, check_dtype=False, check_names=False)
    assert (table[["CT: Total", "HT: Total"]] == 100).all().all()
    # Rows ordered by ascending core-team "Mostly standardised", ties in the source's order.
    ordered = table.sort_values("CT: Standardised", kind="stable")
    assert list(ordered.index) == list(expected.index)
    # "Standardised or aligned" as the text derives it from the table.
    both = {area: (int(table.at[area, "CT: Standardised"] + table.at[area, "CT: Aligned"]),
                   int(table.at[area, "HT: Standardised"] + table.at[area, "HT: Aligned"])) for area in table.index}
    assert both["Data capture and reporting"] == (81, 87)
    assert both["Moderating standards of pupil work"] == (71, 63)
    assert both["Assessment e.g. exam boards"] == (65, 71)
    assert both["Approaches to teaching/pedagogy"] == (47, 34)
    assert both["Curriculum content"] == (33, 27)
    assert both["Managing teacher workloads"] == (46, 29)


def test_e2_rounding_notes_match_the_source(sqlite_project) -> None:  # type: ignore[no-untyped-def]
    load_judgements(sqlite_project, "e2_respondents.csv", "e2_judgements.csv")
    table = sqlite_project.judgement_table("consistency_level", by="role")
    notes = {(i.where.split(" in ")[0], i.where.split(" in ")[1]) for i in check_table(table) if i.kind == "rounding"}
    ct = {row for row, group in notes if group == "'CT'"}
    ht = {row for row, group in notes if group == "'HT'"}
    assert ct == {f"row {a!r}" for a in ("Approaches to teaching/pedagogy", "Behaviour management",
                                         "Reporting to parents", "Moderating standards of pupil work",
                                         "Assessment e.g. exam boards", "Data capture and reporting")}
    assert ht == {f"row {a!r}" for a in ("Curriculum content", "Approaches to teaching/pedagogy",
                                         "Reporting to parents", "Managing teacher workloads",
                                         "Moderating standards of pupil work", "Assessment e.g. exam boards")}


def test_e3_practice_areas_by_mat_size_band(sqlite_project) -> None:  # type: ignore[no-untyped-def]
    load_judgements(sqlite_project, "e3_respondents.csv", "e3_judgements.csv")
    expected = renamed(published("e3_published.csv"))
    table = sqlite_project.judgement_table("consistency_level", by="schools", cuts=[1, 4, 7],
                                           labels=["1-3", "4-6", "7+"])
    table = table.loc[expected.index]
    pd.testing.assert_frame_equal(table[expected.columns], expected, check_dtype=False, check_names=False)
    ordered = table.sort_values("1-3: Standardised", kind="stable")
    assert list(ordered.index) == list(expected.index)
    duplicates = [i for i in check_table(table) if i.kind == "duplicate"]
    assert sorted(i.where for i in duplicates) == [
        f"rows 'Marking and feedback to pupils' and 'Moderating standards of pupil work' in '{band}'"
        for band in ("4-6", "7+")]


def test_e3_check_of_the_printed_table(sqlite_project) -> None:  # type: ignore[no-untyped-def]
    issues = check_table(published("e3_published.csv"))
    assert {i.where for i in issues if i.kind == "duplicate"} == {
        f"rows 'Marking and feedback to pupils' and 'Moderating standards of pupil work' in '{band}'"
        for band in ("4-6", "7+")}
    assert any(i.where == "row 'Curriculum content' in '4-6'" and "101" in i.message for i in issues)
    assert not [i for i in issues if i.severity == "error"]
