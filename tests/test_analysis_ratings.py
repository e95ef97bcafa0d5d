"""Case-level ratings on scale codes: refusals, replacement, undo, raters, participants, CSV import, typology."""

from __future__ import annotations

from pathlib import Path

import pytest

from qual_si import Project
from qual_si.errors import FormatError, InvalidOperation


@pytest.fixture
def rated(sqlite_project: Project) -> Project:
    for book in ("d003_four_ps", "d003_typology_portraits", "d001_local_central_balance"):
        sqlite_project.load_codebook(book)
    for case in ("T1", "T2", "T3", "T4"):
        sqlite_project.create_case(case)
    return sqlite_project


def profile(project: Project, case: str, purpose: float, performance: float, participation: float,
            process: float) -> None:
    for key, value in (("purpose", purpose), ("performance", performance), ("participation", participation),
                       ("process", process)):
        project.rate(case, f"d003_four_ps.{key}", value)


def test_values_off_the_scale_and_codes_without_a_scale_are_refused(rated: Project) -> None:
    with pytest.raises(InvalidOperation, match=r"outside the scale of d003_four_ps.purpose \(1-5\)"):
        rated.rate("T1", "d003_four_ps.purpose", 6)
    with pytest.raises(InvalidOperation, match="outside the scale"):
        rated.rate("T1", "4p.purpose", 0.5)
    with pytest.raises(InvalidOperation, match="has no rating scale"):
        rated.rate("T1", "d003_typology_portraits.purpose_led", 3)
    with pytest.raises(InvalidOperation, match="current or desired"):
        rated.rate("T1", "4p.purpose", 3, kind="ideal")
    assert rated.ratings() == []


def test_a_new_rating_replaces_the_raters_own_and_undo_restores_it(rated: Project) -> None:
    first = rated.rate("T1", "4p.purpose", 3, rationale="vision on the wall")
    second = rated.rate("T1", "4p.purpose", 4, rationale="vision used in decisions")
    assert first.id == second.id and len(rated.ratings()) == 1
    assert rated.can_undo() == "rating.set"
    rated.undo()
    assert rated.ratings()[0].value == 3 and rated.ratings()[0].rationale == "vision on the wall"
    rated.rate("T1", "4p.purpose", 5, kind="desired")
    assert len(rated.ratings()) == 2


def test_profile_is_the_mean_over_raters(rated: Project, tmp_path: Path) -> None:
    rated.rate("T1", "4p.purpose", 3)
    other = Project.open(rated.location, coder="second rater")
    other.rate("T1", "4p.purpose", 4)
    other.close()
    table = rated.rating_profile()
    assert list(table.columns) == ["Purpose", "Performance", "Participation", "Process"]
    assert table.at["T1", "Purpose"] == 3.5
    assert set(rated.ratings_frame()["rater"]) == {"tester", "second rater"}
    assert rated.rating_profile(rater="second rater").at["T1", "Purpose"] == 4


def test_participant_ratings(rated: Project) -> None:
    rated.rate("T1", "lc.governance", 2, participant="CEO")
    rated.rate("T1", "lc.governance", 4, participant="Head of school")
    frame = rated.ratings_frame(codebook="d001_local_central_balance")
    assert frame[["case", "participant", "value"]].values.tolist() == [["T1", "CEO", 2.0],
                                                                       ["T1", "Head of school", 4.0]]


def test_import_long_and_wide_and_all_or_nothing(rated: Project, tmp_path: Path) -> None:
    long = tmp_path / "long.csv"
    long.write_text("case,dimension,value,rationale\nT1,4p.purpose,4,clear\nT2,d003_four_ps.process,2,\n",
                    encoding="utf-8")
    report = rated.import_ratings(long)
    assert report.ratings == 2 and report.cases == ["T1", "T2"]
    wide = tmp_path / "wide.csv"
    wide.write_text("case,Purpose,Performance,Participation,Process\nT3,5,2,2,1\nT4,1,,3,3\n", encoding="utf-8")
    assert rated.import_ratings(wide).ratings == 7
    assert rated.rating_profile().loc["T3"].tolist() == [5, 2, 2, 1]
    bad = tmp_path / "bad.csv"
    bad.write_text("case,dimension,value\nT1,4p.performance,3\nT2,4p.performance,9\n", encoding="utf-8")
    with pytest.raises(FormatError, match=r"bad.csv:row 3: rating 9 is outside the scale"):
        rated.import_ratings(bad)
    assert len(rated.ratings()) == 9  # nothing from the bad file
    missing = tmp_path / "new.csv"
    missing.write_text("case,dimension,value\nT9,4p.purpose,2\n", encoding="utf-8")
    with pytest.raises(FormatError, match="no case named 'T9'"):
        rated.import_ratings(missing)
    rated.import_ratings(missing, create_cases=True)
    assert "T9" in rated.rating_profile().index


def test_import_reads_semicolons_cp1252_and_names_rows_as_the_sheet_shows(rated: Project, tmp_path: Path) -> None:
    semicolons = tmp_path / "semicolons.csv"
    semicolons.write_text("case;dimension;value;rationale\nT1;4p.purpose;4;clear\n", encoding="utf-8")
    assert rated.import_ratings(semicolons).ratings == 1
    windows = tmp_path / "windows.csv"
    windows.write_bytes("case,dimension,value,rationale\nT2,4p.purpose,3,caf\u00e9 \u2013 talk\n".encode("cp1252"))
    assert rated.import_ratings(windows).ratings == 1
    assert rated.ratings_frame().set_index("case").at["T2", "rationale"] == "caf\u00e9 \u2013 talk"
    gaps = tmp_path / "gaps.csv"
    gaps.write_text("case,dimension,value\n\nT3,4p.purpose,3\n\nT4,4p.purpose,8\n", encoding="utf-8")
    with pytest.raises(FormatError, match=r"gaps.csv:row 5: rating 8 is outside the scale"):
        rated.import_ratings(gaps)


def test_import_reads_a_macro_enabled_workbook(rated: Project, tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["case", "dimension", "value"])
    book.active.append(["T1", "4p.purpose", 5])
    path = tmp_path / "ratings.xlsm"  # Excel's macro-enabled workbook: the same cells, macros ignored
    book.save(path)
    assert rated.import_ratings(path).ratings == 1
    assert rated.ratings_frame().set_index("case").at["T1", "value"] == 5


def test_typology_picks_the_distinct_top_p_and_reports_ties(rated: Project) -> None:
    profile(rated, "T1", 5, 3, 4, 2)
    profile(rated, "T2", 4, 2, 2, 4)
    profile(rated, "T3", 3, 3, 3, 3)
    rated.rate("T4", "4p.purpose", 5)
    table = rated.typology()
    assert table.at["T1", "portrait"] == "purpose_led" and table.at["T1", "margin"] == 1
    assert table.at["T2", "portrait"] == "process_led / purpose_led (tie)" and table.at["T2", "tie"]
    assert table.at["T3", "portrait"].count("/") == 3
    assert table.at["T4", "portrait"] == ""
    assert table.at["T4", "missing"] == "d003_four_ps.process, d003_four_ps.participation, d003_four_ps.performance"
    assert rated.typology(kind="desired").empty


def test_rating_means_by_group(rated: Project) -> None:
    profile(rated, "T1", 5, 3, 4, 2)
    profile(rated, "T2", 4, 2, 2, 4)
    rated.set_attribute("T1", "phase", "primary")
    rated.set_attribute("T2", "phase", "primary")
    means = rated.rating_means(codebook="d003_four_ps", by="phase")
    assert means.loc["Purpose", "primary"] == 4.5
