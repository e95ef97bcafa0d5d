"""What the benchmarks share: generated interview text, peak memory, and UMAP's warm-up.

The generators are seeded and draw words by their position in a list, so a seed gives the same
text as when the figures in ARCHITECTURE.md were recorded. Keep the word lists, their order and
each generator's sequence of draws as they are: a change there changes the data behind every
earlier figure. numpy and UMAP load only inside :func:`warm_up_umap`, so that importing this
module does not move the memory figures of the benchmarks that do not need them.
"""

from __future__ import annotations

import random
import resource
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

# --- Words -------------------------------------------------------------------------------------

#: School-improvement talk with conversational filler (transcript parsing).
SPEECH_WORDS: tuple[str, ...] = tuple(
    " ".join(
        (
            "trust schools improvement curriculum leaders we our the a and of to",
            "in that it was is for with they really think know about",
            "peer review data teachers headteacher central team model standards pupils assessment reading",
            "phonics governance board challenge support capacity you what how so because then",
            "just quite actually kind sort of lot people work worked Ofsted inspection",
            "budget hub regional primary secondary academy sponsor converter",
        )
    ).split()
)
#: The same without "Ofsted" and the academy-status words (the workbench latency project).
PLAIN_SPEECH_WORDS: tuple[str, ...] = tuple(
    word for word in SPEECH_WORDS if word not in {"Ofsted", "academy", "sponsor", "converter"}
)
#: Topic words only, no filler (the matrix benchmark's long turns).
TOPIC_WORDS: tuple[str, ...] = (
    "trust", "schools", "improvement", "curriculum", "leaders", "peer", "review", "data",
    "teachers", "headteacher", "central", "team", "model", "standards", "pupils", "assessment",
    "reading", "phonics", "governance", "board", "challenge", "support", "capacity", "budget",
    "hub", "regional", "primary", "secondary", "academy", "sponsor", "converter",
)
#: A wider vocabulary of trust work and school subjects (import throughput).
INTERVIEW_WORDS: tuple[str, ...] = (
    "we", "the", "trust", "schools", "heads", "improvement", "curriculum", "assessment", "data",
    "review", "support", "challenge", "leaders", "teachers", "pupils", "vision", "values",
    "culture", "network", "hub", "moderation", "mock", "exam", "board", "governance", "finance",
    "capacity", "coaching", "peer", "visit", "learning", "walk", "standards", "committee", "risk",
    "rating", "attendance", "progress", "outcomes", "staff", "survey", "parents", "community",
    "phonics", "reading", "writing", "maths", "science", "history", "geography", "and", "but",
    "so", "because", "really", "actually", "think", "know", "just", "very", "quite", "lot", "time",
    "year", "term", "week", "day",
)

# --- Sentences ---------------------------------------------------------------------------------

Ending = Callable[[random.Random], str]


def full_stop(rng: random.Random) -> str:
    del rng  # draws nothing
    return "."


def a_quarter_questions(rng: random.Random) -> str:
    return rng.choice([".", ".", ".", "?"])


def some_questions(rng: random.Random) -> str:
    return "?" if rng.random() < 0.15 else "."


def random_words(rng: random.Random, vocabulary: tuple[str, ...], low: int, high: int) -> str:
    """Between ``low`` and ``high`` words drawn from ``vocabulary`` (with repeats), spaced."""
    return " ".join(rng.choices(vocabulary, k=rng.randint(low, high)))


def sentence(
    rng: random.Random,
    vocabulary: tuple[str, ...],
    low: int = 6,
    high: int = 22,
    ending: Ending = full_stop,
) -> str:
    return random_words(rng, vocabulary, low, high).capitalize() + ending(rng)


def minutes_clock(seconds: int) -> str:
    """``m:ss``, minutes not wrapped into hours (``75:03``)."""
    return f"{seconds // 60}:{seconds % 60:02d}"


def hours_clock(seconds: int) -> str:
    """``m:ss`` under an hour, ``h:mm:ss`` from then on."""
    hours, rest = divmod(seconds, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else minutes_clock(rest)


# --- Import throughput: three file conventions -------------------------------------------------


def _import_turn(rng: random.Random, target_words: int) -> str:
    parts: list[str] = []
    count = 0
    while count < target_words:
        text = sentence(rng, INTERVIEW_WORDS, ending=a_quarter_questions)
        parts.append(text)
        count += len(text.split())
    return " ".join(parts)


def write_import_transcript(path: Path, style: int, words: int, rng: random.Random) -> int:
    """Write one transcript: 0 ``Speaker: text (m:ss)``, 1 Otter, 2 WebVTT; returns the speech words."""
    written = 0
    seconds = 5
    lines: list[str] = []
    if style == 2:
        lines += ["WEBVTT", ""]
    number = 0
    while written < words:
        speaker = "Interviewer" if number % 2 == 0 else "Participant 1"
        said = _import_turn(rng, 12 if number % 2 == 0 else 70)
        written += len(said.split())
        stamp = minutes_clock(seconds)
        if style == 0:
            lines += [f"{speaker}: {said} ({stamp})", ""]
        elif style == 1:
            lines += [f"{speaker}  {stamp}", said, ""]
        else:
            end = seconds + max(1, len(said.split()) // 3)
            lines += [f"{_vtt_stamp(seconds)} --> {_vtt_stamp(end)}", f"<v {speaker}>{said}</v>", ""]
        seconds += max(1, len(said.split()) // 3) + 1
        number += 1
    path.write_text("\n".join(lines), encoding="utf-8")
    return written


def _vtt_stamp(seconds: int) -> str:
    return f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}.000"


# --- Parse throughput: eight transcript conventions --------------------------------------------

CONVENTIONS = ("participant", "named", "bracket", "otter", "bold", "timestamped", "wrapped", "vtt")


def conventions_corpus(transcripts: int, words_each: int, seed: int = 7) -> list[tuple[str, str]]:
    """``(convention, raw text)`` for each transcript, the conventions taken in turn."""
    rng = random.Random(seed)
    return [
        (
            CONVENTIONS[index % len(CONVENTIONS)],
            _render(rng, CONVENTIONS[index % len(CONVENTIONS)], words_each),
        )
        for index in range(transcripts)
    ]


def _turn_text(rng: random.Random, sentences: int) -> str:
    return " ".join(sentence(rng, SPEECH_WORDS, ending=some_questions) for _ in range(sentences))


def _render(rng: random.Random, convention: str, target_words: int) -> str:
    names = ["Interviewer", "Participant 1"]
    if convention in ("otter", "named", "bold", "vtt"):
        names = ["Sam Whitley", rng.choice(["Priya Raman", "Tom Okafor", "Dr. Jane Hale"])]
    lines: list[str] = ["Interview transcript", "Date: 2026-02-11", ""]
    if convention == "vtt":
        lines = ["WEBVTT", ""]
    count, seconds, turn = 0, 0, 0
    while count < target_words:
        speaker = names[turn % 2]
        text = _turn_text(rng, rng.randint(1, 3) if turn % 2 == 0 else rng.randint(3, 12))
        count += text.count(" ") + 1
        seconds += rng.randint(3, 60)
        if convention == "participant":
            lines += [f"{speaker}: {text} ({hours_clock(seconds)})", ""]
        elif convention == "named":
            lines += [f"{speaker}: {text}", ""]
        elif convention == "bracket":
            lines += [f"[{speaker}] {text}", ""]
        elif convention == "otter":
            lines += [f"{speaker}  {hours_clock(seconds)}", text, ""]
        elif convention == "bold":
            lines += [f"**{speaker}:** {text}", ""]
        elif convention == "timestamped":
            lines += [f"[{hours_clock(seconds + 3600)}] {speaker}: {text}", ""]
        elif convention == "wrapped":
            lines += [*_wrap(f"{speaker}: {text}"), ""]
        elif convention == "vtt":
            # Cue times leave the hours out (minutes wrap at 60), as when the figures were recorded.
            start, end = seconds, seconds + 2
            lines += [
                f"00:{start // 60 % 60:02d}:{start % 60:02d}.000 --> 00:{end // 60 % 60:02d}:{end % 60:02d}.000",
                f"<v {speaker}>{text}</v>",
                "",
            ]
        turn += 1
    return "\r\n".join(lines) if rng.random() < 0.3 else "\n".join(lines)


def _wrap(line: str) -> list[str]:
    """Hard-wrapped at ~80 columns, as some exports are."""
    wrapped, current = [], ""
    for word in line.split():
        if len(current) + len(word) > 79:
            wrapped.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    return [*wrapped, current]


# --- Workbench latency: question and answer ----------------------------------------------------


def qa_transcript(rng: random.Random, target_words: int) -> str:
    """``Interviewer:`` questions and ``Participant 1:`` answers of 4-10 sentences, stamped."""
    turns, written, seconds = [], 0, 0
    while written < target_words:
        question = sentence(rng, PLAIN_SPEECH_WORDS, 8, 20)
        answer = " ".join(sentence(rng, PLAIN_SPEECH_WORDS, 8, 20) for _ in range(rng.randint(4, 10)))
        turns.append(f"Interviewer: {question}")
        seconds += rng.randint(20, 90)
        turns.append(f"Participant 1: {answer} ({minutes_clock(seconds)})")
        written += len(question.split()) + len(answer.split())
    return "\n\n".join(turns) + "\n"


# --- Measuring ---------------------------------------------------------------------------------


def peak_rss_mb() -> float:
    """This process's peak resident memory so far, in MB (Linux reports kilobytes)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def warm_up_umap(sample: np.ndarray, seed: int) -> float:
    """Fit seeded and unseeded UMAP on ``sample``; returns the seconds taken.

    UMAP compiles its numba kernels on first use in a process (~20 s), separately for the seeded
    and unseeded code paths: compiling them first lets the timed runs compare clustering, not who
    paid the compile. Turns warnings off for the rest of the run (UMAP and BERTopic are noisy).
    """
    import warnings

    from umap import UMAP

    warnings.filterwarnings("ignore")
    started = time.perf_counter()
    UMAP(n_neighbors=15, n_components=5, metric="cosine", random_state=seed).fit(sample)
    UMAP(n_neighbors=15, n_components=5, metric="cosine").fit(sample)
    return round(time.perf_counter() - started, 2)
