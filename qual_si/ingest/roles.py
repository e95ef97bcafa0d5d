"""Who is the interviewer? A deterministic first guess the user can always override."""

from __future__ import annotations

from qual_si.errors import InvalidOperation
from qual_si.ingest.base import ParsedUtterance
from qual_si.ingest.labels import label_role
from qual_si.model import ROLES

# Closing quotes and brackets that may follow the question mark of a quoted question.
_TRAILING_CLOSERS = "\"'”’)]» "


def guess_roles(
    text: str,
    utterances: list[ParsedUtterance],
    speaker_map: dict[str, str] | None = None,
) -> dict[str, str]:
    """Map every speaker in ``utterances`` to "interviewer", "participant" or "other".

    In order: the explicit ``speaker_map`` (exact name, then case-insensitive); names that say
    the role (Interviewer, I, Q, Int, Moderator, Facilitator / A, R1, Participant N, P1,
    Respondent); otherwise, when nobody is known to be the interviewer and there are two or
    more speakers, the speaker whose turns are most often questions (questions x share of
    turns that are questions; ties go to who spoke first). Everyone else is a participant.
    """
    speakers = list(dict.fromkeys(u.speaker for u in utterances if u.speaker is not None))
    explicit = _explicit_roles(speakers, speaker_map or {})
    roles: dict[str, str] = {}
    for speaker in speakers:
        role = explicit.get(speaker) or label_role(speaker)
        if role is not None:
            roles[speaker] = role

    undecided = [speaker for speaker in speakers if speaker not in roles]
    if undecided and "interviewer" not in roles.values() and len(speakers) >= 2:
        asker = _most_questioning(text, utterances, undecided)
        if asker is not None:
            roles[asker] = "interviewer"
    return {speaker: roles.get(speaker, "participant") for speaker in speakers}


def _explicit_roles(speakers: list[str], speaker_map: dict[str, str]) -> dict[str, str]:
    for name, role in speaker_map.items():
        if role not in ROLES:
            raise InvalidOperation(
                f"role '{role}' for speaker '{name}' is not one of {', '.join(ROLES)}"
            )
    folded = {name.casefold(): role for name, role in speaker_map.items()}
    explicit: dict[str, str] = {}
    for speaker in speakers:
        chosen = speaker_map.get(speaker) or folded.get(speaker.casefold())
        if chosen is not None:
            explicit[speaker] = chosen
    return explicit


def _most_questioning(
    text: str, utterances: list[ParsedUtterance], candidates: list[str]
) -> str | None:
    turns = dict.fromkeys(candidates, 0)
    questions = dict.fromkeys(candidates, 0)
    for utterance in utterances:
        if utterance.speaker in turns:
            turns[utterance.speaker] += 1
            spoken = text[utterance.start : utterance.end].rstrip(_TRAILING_CLOSERS)
            questions[utterance.speaker] += spoken.endswith("?")

    def score(speaker: str) -> tuple[float, int, int]:
        asked = questions[speaker]
        # Negative first-appearance index: on a tie the earlier speaker wins.
        return (asked * asked / turns[speaker], asked, -candidates.index(speaker))

    best = max(candidates, key=score)
    return best if questions[best] > 0 else None
