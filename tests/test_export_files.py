"""Exports never overwrite without force, write atomically, and refuse unknown formats."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from support import default_file_mode

from qual_si.errors import InvalidOperation, OutputExists
from qual_si.export.files import atomic_output
from qual_si.export.tables import write_tables

TABLE = pd.DataFrame({"a": [1, 2], "b": [3, 4]}, index=pd.Index(["x", "y"], name="case"))


def test_existing_files_need_force(tmp_path: Path) -> None:
    target = tmp_path / "table.csv"
    target.write_text("precious", encoding="utf-8")
    with pytest.raises(OutputExists, match="table.csv exists"):
        write_tables({"t": TABLE}, target)
    assert target.read_text(encoding="utf-8") == "precious"
    write_tables({"t": TABLE}, target, force=True)
    assert target.read_text(encoding="utf-8").splitlines() == ["case,a,b", "x,1,3", "y,2,4"]


def test_a_failed_write_leaves_no_file_and_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "out.xlsx"
    with pytest.raises(RuntimeError), atomic_output(target) as scratch:
        scratch.write_bytes(b"half")
        raise RuntimeError("disk full")
    assert list(tmp_path.iterdir()) == []


def test_written_files_get_ordinary_permissions(tmp_path: Path) -> None:
    target = tmp_path / "t.csv"
    write_tables({"t": TABLE}, target)
    assert target.stat().st_mode & 0o777 == default_file_mode()


def test_several_tables_to_csv_become_one_file_each(tmp_path: Path) -> None:
    paths = write_tables({"by case": TABLE, "by band": TABLE}, tmp_path / "out.csv")
    assert [p.name for p in paths] == ["out-by-case.csv", "out-by-band.csv"]
    (tmp_path / "again.csv").write_text("x", encoding="utf-8")
    (tmp_path / "again-second.csv").write_text("keep", encoding="utf-8")
    with pytest.raises(OutputExists):
        write_tables({"first": TABLE, "second": TABLE}, tmp_path / "again.csv")
    assert not (tmp_path / "again-first.csv").exists()  # refused before writing anything


def test_unknown_formats_are_refused(tmp_path: Path) -> None:
    with pytest.raises(InvalidOperation, match="export to .csv, .xlsx, .docx"):
        write_tables({"t": TABLE}, tmp_path / "t.pdf")
