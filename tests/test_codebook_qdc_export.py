"""REFI-QDA .qdc export: schema-valid, stable GUIDs, exclusive sets, lossless own round trip."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qual_si.codebook.qdc import code_guid, export_qdc, import_qdc
from qual_si.codebook.spec import CodebookSpec, CodeSpec, Scale
from qual_si.codebook.yaml_io import load_codebook
from qual_si.errors import InvalidOperation

DATA = Path(__file__).parent / "data" / "codebook"


def _sample() -> CodebookSpec:
    return load_codebook(DATA / "sample_feedback.yaml")


@pytest.mark.parametrize("extended", [True, False])
def test_export_validates_against_codebook_xsd(
    extended: bool, qdc_schema: Callable[[bytes], Any]
) -> None:
    qdc_schema(export_qdc(_sample(), include_extended=extended))


def test_exclusive_codebook_and_groups_become_sets(qdc_schema: Callable[[bytes], Any]) -> None:
    spec = CodebookSpec(
        "ex",
        "Exclusive book",
        exclusive=True,
        codes=(
            CodeSpec("a", "A", "D"),
            CodeSpec(
                "b",
                "B",
                "D",
                exclusive=True,
                children=(CodeSpec("b1", "B1", "D"), CodeSpec("b2", "B2", "D")),
            ),
        ),
    )
    root = qdc_schema(export_qdc(spec))  # schema-valid
    ns = {"q": "urn:QDA-XML:codebook:1.0"}
    sets = root.findall("q:Sets/q:Set", ns)
    assert [s.get("name") for s in sets] == ["exclusive: Exclusive book", "exclusive: B"]
    members = [m.get("guid") for m in sets[1].findall("q:MemberCode", ns)]
    assert members == [code_guid("ex", "b1"), code_guid("ex", "b2")]
    codable = {
        c.get("name"): c.get("isCodable") for c in root.iter("{urn:QDA-XML:codebook:1.0}Code")
    }
    assert codable == {"A": "true", "B": "false", "B1": "true", "B2": "true"}


def test_guids_are_stable_and_colours_are_effective() -> None:
    first, second = export_qdc(_sample()), export_qdc(_sample())
    assert first == second
    text = first.decode("utf-8")
    assert f'guid="{code_guid("sample_feedback", "deep_marking")}"' in text
    assert code_guid("sample_feedback", "a") != code_guid("other_book", "a")
    # marking_policy has no colour of its own: other tools get the inherited one written out
    assert 'name="Marking policy" isCodable="true" color="#1b9e77"' in text


def test_extended_description_has_readable_sections() -> None:
    text = export_qdc(_sample()).decode("utf-8")
    assert "Inclusion: Long written comments that expect a written reply." in text
    assert "Keywords: deep marking; purple pen; dialogue; written response; paragraph" in text
    assert "Scale: 1 to 4; 1 = weak; 4 = strong" in text
    plain = export_qdc(_sample(), include_extended=False).decode("utf-8")
    assert "Inclusion:" not in plain and "Code id:" not in plain
    assert (
        "<Description>Detailed written dialogue with each pupil about a piece of work.</Description>"
        in plain
    )


def test_own_round_trip_keeps_every_code_field(tmp_path: Path) -> None:
    spec = _sample()
    path = tmp_path / "book.qdc"
    path.write_bytes(export_qdc(spec))
    back = import_qdc(path)
    assert back.id == spec.id
    assert back.codes == spec.codes
    assert back.exclusive == spec.exclusive


def test_explicit_colour_equal_to_inherited_survives(tmp_path: Path) -> None:
    child = CodeSpec("c", "C", "D", colour="#AABBCC")
    spec = CodebookSpec(
        "b",
        "B",
        codes=(
            CodeSpec("p", "P", "D", colour="#aabbcc", children=(child,)),
            CodeSpec("q", "Q", "D", colour="#aabbcc", children=(CodeSpec("r", "R", "D"),)),
        ),
    )
    path = tmp_path / "b.qdc"
    path.write_bytes(export_qdc(spec))
    assert import_qdc(path).codes == spec.codes


def test_round_trip_without_extended_keeps_names_tree_and_definitions(tmp_path: Path) -> None:
    spec = _sample()
    path = tmp_path / "book.qdc"
    path.write_bytes(export_qdc(spec, include_extended=False))
    back = import_qdc(path)
    assert [(c.name, d) for c, _p, d in back.walk()] == [(c.name, d) for c, _p, d in spec.walk()]
    assert back.find("deep_marking").definition == spec.find("deep_marking").definition
    assert back.find("deep_marking").memo.startswith("REFI-QDA guid: ")
    assert back.find("trust_stance_on_feedback").exclusive  # ids now come from the names


def test_an_empty_codebook_cannot_be_a_valid_qdc() -> None:
    with pytest.raises(InvalidOperation):
        export_qdc(CodebookSpec("empty", "Empty"))


_text = (
    st.text(
        st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Zl", "Zp")),
        min_size=1,
        max_size=60,
    )
    .map(str.strip)
    .filter(bool)
)
_multiline = st.lists(_text, min_size=1, max_size=3).map("\n".join)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    definition=_text,
    inclusion=_multiline,
    examples=st.lists(_multiline, max_size=3),
    keywords=st.lists(_text, max_size=4),
    memo=_multiline,
    labels=st.dictionaries(st.integers(1, 5), _text, max_size=3),
)
def test_any_field_text_survives_the_qdc_round_trip(
    tmp_path: Path,
    definition: str,
    inclusion: str,
    examples: list[str],
    keywords: list[str],
    memo: str,
    labels: dict[int, str],
) -> None:
    code = CodeSpec(
        "a",
        "A",
        definition,
        inclusion=inclusion,
        examples=tuple(examples),
        keywords=tuple(keywords),
        memo=memo,
        scale=Scale.from_mapping(1, 5, labels),
    )
    spec = CodebookSpec("b", "B", codes=(code,))
    path = tmp_path / "b.qdc"
    path.write_bytes(export_qdc(spec))
    assert import_qdc(path).codes == spec.codes
