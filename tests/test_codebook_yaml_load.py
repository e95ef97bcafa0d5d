"""Loading the YAML format: every field, the flat parent form, and the dump/save round trip."""

from __future__ import annotations

import stat
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support import default_file_mode

from qual_si.codebook.spec import CodebookSpec, CodeSpec, Scale
from qual_si.codebook.yaml_io import dump_codebook, inspect_codebook, load_codebook, save_codebook

DATA = Path(__file__).parent / "data" / "codebook"


def test_sample_loads_with_every_field() -> None:
    spec = load_codebook(DATA / "sample_feedback.yaml")
    assert (spec.id, spec.alias, spec.version) == ("sample_feedback", "fb", "0.3")
    assert spec.source.startswith("Written for the qual-si test suite")
    assert spec.path == DATA / "sample_feedback.yaml"
    deep = spec.find("deep_marking")
    assert spec.parent_of("deep_marking") == "marking_policy"
    assert deep.colour == "#d95f02"
    assert deep.keywords[:2] == ("deep marking", "purple pen")
    policy = spec.find("marking_policy")
    assert policy.colour is None  # inherited, not copied
    assert policy.examples[1] == 'Books are looked at every fortnight, with a "next step" sticker.'
    assert policy.exclusion.endswith("sample_feedback.verbal_feedback.")
    assert spec.find("feedback_stance").exclusive is True
    assert spec.find("feedback_quality").scale == Scale(1, 4, ((1, "weak"), (4, "strong")))
    assert spec.find("feedback_champion").dimension == "sample_feedback.feedback_quality"
    assert spec.find("written_feedback").memo == "test fixture, level 1"
    assert spec.code_count() == 9


def test_flat_parent_form_builds_the_same_tree_as_nesting() -> None:
    spec = load_codebook(DATA / "flat_parents.yaml")
    assert [c.id for c in spec.codes] == ["group_a"]
    walked = [(code.id, parent) for code, parent, _depth in spec.walk()]
    assert walked == [
        ("group_a", None),
        ("nested_c", "group_a"),
        ("under_nested", "nested_c"),
        ("child_b", "group_a"),
        ("grandchild_d", "child_b"),
    ]


def test_numeric_version_keeps_the_characters_written(tmp_path: Path) -> None:
    text = (DATA / "sample_feedback.yaml").read_text(encoding="utf-8")
    path = tmp_path / "sample_feedback.yaml"
    path.write_text(text.replace('version: "0.3"', "version: 1.10"), encoding="utf-8")
    assert load_codebook(path).version == "1.10"


def test_dump_round_trips_and_is_stable(tmp_path: Path) -> None:
    spec = load_codebook(DATA / "sample_feedback.yaml")
    text = dump_codebook(spec)
    saved = save_codebook(spec, tmp_path / "sample_feedback.yaml")
    again = load_codebook(saved)
    assert again == spec
    assert dump_codebook(again) == text
    # The atomic write cleaned up after itself: no temporary file beside the codebook.
    assert [p.name for p in tmp_path.iterdir()] == ["sample_feedback.yaml"]


def test_dump_key_order_and_style() -> None:
    text = dump_codebook(load_codebook(DATA / "sample_feedback.yaml"))
    keys = [line.split(":")[0] for line in text.splitlines() if line and not line.startswith(" ")]
    assert keys == [
        "format",
        "id",
        "title",
        "alias",
        "source",
        "version",
        "description",
        "exclusive",
        "codes",
    ]
    assert 'colour: "#1b9e77"' in text
    assert "scale: {min: 1, max: 4, labels: {1: weak, 4: strong}}" in text
    assert "\n\n  - id: verbal_feedback" in text  # blank line between top-level codes
    code = next(c for c in yaml.safe_load(text)["codes"] if c["id"] == "feedback_quality")
    assert list(code) == ["id", "name", "colour", "definition", "keywords", "scale"]


def test_dump_writes_flat_input_as_nested(tmp_path: Path) -> None:
    spec = load_codebook(DATA / "flat_parents.yaml")
    path = tmp_path / "flat_parents.yaml"
    path.write_text(dump_codebook(spec), encoding="utf-8")
    assert "parent:" not in path.read_text(encoding="utf-8")
    assert load_codebook(path) == spec


def test_empty_definition_is_dumped_as_a_slot_to_fill() -> None:
    spec = CodebookSpec("x", "X", codes=(CodeSpec("a", "A"),))
    assert "definition: ''" in dump_codebook(spec)


_line = (
    st.text(
        st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Zl", "Zp")),
        min_size=1,
        max_size=80,
    )
    .map(str.strip)
    .filter(bool)
)
_para = st.lists(_line, min_size=1, max_size=3).map("\n".join)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(name=_line, definition=_para, examples=st.lists(_para, max_size=3), memo=_line)
def test_any_text_survives_dump_and_load(
    tmp_path: Path, name: str, definition: str, examples: list[str], memo: str
) -> None:
    code = CodeSpec("a", name, definition, examples=tuple(examples), keywords=("k",), memo=memo)
    spec = CodebookSpec("x", "Title", source=definition, codes=(code,))
    path = tmp_path / "x.yaml"
    path.write_text(dump_codebook(spec), encoding="utf-8")
    report = inspect_codebook(path)
    assert report.errors == []
    assert report.spec == spec


def test_save_gets_usual_mode_creates_the_folder_and_overwrites(tmp_path: Path) -> None:
    spec = load_codebook(DATA / "sample_feedback.yaml")
    path = tmp_path / "new" / "sample_feedback.yaml"
    assert save_codebook(spec, path) == path
    assert stat.S_IMODE(path.stat().st_mode) == default_file_mode()  # not mkstemp's 0600
    assert save_codebook(spec, path) == path  # saving replaces the earlier file
    assert [p.name for p in path.parent.iterdir()] == ["sample_feedback.yaml"]
