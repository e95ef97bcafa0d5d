"""Writing output files safely: never overwrite without ``force``, and never leave half a file.

Every export writes to a temporary file in the target's folder and renames it into place, so a
crash or a full disk leaves either the old file or the new one, never a truncated mix.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..errors import InvalidOperation, OutputExists


def check_target(path: str | Path, *, force: bool = False, suffixes: tuple[str, ...] = ()) -> Path:
    """The output path, refused if it exists (without ``force``) or has the wrong extension."""
    target = Path(path)
    if suffixes and target.suffix.lower() not in suffixes:
        raise InvalidOperation(f"{target}: write {' or '.join(suffixes)} (got {target.suffix or 'no extension'!r})")
    if target.exists() and not force:
        raise OutputExists(f"{target} exists; use --force (force=True) to overwrite it")
    if target.is_dir():
        raise OutputExists(f"{target} is a folder")
    target.parent.mkdir(parents=True, exist_ok=True)
    return target


@contextmanager
def atomic_output(path: str | Path, *, force: bool = False, suffixes: tuple[str, ...] = ()) -> Iterator[Path]:
    """Yield a temporary path to write; on success it replaces ``path`` in one rename."""
    target = check_target(path, force=force, suffixes=suffixes)
    handle, temporary = tempfile.mkstemp(prefix=f".{target.stem}-", suffix=target.suffix, dir=target.parent)
    os.close(handle)
    scratch = Path(temporary)
    try:
        yield scratch
        if not force and target.exists():  # created by someone else while we wrote
            raise OutputExists(f"{target} exists; use --force (force=True) to overwrite it")
        os.chmod(scratch, _file_mode(target))  # mkstemp makes 0600; give the usual permissions
        os.replace(scratch, target)
    finally:
        scratch.unlink(missing_ok=True)


def _file_mode(target: Path) -> int:
    if target.exists():
        return target.stat().st_mode & 0o777
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def slug(text: str, *, limit: int = 60) -> str:
    """A file-name-safe version of a label: ``"T03 / Castlemere"`` -> ``"T03-Castlemere"``."""
    cleaned = "".join(ch if ch.isalnum() or ch in "-_." else "-" for ch in text.strip())
    while "--" in cleaned:
        cleaned = cleaned.replace("--", "-")
    return cleaned.strip("-.")[:limit] or "item"
