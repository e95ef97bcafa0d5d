"""Build the demo project from the fictional trust-leaders corpus shipped in ``corpora/``."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import ProjectError

if TYPE_CHECKING:
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
    # Imported here, not at module level: ``qual-si`` reads DEMO_FILE at start-up, and the
    # facade (SQLAlchemy, the store) should load only when a command needs a project.
    from .codebook.registry import list_shipped
    from .project import Project

    corpus = corpus_dir()
    # The core framework first: it is what the demo's coding and matrices are about.
    codebooks = sorted((spec for spec in list_shipped() if spec.codes), key=lambda spec: spec.id != "d003_strategic_areas")
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
        add_demo_ratings(project)
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


# -- case-level ratings (analysis) --------------------------------------------------------------
# Fictional judgements an evaluator might make after reading the demo interviews: the four Ps
# (1 weak - 5 strong) and the CUREE local/central balance (1 localised - 5 centralised; evaluation
# 1 informal - 5 formal). They give radar charts, the typology and the vignettes something to show.
# T02 is deliberately tied on two Ps, so the typology shows how a tie is reported.

DEMO_FOUR_PS: dict[str, tuple[int, int, int, int, str]] = {
    # case: (purpose, performance, participation, process, rationale)
    "T01": (5, 3, 4, 2, "Values co-written with every adult in the founding schools; the improvement model "
                        "is still mostly unwritten."),
    "T02": (3, 4, 2, 4, "Fast growth held together by rolled-out systems and tight performance tracking; "
                        "heads say they are told rather than asked."),
    "T03": (3, 3, 3, 5, "Regional hubs run a clearly documented review cycle; autonomy is earned through "
                        "results."),
    "T04": (5, 3, 4, 3, "A church ethos runs through plans and meetings; practice is shared school to school."),
    "T05": (3, 4, 3, 2, "Three strong schools that keep their own ways; the executive head watches outcomes "
                        "closely but writes little down."),
    "T06": (3, 4, 2, 3, "Central team drives standards hard; consultation with heads is patchy."),
    "T07": (4, 3, 5, 2, "Curriculum and policies co-designed with staff in working groups; slow but owned."),
    "T08": (3, 4, 2, 5, "One trust-wide way of teaching, assessing and reporting, written down and "
                        "enforced from the centre."),
}
DEMO_LOCAL_CENTRAL: dict[str, tuple[int, int, int, int, int]] = {
    # case: (governance, model_of_delegation, setting_si_priorities, operational_functions, evaluation)
    "T01": (2, 3, 3, 3, 2),
    "T02": (4, 4, 4, 5, 4),
    "T03": (3, 3, 3, 4, 4),
    "T04": (2, 2, 2, 3, 3),
    "T05": (1, 1, 1, 2, 2),
    "T06": (4, 4, 4, 4, 4),
    "T07": (2, 2, 2, 3, 2),
    "T08": (5, 5, 5, 5, 5),
}


def add_demo_ratings(project: Project) -> int:
    """Rate the 8 demo cases on the four Ps and the local/central balance, as one undoable action."""
    four_ps = ("purpose", "performance", "participation", "process")
    balance = ("governance", "model_of_delegation", "setting_si_priorities", "operational_functions", "evaluation")
    items: list[dict[str, Any]] = []
    for case, (*scores, rationale) in DEMO_FOUR_PS.items():
        items += [{"case": case, "dimension": f"d003_four_ps.{p}", "value": v, "rationale": rationale}
                  for p, v in zip(four_ps, scores, strict=True)]
    for case, values in DEMO_LOCAL_CENTRAL.items():
        items += [{"case": case, "dimension": f"d001_local_central_balance.{d}", "value": v}
                  for d, v in zip(balance, values, strict=True)]
    return project.rate_many(items, source="demo ratings")
