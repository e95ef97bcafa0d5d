"""Which strings are speaker labels, and which role a label names.

Shared by the transcript parser, the subtitle readers and :func:`guess_roles`, so that
``Interviewer``, ``P1`` or ``Respondent 3`` mean the same thing everywhere.
"""

from __future__ import annotations

import re

_INTERVIEWER_LABEL = re.compile(
    r"(?:interviewer|int|i|q|question|moderator|facilitator|researcher)(?:\s*\d+)?",
    re.IGNORECASE,
)
_PARTICIPANT_LABEL = re.compile(
    r"a|answer|interviewee(?:\s*\d+)?|respondent(?:\s*\d+)?|r\s?\d+"
    r"|participant(?:\s*(?:\d+|[a-z]))?|p\s?\d+",
    re.IGNORECASE,
)
#: Role-neutral labels that are still certainly speakers.
_NEUTRAL_SPEAKER_LABEL = re.compile(r"speaker\s*\d+|unknown\s+speaker", re.IGNORECASE)

#: Words that start ``Word:`` lines in headers and prose but never name a speaker, even when repeated.
# fmt: off
_NOT_SPEAKERS = frozenset((
    "note", "notes", "nb", "n.b.", "ps", "p.s.", "date", "time", "location", "place", "venue",
    "setting", "title", "subject", "re", "duration", "length", "transcript", "transcription",
    "recording", "audio", "video", "file", "filename", "source", "summary", "keywords", "tags",
    "page", "section", "chapter", "figure", "fig", "table", "example", "e.g.", "i.e.", "update",
    "edit", "edited", "attendees", "present", "apologies", "agenda", "action", "actions",
    "outcome", "outcomes", "minutes", "comment", "comments", "context", "background", "project",
    "study", "interview", "version", "status", "total", "score", "rating", "tip", "warning",
    "important", "caution", "yes", "no", "n/a", "na", "true", "false", "step", "key",
    "definition", "reference", "references", "link", "url", "email", "phone", "tel",
))
# fmt: on

#: Bracketed stage directions (``[laughs]``, ``[inaudible 00:02]``) and redaction placeholders.
_ANNOTATION = re.compile(
    r"\b(?:laugh\w*|inaudible|crosstalk|cross-talk|over-?talk\w*|overlap\w*|pause\w*|unclear|silen\w*"
    r"|music|applause|cough\w*|sigh\w*|sic|redacted|indistinct|noise|interrupt\w*|name|names"
    r"|transcript\w*|recording|break|end|start|background|phone|door|knock\w*|gestur\w*|nod\w*"
    r"|smil\w*|chuckl\w*|clap\w*|beep\w*|sound\w*|audio|video|unintelligible|incomprehensible)\b",
    re.IGNORECASE,
)

_SENTENCE_PUNCTUATION = re.compile(r"[!?;,:\"“”‘…*\[\]{}<>=|]")
_ABBREVIATION = re.compile(
    r"(?:[A-Z]\.)+|(?:Dr|Mr|Mrs|Ms|Mx|Prof|Rev|Revd|Sr|Jr|St|Cllr|Sgt|Capt|Col|Gen|Hon)\."
)

MAX_LABEL_CHARS = 40
MAX_LABEL_WORDS = 5


def label_role(label: str) -> str | None:
    """Return "interviewer" or "participant" when the label says so (``Q``, ``P3``...), else None."""
    if _INTERVIEWER_LABEL.fullmatch(label):
        return "interviewer"
    if _PARTICIPANT_LABEL.fullmatch(label):
        return "participant"
    return None


def is_known_speaker_label(label: str) -> bool:
    """A role pattern (Interviewer, Participant N, P1, R2, Q, A, Speaker N...) accepted without repeats."""
    return label_role(label) is not None or _NEUTRAL_SPEAKER_LABEL.fullmatch(label) is not None


def is_denied_label(label: str, *, bracketed: bool = False) -> bool:
    """Header words (``Date``, ``Note``) and bracketed annotations (``[laughs]``) are never speakers."""
    if label.casefold() in _NOT_SPEAKERS:
        return True
    return bracketed and _ANNOTATION.search(label) is not None


def label_shape_ok(label: str, *, allow_lowercase: bool = False) -> bool:
    """Short (<= 5 words, <= 40 chars), no sentence punctuation, starts with a capital or digit.

    Periods are allowed only in initials and titles (``Dr. Jane Smith``, ``J. K. Rowling``).
    """
    if not label or len(label) > MAX_LABEL_CHARS:
        return False
    first = label[0]
    if not (first.isupper() or first.isdigit() or (allow_lowercase and first.isalpha())):
        return False
    if _SENTENCE_PUNCTUATION.search(label):
        return False
    words = label.split()
    if len(words) > MAX_LABEL_WORDS:
        return False
    return all("." not in word or _ABBREVIATION.fullmatch(word) for word in words)


def clean_label(label: str) -> str:
    """Collapse inner whitespace so ``Participant  1`` and ``Participant 1`` are one speaker."""
    return " ".join(label.split())
