"""Write a codebook spec in any supported format, refusing to overwrite without ``force``."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from ..errors import InvalidOperation
from ..export.files import atomic_output
from .spec import CodebookSpec

FORMATS = ("yaml", "qdc", "csv", "docx")


def write_codebook(
    spec: CodebookSpec,
    path: str | Path,
    *,
    fmt: str | None = None,
    force: bool = False,
    counts: Mapping[str, tuple[int, int]] | None = None,
) -> Path:
    """Write ``spec`` to ``path`` as yaml, qdc, csv or docx (from ``fmt`` or the file suffix)."""
    target = Path(path)
    chosen = (fmt or target.suffix.lstrip(".")).lower()
    chosen = "yaml" if chosen == "yml" else chosen
    if chosen not in FORMATS:
        raise InvalidOperation(f"unknown export format {chosen!r}; use one of {', '.join(FORMATS)}")
    if chosen == "docx":
        from .docx_export import export_codebook_docx

        return export_codebook_docx(spec, target, counts=counts, force=force)
    if chosen == "yaml":
        from .yaml_io import dump_codebook

        data = dump_codebook(spec).encode("utf-8")
    elif chosen == "qdc":
        from .qdc import export_qdc

        data = export_qdc(spec)
    else:
        from .csv_io import export_csv

        data = export_csv(spec).encode("utf-8")
    with atomic_output(target, force=force) as scratch:
        scratch.write_bytes(data)
    return target
