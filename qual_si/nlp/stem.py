"""A small, deterministic English stemmer (Porter, 1980) with British spellings folded in.

Why our own: the default spaCy pipeline (``spacy.blank("en")``) has no lemmatiser tables, and
qual-si must work offline without extra downloads. Keyword matching only needs *some* stable way
to treat "moderate", "moderated", "moderation" and "moderating" as one word, and the classic Porter
algorithm does exactly that in a few dozen lines. ``-ise``/``-isation`` spellings are mapped to
``-ize``/``-ization`` first so that British and American text stem alike.
"""

from __future__ import annotations

import re
from functools import lru_cache

_VOWELS = frozenset("aeiou")

# British -ise family -> -ize family (Porter only knows the latter). The stem before the suffix
# must have three letters so that "rise", "wise" and "noise" are left alone.
_BRITISH_ISE = re.compile(r"^(\w{3,}?)is(e|es|ed|ing|ation|ations|er|ers)$")
_BRITISH_SPELLINGS = {
    "behaviour": "behavior",
    "behaviours": "behaviors",
    "programme": "program",
    "programmes": "programs",
    "centre": "center",
    "centres": "centers",
}
# Irregular plurals that matter in school talk; Porter cannot see these.
_IRREGULAR = {
    "children": "child",
    "men": "man",
    "women": "woman",
    "feet": "foot",
    "analyses": "analysis",
    "criteria": "criterion",
    "data": "data",
}
# Words ending in -ise that are not the -ize suffix.
_NOT_ISE = frozenset(
    {
        "expertise",
        "exercise",
        "exercises",
        "exercised",
        "exercising",
        "promise",
        "promises",
        "promised",
        "premise",
        "premises",
        "otherwise",
        "likewise",
        "enterprise",
        "enterprises",
        "compromise",
        "compromised",
        "surprise",
        "surprised",
        "surprises",
        "advise",
        "advised",
        "adviser",
        "advisers",
        "advising",
        "revise",
        "revised",
        "revising",
        "supervise",
        "supervised",
        "supervising",
        "devise",
        "devised",
        "merchandise",
        "franchise",
        "chastise",
        "televise",
        "improvise",
        "improvised",
        "despise",
        "disguise",
        "concise",
        "precise",
        "paradise",
        "treatise",
        "raise",
        "raised",
        "raising",
        "praise",
        "praised",
        "cruise",
        "bruise",
        "noise",
        "poise",
        "arise",
        "arising",
        "arisen",
        "apprise",
        "demise",
        "excise",
        "incise",
        "comprise",
        "comprises",
        "comprised",
        "comprising",
    }
)


def _is_consonant(word: str, i: int) -> bool:
    letter = word[i]
    if letter in _VOWELS:
        return False
    if letter == "y":
        return i == 0 or not _is_consonant(word, i - 1)
    return True


def _measure(stem: str) -> int:
    """m in [C](VC)^m[V]: the number of vowel-consonant sequences."""
    m = 0
    previous_vowel = False
    for i in range(len(stem)):
        consonant = _is_consonant(stem, i)
        if consonant and previous_vowel:
            m += 1
        previous_vowel = not consonant
    return m


def _has_vowel(stem: str) -> bool:
    return any(not _is_consonant(stem, i) for i in range(len(stem)))


def _ends_double_consonant(word: str) -> bool:
    return len(word) >= 2 and word[-1] == word[-2] and _is_consonant(word, len(word) - 1)


def _ends_cvc(word: str) -> bool:
    if len(word) < 3:
        return False
    return (
        _is_consonant(word, len(word) - 3)
        and not _is_consonant(word, len(word) - 2)
        and _is_consonant(word, len(word) - 1)
        and word[-1] not in "wxy"
    )


def _step1ab(word: str) -> str:
    if word.endswith("sses") or word.endswith("ies"):
        word = word[:-2]
    elif word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    if word.endswith("eed"):
        return word[:-1] if _measure(word[:-3]) > 0 else word
    for suffix in ("ed", "ing"):
        if word.endswith(suffix) and _has_vowel(word[: -len(suffix)]):
            word = word[: -len(suffix)]
            if word.endswith(("at", "bl", "iz")):
                return word + "e"
            if _ends_double_consonant(word) and word[-1] not in "lsz":
                return word[:-1]
            if _measure(word) == 1 and _ends_cvc(word):
                return word + "e"
            return word
    return word


_STEP2 = (
    ("ational", "ate"),
    ("tional", "tion"),
    ("enci", "ence"),
    ("anci", "ance"),
    ("izer", "ize"),
    ("bli", "ble"),
    ("alli", "al"),
    ("entli", "ent"),
    ("eli", "e"),
    ("ousli", "ous"),
    ("ization", "ize"),
    ("ation", "ate"),
    ("ator", "ate"),
    ("alism", "al"),
    ("iveness", "ive"),
    ("fulness", "ful"),
    ("ousness", "ous"),
    ("aliti", "al"),
    ("iviti", "ive"),
    ("biliti", "ble"),
    ("logi", "log"),
)
_STEP3 = (
    ("icate", "ic"),
    ("ative", ""),
    ("alize", "al"),
    ("iciti", "ic"),
    ("ical", "ic"),
    ("ful", ""),
    ("ness", ""),
)
_STEP4 = (
    "ement",
    "ance",
    "ence",
    "able",
    "ible",
    "ment",
    "ant",
    "ent",
    "ion",
    "ism",
    "ate",
    "iti",
    "ous",
    "ive",
    "ize",
    "al",
    "er",
    "ic",
    "ou",
)


def _replace_longest(word: str, rules: tuple[tuple[str, str], ...], min_measure: int) -> str:
    # Porter considers only the longest matching suffix; if its condition fails, nothing changes.
    for suffix, replacement in sorted(rules, key=lambda rule: -len(rule[0])):
        if word.endswith(suffix):
            stem = word[: -len(suffix)]
            return stem + replacement if _measure(stem) > min_measure else word
    return word


def _step4(word: str) -> str:
    for suffix in sorted(_STEP4, key=len, reverse=True):
        if word.endswith(suffix):
            stem = word[: -len(suffix)]
            if _measure(stem) <= 1:
                return word
            if suffix == "ion" and not stem.endswith(("s", "t")):
                return word
            return stem
    return word


def _step5(word: str) -> str:
    if word.endswith("e"):
        stem = word[:-1]
        m = _measure(stem)
        if m > 1 or (m == 1 and not _ends_cvc(stem)):
            word = stem
    if word.endswith("ll") and _measure(word) > 1:
        word = word[:-1]
    return word


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The stem of one lower-case word. Words under three letters are returned unchanged."""
    word = word.lower()
    word = _IRREGULAR.get(word, word)
    word = _BRITISH_SPELLINGS.get(word, word)
    if len(word) <= 2 or not word.isalpha():
        return word
    if word not in _NOT_ISE:
        word = _BRITISH_ISE.sub(r"\1iz\2", word)
    word = _step1ab(word)
    if word.endswith("y") and _has_vowel(word[:-1]):
        word = word[:-1] + "i"
    word = _replace_longest(word, _STEP2, 0)
    word = _replace_longest(word, _STEP3, 0)
    word = _step4(word)
    return _step5(word)
