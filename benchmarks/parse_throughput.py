"""Transcript parsing throughput: ~200 generated transcripts (~1.5M words), mixed conventions.

Run: ``/work/venv/bin/python benchmarks/parse_throughput.py [--transcripts N] [--words N]``.
Prints one JSON line: ``{"words": N, "seconds": s, "words_per_second": x, "peak_mb": m}``.
``seconds`` covers normalisation and parsing (what import does before storing); ``peak_mb`` is
the peak Python allocation while parsing, measured with tracemalloc in a second, untimed pass.
"""

from __future__ import annotations

import argparse
import json
import random
import time
import tracemalloc
from collections.abc import Callable

from qual_si.ingest import normalise_text, parse_transcript
from qual_si.ingest.subtitles import vtt_transcript

_VOCABULARY = " ".join(
    (
        "trust schools improvement curriculum leaders we our the a and of to",
        "in that it was is for with they really think know about",
        "peer review data teachers headteacher central team model standards pupils assessment reading",
        "phonics governance board challenge support capacity you what how so because then",
        "just quite actually kind sort of lot people work worked Ofsted inspection",
        "budget hub regional primary secondary academy sponsor converter",
    )
).split(" ")


def _sentence(rng: random.Random) -> str:
    words = rng.choices(_VOCABULARY, k=rng.randint(6, 22))
    ending = "?" if rng.random() < 0.15 else "."
    return " ".join(words).capitalize() + ending


def _turn_text(rng: random.Random, sentences: int) -> str:
    return " ".join(_sentence(rng) for _ in range(sentences))


def _clock(seconds: int) -> str:
    hours, rest = divmod(seconds, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60}:{rest % 60:02d}"


def _render(rng: random.Random, convention: str, target_words: int) -> str:
    names = ["Interviewer", "Participant 1"]
    if convention in ("otter", "named", "bold", "vtt"):
        names = ["Sam Whitley", rng.choice(["Priya Raman", "Tom Okafor", "Dr. Jane Hale"])]
    lines: list[str] = ["Interview transcript", "Date: 2026-02-11", ""]
    if convention == "vtt":
        lines = ["WEBVTT", ""]
    words, seconds, turn = 0, 0, 0
    while words < target_words:
        speaker = names[turn % 2]
        text = _turn_text(rng, rng.randint(1, 3) if turn % 2 == 0 else rng.randint(3, 12))
        words += text.count(" ") + 1
        seconds += rng.randint(3, 60)
        if convention == "participant":
            lines += [f"{speaker}: {text} ({_clock(seconds)})", ""]
        elif convention == "named":
            lines += [f"{speaker}: {text}", ""]
        elif convention == "bracket":
            lines += [f"[{speaker}] {text}", ""]
        elif convention == "otter":
            lines += [f"{speaker}  {_clock(seconds)}", text, ""]
        elif convention == "bold":
            lines += [f"**{speaker}:** {text}", ""]
        elif convention == "timestamped":
            lines += [f"[{_clock(seconds + 3600)}] {speaker}: {text}", ""]
        elif convention == "wrapped":
            # Hard-wrapped at ~80 columns, as some exports are.
            wrapped, current = [], ""
            for word in f"{speaker}: {text}".split():
                if len(current) + len(word) > 79:
                    wrapped.append(current)
                    current = word
                else:
                    current = f"{current} {word}" if current else word
            lines += [*wrapped, current, ""]
        elif convention == "vtt":
            lines += [
                f"00:{seconds // 60 % 60:02d}:{seconds % 60:02d}.000 --> 00:{(seconds + 2) // 60 % 60:02d}:{(seconds + 2) % 60:02d}.000",
                f"<v {speaker}>{text}</v>",
                "",
            ]
        turn += 1
    return "\r\n".join(lines) if rng.random() < 0.3 else "\n".join(lines)


CONVENTIONS = ("participant", "named", "bracket", "otter", "bold", "timestamped", "wrapped", "vtt")


def generate(transcripts: int, words_each: int, seed: int = 7) -> list[tuple[str, str]]:
    rng = random.Random(seed)
    return [
        (
            CONVENTIONS[index % len(CONVENTIONS)],
            _render(rng, CONVENTIONS[index % len(CONVENTIONS)], words_each),
        )
        for index in range(transcripts)
    ]


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
    documents = generate(arguments.transcripts, arguments.words)
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
