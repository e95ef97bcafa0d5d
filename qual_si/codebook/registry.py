"""The framework codebooks shipped with qual-si, and finding a codebook by id, alias or path."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, ScalarNode

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
    # Stat stamps in the key: a codebook added or edited (tests, a developer) is seen at once.
    stamps = tuple((path, path.stat().st_mtime_ns, path.stat().st_size) for path in files)
    aliases = _aliases(stamps)
    if wanted in aliases:
        return aliases[wanted]
    known = ", ".join(p.stem for p in files) or "none"
    raise NotFound(f"no codebook file or shipped codebook {wanted!r} (shipped: {known})")


@lru_cache(maxsize=4)
def _aliases(stamps: tuple[tuple[Path, int, int], ...]) -> dict[str, Path]:
    """Alias -> file, reading only the ``alias:`` key (the chosen file is validated on load).

    Resolving by alias used to load and validate every shipped codebook; this reads each file
    once per process with the C parser when PyYAML has it. An unreadable file is skipped here
    and reported when it is loaded by its own id.
    """
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    found: dict[str, Path] = {}
    for path, _mtime, _size in stamps:
        try:
            root = yaml.compose(path.read_text(encoding="utf-8-sig"), Loader=loader)
        except (OSError, UnicodeDecodeError, yaml.YAMLError):
            continue
        if not isinstance(root, MappingNode):
            continue
        for key, value in root.value:
            # The node's text, as the full reader takes it (``alias: yes`` stays "yes").
            if key.value == "alias" and isinstance(value, ScalarNode) and value.value.strip():
                found.setdefault(value.value.strip(), path)
    return found
