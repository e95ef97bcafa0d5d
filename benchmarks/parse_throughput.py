"""Transcript parsing throughput: ~200 generated transcripts (~1.5M words), mixed conventions.

Run: ``/work/venv/bin/python benchmarks/parse_throughput.py [--transcripts N] [--words N]``.
Prints one JSON line: ``{"words": N, "seconds": s, "words_per_second": x, "peak_mb": m}``.
``seconds`` covers normalisation and parsing (what import does before storing); ``peak_mb`` is
the peak Python allocation while parsing, measured with tracemalloc in a second, untimed pass.
"""

from __future__ import annotations

import argparse
import json
import time
import tracemalloc
from collections.abc import Callable

from _support import conventions_corpus

from qual_si.ingest import normalise_text, parse_transcript
from qual_si.ingest.subtitles import vtt_transcript


def _parse_all(documents: list[tuple[str, str]]) -> int:
    utterances = 0
    for convention, raw in documents:
        text = normalise_text(raw)
        if convention == "vtt":
            utterances += len(vtt_transcript(text, "<generated>")[1])
        else:
            utterances += len(parse_transcript(text)[0])
    return utterances


def _measure(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--transcripts", type=int, default=200)
    parser.add_argument("--words", type=int, default=7500, help="words per transcript")
    arguments = parser.parse_args()
    documents = conventions_corpus(arguments.transcripts, arguments.words)
    words = sum(len(raw.split()) for _, raw in documents)
    seconds = min(_measure(lambda: _parse_all(documents)) for _ in range(3))
    tracemalloc.start()
    _parse_all(documents)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(
        json.dumps(
            {
                "words": words,
                "seconds": round(seconds, 3),
                "words_per_second": round(words / seconds),
                "peak_mb": round(peak / 2**20, 1),
            }
        )
    )


if __name__ == "__main__":
    main()
