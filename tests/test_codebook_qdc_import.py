"""Importing real .qdc files from other tools, and refusing broken or hostile XML."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from qual_si.codebook.qdc import import_qdc
from qual_si.codebook.rules import check_spec
from qual_si.errors import CodebookError


def test_atlas_ti_codebook_with_0_4_schema_location_and_sets(fixtures_dir: Path) -> None:
    spec = import_qdc(fixtures_dir / "qdc" / "requal_atlasti-win-23.4.0_valid.qdc")
    assert [(c.id, c.name, c.definition, c.colour) for c in spec.codes] == [
        ("code1", "code1", "description", "#46AA00")
    ]
    assert spec.codes[0].memo == "REFI-QDA guid: 1FF58B12-6F6F-4B0C-8BE5-BBDC91F55294"
    assert "ATLAS.ti Win 23.4.0" in spec.source
    # an ordinary set is kept as a note naming its members
    assert "code group 1 (kategorie 1): code1" in spec.description
    assert check_spec(spec, require_definitions=False).errors == []


def test_openqda_codebook_with_non_guid_ids_and_nesting(fixtures_dir: Path) -> None:
    spec = import_qdc(fixtures_dir / "qdc" / "openqda_example_codebook.qdc")
    assert [c.name for c in spec.codes] == [
        "Negativ/Aufgeregt",
        "Negativ/Ruhig",
        "Positiv/Aufgeregt",
        "Positiv/Ruhig",
    ]
    assert spec.code_count() == 44
    group = spec.codes[0]
    assert group.id == "negativ_aufgeregt"
    assert group.definition == "All emotions with negative valence and positive arousal."
    assert group.memo == "REFI-QDA guid: c001"
    hurt = spec.find("hurt_personally_offended")
    assert hurt.name == "Hurt (personally offended)" and hurt.colour == "#c95858"
    assert spec.parent_of("hurt_personally_offended") == "negativ_aufgeregt"
    assert len({code.id for code, _p, _d in spec.walk()}) == 44
    assert check_spec(spec, require_definitions=False).errors == []


def test_truncated_atlas_file_names_the_line(fixtures_dir: Path) -> None:
    path = fixtures_dir / "qdc" / "requal_atlasti-win-23.4.0_corrupted-truncated.qdc"
    with pytest.raises(CodebookError) as caught:
        import_qdc(path)
    assert caught.value.location == "17"
    assert str(caught.value).startswith(f"{path}:17: broken XML")


ENTITY_BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE CodeBook [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>
<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes><Code guid="x" name="&b;" isCodable="true"/></Codes></CodeBook>
"""


def test_entity_declarations_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "bomb.qdc"
    path.write_bytes(ENTITY_BOMB)
    with pytest.raises(CodebookError, match="refused"):
        import_qdc(path)


def test_external_entities_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "xxe.qdc"
    path.write_bytes(
        b'<?xml version="1.0"?><!DOCTYPE c [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b'<CodeBook><Codes><Code guid="g" name="&x;" isCodable="true"/></Codes></CodeBook>'
    )
    with pytest.raises(CodebookError, match="refused"):
        import_qdc(path)


def test_wrong_root_and_missing_codes(tmp_path: Path) -> None:
    path = tmp_path / "x.qdc"
    path.write_text("<?xml version='1.0'?>\n<Project/>", encoding="utf-8")
    with pytest.raises(CodebookError, match="not a REFI-QDA codebook"):
        import_qdc(path)
    path.write_text("<CodeBook xmlns='urn:QDA-XML:codebook:1.0'>\n</CodeBook>", encoding="utf-8")
    with pytest.raises(CodebookError, match="no <Codes>"):
        import_qdc(path)
    path.write_bytes(b"")
    with pytest.raises(CodebookError, match="empty"):
        import_qdc(path)


def test_codebook_inside_a_project_file(fixtures_dir: Path, tmp_path: Path) -> None:
    qdpx = fixtures_dir / "qdpx-atlasti" / "target-atlas-project.qdpx"
    with zipfile.ZipFile(qdpx) as archive:
        name = next(n for n in archive.namelist() if n.endswith(".qde"))
        (tmp_path / "project.qde").write_bytes(archive.read(name))
    spec = import_qdc(tmp_path / "project.qde", codebook_id="atlas_project")
    assert spec.id == "atlas_project"
    assert spec.code_count() == 3
    assert any(code.children for code in spec.codes)


def test_exclusive_set_from_another_tool_marks_the_group(tmp_path: Path) -> None:
    path = tmp_path / "sets.qdc"
    path.write_text(
        """<?xml version="1.0" encoding="utf-8"?>
<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="Hand">
  <Codes>
    <Code guid="{00000000-0000-0000-0000-000000000001}" name="Stance" isCodable="false" color="#ABC">
      <Code guid="00000000-0000-0000-0000-000000000002" name="For" isCodable="true"/>
      <Code guid="00000000-0000-0000-0000-000000000003" name="Against" isCodable="true" color="#aabbcc"/>
    </Code>
  </Codes>
  <Sets>
    <Set guid="00000000-0000-0000-0000-000000000009" name="Exclusive: stance values">
      <MemberCode guid="00000000-0000-0000-0000-000000000002"/>
      <MemberCode guid="00000000-0000-0000-0000-000000000003"/>
    </Set>
  </Sets>
</CodeBook>""",
        encoding="utf-8",
    )
    spec = import_qdc(path)
    stance = spec.find("stance")
    assert stance.exclusive and stance.colour == "#AABBCC"  # short form expanded
    assert spec.find("against").colour is None  # same as its parent: inherits
    assert spec.description == ""
