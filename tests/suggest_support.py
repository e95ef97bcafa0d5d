"""A small project with suggestions and themes for the suggestion and Themes screen tests
(helpers only: this module has no tests).

Three interviews in three cases; each participant speaks four turns of three sentences, one turn
per topic (governance, moderation, workload, curriculum), written for these tests; the first
interview ends with a turn that touches every topic. A four-code
codebook with keywords gives every sentence a few suggestions; 36 sentences put themes on the
k-means path (40 segments, under 120), which takes a second once the libraries are loaded. The
project is built once per test process and copied for each test.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from pathlib import Path
from typing import Any

from tui_support import FIXED_NOW, make_app

from qual_si import Project
from qual_si.codebook.spec import CodebookSpec, CodeSpec

CODER = "tester"
CODEBOOK = CodebookSpec(
    id="mat",
    title="Trust improvement (test)",
    codes=(
        CodeSpec(id="governance", name="Governance",
                 definition="How trustees, governors and committees oversee schools and hold leaders to account.",
                 examples=("The trustees questioned the results at the board meeting.",),
                 keywords=("trustees", "governors", "board", "committee", "scheme of delegation")),
        CodeSpec(id="moderation", name="Moderation",
                 definition="Teachers from different schools compare pupils' work and agree judgements.",
                 examples=("Maths leads compared books and agreed what secure work looks like.",),
                 keywords=("moderate", "moderation", "agree judgements", "marking", "exam board")),
        CodeSpec(id="workload", name="Workload and wellbeing",
                 definition="Hours, pressure and wellbeing of staff, and what the trust does to protect them.",
                 examples=("Teachers said the number of reports left them exhausted.",),
                 keywords=("workload", "wellbeing", "stress", "exhausting", "work-life balance")),
        CodeSpec(id="curriculum", name="Curriculum",
                 definition="What pupils are taught, in what order, and how schools plan it together.",
                 examples=("Geography is planned so each year builds on the last.",),
                 keywords=("curriculum", "scheme of work", "sequence", "knowledge", "phonics")),
    ),
)

QUESTIONS = ("How is the trust governed?", "How do schools check their assessments?",
             "What about staff workload?", "And what do pupils learn?", "Anything else?")
INTERVIEWS: dict[str, tuple[str, str, list[str]]] = {
    "C1-ceo": ("C1", "Dana", [
        "Our trustees meet every month and the board reads a short report from each school. The scheme of "
        "delegation says which decisions stay with local governors. Last year the audit committee asked us to "
        "publish it for parents.",
        "Year 6 teachers from all our schools moderate writing together every term. They bring three books "
        "each and agree judgements before anything is reported. The marking is sharper now that the standard "
        "is shared.",
        "Staff told us that the workload from weekly data drops was exhausting them. We cut the drops to three "
        "a year and protected planning time on Fridays. Wellbeing scores in the staff survey went up the "
        "following spring.",
        "The history curriculum is sequenced so that knowledge builds from reception onwards. Subject leads "
        "wrote the scheme of work together over two years. Phonics follows one programme in every primary "
        "school.",
        # one turn touching every topic: more suggestions than the panel shows at first
        "Governors asked about workload at the last board meeting. The curriculum review added to the marking "
        "load for a while. Trustees funded time for teachers to moderate the new scheme of work. Wellbeing came "
        "up when the committee discussed the phonics training.",
    ]),
    "C2-head": ("C2", "Sam", [
        "The governors on our local committee visit twice a term and talk to pupils. Trustees hold me to "
        "account through the standards committee of the board. I find those board meetings challenging but "
        "fair.",
        "We moderate science assessments with two partner schools each half term. Teachers swap samples of "
        "marking and agree the grades before they go home. The exam board training helped us trust our own "
        "judgements.",
        "Teachers were working every evening and the stress was showing in absence rates. We dropped written "
        "marking in favour of verbal feedback to reduce workload. People say the work-life balance is better, "
        "although the job is still hard.",
        "Our curriculum map shows which knowledge comes first in each subject. Every department now plans the "
        "sequence of units with the trust's subject network. The phonics scheme is taught the same way in "
        "every reception class.",
    ]),
    "C3-director": ("C3", "Lee", [
        "The trust board delegates more to local governors when a school is doing well. Trustees review the "
        "risk register and the accounts at each committee meeting. The clerk keeps the minutes so that "
        "governors can see every decision.",
        "English leads meet to moderate reading assessments before the summer. Each school brings unmarked "
        "scripts and they agree judgements as a group. Our marking was more generous than the exam board "
        "standard at first.",
        "Staff wellbeing is on every leadership agenda since the workload survey. New teachers have a lighter "
        "timetable and a mentor to reduce stress. We removed a reporting deadline that was exhausting everyone "
        "in December.",
        "The maths curriculum builds knowledge in small steps from year one to year six. Teachers follow a "
        "shared scheme of work but adapt examples to their pupils. Our sequence of topics was rewritten after "
        "the curriculum review.",
    ]),
}

#: Below the default (0.3), so that a turn has more suggestions than the panel shows at first.
THRESHOLD = 0.15
_templates: dict[bool, Path] = {}


def _write(folder: Path, name: str, speaker: str, turns: list[str]) -> Path:
    lines = []
    for question, answer in zip(QUESTIONS, turns, strict=False):
        lines += [f"Interviewer: {question}", f"{speaker}: {answer}"]
    path = folder / f"{name}.txt"
    path.write_text("\n\n".join(lines) + "\n", encoding="utf-8")
    return path


def _build(folder: Path, themes: bool) -> Path:
    location = folder / "study.qsi"
    with Project.create(location, name="Suggestions test", coder=CODER) as project:
        project.load_codebook(CODEBOOK)
        for name, (case, speaker, turns) in INTERVIEWS.items():
            report = project.import_documents([_write(folder, name, speaker, turns)], case=case,
                                              speaker_map={"Interviewer": "interviewer"})
            assert report.ok, report
        # a low threshold gives most sentences several codes, so a turn has more than five
        project.set_setting("suggestion_threshold", THRESHOLD)
        project.suggest()
        if themes:
            project.find_themes()
        project.mark_opened("C1-ceo", at=FIXED_NOW)
    return location


def suggested_project(folder: Path, *, themes: bool = False) -> Path:
    """``folder/study.qsi``: the project with pending suggestions (and a themes run): a copy of one
    built once per process, since suggesting loads spaCy and scikit-learn."""
    if themes not in _templates:
        built = Path(tempfile.mkdtemp(prefix="qsi-suggest-"))
        atexit.register(shutil.rmtree, built, True)  # the template goes when the test process ends
        _templates[themes] = _build(built, themes)
    template = _templates[themes]
    folder.mkdir(parents=True, exist_ok=True)
    for path in template.parent.glob(f"{template.name}*"):  # the file and any WAL beside it
        shutil.copy(path, folder / path.name)
    return folder / template.name


def suggest_app(folder: Path, *, themes: bool = False) -> Any:
    return make_app(suggested_project(folder, themes=themes), coder=CODER)


def sentence(project: Any, document: str, words: str) -> tuple[int, int]:
    """Offsets of the sentence starting with ``words``."""
    text = project.text(document)
    start = text.index(words)
    return start, text.index(".", start) + 1

