"""The analysis commands through the ``qual-si`` entry point, on the demo project."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from qual_si.cli import main

PUBLISHED = Path(__file__).resolve().parent / "data" / "published"


@pytest.fixture(scope="module")
def demo_copy(demo_file: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """This module's own copy of the demo: rate, judge and normalise change it."""
    return Path(shutil.copy(demo_file, tmp_path_factory.mktemp("cli") / "demo.qsi"))


@pytest.fixture
def cli(demo_copy: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("QUAL_SI_PROJECT", str(demo_copy))
    from qual_si.cli.common import console

    monkeypatch.setattr(console, "_width", 240)  # wide tables print whole under any runner

    def run(*argv: str) -> tuple[int, str, str]:
        code = main(list(argv))
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return run


def test_matrix_prints_and_writes_but_never_overwrites(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = cli("matrix", "-b", "d003_strategic_areas", "-d", "1")
    assert code == 0 and "segments by case" in out and "T08" in out
    csv_file = tmp_path / "m.csv"
    assert cli("matrix", "-b", "d003_strategic_areas", "-d", "1", "-o", str(csv_file))[0] == 0
    assert csv_file.read_text(encoding="utf-8").splitlines()[0].startswith('case,"Vision, values, strategy')
    code, out, _ = cli("matrix", "-b", "d003_strategic_areas", "-d", "1", "--rows", "size band")
    assert code == 0 and "15+" in out and "Total" in out
    target = tmp_path / "m.xlsx"
    assert cli("matrix", "-b", "d003_strategic_areas", "-d", "1", "-o", str(target))[0] == 0
    code, _, err = cli("matrix", "-b", "d003_strategic_areas", "-o", str(target))
    assert code == 1 and "exists" in err and "--force" in err
    assert cli("matrix", "-b", "d003_strategic_areas", "-o", str(target), "--force")[0] == 0
    code, _, err = cli("matrix", "--measure", "weight")
    assert code == 1 and "unknown measure" in err


def test_rate_refuses_off_scale_and_ratings_import(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    code, _, err = cli("rate", "T01", "4p.purpose", "7")
    assert code == 1 and "outside the scale of d003_four_ps.purpose (1-5)" in err
    code, out, _ = cli("rate", "T01", "4p.purpose", "4", "--rationale", "revised after member check")
    assert code == 0 and "d003_four_ps.purpose = 4" in out
    ratings = tmp_path / "r.csv"
    ratings.write_text("case,dimension,value\nT02,lc.evaluation,3\n", encoding="utf-8")
    code, out, _ = cli("ratings", "import", str(ratings))
    assert code == 0 and "1 rating(s)" in out
    code, out, _ = cli("ratings", "list", "-b", "d001_local_central_balance")
    assert code == 0 and "Gover" in out
    code, out, _ = cli("typology")
    assert code == 0 and "(tie)" in out


def test_judgements_and_judge(cli) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = cli("judge", "T05", "consistency_level", "autonomous", "--facet", "Curriculum content")
    assert code == 0 and "autonomous (Curriculum content)" in out
    code, out, _ = cli("judgements", "consistency_level", "--facets", "d003_practice_areas")
    assert code == 0 and "Standardised" in out
    code, out, _ = cli("judgements", "consistency_level", "--table")
    assert code == 0 and "Curriculum content" in out


def test_check_data_on_a_published_table(cli) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = cli("check-data", "--table", str(PUBLISHED / "f3_published.csv"))
    assert code == 1
    assert "printed total 165 but the rows sum to 177" in out
    code, out, _ = cli("check-data")
    assert code == 0


def test_charts_vignettes_and_pack(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert cli("chart", "radar", str(tmp_path / "r.png"))[0] == 0
    assert cli("chart", "bars", str(tmp_path / "b.svg"), "--group", "consistency_level", "--by", "size band")[0] == 0
    assert (tmp_path / "r.png").stat().st_size > 0 and (tmp_path / "b.svg").stat().st_size > 0
    code, out, _ = cli("vignettes", str(tmp_path / "v"), "--case", "T01")
    assert code == 0 and (tmp_path / "v" / "vignette-T01.docx").is_file()
    code, out, _ = cli("export", "pack", str(tmp_path / "pack.xlsx"))
    assert code == 0 and "tables" in out
    from openpyxl import load_workbook

    assert load_workbook(tmp_path / "pack.xlsx").sheetnames[:3] == ["case x code", "presence",
                                                                     "by size band (% of cases)"]


def test_normalise_and_cooccur_and_crosstab(cli) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = cli("normalise", "phase", "--map", "all-through=cross-phase,secondary with a UTC=secondary",
                       "--into", "phase (grouped)")
    assert code == 0 and "'all-through' -> 'cross-phase'" in out
    code, out, _ = cli("crosstab", "size band", "phase (grouped)", "--percent", "row")
    assert code == 0 and "Total" in out
    code, out, _ = cli("cooccur", "-b", "d003_four_ps", "--mode", "window", "--window", "2", "--jaccard")
    assert code == 0 and "Purpose" in out
