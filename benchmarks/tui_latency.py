"""Workbench latency on a large project, in Textual's headless test harness (Pilot).

Run: ``/work/venv/bin/python benchmarks/tui_latency.py [--documents 200] [--codings 50000] [--keep DIR]``.

Generates a project of ``--documents`` interviews (about 1.5 million words; the first one has
15,000 words) with ``--codings`` codings, one code holding 2,000 of them, then measures:

- ``first_paint``: from opening the project and constructing the app to the end of the first paint
  of the workbench with the last document open (target < 1 s);
- ``open_large_transcript``: opening the 15,000-word transcript, to its first paint (< 300 ms);
- ``apply_code``: the favourite-code key's action on a selected sentence (commit included) to the
  end of the paint that shows it, median of 20 (< 50 ms);
- ``retrieval_2000``: the retrieval view for the 2,000-segment code, from the key's action to the
  paint of the filled list (< 500 ms);
- ``document_list``: the document list (its worker) to the paint of the filled table (no target).

Every figure runs from the start of the action to the end of the screen update showing its result
(see ``PaintProbe``): actions are called as the keys would call them, because Pilot's simulated key
presses wait on their own (``pilot_round_trip_unbound_key`` shows that cost, and
``apply_code_pilot_round_trip`` the same apply through Pilot). The same operations run in the same
process on a 2-document project as a baseline, with ratios. Prints one JSON object.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from _support import qa_transcript

from qual_si import Project

TARGETS = {"first_paint": 1.0, "open_large_transcript": 0.3, "apply_code": 0.05, "retrieval_2000": 0.5}


def build(location: Path, documents: int, codings: int, *, seed: int = 7) -> dict[str, Any]:
    """Write generated transcripts, import them, add a code tree and codings in batches."""
    rng = random.Random(seed)
    folder = location.parent / f"{location.stem}-sources"
    folder.mkdir(parents=True, exist_ok=True)
    total_words = 1_500_000 if documents >= 100 else 15_000 + 7_500 * (documents - 1)
    others = (total_words - 15_000) // max(documents - 1, 1)
    for i in range(documents):
        (folder / f"I{i:03d}.txt").write_text(qa_transcript(rng, 15_000 if i == 0 else others), encoding="utf-8")
    started = time.perf_counter()
    with Project.create(location, name="latency benchmark", coder="bench") as project:
        report = project.import_documents([folder])
        if not report.ok:
            raise SystemExit(f"import failed: {report.failed[0].error}")
        code_ids = []
        for group in range(10):
            parent = project.add_code(f"Theme {group}", definition=f"Generated theme {group}")
            code_ids += [project.add_code(f"Code {group}.{k}", parent=parent.id).id for k in range(9)]
        target = code_ids[0]
        turns: list[tuple[int, int, int]] = []
        for document in project.documents():
            turns += [(document.id, u.start, u.end) for u in project.utterances(document.id)
                      if u.role == "participant"]
        wanted = 2000 if codings >= 20_000 else codings // 10
        items: list[tuple[int, int, int, int]] = []
        for n in range(codings):
            document_id, start, end = turns[rng.randrange(len(turns))]
            a = rng.randrange(start, max(end - 40, start + 1))
            items.append((document_id, a, min(a + rng.randint(30, 400), end), target if n < wanted else
                          rng.choice(code_ids[1:])))
        for batch in range(0, len(items), 5000):
            project.add_codings(items[batch : batch + 5000], origin="import")  # type: ignore[arg-type]
        project.set_favourite(1, target)
        project.set_favourite(2, code_ids[1])
        documents_list = project.documents()
        project.mark_opened(documents_list[len(documents_list) // 2].id)
        facts = project.info()
    return {"documents": facts.documents, "words": facts.words, "codings": facts.codings,
            "codes": facts.codes, "target_code_codings": project_codings(location, target),
            "build_seconds": round(time.perf_counter() - started, 1), "target_code": target}


def project_codings(location: Path, code_id: int) -> int:
    with Project.open(location, coder="bench") as project:
        return len(project.codings(code=code_id))


class PaintProbe:
    """Records when each screen update (layout and/or repaint) finishes, so a figure runs from
    the action's start to the end of the first paint that shows its result. Driving the app by
    calling the key's action directly keeps Pilot's own key-press waits out of the figures."""

    def __init__(self) -> None:
        from textual.screen import Screen

        self.last_paint = 0.0
        original = Screen._on_timer_update
        probe = self

        def timed(screen: Any) -> None:
            original(screen)
            probe.last_paint = time.perf_counter()

        Screen._on_timer_update = timed  # type: ignore[method-assign]

    async def painted_after(self, moment: float, timeout: float = 30.0) -> float:
        deadline = time.perf_counter() + timeout
        while self.last_paint <= moment:
            if time.perf_counter() > deadline:
                raise TimeoutError("no paint")
            await asyncio.sleep(0.0005)
        return self.last_paint


async def _until(ready: Any, timeout: float = 30.0) -> float:
    deadline = time.perf_counter() + timeout
    while not ready():
        if time.perf_counter() > deadline:
            raise TimeoutError("the screen did not finish loading")
        await asyncio.sleep(0.0005)
    return time.perf_counter()


async def measure(location: Path, target_code: int, large_document: str, probe: PaintProbe) -> dict[str, float]:
    from qual_si.tui.app import QualSiApp
    from qual_si.tui.screens.documents import DocumentsScreen
    from qual_si.tui.screens.retrieval import RetrievalScreen
    from qual_si.tui.screens.workbench import Workbench

    figures: dict[str, float] = {}
    started = time.perf_counter()
    app = QualSiApp(Project.open(location, coder="bench"))
    async with app.run_test(size=(200, 60)) as pilot:
        ready = await _until(lambda: isinstance(app.screen, Workbench) and app.screen.transcript.model is not None)
        figures["first_paint"] = await probe.painted_after(ready) - started
        workbench = app.screen
        large = app.project.document(large_document).id
        await pilot.pause()

        started = time.perf_counter()
        workbench.open_document(large)
        figures["open_large_transcript"] = await probe.painted_after(time.perf_counter()) - started
        await pilot.pause()

        timings, round_trips, idle_round_trips = [], [], []
        for _ in range(20):
            await workbench.transcript.run_action("move('sentence', 1)")
            await workbench.transcript.run_action("select('sentence')")
            await pilot.pause()
            started = time.perf_counter()
            await workbench.run_action("favourite(2)")
            timings.append(await probe.painted_after(time.perf_counter()) - started)
            await pilot.pause()
        for _ in range(10):  # the same through Pilot key presses, and Pilot's cost for a key bound to nothing
            await pilot.press("s", "V")
            started = time.perf_counter()
            await pilot.press("2")
            await pilot.pause()
            round_trips.append(time.perf_counter() - started)
            started = time.perf_counter()
            await pilot.press("f12")
            await pilot.pause()
            idle_round_trips.append(time.perf_counter() - started)
        figures["apply_code"] = statistics.median(timings)
        figures["apply_code_pilot_round_trip"] = statistics.median(round_trips)
        figures["pilot_round_trip_unbound_key"] = statistics.median(idle_round_trips)

        workbench.code_tree.select_code(target_code)
        await pilot.pause()
        started = time.perf_counter()
        await workbench.run_action("retrieve")
        ready = await _until(lambda: isinstance(app.screen, RetrievalScreen) and app.screen.loaded)
        figures["retrieval_2000"] = await probe.painted_after(ready) - started
        segments = len(app.screen.segments)
        await pilot.press("escape")
        await pilot.pause()

        started = time.perf_counter()
        await app.screen.run_action("documents")
        ready = await _until(lambda: isinstance(app.screen, DocumentsScreen) and app.screen.loaded)
        figures["document_list"] = await probe.painted_after(ready) - started
        await pilot.press("escape")
    app.project.close()
    figures["retrieval_segments"] = segments
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=200)
    parser.add_argument("--codings", type=int, default=50_000)
    parser.add_argument("--keep", type=Path, help="folder to keep (and reuse) the generated projects in")
    args = parser.parse_args(argv)
    folder = args.keep or Path(tempfile.mkdtemp(prefix="qsi-tui-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    results: dict[str, Any] = {}
    probe = PaintProbe()
    for label, documents, codings in (("baseline", 2, 500), ("large", args.documents, args.codings)):
        location = folder / f"{label}.qsi"
        facts_file = folder / f"{label}.json"
        if location.exists() and facts_file.exists():
            facts = json.loads(facts_file.read_text())
        else:
            facts = build(location, documents, codings)
            facts_file.write_text(json.dumps(facts))
        figures = asyncio.run(measure(location, facts["target_code"], "I000", probe))
        results[label] = {"project": facts, "figures": figures}
    large, base = results["large"]["figures"], results["baseline"]["figures"]
    summary = {
        name: {"seconds": round(large[name], 4), "baseline_seconds": round(base[name], 4),
               "ratio": round(large[name] / base[name], 2) if base[name] else None,
               "target": TARGETS.get(name), "within_target": (large[name] < TARGETS[name]) if name in TARGETS else None}
        for name in ("first_paint", "open_large_transcript", "apply_code", "retrieval_2000", "document_list",
                     "apply_code_pilot_round_trip", "pilot_round_trip_unbound_key")
    }
    print(json.dumps({"project": results["large"]["project"], "baseline_project": results["baseline"]["project"],
                      "retrieval_segments": large["retrieval_segments"], "figures": summary}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
