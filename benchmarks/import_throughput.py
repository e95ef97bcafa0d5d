"""Import throughput: 200 generated transcripts (about 1.5 million words), parse + store.

    python benchmarks/import_throughput.py [--documents 200] [--words 7500] [--postgres URL]

Prints JSON. The target (issue 2) is at least 200,000 words/s on a 2-core machine, spaCy
segmentation excluded. As a same-process baseline it also times reading and parsing the same
files without storing them, so ``store_overhead`` shows what the database adds.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from _support import peak_rss_mb, write_import_transcript  # noqa: E402

from qual_si import Project  # noqa: E402
from qual_si.ingest import read_document  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--documents", type=int, default=200)
    parser.add_argument("--words", type=int, default=7500, help="words per transcript")
    parser.add_argument("--postgres", help="an empty PostgreSQL database URL instead of a .qsi file")
    args = parser.parse_args()
    rng = random.Random(20261123)
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        corpus = root / "corpus"
        corpus.mkdir()
        words = 0
        for i in range(args.documents):
            suffix = ".vtt" if i % 3 == 2 else ".txt"
            words += write_import_transcript(corpus / f"interview-{i:03d}{suffix}", i % 3, args.words, rng)
        rss_before = peak_rss_mb()

        started = time.perf_counter()
        for path in sorted(corpus.iterdir()):
            read_document(path)
        parse_seconds = time.perf_counter() - started

        project = Project.create(args.postgres or root / "bench.qsi", coder="bench")
        started = time.perf_counter()
        report = project.import_documents([corpus])
        import_seconds = time.perf_counter() - started
        facts = project.info()
        project.close()
        assert report.ok and len(report.imported) == args.documents, report.failed[:3]
        stored_words = facts.words
    result = {
        "documents": args.documents,
        "words": stored_words,
        "speech_words_generated": words,
        "utterances": facts.utterances,
        "backend": facts.backend,
        "import_seconds": round(import_seconds, 3),
        "words_per_second": round(stored_words / import_seconds),
        "baseline_parse_only_seconds": round(parse_seconds, 3),
        "baseline_parse_only_words_per_second": round(stored_words / parse_seconds),
        "store_overhead": round(import_seconds / parse_seconds, 2),
        "peak_rss_mb": round(peak_rss_mb(), 1),
        "rss_growth_mb": round(peak_rss_mb() - rss_before, 1),
        "target_words_per_second": 200_000,
    }
    result["meets_target"] = result["words_per_second"] >= result["target_words_per_second"]
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
