"""The matching engine: find a quote in a long primary source, score it, and diff it by word.

    index = index_source(transcript_text)          # once per source (cached by SHA-256)
    match = locate_quote(index, "We were never told", speaker="Ruth Obi")
    match.verdict, match.start, match.end, match.diff, match.speaker_mismatch

Modules: `normalize` cuts text into words and compares their forms, `index` builds the
source index, `place` finds where a quote may be,
`compare` diffs it for the verdict, `result` holds the answer, `locate` ties them together,
`transcript` reads speaker labels and subtitle cues. Pure Python on rapidfuzz; no Qt.
"""

from workbench.matching.index import SourceIndex, build_index, index_source
from workbench.matching.locate import DEFAULT_THRESHOLD, locate_quote
from workbench.matching.result import Candidate, DiffOp, Elision, Match, Timestamp, Verdict

__all__ = [
    "DEFAULT_THRESHOLD",
    "Candidate",
    "DiffOp",
    "Elision",
    "Match",
    "SourceIndex",
    "Timestamp",
    "Verdict",
    "build_index",
    "index_source",
    "locate_quote",
]
