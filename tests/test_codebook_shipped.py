"""Every framework codebook in codebooks/ loads, validates strictly and survives each format."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from qual_si.codebook.csv_io import export_csv, import_csv
from qual_si.codebook.qdc import export_qdc, import_qdc
from qual_si.codebook.registry import list_shipped, shipped_files
from qual_si.codebook.spec import CodebookSpec
from qual_si.codebook.yaml_io import dump_codebook, inspect_codebook, load_codebook

SHIPPED = shipped_files()
QUALIFIED_REFERENCE = re.compile(r"\b([a-z0-9][a-z0-9_]*)\.([a-z0-9][a-z0-9_]*)\b")
MIN_KEYWORDS = 5


def test_there_are_shipped_codebooks() -> None:
    assert SHIPPED, "codebooks/ holds no codebook"


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_loads_without_errors_or_warnings(path: Path) -> None:
    report = inspect_codebook(path)
    assert report.errors == [], "\n".join(report.lines())
    assert report.warnings == [], "\n".join(report.lines())
    assert report.spec is not None and report.spec.id == path.stem


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_leaf_codes_are_fully_described(path: Path) -> None:
    spec = load_codebook(path)
    assert spec.source, "a shipped codebook cites its source"
    thin = [
        code.id
        for code in spec.leaves()
        if len(code.keywords) < MIN_KEYWORDS
        or not (code.inclusion and code.exclusion and code.examples)
    ]
    assert thin == [], f"leaves need >= {MIN_KEYWORDS} keywords, inclusion, exclusion, examples"


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_round_trips_through_yaml_qdc_and_csv(path: Path, tmp_path: Path) -> None:
    spec = load_codebook(path)
    (tmp_path / path.name).write_text(dump_codebook(spec), encoding="utf-8")
    assert load_codebook(tmp_path / path.name) == spec
    if spec.codes:
        (tmp_path / "book.qdc").write_bytes(export_qdc(spec))
        from_qdc = import_qdc(tmp_path / "book.qdc")
        assert (from_qdc.id, from_qdc.codes, from_qdc.exclusive) == (
            spec.id,
            spec.codes,
            spec.exclusive,
        )
    (tmp_path / "book.csv").write_text(export_csv(spec), encoding="utf-8")
    assert import_csv(tmp_path / "book.csv", codebook_id=spec.id).codes == spec.codes


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_qdc_export_is_schema_valid(path: Path, qdc_schema: Callable[[bytes], Any]) -> None:
    spec = load_codebook(path)
    if not spec.codes:
        pytest.skip("an empty codebook has no .qdc form")
    qdc_schema(export_qdc(spec))


@pytest.fixture(scope="module")
def all_shipped() -> list[CodebookSpec]:
    return list_shipped()


def test_ids_and_aliases_are_unique_across_codebooks(all_shipped: list[CodebookSpec]) -> None:
    ids = [spec.id for spec in all_shipped]
    aliases = [spec.alias for spec in all_shipped if spec.alias]
    assert len(ids) == len(set(ids))
    assert len(aliases) == len(set(aliases)), sorted(aliases)
    assert not set(aliases) & set(ids)


def test_cross_references_resolve(all_shipped: list[CodebookSpec]) -> None:
    """Dimensions name scale codes; qualified ids in texts name codes that exist."""
    known = {f"{spec.id}.{code.id}": code for spec in all_shipped for code, _p, _d in spec.walk()}
    book_ids = {spec.id for spec in all_shipped}
    broken: list[str] = []
    for spec in all_shipped:
        for code, _parent, _depth in spec.walk():
            if code.dimension is not None:
                target = known.get(code.dimension)
                if target is None or target.scale is None:
                    broken.append(
                        f"{spec.id}.{code.id}: dimension {code.dimension} is not a scale code"
                    )
            for text in (code.definition, code.inclusion, code.exclusion, code.memo):
                for match in QUALIFIED_REFERENCE.finditer(text):
                    if match.group(1) in book_ids and match.group(0) not in known:
                        broken.append(f"{spec.id}.{code.id}: mentions unknown {match.group(0)}")
    assert broken == []
