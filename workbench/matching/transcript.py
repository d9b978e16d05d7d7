"""Transcript structure: speaker labels ("THE MINISTER:", "Q:", "Dr. Okafor:") and subtitle cues.

A labelled transcript's labels, cue numbers and timing lines are not words anyone said, so the
index blanks them out before it looks for words; this module finds them, remembers who speaks
where and which cue (with its timestamps) covers which part of the text.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Titles and roles: stripped before a label or a name is compared, by surname.
TITLES = _word_set(
    "mr mrs ms miss mx dr doctor prof professor sir dame lord lady rev revd reverend hon "
    "honourable honorable cllr councillor councilor alderman sen senator rep representative "
    "gov governor judge justice mayor minister president chair chairman chairwoman chairperson "
    "secretary inspector commissioner officer detective sergeant sgt captain capt col colonel "
    "gen general baroness baron st"
)
ROLE_WORDS = _word_set(
    "the a an minister chair chairman chairwoman chairperson mayor clerk president speaker judge "
    "interviewer reporter moderator host q a question answer witness unidentified unknown voice "
    "voices audience member members counsel secretary spokesperson spokesman spokeswoman officer "
    "commissioner inspector coroner prime deputy assistant attorney general male female man woman "
    "participant respondent narrator presenter journalist caller panel panellist panelist all "
    "several crosstalk court committee council of for and to on"
)
_NOT_LABELS = _word_set(
    "note notes update source sources example warning summary re subject date time location "
    "present absent agenda item items page figure table chapter section appendix transcript "
    "key findings recommendation recommendations conclusion conclusions background"
)

# "[00:12:01] MS ADEYEMI: ..." or "(12:01) ...": a time at a line start, as transcription
# services write them.
_LINE_TIME = re.compile(
    r"^[ \t]*([\[(])?((?:\d{1,2}:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?)(?(1)[\])])(?=[ \t]|\r?$)",
    re.M,
)
_TIME_COLON = re.compile(r":\d\d")
_LABEL_COLON = re.compile(r":(?=[ \t]|\r?$)", re.M)
_LABEL_LENGTH = 80
_PAREN = re.compile(r"^(.*?)\s*\(([^()]{1,60})\)$")
_UPPER_WORD = re.compile(r"^[A-Z][A-Z.'\-]*$|^[A-Z]$")
_MIXED_WORD = re.compile(r"^[^\W\d_][\w.'\-]*$")
_TIMESTAMP = r"(?:\d+:)?\d{1,2}:\d{2}[.,]\d{3}"
_CUE_TIMING = re.compile(rf"^[ \t]*({_TIMESTAMP})[ \t]+-->[ \t]+({_TIMESTAMP})[^\n]*$", re.M)
_VOICE_TAG = re.compile(r"<v(?:\.[^ \t>]*)?[ \t]+([^>]+)>")
_ANY_TAG = re.compile(r"</?[a-z][^>\n]*>|<\d[\d:.]*>")


@dataclass(frozen=True)
class Cue:
    start: int  # offsets of the cue's text in the source
    end: int
    start_time: str
    end_time: str


@dataclass(frozen=True)
class TranscriptLayout:
    """Where labels and cues are; `blanked` are ranges that hold no spoken words."""

    label_offsets: tuple[int, ...] = ()
    labels: tuple[str, ...] = ()
    cues: tuple[Cue, ...] = ()
    blanked: tuple[tuple[int, int], ...] = ()
    _cue_starts: tuple[int, ...] = field(default=(), repr=False)

    @property
    def labelled(self) -> bool:
        return bool(self.labels)

    def speaker_at(self, offset: int) -> str | None:
        index = bisect_right(self.label_offsets, offset) - 1
        return self.labels[index] if index >= 0 else None

    def cues_over(self, start: int, end: int) -> tuple[Cue, ...]:
        """The cues whose text overlaps [start, end), in order."""
        if not self.cues:
            return ()
        first = max(bisect_right(self._cue_starts, start) - 1, 0)
        found = []
        for cue in self.cues[first:]:
            if cue.start >= end:
                break
            if cue.end > start:
                found.append(cue)
        return tuple(found)


@lru_cache(maxsize=4096)  # a transcript's speakers come back: each label is judged once
def _clean_label(candidate: str) -> str | None:
    """The label if `candidate` (text before a colon at a line start) is a speaker label."""
    words = candidate.split()
    if not words or len(words) > 6:
        return None
    main = candidate
    paren = _PAREN.match(candidate)
    if paren:
        main = paren.group(1)
        words = main.split()
        if not words:
            return None
    if len(words) > 5 or words[0].lower().strip(".") in _NOT_LABELS:
        return None
    if len(words) > 1 and words[-1].isdigit():
        words = words[:-1]  # "SPEAKER 2", "Speaker 1" as automatic transcripts number them
    if all(_UPPER_WORD.match(word) for word in words):
        return candidate.strip()
    if not all(_MIXED_WORD.match(word) and word[0].isupper() for word in words):
        return None
    if len(words) > 4:
        return None
    # One capitalised word ("However:", "Update:") is too often prose; a title or a full name
    # ("Dr. Okafor", "Ruth Obi") is a speaker.
    if len(words) >= 2 or words[0].lower().strip(".") in TITLES:
        return candidate.strip()
    return None


def scan_transcript(text: str) -> TranscriptLayout:
    blanked: list[tuple[int, int]] = []
    cues: list[Cue] = []

    # Each pattern here is tried only where its literal part occurs ("-->", ":" and two digits).
    timings = list(_CUE_TIMING.finditer(text)) if "-->" in text else []
    if timings:
        if text.lstrip("\ufeff").startswith("WEBVTT"):
            header_end = text.find("\n\n")
            blanked.append((0, len(text) if header_end < 0 else header_end))
        for note in re.finditer(r"^(?:NOTE|STYLE|REGION)\b.*?(?=\n[ \t]*\n|\Z)", text, re.M | re.S):
            blanked.append(note.span())
        for number, timing in enumerate(timings):
            line_start = timing.start()
            # The line before a timing line (if any, and not blank) is the cue's identifier.
            previous_end = line_start - 1
            if previous_end > 0 and text[previous_end] == "\n":
                previous_start = text.rfind("\n", 0, previous_end) + 1
                if text[previous_start:previous_end].strip():
                    blanked.append((previous_start, previous_end))
            blanked.append(timing.span())
            body_start = timing.end() + 1
            limit = timings[number + 1].start() if number + 1 < len(timings) else len(text)
            gap = re.compile(r"\n[ \t]*\r?\n").search(text, body_start, limit)
            body_end = gap.start() if gap else limit
            if body_end > body_start:
                cues.append(Cue(body_start, body_end, timing.group(1), timing.group(2)))

    line_times: dict[int, int] = {}  # line start -> end of its leading time
    if not cues:
        stamps = _line_times(text)
        if len(stamps) >= 2:
            for number, stamp in enumerate(stamps):
                following = stamps[number + 1] if number + 1 < len(stamps) else None
                end_time = following.group(2) if following else stamp.group(2)
                cue_end = following.start() if following else len(text)
                cues.append(Cue(stamp.end(), cue_end, stamp.group(2), end_time))
                blanked.append(stamp.span())
                line_times[stamp.start()] = stamp.end()

    label_offsets: list[int] = []
    labels: list[str] = []
    if cues:
        for cue in cues:
            body = text[cue.start : cue.end]
            for tag in _ANY_TAG.finditer(body):
                voice = _VOICE_TAG.match(tag.group())
                if voice:
                    label_offsets.append(cue.start + tag.start())
                    labels.append(voice.group(1).strip())
                blanked.append((cue.start + tag.start(), cue.start + tag.end()))
    # A label is the text before the first colon of a line ("MS ADEYEMI: ..."). Looking at
    # each colon is much cheaper than trying a pattern at each of a long source's lines.
    previous_line = -1
    for colon in _LABEL_COLON.finditer(text):
        position = colon.start()
        line_start = text.rfind("\n", max(0, position - _LABEL_LENGTH - 1), position) + 1
        if line_start == 0 and position > _LABEL_LENGTH:
            continue
        if line_start == previous_line:
            continue  # only the first colon of a line
        previous_line = line_start
        head = text[line_times.get(line_start, line_start) : position]
        stripped = head.lstrip(" \t")
        if stripped.startswith("-"):
            stripped = stripped[1:].lstrip(" \t")
        if ":" in stripped:
            continue
        label = _clean_label(stripped.rstrip(" \t"))
        if label is not None:
            label_start = position - len(stripped)
            label_offsets.append(label_start)
            labels.append(label)
            blanked.append((label_start, position + 1))
    if not _is_labelled_transcript(labels):
        blanked = [span for span in blanked if not _is_label_span(span, label_offsets)]
        label_offsets, labels = [], []
    else:
        order = sorted(range(len(labels)), key=label_offsets.__getitem__)
        label_offsets = [label_offsets[i] for i in order]
        labels = [labels[i] for i in order]
    return TranscriptLayout(
        label_offsets=tuple(label_offsets),
        labels=tuple(labels),
        cues=tuple(cues),
        blanked=tuple(sorted(blanked)),
        _cue_starts=tuple(cue.start for cue in cues),
    )


def _line_times(text: str) -> list[re.Match[str]]:
    """_LINE_TIME's matches, found from the times' "mm:ss" rather than at every line start."""
    stamps: list[re.Match[str]] = []
    checked = -1
    for colon in _TIME_COLON.finditer(text):
        line_start = text.rfind("\n", 0, colon.start()) + 1
        if line_start == checked:
            continue  # each line is tried once
        checked = line_start
        stamp = _LINE_TIME.match(text, line_start)
        if stamp is not None:
            stamps.append(stamp)
    return stamps


def _is_labelled_transcript(labels: list[str]) -> bool:
    """One "Name:" line does not make a transcript, nor do two headings in a report
    ("Executive Summary:", "Next Steps:"). Speakers come back, or are labelled in capitals or
    with a title."""
    if len(labels) < 2:
        return False
    if len(set(labels)) < len(labels) or len(labels) >= 4:
        return True
    return any(
        label.upper() == label or label.split()[0].lower().strip(".") in TITLES for label in labels
    )


def _is_label_span(span: tuple[int, int], label_offsets: list[int]) -> bool:
    return span[0] in label_offsets


def blank_out(text: str, ranges: tuple[tuple[int, int], ...]) -> str:
    """`text` with each range replaced by as many spaces: offsets stay the same."""
    if not ranges:
        return text
    parts: list[str] = []
    position = 0
    for start, end in ranges:
        start = max(start, position)
        if end <= start:
            continue
        parts.append(text[position:start])
        parts.append(" " * (end - start))
        position = end
    parts.append(text[position:])
    return "".join(parts)


def _name_words(name: str) -> list[str]:
    folded = unicodedata.normalize("NFKD", name.casefold())
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return re.findall(r"[^\W\d_]+(?:['’-][^\W\d_]+)*", folded)


def person_surname(name: str) -> str | None:
    """The surname in a name or label, or None when it names a role ("THE MINISTER", "Q").

    "MS ADEYEMI" → "adeyemi", "Dr. Chidi Okafor" → "okafor", "THE CHAIR (Cllr Ruth Obi)" →
    "obi" (the name in brackets says who holds the role).
    """
    paren = _PAREN.match(name.strip())
    if paren:
        inner = person_surname(paren.group(2))
        if inner:
            return inner
        name = paren.group(1)
    words = _name_words(name)
    if not words or words[0] in {"the", "a", "an"}:
        return None
    while len(words) > 1 and words[0] in TITLES:
        words.pop(0)
    if words[-1] in ROLE_WORDS or words[-1] in TITLES or len(words[-1]) < 2:
        return None
    return words[-1]


def speaker_mismatch(article_speaker: str | None, label: str | None) -> bool:
    """True only when both name a person and they are not the same surname."""
    if not article_speaker or not label:
        return False
    label_surname = person_surname(label)
    article_surname = person_surname(article_speaker)
    if label_surname is None or article_surname is None:
        return False
    if label_surname == article_surname:
        return False
    # "Amara Adeyemi-Cole" vs "MS ADEYEMI-COLE", or a label that gives a first name only.
    article_words = set(_name_words(article_speaker))
    label_words = set(_name_words(label))
    return not (label_surname in article_words or article_surname in label_words)
