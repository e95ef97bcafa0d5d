"""The validation rules a codebook must pass, shared by the YAML reader and in-memory checks.

Each rule returns the reason a value is wrong (or ``None``), so the YAML reader can attach a
line number and :func:`check_spec` can attach a code id to the same sentence.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from qual_si.codebook.spec import (
    COLOUR_PATTERN,
    ID_PATTERN,
    QUALIFIED_ID_PATTERN,
    CodebookSpec,
)

#: (location, reason); location is a line number as text for files, a code id for specs.
Problem = tuple[str | None, str]


def id_problem(value: str, what: str = "id") -> str | None:
    if not value:
        return f"missing {what}"
    if not ID_PATTERN.match(value):
        return f"{what} {value!r} is not snake_case (lower-case letters, digits and _, e.g. sa1_1)"
    return None


def colour_problem(value: str) -> str | None:
    if not COLOUR_PATTERN.match(value):
        return f'colour {value!r} is not #RRGGBB (e.g. "#1b9e77")'
    return None


def dimension_problem(value: str) -> str | None:
    if not QUALIFIED_ID_PATTERN.match(value):
        return f"dimension {value!r} is not a qualified id (codebook_id.code_id)"
    return None


@dataclass
class ValidationReport:
    """Everything wrong with one codebook: errors block loading, warnings do not."""

    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def check_spec(spec: CodebookSpec, *, require_definitions: bool = True) -> ValidationReport:
    """Check a codebook built in memory (imported, edited) against the rules of the YAML format.

    Locations are code ids. ``require_definitions=False`` suits freshly imported foreign
    codebooks, which rarely define every code.
    """
    report = ValidationReport()
    if problem := id_problem(spec.id, "codebook id"):
        report.errors.append((None, problem))
    if not spec.title.strip():
        report.errors.append((None, "missing title"))
    if spec.alias is not None and (problem := id_problem(spec.alias, "alias")):
        report.errors.append((None, problem))
    seen: set[str] = set()
    for code, _parent, _depth in spec.walk():
        where = code.id or None
        if problem := id_problem(code.id, "code id"):
            report.errors.append((where, problem))
        elif code.id in seen:
            report.errors.append((where, f"duplicate code id {code.id!r}"))
        seen.add(code.id)
        if not code.name.strip():
            report.errors.append((where, "missing name"))
        if not code.definition.strip():
            target = report.errors if require_definitions else report.warnings
            target.append((where, "missing definition"))
        if code.colour is not None and (problem := colour_problem(code.colour)):
            report.errors.append((where, problem))
        if code.scale is not None:
            report.errors.extend((where, p) for p in code.scale.problems())
        if code.dimension is not None and (problem := dimension_problem(code.dimension)):
            report.errors.append((where, problem))
        if code.is_leaf and not code.keywords:
            report.warnings.append((where, "leaf code has no keywords"))
    return report
