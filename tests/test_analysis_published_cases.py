"""D003 Table A.1 (23 case-study MATs, frameworks.md B6 E4): the case table as printed, cleaned with
value normalisation, then the derived aggregates the report states."""

from __future__ import annotations

from pathlib import Path

import pytest

PUBLISHED = Path(__file__).resolve().parent / "data" / "published"
DFE = "No. schools (DfE table, 2017 data)"
VISIT = "No. schools at visit"


@pytest.fixture
def e4(sqlite_project):  # type: ignore[no-untyped-def]
    sqlite_project.import_cases(PUBLISHED / "e4_cases.csv", case_column="Case")
    return sqlite_project


def counts(project, attribute: str, where=None) -> dict[str, int]:  # type: ignore[no-untyped-def]
    table = project.frequency_table(attribute, percent=False, where=where)
    return {k: int(v) for k, v in table["n"].items() if k != "Total"}


def test_the_data_check_finds_what_the_source_got_wrong(e4) -> None:  # type: ignore[no-untyped-def]
    issues = {(i.kind, i.where): i for i in e4.check_data()}
    assert issues["spelling", "attribute 'Religious affiliation'"].suggestion == {"mapping": {"None": "No"}}
    ks2 = issues["spelling", "attribute 'KS2 performance'"].suggestion["mapping"]  # one each: a tie
    assert len(ks2) == 1 and set(ks2.items()).pop() in {("N/a", "n/a"), ("n/a", "N/a")}
    ks4 = issues["spelling", "attribute 'KS4 performance'"].suggestion["mapping"]
    assert ks4 == {"N/a": "n/a"}  # the commoner spelling wins
    assert issues["spelling", "attribute 'Phase'"].suggestion == {
        "mapping": {"Primary and Secondary": "Primary and secondary"}}
    assert issues["number_as_text", f"attribute {DFE!r}"].suggestion == {"values": ["More than 40"]}


def test_size_bands_depend_on_the_column(e4) -> None:  # type: ignore[no-untyped-def]
    for column, name in ((DFE, "schools (DfE)"), (VISIT, "schools (visit)")):
        report = e4.normalise_attribute(column, mapping={"More than 40": "41"}, to_number=True, into=name)
        assert report.values == 23
        e4.define_band(name, [3, 7, 15], labels=["small", "medium", "large"], name=f"{name} band")
    assert counts(e4, "schools (DfE) band") == {"small": 6, "medium": 9, "large": 8}
    assert counts(e4, "schools (visit) band") == {"small": 5, "medium": 10, "large": 8}
    frame = e4.analysis_cases()
    grew = frame[frame["schools (visit)"] > frame["schools (DfE)"]]["case"].tolist()
    assert grew == ["2", "5", "6", "8", "14", "19", "22", "23"]


def test_year_started_and_geography(e4) -> None:  # type: ignore[no-untyped-def]
    e4.normalise_attribute("Year started", into="founded",
                           mapping={"Pre-2010": "2010 or before", "2009": "2010 or before", "2010": "2010 or before"})
    assert counts(e4, "founded") == {"2010 or before": 6, "2011": 4, "2012": 4, "2013": 6, "2014": 3}
    assert counts(e4, "Geographic distribution") == {"Low": 14, "Mid": 4, "High": 5}
    table = e4.crosstab("founded", "Geographic distribution")
    assert table.at["2010 or before", "High"] == 3
    assert table.loc[["2011", "2012", "2013", "2014"], "High"].sum() == 2
    high_early = e4.analysis_cases(where=["founded=2010 or before", "Geographic distribution=High"])
    assert high_early["case"].tolist() == ["11", "14", "20"]


def test_converter_and_fsm_filters(e4) -> None:  # type: ignore[no-untyped-def]
    report = e4.normalise_attribute("Balance sponsored/converter", to_number=True, into="converter %")
    assert report.converted["67% converter"] == 67
    assert e4.analysis_cases(where=["converter %>=85", "% FSM<10"])["case"].tolist() == ["3", "12"]
    assert e4.analysis_cases(where=["converter %<=33", "% FSM>25"])["case"].tolist() == ["5", "9", "16", "19"]
    summary = e4.describe_attributes(["% FSM", "% schools Ofsted Good or Outstanding", "converter %"])
    assert summary.at["% FSM", "mean"] == pytest.approx(20.45, abs=0.005)
    assert summary.at["% FSM", "median"] == pytest.approx(21.4)
    assert round(summary.at["% schools Ofsted Good or Outstanding", "mean"], 1) == 72.7
    assert round(summary.at["converter %", "mean"], 1) == 44.1


def test_normalised_labels(e4) -> None:  # type: ignore[no-untyped-def]
    e4.normalise_attribute("Religious affiliation", mapping={"None": "No"})
    assert counts(e4, "Religious affiliation") == {"Yes": 4, "No": 19}
    assert e4.analysis_cases(where={"Religious affiliation": "Yes"})["case"].tolist() == ["3", "11", "12", "19"]
    e4.normalise_attribute("Phase", fold_case=True, mapping={
        "Secondary and primary": "Primary and secondary", "Mainly primary": "Mainly or mostly primary",
        "Mostly primary": "Mainly or mostly primary"})
    assert counts(e4, "Phase") == {"Primary": 7, "Mainly or mostly primary": 3, "Primary and secondary": 11,
                                   "Mainly secondary": 2}
    e4.normalise_attribute("KS2 performance", mapping={"n/a": "n/a"}, fold_case=True)
    e4.normalise_attribute("KS4 performance", fold_case=True)
    assert counts(e4, "KS2 performance") == {"Positive": 11, "Mixed": 6, "Negative": 4, "n/a": 2}
    assert counts(e4, "KS4 performance") == {"n/a": 13, "Positive": 4, "Negative": 4, "Mixed": 2}
    assert not [i for i in e4.check_data() if i.kind == "spelling"]


def test_normalisation_is_one_undoable_action(e4) -> None:  # type: ignore[no-untyped-def]
    e4.normalise_attribute("Religious affiliation", mapping={"None": "No"})
    assert e4.can_undo() == "attribute.normalise"
    e4.undo()
    assert counts(e4, "Religious affiliation") == {"Yes": 4, "None": 9, "No": 10}


def test_a_held_back_attribute_stays_out_of_outputs(e4, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    bands = {str(i): ("above average" if i <= 13 else "average" if i <= 18 else "below average")
             for i in range(1, 24)}
    e4.define_attribute("performance band", "category", hidden=True)
    for case, band in bands.items():
        e4.set_attribute(case, "performance band", band)
    assert counts(e4, "performance band") == {"above average": 13, "average": 5, "below average": 5}
    assert "performance band" not in e4.analysis_cases(include_hidden=False).columns
