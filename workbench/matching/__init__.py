"""The matching engine: find a quote in a long primary source, score it, and diff it by word.

    index = index_source(transcript_text)          # once per source (cached by SHA-256)
    match = locate_quote(index, "We were never told", speaker="Ruth Obi")
    match.verdict, match.start, match.end, match.diff, match.speaker_mismatch

    data = index_to_bytes(index)                   # keep it with the source...
    index = index_from_bytes(data, transcript_text)  # ...and load it instead of building

Modules: `words` cuts text into words, `normalize` compares their forms, `index` builds the
source index (`stored` turns it into bytes and back), `place` finds where a quote may be,
`compare` diffs it for the verdict, `result` holds the answer, `locate` ties them together,
`transcript` reads speaker labels and subtitle cues. Pure Python on rapidfuzz; no Qt.
"""

from workbench.matching.index import SourceIndex, build_index, index_source
from workbench.matching.locate import DEFAULT_THRESHOLD, locate_quote
from workbench.matching.result import Candidate, DiffOp, Elision, Match, Timestamp, Verdict
from workbench.matching.stored import StoredIndexError, index_from_bytes, index_to_bytes

__all__ = [
    "DEFAULT_THRESHOLD",
    "Candidate",
    "DiffOp",
    "Elision",
    "Match",
    "SourceIndex",
    "StoredIndexError",
    "Timestamp",
    "Verdict",
    "build_index",
    "index_from_bytes",
    "index_source",
    "index_to_bytes",
    "locate_quote",
]
