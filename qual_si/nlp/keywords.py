"""Tokenising, stemming and matching codebook keywords against a segment, with evidence.

A keyword is a word or short phrase from a codebook ("vision", "shared values", "book scrutiny").
It matches a segment when its content words (stop words dropped, every word stemmed) occur in the
segment as a contiguous run ("exact"), or, for phrases, all within a short window in any order
("near": "the values we all share" for "shared values"). The match keeps character offsets into
the segment so a face can highlight the words.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from qual_si.nlp.stem import stem

# Letters/digits, with inner apostrophes ("don't", "school's"). Hyphenated words split into parts,
# so "age-related" and "age related" match each other.
_TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")

# Function words only: content words such as "school", "system" or "interest" must stay matchable.
_STOP_WORDS_TEXT = """
a about above after again against all also am an and any are as at be because been before being
below between both but by can could did do does doing done down during each either else even ever
every few for from further had has have having he her here hers herself him himself his how i if in
into is it its itself just let like may me might more most much must my myself neither no nor not
now of off on once one only or other others our ours ourselves out over own per quite rather really
said same say says shall she should so some such than that the their theirs them themselves then
there these they this those though through thus to too under until up upon us very was we were what
when where whether which while who whom whose why will with within without would yes yet you your
yours yourself yourselves um uh er erm yeah okay ok oh well get got go going gonna kind sort thing
things lot lots bit
"""
STOP_WORDS = frozenset(_STOP_WORDS_TEXT.split())


@dataclass(frozen=True)
class Token:
    """One word of a text: its lower-case form, stem and ``[start, end)`` offsets into the text."""

    text: str
    stem: str
    start: int
    end: int
    stop: bool


def _drop_possessive(word: str) -> str:
    return word[:-2] if word.endswith("'s") else word


def tokenize(text: str) -> list[Token]:
    """Every word of ``text`` in order, with stems and a stop-word flag."""
    tokens: list[Token] = []
    for found in _TOKEN.finditer(text):
        word = found.group().lower().replace("’", "'")
        end = found.end()
        if word.endswith("'s"):  # possessive: "school's" matches "school"
            word, end = word[:-2], end - 2
        tokens.append(Token(word, stem(word), found.start(), end, word in STOP_WORDS))
    return tokens


def content_stems(text: str) -> list[str]:
    """The stems of the non-stop words of ``text``, in order (the analyser the LSA embedder uses)."""
    return [token.stem for token in tokenize(text) if not token.stop]


def analyse(text: str) -> list[str]:
    """Content-word stems and adjacent-stem bigrams: the TF-IDF analyser of the LSA embedder.

    Module level (not a lambda) so that a fitted vectoriser can be pickled.
    """
    words = (_drop_possessive(w) for w in _TOKEN.findall(text.lower().replace("’", "'")))
    unigrams = [stem(word) for word in words if word not in STOP_WORDS]
    return unigrams + [f"{a} {b}" for a, b in zip(unigrams, unigrams[1:], strict=False)]


@dataclass(frozen=True)
class KeywordMatch:
    """One keyword found in a segment. ``spans`` are the matched words' offsets in the segment."""

    keyword: str
    exact: bool
    spans: tuple[tuple[int, int], ...]
    #: the keyword's content stems, as indexed (used to weigh keywords shared by several codes)
    stems: tuple[str, ...] = ()

    @property
    def words(self) -> int:
        return len(self.spans)


@dataclass(frozen=True)
class _Phrase:
    owner: Hashable
    keyword: str
    stems: tuple[str, ...]


class KeywordIndex:
    """Keywords of many owners (codes) compiled once, matched against many segments.

    ``window`` is how many extra words a "near" match of a phrase may span beyond its own length.
    Keywords made only of stop words cannot be matched and are listed in ``ignored_``.
    """

    def __init__(self, keywords: Mapping[Hashable, Iterable[str]], window: int = 3) -> None:
        self.window = window
        self.ignored_: list[tuple[Hashable, str]] = []
        self._by_stem: dict[str, list[_Phrase]] = defaultdict(list)
        #: how many owners share each (stemmed) phrase; shared keywords say less about any one owner
        self.owners_per_phrase_: dict[tuple[str, ...], int] = {}
        owners: dict[tuple[str, ...], set[Hashable]] = defaultdict(set)
        for owner, words in keywords.items():
            seen: set[tuple[str, ...]] = set()
            for keyword in words:
                stems = tuple(content_stems(keyword))
                if not stems:
                    self.ignored_.append((owner, keyword))
                    continue
                if stems in seen:  # "value" and "values" in one code count once
                    continue
                seen.add(stems)
                phrase = _Phrase(owner, keyword.strip(), stems)
                for distinct in dict.fromkeys(stems):
                    self._by_stem[distinct].append(phrase)
                owners[stems].add(owner)
        self.owners_per_phrase_ = {stems: len(group) for stems, group in owners.items()}

    def match(self, text: str) -> dict[Hashable, list[KeywordMatch]]:
        """The keywords of each owner found in ``text`` (owners with no match are left out)."""
        content = [token for token in tokenize(text) if not token.stop]
        positions: dict[str, list[int]] = defaultdict(list)
        for index, token in enumerate(content):
            positions[token.stem].append(index)
        candidates: dict[int, _Phrase] = {}
        for token_stem in positions:
            for phrase in self._by_stem.get(token_stem, ()):
                candidates.setdefault(id(phrase), phrase)
        found: dict[Hashable, list[KeywordMatch]] = defaultdict(list)
        for phrase in candidates.values():
            hit = self._match_phrase(phrase.stems, content, positions)
            if hit is not None:
                exact, indices = hit
                spans = tuple((content[i].start, content[i].end) for i in indices)
                found[phrase.owner].append(KeywordMatch(phrase.keyword, exact, spans, phrase.stems))
        for matches in found.values():
            matches.sort(key=lambda m: (not m.exact, -m.words, m.spans[0][0], m.keyword))
        return dict(found)

    def _match_phrase(
        self, stems: Sequence[str], content: Sequence[Token], positions: Mapping[str, list[int]]
    ) -> tuple[bool, list[int]] | None:
        if any(s not in positions for s in stems):
            return None
        first = stems[0]
        for start in positions[first]:
            if all(
                start + k < len(content) and content[start + k].stem == s
                for k, s in enumerate(stems)
            ):
                return True, list(range(start, start + len(stems)))
        if len(stems) == 1:
            return None
        # Near match: every stem within a window of len(stems) + window words, any order.
        span = len(stems) + self.window
        for anchor in sorted({i for s in stems for i in positions[s]}):
            chosen: list[int] = []
            for s in stems:
                inside = [
                    i for i in positions[s] if anchor <= i < anchor + span and i not in chosen
                ]
                if not inside:
                    break
                chosen.append(inside[0])
            else:
                return False, sorted(chosen)
        return None

    def specificity(self, keyword_stems: tuple[str, ...]) -> float:
        """1 for a keyword only one owner uses, lower for keywords shared by several owners."""
        shared = self.owners_per_phrase_.get(keyword_stems, 1)
        return float(1.0 / shared**0.5)


def keyword_strength(
    matches: Sequence[KeywordMatch],
    index: KeywordIndex,
    *,
    exact_word: float = 0.35,
    exact_phrase: float = 0.55,
    near_phrase: float = 0.3,
) -> float:
    """Combine one owner's matches into [0, 1] by noisy-or: every extra match adds evidence.

    A phrase says more than a single word; a keyword shared by several codes says less.
    """
    remaining = 1.0
    for found in matches:
        weight = (exact_phrase if found.words > 1 else exact_word) if found.exact else near_phrase
        weight *= index.specificity(found.stems)
        remaining *= 1.0 - weight
    return 1.0 - remaining
