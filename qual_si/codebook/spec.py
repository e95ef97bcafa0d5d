"""Codebooks as plain frozen records, independent of where they came from (YAML, .qdc, CSV).

A :class:`CodebookSpec` is what every reader returns and every writer takes. It is complete or it
does not exist: readers raise :class:`~qual_si.errors.CodebookError` instead of returning half a
codebook. Fields hold exactly what the source file said (a colour left out stays ``None``); the
helpers below answer derived questions such as the colour a code inherits.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Protocol, TypeVar

#: Code and codebook ids: lower-case snake_case, may start with a digit (``4p`` style aliases too).
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_]*$")
#: ``codebook_id.code_id``.
QUALIFIED_ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_]*\.[a-z0-9][a-z0-9_]*$")
COLOUR_PATTERN = re.compile(r"^#[0-9a-fA-F]{6}$")
FORMAT_TAG = "qual-si-codebook/1"


@dataclass(frozen=True)
class Scale:
    """A rating dimension: integer points ``minimum..maximum``, some of them labelled."""

    minimum: int
    maximum: int
    #: (point, label) pairs sorted by point; a tuple so that specs stay hashable.
    labels: tuple[tuple[int, str], ...] = ()

    @classmethod
    def from_mapping(cls, minimum: int, maximum: int, labels: Mapping[int, str]) -> Scale:
        return cls(minimum, maximum, tuple(sorted((int(k), str(v)) for k, v in labels.items())))

    def as_dict(self) -> dict[str, Any]:
        """The shape stored on :class:`qual_si.model.Code` (``{"min", "max", "labels"}``)."""
        return {"min": self.minimum, "max": self.maximum, "labels": dict(self.labels)}

    def problems(self) -> list[str]:
        """Why this scale is unusable (empty when it is fine)."""
        found: list[str] = []
        if self.minimum >= self.maximum:
            found.append(f"scale min ({self.minimum}) must be less than max ({self.maximum})")
        for point, label in self.labels:
            if not self.minimum <= point <= self.maximum:
                found.append(
                    f"scale label {point} ({label!r}) is outside {self.minimum}..{self.maximum}"
                )
        return found


class _TreeNode(Protocol):
    """Anything shaped like a code tree: finished :class:`CodeSpec` or a reader's draft."""

    @property
    def id(self) -> str: ...

    @property
    def children(self) -> Sequence[Any]: ...


_NodeT = TypeVar("_NodeT", bound=_TreeNode)


def walk_codes(roots: Sequence[_NodeT]) -> Iterator[tuple[_NodeT, str | None, int]]:
    """Every node under ``roots`` in pre-order as ``(node, parent id or None, depth from 0)``."""
    stack: list[tuple[_NodeT, str | None, int]] = [(c, None, 0) for c in reversed(roots)]
    while stack:
        code, parent_id, depth = stack.pop()
        yield code, parent_id, depth
        stack.extend((child, code.id, depth + 1) for child in reversed(code.children))


@dataclass(frozen=True)
class CodeSpec:
    id: str
    name: str
    definition: str = ""
    inclusion: str = ""
    exclusion: str = ""
    examples: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    #: ``#rrggbb`` as written; ``None`` means "inherit from the parent".
    colour: str | None = None
    #: The CHILDREN of this code are mutually exclusive.
    exclusive: bool = False
    scale: Scale | None = None
    #: For a typology portrait: qualified id of the scale code that defines it.
    dimension: str | None = None
    #: Free provenance note (source locator, original REFI guid...).
    memo: str = ""
    children: tuple[CodeSpec, ...] = ()

    @property
    def is_leaf(self) -> bool:
        return not self.children


@dataclass(frozen=True)
class CodebookSpec:
    id: str
    title: str
    source: str = ""
    version: str = ""
    description: str = ""
    alias: str | None = None
    #: The TOP-LEVEL codes are mutually exclusive.
    exclusive: bool = False
    codes: tuple[CodeSpec, ...] = ()
    #: Where it was read from; not part of the codebook's identity.
    path: Path | None = field(default=None, compare=False)

    def walk(self) -> Iterator[tuple[CodeSpec, str | None, int]]:
        """Every code in pre-order as ``(code, parent code id or None, depth from 0)``."""
        return walk_codes(self.codes)

    def qualified(self, code_id: str) -> str:
        """``<codebook id>.<code id>``; the code must exist."""
        self.find(code_id)
        return f"{self.id}.{code_id}"

    def find(self, code_id: str) -> CodeSpec:
        """The code with this id (unqualified, or qualified with this codebook's id)."""
        prefix = f"{self.id}."
        wanted = code_id[len(prefix) :] if code_id.startswith(prefix) else code_id
        for code, _parent, _depth in self.walk():
            if code.id == wanted:
                return code
        # A KeyError rather than NotFound: callers look codes up in loops and test membership.
        raise KeyError(f"no code {code_id!r} in codebook {self.id!r}")

    def __contains__(self, code_id: object) -> bool:
        if not isinstance(code_id, str):
            return False
        try:
            self.find(code_id)
        except KeyError:
            return False
        return True

    def leaves(self) -> list[CodeSpec]:
        return [code for code, _parent, _depth in self.walk() if code.is_leaf]

    def parent_of(self, code_id: str) -> str | None:
        for code, parent_id, _depth in self.walk():
            if code.id == code_id:
                return parent_id
        raise KeyError(f"no code {code_id!r} in codebook {self.id!r}")

    def effective_colours(self) -> dict[str, str | None]:
        """Colour of every code after inheritance from its ancestors (``None`` if none has one)."""
        resolved: dict[str, str | None] = {}
        for code, parent_id, _depth in self.walk():
            inherited = resolved[parent_id] if parent_id is not None else None
            resolved[code.id] = code.colour or inherited
        return resolved

    def code_count(self) -> int:
        return sum(1 for _ in self.walk())

    def with_path(self, path: Path | None) -> CodebookSpec:
        return replace(self, path=path)


def snake_id(text: str) -> str:
    """A best-effort snake_case id from a display name (may be empty for non-Latin names)."""
    import unicodedata

    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "_", ascii_text.lower()).strip("_")


class IdAllocator:
    """Hands out unique snake_case ids, suffixing ``_2``, ``_3``... on collisions."""

    def __init__(self, taken: set[str] | None = None):
        self._taken: set[str] = set(taken or ())

    def allocate(self, wanted: str, fallback: str = "code") -> str:
        base = snake_id(wanted) or snake_id(fallback) or "code"
        candidate, counter = base, 2
        while candidate in self._taken:
            candidate = f"{base}_{counter}"
            counter += 1
        self._taken.add(candidate)
        return candidate
