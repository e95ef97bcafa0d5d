"""The qual-si codebook YAML format: load (see :mod:`yaml_read`), dump and save.

``dump_codebook`` writes keys in the order of the format document, block style, long texts as
folded scalars, colours double-quoted and scales in flow style, with a blank line between
top-level codes, so a dumped file reads like a hand-written one and diffs cleanly.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from qual_si.codebook.spec import FORMAT_TAG, CodebookSpec, CodeSpec, Scale
from qual_si.codebook.yaml_read import (
    FileReport,
    inspect_codebook,
    load_codebook,
    validate_codebook_file,
)
from qual_si.export.files import atomic_output

__all__ = [
    "FileReport",
    "dump_codebook",
    "inspect_codebook",
    "load_codebook",
    "save_codebook",
    "validate_codebook_file",
]

#: Texts longer than this are written as folded (``>-``) block scalars.
_FOLD_AFTER = 90


class _Quoted(str):
    """A string always written in double quotes (colours: an unquoted ``#`` is a comment)."""


class _Flow(dict[Any, Any]):
    """A mapping written on one line (``{min: 1, max: 5, ...}``)."""


class _Dumper(yaml.SafeDumper):
    """Indents list items under their key, as people write YAML by hand."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style: str | None = None
    if "\n" in value:
        style = "|"
    elif len(value) > _FOLD_AFTER:
        style = ">"
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _represent_quoted(dumper: yaml.SafeDumper, value: _Quoted) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:str", str(value), style='"')


def _represent_flow(dumper: yaml.SafeDumper, value: _Flow) -> yaml.MappingNode:
    return dumper.represent_mapping("tag:yaml.org,2002:map", value.items(), flow_style=True)


def _represent_dict(dumper: yaml.SafeDumper, value: dict[str, Any]) -> yaml.MappingNode:
    # Keep insertion order: it IS the documented key order.
    return dumper.represent_mapping("tag:yaml.org,2002:map", value.items())


_Dumper.add_representer(str, _represent_str)
_Dumper.add_representer(_Quoted, _represent_quoted)
_Dumper.add_representer(_Flow, _represent_flow)
_Dumper.add_representer(dict, _represent_dict)


def _scale_mapping(scale: Scale) -> _Flow:
    flow = _Flow(min=scale.minimum, max=scale.maximum)
    if scale.labels:
        flow["labels"] = _Flow({point: label for point, label in scale.labels})
    return flow


def _code_mapping(code: CodeSpec) -> dict[str, Any]:
    data: dict[str, Any] = {"id": code.id, "name": code.name}
    if code.colour is not None:
        data["colour"] = _Quoted(code.colour)
    # Always written, even empty: the empty slot shows where a definition is still owed.
    data["definition"] = code.definition
    for key in ("inclusion", "exclusion"):
        if getattr(code, key):
            data[key] = getattr(code, key)
    for key in ("examples", "keywords"):
        if getattr(code, key):
            data[key] = list(getattr(code, key))
    if code.exclusive:
        data["exclusive"] = True
    if code.scale is not None:
        data["scale"] = _scale_mapping(code.scale)
    if code.dimension is not None:
        data["dimension"] = code.dimension
    if code.memo:
        data["memo"] = code.memo
    if code.children:
        data["codes"] = [_code_mapping(child) for child in code.children]
    return data


def codebook_mapping(spec: CodebookSpec) -> dict[str, Any]:
    """The codebook as plain data in the documented key order (what ``dump_codebook`` writes)."""
    data: dict[str, Any] = {"format": FORMAT_TAG, "id": spec.id, "title": spec.title}
    if spec.alias is not None:
        data["alias"] = spec.alias
    data["source"] = spec.source
    data["version"] = _Quoted(spec.version)
    data["description"] = spec.description
    data["exclusive"] = spec.exclusive
    data["codes"] = [_code_mapping(code) for code in spec.codes]
    return data


def _spaced(text: str) -> str:
    """A blank line before each top-level code and before ``codes:``, for readability."""
    lines = text.splitlines()
    out: list[str] = []
    for line in lines:
        spaced_item = line.startswith("  - id: ") and out[-1:] != ["codes:"]
        if (spaced_item or line.startswith("codes:")) and out and out[-1] != "":
            out.append("")
        out.append(line)
    return "\n".join(out) + "\n"


def dump_codebook(spec: CodebookSpec) -> str:
    """The codebook as ``qual-si-codebook/1`` YAML text."""
    data = codebook_mapping(spec)
    plain = yaml.dump(
        data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100, indent=2
    )
    spaced = _spaced(plain)
    # The blank lines are cosmetic; if one ever landed inside a folded text (a wrapped line that
    # happens to begin with "- id: "), keep the plain dump rather than change the text.
    if yaml.safe_load(spaced) != yaml.safe_load(plain):
        return plain
    return spaced


def save_codebook(spec: CodebookSpec, path: str | Path) -> Path:
    """Write the codebook atomically (a crash never leaves half a file) and return the path.

    Overwrites an existing file: saving is how an edited codebook replaces its earlier self.
    """
    target = Path(path)
    text = dump_codebook(spec)
    with atomic_output(target, force=True) as scratch:
        scratch.write_text(text, encoding="utf-8", newline="\n")
    return target
