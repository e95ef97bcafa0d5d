"""Build the demo project from the fictional trust-leaders corpus shipped in ``corpora/``."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import ProjectError
from .project import Project

DEMO_FILE = "qual-si-demo.qsi"
#: The answer-key passages of these documents are pre-coded, so the demo opens half-coded:
#: matrices and retrieval have content, and the other half is left for the user (and for
#: suggestions that learn from the coded half).
PRECODED = ("T01-ceo", "T02-ceo", "T03-regional-director", "T04-director-si", "T05-executive-head",
            "T06-director-education", "T08-deputy-ceo")
DEMO_CODER = "demo analyst"


def corpus_dir() -> Path:
    """``corpora/trust-leaders`` from a checkout, or the copy inside an installed wheel."""
    here = Path(__file__).resolve().parent
    for candidate in (here.parent / "corpora" / "trust-leaders", here / "_data" / "corpora" / "trust-leaders"):
        if (candidate / "transcripts").is_dir():
            return candidate
    raise ProjectError("the demo corpus (corpora/trust-leaders) is not installed with this copy of qual-si")


def answer_key(corpus: Path | None = None) -> list[dict[str, Any]]:
    """The passages written to illustrate framework codes: document, start, end, codes, text."""
    path = (corpus or corpus_dir()) / "answer_key.jsonl"
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


@dataclass(frozen=True)
class DemoStep:
    done: int
    total: int
    what: str


def build_demo(
    location: str | Path,
    *,
    precode: bool = True,
    progress: Callable[[DemoStep], None] | None = None,
) -> Project:
    """Create the demo project at ``location``: codebooks, transcripts, cases, bands, some coding."""
    from .codebook.registry import list_shipped

    corpus = corpus_dir()
    codebooks = [spec for spec in list_shipped() if spec.codes]
    total = len(codebooks) + 3 + (1 if precode else 0)
    done = 0

    def step(what: str) -> None:
        nonlocal done
        done += 1
        if progress:
            progress(DemoStep(done, total, what))

    project = Project.create(location, name="Trust leaders (demo)", coder=DEMO_CODER)
    try:
        for spec in codebooks:
            project.load_codebook(spec)
            step(f"codebook {spec.id}")
        report = project.import_documents([corpus / "transcripts"], kind="interview")
        if not report.ok:
            raise ProjectError("; ".join(f.error or f.path for f in report.failed))
        step(f"{len(report.imported)} transcripts")
        project.import_cases(corpus / "cases.csv", link_pattern=r"^(?P<case>T\d+)-", hidden=["performance_band"])
        step("cases")
        project.define_band("schools", [3, 7, 15], labels=["3-6", "7-14", "15+"], name="size band")
        step("size bands")
        if precode:
            project.add_codings(
                [(p["document"], p["start"], p["end"], code) for p in answer_key(corpus)
                 if p["document"] in PRECODED for code in p["codes"]],
                origin="import",
            )
            step("example coding")
    except BaseException:
        project.close()
        raise
    return project
