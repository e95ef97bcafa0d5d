"""Where shipped codebooks live and how a codebook is found by id, alias or path."""

from __future__ import annotations

from pathlib import Path

import pytest

from qual_si.codebook import registry
from qual_si.errors import NotFound

REPO = Path(__file__).resolve().parents[1]
DATA = Path(__file__).parent / "data" / "codebook"


def test_checkout_uses_the_repository_folder() -> None:
    assert registry.codebooks_dir() == REPO / "codebooks"


def test_shipped_files_exclude_the_crosswalk() -> None:
    assert all(path.name != "crosswalk.yaml" for path in registry.shipped_files())


def test_resolve_a_path_an_id_and_an_alias(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(registry, "codebooks_dir", lambda: DATA)
    assert registry.resolve(DATA / "flat_parents.yaml") == DATA / "flat_parents.yaml"
    assert registry.resolve("sample_feedback") == DATA / "sample_feedback.yaml"
    assert registry.resolve("fb") == DATA / "sample_feedback.yaml"
    with pytest.raises(NotFound, match="sample_feedback"):
        registry.resolve("no_such_book")


def test_list_shipped_loads_every_file(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(registry, "codebooks_dir", lambda: DATA)
    assert [spec.id for spec in registry.list_shipped()] == ["flat_parents", "sample_feedback"]


def test_installed_layout_falls_back_to_package_data(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    package = tmp_path / "site-packages" / "qual_si"
    package.mkdir(parents=True)
    monkeypatch.setattr(registry, "_PACKAGE_DIR", package)
    assert registry.codebooks_dir() == package / "_data" / "codebooks"
