"""A small labelled project for the NLP facade tests: four codes, three short interviews.

Every participant sentence is written about exactly one code (``LABELS``), in words of our own;
the interviewer's questions mention the codes too, so a test notices if interviewer turns leak
into suggestions.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from qual_si.codebook.spec import CodebookSpec, CodeSpec

CODEBOOK = CodebookSpec(
    id="school",
    title="School improvement (test)",
    codes=(
        CodeSpec(
            id="areas", name="Areas of school improvement",
            definition="Groups the areas below.",
            children=(
                CodeSpec(
                    id="moderation", name="Moderating pupils' work",
                    definition="Teachers from different schools compare and agree judgements of pupils' work.",
                    examples=("The maths leads sat together and agreed what secure work looks like.",),
                    keywords=("moderation", "moderate", "agree judgements", "exam board", "marking"),
                ),
                CodeSpec(
                    id="governance", name="Governance",
                    definition="How trustees, governors and committees oversee schools and hold leaders to account.",
                    examples=("The trustees asked hard questions about results at the board meeting.",),
                    keywords=("trustees", "governors", "board", "scheme of delegation", "committee"),
                ),
                CodeSpec(
                    id="workload", name="Staff workload and wellbeing",
                    definition="Hours, pressure and wellbeing of staff and what the trust does to protect them.",
                    examples=("Teachers told us they were exhausted by the number of reports.",),
                    keywords=("workload", "wellbeing", "stress", "exhausted", "work-life balance"),
                ),
                CodeSpec(
                    id="curriculum", name="Curriculum design",
                    definition="What pupils are taught and in what order, and how schools plan it together.",
                    examples=("History is planned so that each year builds on the one before.",),
                    keywords=("curriculum", "scheme of work", "sequence", "knowledge", "phonics"),
                ),
            ),
        ),
    ),
)

INTERVIEWS: dict[str, list[tuple[str, str]]] = {
    "A01-ceo": [
        ("Interviewer", "How do the trustees and the governors work with you, and what about moderation?"),
        ("Dana", "Year 6 teachers from all four schools moderate writing together each term. "
                 "The trustees rewrote the scheme of delegation this spring."),
        ("Interviewer", "And the curriculum?"),
        ("Dana", "The curriculum is sequenced so that knowledge builds from nursery to Year 6. "
                 "Staff wellbeing was suffering, so we halved the workload of data drops."),
    ],
    "A02-head": [
        ("Interviewer", "Tell me about workload and wellbeing in your school."),
        ("Sam", "People were exhausted and the workload was simply not sustainable. "
                "Our governors sit on a standards committee that meets every half term."),
        ("Interviewer", "What about the exam board?"),
        ("Sam", "We agree judgements on the exam board's mark scheme before results day. "
                "Every primary uses the same phonics scheme of work now."),
    ],
}
LATE_INTERVIEW = ("A03-deputy", [
    ("Interviewer", "Anything else about the curriculum?"),
    ("Lee", "The curriculum map shows what knowledge comes in which sequence."),
    ("Interviewer", "And governance?"),
    ("Lee", "Our trustees and governors meet as a board committee each month."),
])

#: participant sentence -> the code it is about
LABELS = {
    "Year 6 teachers from all four schools moderate writing together each term.": "moderation",
    "The trustees rewrote the scheme of delegation this spring.": "governance",
    "The curriculum is sequenced so that knowledge builds from nursery to Year 6.": "curriculum",
    "Staff wellbeing was suffering, so we halved the workload of data drops.": "workload",
    "People were exhausted and the workload was simply not sustainable.": "workload",
    "Our governors sit on a standards committee that meets every half term.": "governance",
    "We agree judgements on the exam board's mark scheme before results day.": "moderation",
    "Every primary uses the same phonics scheme of work now.": "curriculum",
}


def write_interview(folder: Path, name: str, turns: list[tuple[str, str]]) -> Path:
    path = folder / f"{name}.txt"
    path.write_text("\n\n".join(f"{speaker}: {text}" for speaker, text in turns) + "\n", encoding="utf-8")
    return path


def labelled_project(project: Any, folder: Path) -> Any:
    """Load the codebook and import the two interviews (Interviewer marked as interviewer)."""
    project.load_codebook(CODEBOOK)
    paths = [write_interview(folder, name, turns) for name, turns in INTERVIEWS.items()]
    report = project.import_documents(paths, speaker_map={"Interviewer": "interviewer"})
    assert report.ok, report
    return project


def add_late_interview(project: Any, folder: Path) -> None:
    name, turns = LATE_INTERVIEW
    report = project.import_documents([write_interview(folder, name, turns)],
                                      speaker_map={"Interviewer": "interviewer"})
    assert report.ok, report
