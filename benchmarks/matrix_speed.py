"""Cross-case matrix speed on a generated project: 500 cases, 300 codes, 200,000 codings.

Run: ``/work/venv/bin/python benchmarks/matrix_speed.py [--path FILE] [--codings N] [--words N]``.

A child process generates the project (500 interviews, ~5 million words, 50,000 utterances, a
three-level code tree, random codings that nest and overlap) unless ``--path`` already holds one;
this process then times the facade calls end to end (reading from the project included) and
prints one JSON object: seconds per table, the targets, two same-process baselines with ratios
(``codings_frame()`` plus the naive pandas ``groupby(case, code).size()``, with no roll-up and no
merging of overlaps; and that groupby alone against the roll-up pipeline, both on frames already
read), the share measure for information, and the peak resident memory of the measuring process.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from _support import TOPIC_WORDS, peak_rss_mb, random_words

CASES = 500
TOP, CHILDREN, GRANDCHILDREN = 10, 5, 4  # 10 + 50 + 200 = 260 codes, plus 40 extra leaves = 300


def generate(path: Path, *, codings: int, words: int, seed: int = 11) -> None:
    from qual_si import Project
    from qual_si.codebook.spec import CodebookSpec, CodeSpec
    from qual_si.store import schema as s

    rng = random.Random(seed)
    tops = []
    for t in range(TOP):
        children = []
        for c in range(CHILDREN):
            leaves = tuple(CodeSpec(id=f"c{t}_{c}_{g}", name=f"Code {t}.{c}.{g}") for g in range(GRANDCHILDREN))
            children.append(CodeSpec(id=f"c{t}_{c}", name=f"Code {t}.{c}", children=leaves))
        extra = tuple(CodeSpec(id=f"c{t}_x{e}", name=f"Code {t}.x{e}") for e in range(4))
        tops.append(CodeSpec(id=f"c{t}", name=f"Theme {t}", children=tuple(children) + extra))
    project = Project.create(path, coder="bench")
    project.load_codebook(CodebookSpec(id="bench", title="Benchmark codes", codes=tuple(tops)))
    code_ids = [c.id for c in project.codes(codebook="bench")]
    words_per_document = words // CASES
    with project._write("bench.generate", undoable=False) as tx:
        coder_id = tx.coder_id
        for case in range(CASES):
            tx.insert(s.cases, {"name": f"case{case:03d}", "description": "", "guid": str(uuid.uuid4()),
                                "created_by": coder_id, "created_at": tx.now}, record=False)
        case_ids = list(range(1, CASES + 1))
        per_document = codings // CASES
        coding_rows: list[dict[str, Any]] = []
        for number, case_id in enumerate(case_ids, start=1):
            turns, spans, position = [], [], 0
            while sum(len(t.split()) for t in turns) < words_per_document:
                speaker = "Interviewer" if len(turns) % 2 == 0 else "Participant"
                body = random_words(rng, TOPIC_WORDS, *((15, 30) if speaker == "Interviewer" else (120, 200))) + "."
                turn = f"{speaker}: {body}"
                spans.append((speaker, position + len(speaker) + 2, position + len(turn)))
                turns.append(turn)
                position += len(turn) + 2
            text = "\n\n".join(turns)
            document_id = tx.insert(s.documents, {
                "name": f"doc{number:03d}", "case_id": case_id, "kind": "interview", "source_name": f"doc{number}.txt",
                "source_format": "txt", "encoding": "utf-8", "sha256": uuid.uuid4().hex * 2,
                "word_count": len(text.split()), "char_count": len(text), "utterance_count": len(spans),
                "guid": str(uuid.uuid4()), "imported_by": coder_id, "imported_at": tx.now}, record=False)
            tx.insert_many(s.document_texts, [{"document_id": document_id, "text": text}])
            speakers = {name: tx.insert(s.speakers, {"document_id": document_id, "name": name,
                                                     "role": name.lower() if name == "Interviewer" else "participant"},
                                        record=False) for name in ("Interviewer", "Participant")}
            tx.insert_many(s.utterances, [
                {"document_id": document_id, "idx": i, "speaker_id": speakers[name], "start": a, "end": b,
                 "start_s": float(i * 30), "end_s": float(i * 30 + 29), "word_count": len(text[a:b].split())}
                for i, (name, a, b) in enumerate(spans)])
            for _ in range(per_document):
                _, a, b = spans[rng.randrange(1, len(spans), 2)] if len(spans) > 1 else spans[0]
                start = rng.randrange(a, max(a + 1, b - 60))
                end = min(b, start + rng.randint(40, 600))
                coding_rows.append({"document_id": document_id, "code_id": rng.choice(code_ids), "start": start,
                                    "end": end, "coder_id": coder_id, "origin": "manual", "score": None,
                                    "snippet": text[start:end], "guid": str(uuid.uuid4()), "created_at": tx.now})
            if len(coding_rows) > 20_000:
                tx.insert_many(s.codings, coding_rows)
                coding_rows = []
        tx.insert_many(s.codings, coding_rows)
    cases_file = _cases_csv(rng)
    project.import_cases(cases_file, case_column="case")
    shutil.rmtree(cases_file.parent, ignore_errors=True)
    project.define_band("schools", [3, 7, 15], labels=["3-6", "7-14", "15+"], name="size band")
    project.close()


def _cases_csv(rng: random.Random) -> Path:
    folder = Path(tempfile.mkdtemp(prefix="qsi-bench-"))
    path = folder / "cases.csv"
    lines = ["case,schools,phase"] + [f"case{c:03d},{rng.randint(3, 40)},{rng.choice(['primary', 'secondary', 'mixed'])}"
                                      for c in range(CASES)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def timed(call: Callable[[], Any], repeat: int = 3) -> tuple[float, Any]:
    """Best of ``repeat`` runs (the first also warms imports and the OS file cache)."""
    best, result = float("inf"), None
    for _ in range(repeat):
        started = time.perf_counter()
        result = call()
        best = min(best, time.perf_counter() - started)
    return best, result


def measure(path: Path) -> dict[str, Any]:
    from qual_si import Project

    project = Project.open(path, coder="bench")
    results: dict[str, Any] = {}
    baseline, _ = timed(lambda: project.codings_frame().groupby(["case_id", "code_id"]).size().unstack(fill_value=0))
    results["baseline_naive_groupby_s"] = round(baseline, 3)
    for depth in (None, 1, 2, 3):
        seconds, table = timed(lambda depth=depth: project.matrix(codebook="bench", depth=depth))
        results[f"matrix_depth_{depth or 'as_coded'}_s"] = round(seconds, 3)
        results[f"matrix_depth_{depth or 'as_coded'}_shape"] = list(table.shape)
    seconds, _ = timed(lambda: project.matrix(codebook="bench", depth=1, measure="documents"))
    results["matrix_depth_1_documents_s"] = round(seconds, 3)
    seconds, grouped = timed(lambda: project.grouped_matrix("size band", codebook="bench", depth=2))
    results["grouped_by_band_depth_2_s"] = round(seconds, 3)
    for mode, depth in (("overlap", None), ("overlap", 2), ("utterance", 2), ("window", 2)):
        seconds, _ = timed(lambda mode=mode, depth=depth: project.cooccurrence(mode=mode, window=2, depth=depth,
                                                                               codebook="bench"), repeat=2)
        results[f"cooccurrence_{mode}_depth_{depth or 'as_coded'}_s"] = round(seconds, 3)
    # Compute only, on frames already read: the roll-up pipeline against the naive groupby.
    from qual_si.analysis import matrix

    data = project._coding_data(codebook="bench", layout=False, coder=False, origin=False)
    case_of = data.documents.set_index("document_id")["case_id"]
    naive, _ = timed(lambda: data.codings.assign(case_id=data.codings["document_id"].map(case_of))
                     .groupby(["case_id", "code_id"]).size().unstack(fill_value=0))
    rolled, _ = timed(lambda: matrix.code_matrix(data, matrix.select(data, depth=2)))
    results["compute_only_naive_groupby_s"] = round(naive, 3)
    results["compute_only_rollup_depth_2_s"] = round(rolled, 3)
    results["ratio_compute_rollup_to_naive"] = round(rolled / naive, 2)
    seconds, _ = timed(lambda: project.matrix(codebook="bench", depth=1, measure="share"), repeat=1)
    results["info_share_measure_depth_1_s"] = round(seconds, 3)  # reads and tokenises all 5M words
    info = project.info()
    project.close()
    worst_matrix = max(v for k, v in results.items() if k.startswith("matrix_") and k.endswith("_s"))
    worst_cooccurrence = max(v for k, v in results.items() if k.startswith("cooccurrence_"))
    results.update({
        "cases": info.cases, "codes": info.codes, "codings": info.codings, "words": info.words,
        "utterances": info.utterances,
        "ratio_matrix_to_baseline": round(worst_matrix / baseline, 2),
        "ratio_grouped_to_baseline": round(results["grouped_by_band_depth_2_s"] / baseline, 2),
        "peak_rss_mb": round(peak_rss_mb(), 1),
        "targets": {"matrix_s": 1.0, "grouped_s": 1.0, "cooccurrence_s": 5.0, "peak_mb": 1024},
    })
    results["meets_targets"] = (worst_matrix < 1.0 and results["grouped_by_band_depth_2_s"] < 1.0
                                and worst_cooccurrence < 5.0 and results["peak_rss_mb"] < 1024)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--path", type=Path, default=None, help="Project to use (generated if missing).")
    parser.add_argument("--codings", type=int, default=200_000)
    parser.add_argument("--words", type=int, default=5_000_000)
    parser.add_argument("--generate", type=Path, default=None, help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.generate is not None:  # the child process
        generate(options.generate, codings=options.codings, words=options.words)
        return
    path = options.path or Path(tempfile.mkdtemp(prefix="qsi-matrix-")) / "bench.qsi"
    generation = 0.0
    if not path.exists():
        started = time.perf_counter()
        subprocess.run([sys.executable, __file__, "--generate", str(path), "--codings", str(options.codings),
                        "--words", str(options.words)], check=True)
        generation = time.perf_counter() - started
    results = measure(path)
    results["generation_s"] = round(generation, 1)
    print(json.dumps(results))


if __name__ == "__main__":
    main()
