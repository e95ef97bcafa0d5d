"""Build the demo transcripts and the answer key from the tagged sources (a maintainer's tool).

    python corpora/trust-leaders/build.py

Reads ``source/*.md`` (YAML front matter, one ``Label: text`` paragraph per turn, passages tagged
``[[codes | text]]``), renders each interview in its target format into ``transcripts/``, reads the
rendered file back with qual-si's own reader, finds every tagged passage in the stored text, and
writes ``answer_key.jsonl`` with its character span. Labels use the aliases of frameworks.md Part D
(``sa1_1``, ``4p.purpose``...) and are written out as qualified code ids; every one must exist in
the shipped codebooks. Timestamps are made up deterministically from word counts.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

from qual_si.codebook.registry import list_shipped  # noqa: E402
from qual_si.ingest import read_document  # noqa: E402

SOURCE = HERE / "source"
OUTPUT = HERE / "transcripts"
ANSWER_KEY = HERE / "answer_key.jsonl"
EXTENSIONS = {"participant-txt": ".txt", "otter-txt": ".txt", "vtt": ".vtt", "docx": ".docx"}
TAG = re.compile(r"\[\[([^|\]]+)\|\s*(.*?)\]\]", re.S)
WORDS_PER_SECOND = 2.6


@dataclass
class Passage:
    labels: list[str]
    text: str


@dataclass
class Turn:
    speaker: str
    text: str
    start_s: float = 0.0
    passages: list[Passage] = field(default_factory=list)


def aliases() -> dict[str, str]:
    table = {spec.alias: spec.id for spec in list_shipped() if spec.alias}
    return table


def qualify(label: str, alias_table: dict[str, str], known: set[str]) -> str:
    if "." in label:
        prefix, code = label.split(".", 1)
        qualified = f"{alias_table.get(prefix, prefix)}.{code}"
    else:
        qualified = f"d003_strategic_areas.{label}"
    if qualified not in known:
        raise SystemExit(f"unknown code label {label!r} ({qualified})")
    return qualified


def parse_source(path: Path) -> tuple[dict[str, str], list[Turn]]:
    raw = path.read_text(encoding="utf-8")
    _, front, body = raw.split("---\n", 2)
    meta = yaml.safe_load(front)
    labels = {meta["interviewer"], meta["interviewee"]}
    turns: list[Turn] = []
    for paragraph in re.split(r"\n\s*\n", body.strip()):
        joined = " ".join(line.strip() for line in paragraph.splitlines())
        speaker, _, said = joined.partition(": ")
        if speaker not in labels:
            raise SystemExit(f"{path.name}: turn does not start with a known label: {joined[:60]!r}")
        passages = [Passage(m.group(1).split(), " ".join(m.group(2).split())) for m in TAG.finditer(said)]
        plain = " ".join(TAG.sub(lambda m: m.group(2), said).split())
        turns.append(Turn(speaker, plain, passages=passages))
    clock = 4.0
    for turn in turns:
        turn.start_s = round(clock)
        clock += len(turn.text.split()) / WORDS_PER_SECOND + 1.5
    return meta, turns


def mmss(seconds: float) -> str:
    total = int(seconds)
    return f"{total // 60}:{total % 60:02d}"


def hhmmss(seconds: float, millis: bool = False) -> str:
    thousandths = int(round(seconds * 1000))
    total, fraction = divmod(thousandths, 1000)
    text = f"{total // 3600:02d}:{total % 3600 // 60:02d}:{total % 60:02d}"
    return text + (f".{fraction:03d}" if millis else "")


def render_participant_txt(meta: dict[str, str], turns: list[Turn]) -> str:
    lines = [f"Interview transcript: {meta['role']}, case {meta['case']}", f"Date: {meta['date']}",
             "Fictional demo data written for qual-si.", ""]
    for turn in turns:
        if turn.speaker == meta["interviewee"]:
            lines.append(f"{turn.speaker}: \u201c{turn.text}\u201d ({mmss(turn.start_s)})")
        else:
            lines.append(f"{turn.speaker}: {turn.text}")
        lines.append("")
    return "\n".join(lines)


def render_otter(meta: dict[str, str], turns: list[Turn]) -> str:
    blocks = [f"{turn.speaker}  {mmss(turn.start_s)}\n{turn.text}" for turn in turns]
    return "\n\n".join(blocks) + "\n"


def chunks(text: str, limit: int = 18) -> list[str]:
    """Split a turn into subtitle-sized cues at sentence or clause ends."""
    pieces = re.split(r"(?<=[.?!,;])\s+", text)
    cues: list[str] = []
    current: list[str] = []
    for piece in pieces:
        current.append(piece)
        if len(" ".join(current).split()) >= limit:
            cues.append(" ".join(current))
            current = []
    if current:
        cues.append(" ".join(current))
    return cues


def render_vtt(meta: dict[str, str], turns: list[Turn]) -> str:
    out = ["WEBVTT", ""]
    cue_number = 0
    for turn in turns:
        clock = turn.start_s
        for cue in chunks(turn.text):
            cue_number += 1
            length = max(len(cue.split()) / WORDS_PER_SECOND, 1.0)
            out += [f"{cue_number:04d}-{meta['case'].lower()}", f"{hhmmss(clock, True)} --> {hhmmss(clock + length, True)}",
                    f"<v {turn.speaker}>{cue}</v>", ""]
            clock += length
    return "\n".join(out)


def render_docx(meta: dict[str, str], turns: list[Turn], target: Path) -> None:
    import docx

    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "CONFIDENTIAL - fictional demo transcript"
    document.sections[0].footer.paragraphs[0].text = "qual-si demo corpus"
    document.add_heading(f"Interview with the {meta['role']}", level=1)
    table = document.add_table(rows=0, cols=2)
    for label, value in (("Case", meta["case"]), ("Interviewee", meta["interviewee"]),
                         ("Interviewer", meta["interviewer"]), ("Date", str(meta["date"]))):
        row = table.add_row().cells
        row[0].text, row[1].text = label, value
    for turn in turns:
        paragraph = document.add_paragraph()
        paragraph.add_run(f"{turn.speaker} ({hhmmss(turn.start_s)}):").bold = True
        paragraph.add_run(f" {turn.text}")
    document.core_properties.author = "qual-si demo"
    document.save(str(target))


def locate(text: str, passage: str, cursor: int) -> tuple[int, int]:
    pattern = re.compile(r"\s+".join(re.escape(word) for word in passage.split()))
    found = pattern.search(text, cursor)
    if not found:
        raise SystemExit(f"passage not found after offset {cursor}: {passage[:70]!r}")
    return found.start(), found.end()


def build() -> None:
    alias_table = aliases()
    known = {f"{spec.id}.{code.id}" for spec in list_shipped() for code, _p, _d in spec.walk()}
    OUTPUT.mkdir(exist_ok=True)
    for stale in OUTPUT.iterdir():
        stale.unlink()
    key_rows: list[dict[str, object]] = []
    for source in sorted(SOURCE.glob("*.md")):
        meta, turns = parse_source(source)
        target = OUTPUT / f"{meta['document']}{EXTENSIONS[meta['format']]}"
        if meta["format"] == "docx":
            render_docx(meta, turns, target)
        else:
            render = {"participant-txt": render_participant_txt, "otter-txt": render_otter, "vtt": render_vtt}
            target.write_text(render[meta["format"]](meta, turns), encoding="utf-8")
        parsed = read_document(target)
        if len(parsed.utterances) != len(turns):
            raise SystemExit(f"{target.name}: {len(parsed.utterances)} utterances read back, {len(turns)} written")
        cursor = 0
        number = 0
        for turn, utterance in zip(turns, parsed.utterances, strict=True):
            if utterance.speaker != turn.speaker:
                raise SystemExit(f"{target.name}: speaker {utterance.speaker!r} read back, {turn.speaker!r} written")
            cursor = utterance.start
            for passage in turn.passages:
                start, end = locate(parsed.text, passage.text, cursor)
                if end > utterance.end:
                    raise SystemExit(f"{target.name}: passage runs past its utterance: {passage.text[:60]!r}")
                cursor = end
                number += 1
                codes = [qualify(label, alias_table, known) for label in passage.labels]
                key_rows.append({
                    "id": f"{meta['document']}#{number:02d}", "document": meta["document"], "start": start,
                    "end": end, "primary": codes[0], "codes": codes, "text": parsed.text[start:end],
                })
    with ANSWER_KEY.open("w", encoding="utf-8") as handle:
        for row in key_rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"{len(list(OUTPUT.iterdir()))} transcripts, {len(key_rows)} answer-key passages")


if __name__ == "__main__":
    build()
