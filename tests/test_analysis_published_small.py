"""The small published tables (frameworks.md B6, F1-F5) reproduced from case-level fixture data."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from qual_si.analysis.quality import check_table

PUBLISHED = Path(__file__).resolve().parent / "data" / "published"


def published(name: str) -> list[list[str]]:
    with (PUBLISHED / name).open(encoding="utf-8") as handle:
        return list(csv.reader(handle))[1:]


@pytest.fixture
def project(sqlite_project):  # type: ignore[no-untyped-def]
    return sqlite_project


def test_f1_ofsted_rating_by_number_of_schools(project) -> None:  # type: ignore[no-untyped-def]
    project.import_cases(PUBLISHED / "f1_schools.csv", case_column="school")
    table = project.frequency_table("ofsted", percent=False)
    expected = {row[0]: int(row[1]) for row in published("f1_published.csv")}
    assert table["n"].to_dict() == {**{k: v for k, v in expected.items() if k != "Grand Total"},
                                    "Total": expected["Grand Total"]}
    phases = project.frequency_table("phase", percent=False)["n"].to_dict()
    assert phases == {"primary": 55, "secondary": 33, "Total": 88}
    # Derived: the sample mean grade with Outstanding=1 ... Inadequate=4 and "No rating" left out.
    project.normalise_attribute("ofsted", into="grade", to_number=True, mapping={
        "Outstanding": "1", "Good": "2", "Requires Improvement": "3", "Inadequate/Special Measures": "4",
        "No rating": ""})
    summary = project.describe_attributes(["grade"]).loc["grade"]
    assert summary["n"] == 84
    assert summary["mean"] == pytest.approx(2.17, abs=0.005)


def test_f2_likert_column_percentages_by_role(project) -> None:  # type: ignore[no-untyped-def]
    project.import_cases(PUBLISHED / "f2_respondents.csv", case_column="respondent")
    table = project.crosstab("response", "role", percent="column")
    for label, ct, ht in published("f2_published.csv"):
        assert (table.at[label, "CT"], table.at[label, "HT"]) == (int(ct), int(ht)), label
    # "% agree" from the raw counts rather than from the rounded cells (90% for the core team).
    counts = project.crosstab("response", "role")
    agree = counts.loc[["Strongly agree", "Tend to agree"], "CT"].sum() / counts.at["Total", "CT"] * 100
    assert round(agree) == 90


def test_f3_frequencies_use_the_real_totals_and_flag_the_printed_ones(project) -> None:  # type: ignore[no-untyped-def]
    project.import_cases(PUBLISHED / "f3_respondents.csv", case_column="respondent")
    table = project.frequency_table("model", by="role")
    assert list(table.columns) == ["CT: n", "CT: %", "HT: n", "HT: %"]
    assert table["CT: %"].drop("Total").tolist() == [11, 16, 11, 2, 60]
    assert table["HT: %"].drop("Total").tolist() == [28, 19, 7, 0, 46]
    assert (table.at["Total", "CT: n"], table.at["Total", "HT: n"]) == (177, 131)
    for model, ct_n, ct_pct, ht_n, ht_pct in published("f3_published.csv")[:-1]:
        assert table.loc[model].tolist() == [int(ct_n), int(ct_pct), int(ht_n), int(ht_pct)]
    assert not [i for i in check_table(table) if i.severity == "error"]


def test_f3_data_quality_check_flags_the_printed_totals() -> None:
    import pandas as pd

    printed = pd.read_csv(PUBLISHED / "f3_published.csv").set_index("model")
    issues = check_table(printed)
    totals = {(i.where, i.message) for i in issues if i.kind == "total"}
    assert ("column 'CT: n'", "printed total 165 but the rows sum to 177") in totals
    assert ("column 'HT: n'", "printed total 132 but the rows sum to 131") in totals
    assert any("fit a total of 177" in message for _, message in totals)
    assert any("fit a total of 131" in message for _, message in totals)


def test_f4_type_of_school_grouping(project) -> None:  # type: ignore[no-untyped-def]
    project.import_cases(PUBLISHED / "f4_trusts.csv", case_column="trust")
    grouping = project.frequency_table("grouping", percent=False)["n"].to_dict()
    assert grouping == {"MAT": 10, "Federation": 1, "Other type (e.g. MAC)": 2, "Total": 13}
    flags = {"Includes other types of education provision (special, UTC etc)": 3, "Is a school sponsor": 6,
             "Includes a Teaching School": 5}
    for flag, count in flags.items():
        assert project.frequency_table(flag, percent=False).at["Yes", "n"] == count


def test_f5_executive_head_experience(project) -> None:  # type: ignore[no-untyped-def]
    project.import_cases(PUBLISHED / "f5_leaders.csv", case_column="leader")
    titles = project.frequency_table("title", percent=False)["n"].to_dict()
    assert titles == {"Executive Head": 5, "CEO": 8, "Total": 13}
    counts = {"In a headship position prior to becoming a CEO/Exec head?": 12,
              "Head at one of the schools in the trust prior to becoming a CEO/Exec head?": 12,
              "Also hold another relevant role (e.g. NLE, Ofsted Inspector, governor)": 8}
    for flag, count in counts.items():
        assert project.frequency_table(flag, percent=False).at["Yes", "n"] == count
