"""Throughput of the NLP components on a generated corpus (default: 20,000 segments, 100 codes).

Prints one JSON object: seconds for segmentation, embedding (fit + transform), suggestions and
themes, peak memory, theme quality, and the same theme run with BERTopic's own defaults on the
same embeddings as a baseline. With the baseline, UMAP's one-off numba compilation is done first
and reported as ``numba_warmup`` (a fresh process pays it once on its first theme run). Targets (2 cores, default embedder): segmentation + embedding +
suggestions < 30 s, themes < 60 s.

    python benchmarks/nlp_throughput.py [--segments 20000] [--codes 100] [--seed 0] [--no-baseline]
                                        [--no-project]

``project`` repeats the work through the ``Project`` facade on a SQLite project holding the same
transcripts (imported as .txt files) and codes: ``segment()`` (spaCy + storing segments),
``suggest()`` the first time (LSA fit, embedding, caching vectors, scoring, storing suggestions)
and again (everything cached: the steady state of a review session), and ``find_themes()``.

The corpus is synthetic and deterministic: sentences built from a vocabulary of school-improvement
words (ten areas, each code owning a few words of its area) plus conversational filler, so that
each sentence has a known code and area to check suggestions and themes against.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

for _variable in (
    "OMP_NUM_THREADS",
    "OPENBLAS_NUM_THREADS",
    "MKL_NUM_THREADS",
    "NUMBA_NUM_THREADS",
):
    os.environ.setdefault(_variable, "2")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np  # noqa: E402
from _support import peak_rss_mb, warm_up_umap  # noqa: E402

from qual_si.model import Code  # noqa: E402

AREAS: dict[str, list[str]] = {
    "vision": [
        "vision",
        "values",
        "mission",
        "ethos",
        "culture",
        "purpose",
        "belief",
        "identity",
        "kindness",
        "ambition",
        "integrity",
        "respect",
        "community",
        "character",
        "service",
        "aspiration",
        "courage",
        "hope",
        "faith",
        "belonging",
    ],
    "strategy": [
        "strategy",
        "growth",
        "diligence",
        "expansion",
        "merger",
        "capacity",
        "plan",
        "priorities",
        "roadmap",
        "sponsor",
        "converter",
        "cluster",
        "hub",
        "region",
        "model",
        "phase",
        "scale",
        "sustainability",
        "pipeline",
        "forecast",
    ],
    "people": [
        "recruitment",
        "retention",
        "workload",
        "wellbeing",
        "contracts",
        "pay",
        "vacancy",
        "induction",
        "apprentice",
        "trainee",
        "mentor",
        "coaching",
        "appraisal",
        "talent",
        "succession",
        "secondment",
        "deputy",
        "promotion",
        "careers",
        "absence",
    ],
    "knowledge": [
        "network",
        "playbook",
        "toolkit",
        "manual",
        "expertise",
        "specialist",
        "subject",
        "consultant",
        "triad",
        "hubs",
        "sharing",
        "showcase",
        "conference",
        "bulletin",
        "library",
        "webinar",
        "handbook",
        "champion",
        "exchange",
        "forum",
    ],
    "assessment": [
        "assessment",
        "moderation",
        "exam",
        "mock",
        "marking",
        "grading",
        "tests",
        "benchmarks",
        "predictions",
        "standardisation",
        "rubric",
        "portfolio",
        "quiz",
        "baseline",
        "tracker",
        "paper",
        "board",
        "scores",
        "expectations",
        "samples",
    ],
    "curriculum": [
        "curriculum",
        "scheme",
        "phonics",
        "mastery",
        "sequence",
        "enrichment",
        "music",
        "geography",
        "history",
        "science",
        "reading",
        "writing",
        "oracy",
        "drama",
        "sport",
        "residential",
        "knowledge",
        "topic",
        "unit",
        "breadth",
    ],
    "pedagogy": [
        "pedagogy",
        "lesson",
        "classroom",
        "teaching",
        "instruction",
        "modelling",
        "questioning",
        "feedback",
        "routines",
        "behaviour",
        "engagement",
        "groups",
        "practice",
        "retrieval",
        "explanation",
        "scaffold",
        "homework",
        "seating",
        "starter",
        "plenary",
    ],
    "data": [
        "data",
        "dashboard",
        "attendance",
        "spreadsheet",
        "report",
        "rag",
        "metrics",
        "indicators",
        "ranking",
        "analysis",
        "system",
        "software",
        "returns",
        "summary",
        "chart",
        "trend",
        "exclusions",
        "progress",
        "figures",
        "census",
    ],
    "review": [
        "review",
        "visit",
        "walk",
        "scrutiny",
        "observation",
        "inspection",
        "audit",
        "evaluation",
        "triangulation",
        "risk",
        "rating",
        "intelligence",
        "evidence",
        "panel",
        "voice",
        "interview",
        "check",
        "follow",
        "actions",
        "report back",
    ],
    "governance": [
        "governance",
        "trustees",
        "governors",
        "committee",
        "delegation",
        "board",
        "finance",
        "procurement",
        "budget",
        "estates",
        "payroll",
        "compliance",
        "insurance",
        "auditors",
        "chair",
        "clerk",
        "minutes",
        "policy",
        "topslice",
        "savings",
    ],
}
FILLER = [
    "you know",
    "I think",
    "to be honest",
    "really",
    "obviously",
    "at the moment",
    "last year",
    "in terms of",
    "if I'm honest",
    "which was interesting",
    "for us",
    "across the schools",
    "this term",
    "over time",
    "more or less",
    "as a trust",
]
# Many generic openers, so that no opener is frequent enough to form a "theme" of its own.
OPENERS = [
    "We spent a lot of time on",
    "I suppose it comes down to",
    "Our focus has been",
    "I worry about",
    "We changed how we handle",
    "Everyone now talks about",
    "There's been progress on",
    "We still struggle with",
    "People asked about",
    "What matters most is",
    "We looked hard at",
    "It took a while to sort out",
    "Honestly the big one is",
    "We keep coming back to",
    "Nobody expected much from",
    "We made mistakes with",
    "I'm proud of",
    "There was pushback on",
    "We invested in",
    "The next step is",
    "We inherited problems with",
    "We simplified",
    "We argued about",
    "It started with",
    "We rebuilt",
    "I'd point to",
    "We underestimated",
    "You can see it in",
    "We got better at",
    "It's early days for",
]
SMALL_TALK = [
    "The traffic this morning was awful.",
    "Sorry, can you hear me now?",
    "We had snow last week so two schools closed.",
    "Let me just shut the door.",
    "Covid changed everything for a while.",
    "The car park is being resurfaced.",
]


@dataclass(frozen=True)
class Sentence:
    text: str
    code: int | None
    area: str | None


def make_codes(count: int) -> list[Code]:
    """``count`` leaf codes spread over the ten areas; each owns two words of its area."""
    codes: list[Code] = []
    areas = list(AREAS)
    parents = {area: 10_000 + i for i, area in enumerate(areas)}
    for index in range(count):
        area = areas[index % len(areas)]
        words = AREAS[area]
        slot = index // len(areas)
        own = [words[(2 * slot) % len(words)], words[(2 * slot + 1) % len(words)]]
        keywords = (*own, f"{own[0]} {own[1]}", area)
        definition = f"Talk about {own[0]} and {own[1]} as part of the trust's work on {area}."
        example = f"We spent the year on {own[0]}, and the {own[1]} work followed from it."
        codes.append(
            Code(
                index + 1,
                f"c{index + 1}",
                f"bench.c{index + 1}",
                f"{area}: {own[0]} and {own[1]}",
                parents[area],
                "bench",
                definition=definition,
                examples=(example,),
                keywords=keywords,
            )
        )
    return codes


def make_sentences(count: int, codes: list[Code], seed: int) -> list[Sentence]:
    rng = random.Random(seed)
    weights = [1.0 / (rank + 1) ** 0.5 for rank in range(len(codes))]
    sentences: list[Sentence] = []
    for _ in range(count):
        if rng.random() < 0.1:
            sentences.append(Sentence(rng.choice(SMALL_TALK), None, None))
            continue
        code = rng.choices(codes, weights)[0]
        area = code.name.split(":")[0]
        own = list(code.keywords[:2])
        words = rng.sample(own, rng.randint(1, 2)) + rng.sample(AREAS[area], rng.randint(1, 2))
        other = rng.choice(list(AREAS))
        if rng.random() < 0.3:  # talk wanders: one word from another area
            words.append(rng.choice(AREAS[other]))
        rng.shuffle(words)
        text = (
            f"{rng.choice(OPENERS)} {', '.join(words[:-1])} and {words[-1]}, {rng.choice(FILLER)}."
        )
        sentences.append(Sentence(text, code.id, area))
    return sentences


def make_transcripts(
    sentences: list[Sentence], seed: int
) -> list[tuple[str, list[tuple[int, int]]]]:
    """Interview texts of ~200 sentences: interviewer questions, then participant turns of 1-6 sentences."""
    rng = random.Random(seed + 1)
    documents: list[tuple[str, list[tuple[int, int]]]] = []
    position = 0
    while position < len(sentences):
        parts: list[str] = []
        spans: list[tuple[int, int]] = []
        length = 0
        for _ in range(40):
            if position >= len(sentences):
                break
            question = "Interviewer: Could you say more about that?\n\n"
            parts.append(question)
            length += len(question)
            turn = [s.text for s in sentences[position : position + rng.randint(1, 6)]]
            position += len(turn)
            label = "Participant 1: "
            body = " ".join(turn)
            spans.append((length + len(label), length + len(label) + len(body)))
            parts.append(label + body + "\n\n")
            length += len(label) + len(body) + 2
        documents.append(("".join(parts), spans))
    return documents


def peak_memory_mb() -> float:
    return round(peak_rss_mb(), 1)


def run(n_segments: int, n_codes: int, seed: int, baseline: bool) -> dict[str, Any]:
    from qual_si.nlp import quality
    from qual_si.nlp.embed import LsaEmbedder
    from qual_si.nlp.segment import Segmenter
    from qual_si.nlp.suggest import SuggestionScorer, codebook_texts
    from qual_si.nlp.themes import ThemeFinder

    codes = make_codes(n_codes)
    sentences = make_sentences(n_segments, codes, seed)
    documents = make_transcripts(sentences, seed)
    report: dict[str, Any] = {
        "segments": n_segments,
        "codes": n_codes,
        "documents": len(documents),
        "cores": os.cpu_count(),
        "seconds": {},
        "peak_memory_mb": {},
    }
    seconds, memory = report["seconds"], report["peak_memory_mb"]

    started = time.perf_counter()
    segmenter = Segmenter()
    spans = segmenter.split_many(documents)
    texts = [text[a:b] for (text, _), found in zip(documents, spans, strict=True) for a, b in found]
    seconds["segmentation"] = round(time.perf_counter() - started, 2)
    memory["after_segmentation"] = peak_memory_mb()
    report["segments_found"] = len(texts)

    started = time.perf_counter()
    embedder = LsaEmbedder(seed=seed).fit(texts + codebook_texts(codes))
    vectors = embedder.transform(texts)
    seconds["embedding"] = round(time.perf_counter() - started, 2)
    memory["after_embedding"] = peak_memory_mb()
    report["embedder"] = embedder.id

    started = time.perf_counter()
    scorer = SuggestionScorer().fit(codes, embedder)
    hits = scorer.score(texts, vectors)
    seconds["suggestions"] = round(time.perf_counter() - started, 2)
    memory["after_suggestions"] = peak_memory_mb()
    seconds["segmentation_embedding_suggestions"] = round(
        seconds["segmentation"] + seconds["embedding"] + seconds["suggestions"], 2
    )

    truth = {s.text: s for s in sentences}
    gold = [[truth[t].code] if t in truth and truth[t].code else [] for t in texts]
    ranked = [[h.code_id for h in row] for row in hits]
    report["suggestions"] = {
        "precision_at_1": round(quality.precision_at_k(ranked, gold, 1), 3),
        "recall_at_3": round(quality.recall_at_k(ranked, gold, 3), 3),
        "segments_with_a_suggestion": round(float(np.mean([bool(r) for r in ranked])), 3),
    }

    if baseline:
        # Compile UMAP's kernels once for both runs, so that the baseline ratio compares clustering.
        # The sample has at least 5,000 rows where it can: UMAP's large-data code path.
        sample = vectors[
            np.random.default_rng(seed).choice(len(vectors), min(len(vectors), 5_000), replace=False)
        ]
        seconds["numba_warmup"] = warm_up_umap(sample, seed)
    started = time.perf_counter()
    result = ThemeFinder(seed=seed).fit(texts, vectors)
    seconds["themes"] = round(time.perf_counter() - started, 2)
    memory["after_themes"] = peak_memory_mb()
    areas = [truth[t].area or "none" if t in truth else "none" for t in texts]
    keywords = [theme.keywords for theme in result.themes]
    report["themes"] = {
        "count": len(result.themes),
        "parameters": result.parameters,
        "outlier_share": round(result.outlier_share, 3),
        "npmi": round(quality.npmi_coherence(keywords, texts), 3),
        "diversity": round(quality.topic_diversity(keywords), 3),
        "adjusted_rand_vs_areas": round(quality.adjusted_rand(result.assignments, areas), 3),
        "labels": [theme.label for theme in result.themes[:12]],
    }
    if baseline:
        report["bertopic_defaults"] = bertopic_defaults(texts, vectors, areas, seconds["themes"])
        memory["after_baseline"] = peak_memory_mb()
    return report


def bertopic_defaults(
    texts: list[str], vectors: np.ndarray, areas: list[str], our_seconds: float
) -> dict[str, Any]:
    """BERTopic() exactly as shipped (default UMAP, HDBSCAN, CountVectorizer) on the same embeddings."""
    from qual_si.nlp import quality
    from qual_si.nlp.embed import set_offline_environment

    set_offline_environment()
    from bertopic import BERTopic

    started = time.perf_counter()
    model = BERTopic()
    topics, _ = model.fit_transform(texts, embeddings=vectors)
    elapsed = time.perf_counter() - started
    numbers = sorted(t for t in set(topics) if t != -1)
    keywords = [[word for word, _ in model.get_topic(t)] for t in numbers]
    assignments = np.asarray(topics)
    return {
        "seconds": round(elapsed, 2),
        "ours_to_baseline_time_ratio": round(our_seconds / elapsed, 2),
        "count": len(numbers),
        "outlier_share": round(quality.outlier_share(assignments), 3),
        "npmi": round(quality.npmi_coherence(keywords, texts), 3),
        "diversity": round(quality.topic_diversity(keywords), 3),
        "adjusted_rand_vs_areas": round(quality.adjusted_rand(assignments, areas), 3),
    }


def run_project(n_segments: int, n_codes: int, seed: int) -> dict[str, Any]:
    """The same corpus and codes through the Project facade, stored in a SQLite project."""
    import tempfile

    from qual_si.codebook.spec import CodebookSpec, CodeSpec
    from qual_si.project import Project

    codes = make_codes(n_codes)
    sentences = make_sentences(n_segments, codes, seed)
    documents = make_transcripts(sentences, seed)
    areas = list(AREAS)
    children: dict[str, list[CodeSpec]] = {area: [] for area in areas}
    for code in codes:
        area = code.name.split(":")[0]
        children[area].append(CodeSpec(id=code.key, name=code.name, definition=code.definition,
                                       examples=code.examples, keywords=code.keywords))
    spec = CodebookSpec(id="bench", title="Benchmark codes", codes=tuple(
        CodeSpec(id=area, name=area.title(), definition=f"Everything about {area}.", children=tuple(kids))
        for area, kids in children.items() if kids))
    report: dict[str, Any] = {"seconds": {}}
    seconds = report["seconds"]
    with tempfile.TemporaryDirectory(prefix="qsi-nlp-bench-") as folder:
        paths = []
        for number, (text, _) in enumerate(documents):
            path = Path(folder) / f"interview-{number:03d}.txt"
            path.write_text(text, encoding="utf-8")
            paths.append(path)
        with Project.create(Path(folder) / "bench.qsi", coder="bench") as project:
            project.load_codebook(spec)
            started = time.perf_counter()
            imported = project.import_documents(paths)
            seconds["import"] = round(time.perf_counter() - started, 2)
            report["documents"] = len(imported.imported)
            started = time.perf_counter()
            segmented = project.segment()
            seconds["segment"] = round(time.perf_counter() - started, 2)
            report["segments"] = segmented.segments_total
            started = time.perf_counter()
            first = project.suggest()
            seconds["suggest_first"] = round(time.perf_counter() - started, 2)
            report["suggestions"] = sum(first.by_code.values())
            report["codes_scored"] = first.codes
            started = time.perf_counter()
            project.suggest()
            seconds["suggest_again"] = round(time.perf_counter() - started, 2)
            seconds["segment_and_first_suggest"] = round(seconds["segment"] + seconds["suggest_first"], 2)
            started = time.perf_counter()
            project.suggestions(document=project.documents()[0].id)
            seconds["suggestions_for_one_document"] = round(time.perf_counter() - started, 3)
            started = time.perf_counter()
            run = project.find_themes(seed=seed)
            seconds["find_themes"] = round(time.perf_counter() - started, 2)
            report["themes"] = {"count": len(run.themes), "outlier_share": round(run.outlier_share, 3),
                                "metrics": run.metrics}
        report["project_file_mb"] = round((Path(folder) / "bench.qsi").stat().st_size / 1e6, 1)
    report["peak_memory_mb"] = peak_memory_mb()
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--segments", type=int, default=20_000)
    parser.add_argument("--codes", type=int, default=100)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--no-baseline", action="store_true", help="skip the BERTopic-defaults run")
    parser.add_argument("--no-project", action="store_true", help="skip the run through a project")
    arguments = parser.parse_args()
    import warnings

    warnings.filterwarnings("ignore")
    report = run(arguments.segments, arguments.codes, arguments.seed, not arguments.no_baseline)
    if not arguments.no_project:
        report["project"] = run_project(arguments.segments, arguments.codes, arguments.seed)
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
