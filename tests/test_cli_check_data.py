"""``qual-si check-data --table``: the table is read like every other imported table."""

from __future__ import annotations

from pathlib import Path

import pytest

from qual_si.cli import main

WRONG_TOTAL = "model;CT: n;CT: %\nearned;20;11\npartnership;106;60\nTotal;165;100\n"


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_semicolon_table_is_split_into_columns(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    table = tmp_path / "published.csv"
    table.write_text(WRONG_TOTAL, encoding="utf-8")
    code, out, _ = _run(capsys, "check-data", "--table", str(table))
    assert code == 1 and "printed total 165 but the rows sum to 126" in out


def test_cp1252_table_is_decoded_not_a_traceback(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    table = tmp_path / "published.csv"
    table.write_bytes("model,n\nécole,3\nTotal,4\n".encode("cp1252"))
    code, out, _ = _run(capsys, "check-data", "--table", str(table))
    assert code == 1 and "printed total 4 but the rows sum to 3" in out


def test_missing_or_empty_table_is_one_error_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(capsys, "check-data", "--table", str(tmp_path / "absent.csv"))
    assert code == 2 and "error:" in err
    (tmp_path / "empty.csv").write_bytes(b"")
    code, _, err = _run(capsys, "check-data", "--table", str(tmp_path / "empty.csv"))
    assert code == 2 and "empty" in err
