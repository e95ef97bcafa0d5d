"""CSV codebooks (flat, parent column, path style) and QualCoder's plain code list."""

from __future__ import annotations

from pathlib import Path

import pytest

from qual_si.codebook.csv_io import export_csv, import_csv, import_plain_codes
from qual_si.codebook.spec import CodebookSpec
from qual_si.codebook.yaml_io import load_codebook
from qual_si.errors import CodebookError

DATA = Path(__file__).parent / "data" / "codebook"


def _tree(spec: CodebookSpec) -> list[tuple[str, str | None]]:
    return [(code.id, parent) for code, parent, _depth in spec.walk()]


def test_taguette_export_with_parent_column() -> None:
    spec = import_csv(DATA / "taguette_codebook.csv")
    assert spec.id == "taguette_codebook"
    assert _tree(spec) == [
        ("leadership", None),
        ("executive_heads", "leadership"),
        ("curriculum", None),
    ]
    assert (
        spec.find("executive_heads").definition
        == "Leaders across several schools, e.g. an executive head"
    )


def test_path_style_semicolon_separated_with_implicit_parents() -> None:
    spec = import_csv(DATA / "path_codebook.csv", codebook_id="paths")
    assert _tree(spec) == [
        ("trust", None),
        ("vision", "trust"),
        ("central_team", "trust"),
        ("schools", None),
        ("phase", "schools"),
        ("primary", "phase"),
    ]
    trust = spec.find("trust")
    assert (trust.definition, trust.colour) == (
        "Everything about the trust as an organisation",
        "#d95f02",
    )
    assert spec.find("phase").definition == ""  # named only inside a path


@pytest.mark.parametrize("separator", [">", ">>", " > ", " >> "])
def test_path_separators(tmp_path: Path, separator: str) -> None:
    path = tmp_path / "codes.csv"
    path.write_text(f"name,definition\nA{separator}B{separator}C,deep\nA,top\n", encoding="utf-8")
    spec = import_csv(path)
    assert _tree(spec) == [("a", None), ("b", "a"), ("c", "b")]
    assert spec.find("c").definition == "deep"


def test_headerless_list_and_cp1252(tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    path.write_bytes("Café culture,Talk in the staffroom\nMorale\n".encode("cp1252"))
    spec = import_csv(path)
    assert [(c.id, c.name, c.definition) for c in spec.codes] == [
        ("cafe_culture", "Café culture", "Talk in the staffroom"),
        ("morale", "Morale", ""),
    ]


def test_memo_column_is_the_definition_when_there_is_none(tmp_path: Path) -> None:
    path = tmp_path / "qc.csv"
    path.write_text("Code name\tMemo\tColor\nx\tabout x\t#123456\n", encoding="utf-8")
    code = import_csv(path).codes[0]
    assert (code.definition, code.colour, code.memo) == ("about x", "#123456", "")


def test_problems_are_all_reported_with_lines(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(
        "id,parent,name,colour\n"
        "a,b,A,\n"  # line 2: cycle a -> b -> a
        "b,a,B,\n"
        "c,zz,C,\n"  # line 4: unknown parent
        "d,,D,blue\n"  # line 5: bad colour (reported only once the tree is sound)
        "d,,E,\n"  # line 6: duplicate id
        "Bad Id,,F,\n",  # line 7: bad id
        encoding="utf-8",
    )
    with pytest.raises(CodebookError) as caught:
        import_csv(path)
    problems = caught.value.problems
    assert [where for where, _why in problems] == ["2", "4", "6", "7"]
    assert "parent cycle" in problems[0][1]
    assert "unknown parent 'zz'" in problems[1][1]
    assert "duplicate code id 'd' (first on line 5)" in problems[2][1]
    assert str(caught.value).startswith(f"{path}:2: parent cycle")


def test_field_problems_are_reported(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("name,colour,scale,exclusive\nA,blue,1 to 5; 9 = x,perhaps\n", encoding="utf-8")
    with pytest.raises(CodebookError) as caught:
        import_csv(path)
    reasons = [why for where, why in caught.value.problems if where == "2"]
    assert len(reasons) == 3
    assert any("colour 'blue'" in r for r in reasons) and any("outside 1..5" in r for r in reasons)


def test_duplicate_path_names_both_lines(tmp_path: Path) -> None:
    path = tmp_path / "dup.csv"
    path.write_text("path\nA > B\nA > C\nA>B\n", encoding="utf-8")
    with pytest.raises(
        CodebookError, match=r"dup.csv:4: duplicate code 'A > B' \(first on line 2\)"
    ):
        import_csv(path)


def test_unrecognised_header_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "odd.csv"
    path.write_text("alpha,beta,gamma\n1,2,3\n", encoding="utf-8")
    with pytest.raises(CodebookError, match="no code name column"):
        import_csv(path)


def test_export_round_trips_every_field(tmp_path: Path) -> None:
    spec = load_codebook(DATA / "sample_feedback.yaml")
    text = export_csv(spec)
    assert text.splitlines()[0].startswith("id,parent,path,name,definition")
    assert "Written feedback > Marking policy > Deep marking" in text
    path = tmp_path / "sample.csv"
    path.write_text(text, encoding="utf-8-sig")
    back = import_csv(path, codebook_id=spec.id)
    assert back.codes == spec.codes


def test_qualcoder_plain_codes_fixture(fixtures_dir: Path) -> None:
    spec = import_plain_codes(
        fixtures_dir / "qualcoder-examples" / "plain_codes_categories_for_import.txt"
    )
    assert _tree(spec) == [
        ("code1", None),
        ("cat1", None),
        ("code2", "cat1"),
        ("code3", "cat1"),
        ("cat3", None),
        ("cat2", "cat3"),
        ("code4", "cat2"),
        ("code5", "cat3"),
        ("code6", None),
    ]
    assert spec.find("code1").definition == "A memo for code 1"
    assert spec.find("code4").definition == "another memo"


def test_plain_codes_duplicate_line(tmp_path: Path) -> None:
    path = tmp_path / "codes.txt"
    path.write_text("a>>b\tone\n\na>>b\ttwo\n", encoding="utf-8")
    with pytest.raises(CodebookError) as caught:
        import_plain_codes(path)
    assert caught.value.location == "3"


def test_utf16_codebook_is_decoded_not_refused_as_binary(tmp_path: Path) -> None:
    # Excel's "Unicode text" export: UTF-16 with a byte-order mark, tab separated.
    path = tmp_path / "codes.csv"
    path.write_bytes("name\tdefinition\nCafé culture\tTalk in the staffroom\r\n".encode("utf-16"))
    spec = import_csv(path)
    assert [(c.id, c.name, c.definition) for c in spec.codes] == [
        ("cafe_culture", "Café culture", "Talk in the staffroom")
    ]
