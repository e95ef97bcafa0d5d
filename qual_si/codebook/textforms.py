"""Plain-text forms of code fields, for formats that only have one free-text slot per code.

REFI-QDA gives a code a single ``<Description>``; a spreadsheet cell holds one string. These
helpers write the extra fields as clearly labelled sections a person can read in NVivo or
ATLAS.ti, and parse them back so that qual-si's own round trip loses nothing::

    <definition>

    Inclusion: <text>
    Exclusion: <text>
    Examples:
    - <example>
    Keywords: <kw>; <kw>
    Scale: 1 to 5; 1 = weak; 5 = strong
    Dimension: <codebook>.<code>
    Colour: <#rrggbb>      (only when set explicitly to the colour it would inherit anyway)
    Memo: <text>
    Code id: <id>

Continuation lines of a multi-line value are indented by two spaces. A description whose tail
does not follow this shape exactly is treated as a plain definition (foreign files).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from qual_si.codebook.spec import CodeSpec, Scale

_LABELS = (
    "Inclusion",
    "Exclusion",
    "Examples",
    "Keywords",
    "Scale",
    "Dimension",
    "Colour",
    "Memo",
    "Code id",
)
_SECTION = re.compile(r"^(" + "|".join(_LABELS) + r"):(?: (.*)|)$")
_INDENT = "  "


@dataclass
class DescribedFields:
    """What :func:`parse_description` recovered from one description."""

    definition: str = ""
    inclusion: str = ""
    exclusion: str = ""
    examples: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    scale: Scale | None = None
    dimension: str | None = None
    #: An explicit colour equal to the inherited one (the XML colour cannot tell them apart).
    colour: str | None = None
    memo: str = ""
    code_id: str | None = None
    #: True when labelled sections were found (the text came from qual-si or follows its shape).
    structured: bool = False


def format_scale(scale: Scale) -> str:
    """``1 to 5; 1 = weak; 5 = strong`` (JSON when a label would break that shape)."""
    if any(";" in label or "\n" in label for _point, label in scale.labels):
        return json.dumps(scale.as_dict(), ensure_ascii=False)
    parts = [f"{scale.minimum} to {scale.maximum}"]
    parts += [f"{point} = {label}" for point, label in scale.labels]
    return "; ".join(parts)


def parse_scale(text: str) -> Scale | None:
    """Inverse of :func:`format_scale`; ``None`` when the text is not a scale."""
    text = text.strip()
    if text.startswith("{"):
        try:
            data = json.loads(text)
            given = {int(k): str(v) for k, v in dict(data.get("labels") or {}).items()}
            return Scale.from_mapping(int(data["min"]), int(data["max"]), given)
        except (ValueError, KeyError, TypeError, AttributeError):
            return None
    head, *rest = [part.strip() for part in text.split(";")]
    bounds = re.fullmatch(r"(-?\d+)\s*(?:to|-|–|\.\.)\s*(-?\d+)", head)
    if not bounds:
        return None
    labels: dict[int, str] = {}
    for part in rest:
        point, sep, label = part.partition("=")
        if not sep or not re.fullmatch(r"\s*-?\d+\s*", point):
            return None
        labels[int(point)] = label.strip()
    return Scale.from_mapping(int(bounds.group(1)), int(bounds.group(2)), labels)


def _indented(value: str) -> str:
    return value.replace("\n", "\n" + _INDENT)


def format_description(
    code: CodeSpec,
    *,
    extended: bool = True,
    inherited_colour: str | None = None,
) -> str:
    """The definition, followed (when ``extended``) by the labelled sections that are not empty
    and the ``Code id`` (always: it is what lets a re-import match the code to its id).

    ``inherited_colour`` is the colour the code would get from its parent: a ``Colour`` section
    is written only when the code sets that same colour explicitly, which is otherwise lost.
    """
    if not extended:
        return code.definition
    sections: list[str] = []
    for label, value in (("Inclusion", code.inclusion), ("Exclusion", code.exclusion)):
        if value:
            sections.append(f"{label}: {_indented(value)}")
    if code.examples:
        sections.append("Examples:")
        sections += [f"- {_indented(example)}" for example in code.examples]
    if code.keywords:
        if any(";" in k or "\n" in k for k in code.keywords):
            sections.append("Keywords:")
            sections += [f"- {_indented(keyword)}" for keyword in code.keywords]
        else:
            sections.append("Keywords: " + "; ".join(code.keywords))
    if code.scale is not None:
        sections.append(f"Scale: {format_scale(code.scale)}")
    if code.dimension:
        sections.append(f"Dimension: {code.dimension}")
    if code.colour and inherited_colour and code.colour.lower() == inherited_colour.lower():
        sections.append(f"Colour: {code.colour}")
    if code.memo:
        sections.append(f"Memo: {_indented(code.memo)}")
    sections.append(f"Code id: {code.id}")
    tail = "\n".join(sections)
    return f"{code.definition}\n\n{tail}" if code.definition else tail


def _tail_start(lines: list[str]) -> int | None:
    """Index of the first section line of a well-formed tail, else ``None``."""
    for index, line in enumerate(lines):
        if _SECTION.match(line) and (index == 0 or lines[index - 1] == ""):
            return index
    return None


def parse_description(text: str) -> DescribedFields:
    """Split a description into the fields :func:`format_description` wrote."""
    lines = text.split("\n")
    start = _tail_start(lines)
    if start is None:
        return DescribedFields(definition=text.strip())
    parsed = _parse_tail(lines[start:])
    if parsed is None:
        return DescribedFields(definition=text.strip())
    parsed.definition = "\n".join(lines[: max(start - 1, 0)]).strip()
    return parsed


def _parse_tail(lines: list[str]) -> DescribedFields | None:
    values: dict[str, str] = {}
    lists: dict[str, list[str]] = {}
    current: str | None = None  # label whose value the next continuation line extends
    for line in lines:
        match = _SECTION.match(line)
        if match:
            label, value = match.group(1), match.group(2)
            if label in values or label in lists:
                return None
            if value is None:
                if label not in ("Examples", "Keywords"):
                    return None
                lists[label] = []
            else:
                values[label] = value
            current = label
        elif line.startswith("- ") and current in lists:
            lists[current].append(line[2:])
        elif line.startswith(_INDENT) and current is not None:
            if current in lists:
                if not lists[current]:
                    return None
                lists[current][-1] += "\n" + line[len(_INDENT) :]
            else:
                values[current] += "\n" + line[len(_INDENT) :]
        elif line.strip() == "":
            current = None
        else:
            return None
    fields = DescribedFields(structured=True)
    fields.inclusion = values.get("Inclusion", "").strip()
    fields.exclusion = values.get("Exclusion", "").strip()
    fields.examples = tuple(lists.get("Examples", ()))
    if "Keywords" in lists:
        fields.keywords = tuple(lists["Keywords"])
    elif "Keywords" in values:
        fields.keywords = tuple(k.strip() for k in values["Keywords"].split(";") if k.strip())
    if "Scale" in values:
        fields.scale = parse_scale(values["Scale"])
        if fields.scale is None:
            return None
    fields.dimension = values.get("Dimension", "").strip() or None
    fields.colour = values.get("Colour", "").strip() or None
    fields.memo = values.get("Memo", "").strip()
    fields.code_id = values.get("Code id", "").strip() or None
    return fields
