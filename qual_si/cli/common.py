"""Shared pieces of the command line: global options, consoles, opening the project."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.console import Console

if TYPE_CHECKING:
    from ..project import Project

console = Console(highlight=False)
err = Console(stderr=True, highlight=False)
#: The project used when neither ``--project`` nor ``QUAL_SI_PROJECT`` names one.
DEFAULT_PROJECT_FILE = "study.qsi"


@dataclass
class Options:
    """Set by the root callback from ``--project`` / ``--coder`` (or their environment variables)."""

    project: str | None = None
    coder: str | None = None


options = Options()


def project_location(explicit: str | Path | None = None) -> str:
    """``--project``, else ``QUAL_SI_PROJECT``, else ``study.qsi`` in the current folder."""
    chosen = explicit or options.project or os.environ.get("QUAL_SI_PROJECT") or DEFAULT_PROJECT_FILE
    return str(chosen)


def open_project(explicit: str | Path | None = None) -> Project:
    from ..project import Project

    return Project.open(project_location(explicit), coder=options.coder)


def fail(message: str, code: int = 1) -> typer.Exit:
    """Print one error line and return the Exit to raise."""
    err.print(f"[red]error:[/red] {message}", soft_wrap=True)
    return typer.Exit(code)


def parse_pairs(items: list[str] | None, what: str) -> dict[str, str]:
    """``["A=b", "C=d,E=f"]`` -> ``{"A": "b", "C": "d", "E": "f"}``."""
    pairs: dict[str, str] = {}
    for item in items or []:
        for part in item.split(","):
            if not part.strip():
                continue
            if "=" not in part:
                raise fail(f"{what} {part!r} must look like NAME=VALUE", 2)
            key, value = part.split("=", 1)
            pairs[key.strip()] = value.strip()
    return pairs


def parse_numbers(text: str | None) -> list[float] | None:
    """``"3,7,15"`` -> ``[3.0, 7.0, 15.0]`` (cut-points); None when not given."""
    if not text:
        return None
    try:
        return [float(x) for x in text.split(",") if x.strip()]
    except ValueError:
        raise fail(f"cut-points must be numbers: {text!r}", 2) from None


def parse_list(text: str | None) -> list[str] | None:
    """``"small, large"`` -> ``["small", "large"]`` (labels); None when not given."""
    return [x.strip() for x in text.split(",")] if text else None
