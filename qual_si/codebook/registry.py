"""The framework codebooks shipped with qual-si, and finding a codebook by id, alias or path."""

from __future__ import annotations

from pathlib import Path

from qual_si.codebook.spec import CodebookSpec
from qual_si.codebook.yaml_read import load_codebook
from qual_si.errors import NotFound

CROSSWALK_FILE = "crosswalk.yaml"
_PACKAGE_DIR = Path(__file__).resolve().parents[1]


def codebooks_dir() -> Path:
    """``codebooks/`` of the source checkout when running from one, else the wheel's copy."""
    checkout = _PACKAGE_DIR.parent
    if (checkout / "pyproject.toml").is_file() and (checkout / "codebooks").is_dir():
        return checkout / "codebooks"
    return _PACKAGE_DIR / "_data" / "codebooks"


def shipped_files() -> list[Path]:
    """Codebook YAML files shipped (the crosswalk excluded), sorted by name."""
    folder = codebooks_dir()
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.glob("*.yaml") if p.name != CROSSWALK_FILE)


def list_shipped() -> list[CodebookSpec]:
    """Every shipped codebook, loaded and validated (a broken one raises ``CodebookError``)."""
    return [load_codebook(path) for path in shipped_files()]


def resolve(id_or_path: str | Path) -> Path:
    """An existing file path as is; otherwise a shipped codebook by id or alias."""
    candidate = Path(id_or_path)
    if candidate.is_file():
        return candidate
    wanted = str(id_or_path)
    files = shipped_files()
    for path in files:
        if path.stem == wanted:
            return path
    for spec in list_shipped():
        if spec.alias == wanted and spec.path is not None:
            return spec.path
    known = ", ".join(p.stem for p in files) or "none"
    raise NotFound(f"no codebook file or shipped codebook {wanted!r} (shipped: {known})")
