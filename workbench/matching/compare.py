"""Comparing a quote with its placed passage: the word diff (with offsets) and the verdict.

The placed passage is diffed word by word (difflib over word codes). Any word change makes the
quote `altered`; the same words with other capitalisation or punctuation inside, or with an
ellipsis standing for source text, make it `near_exact`; otherwise it is `exact`.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any

from workbench.matching.index import SourceIndex
from workbench.matching.normalize import (
    QuoteTokens,
    normalize_separator,
    normalize_word,
    surface,
    surface_keep_hyphen,
)
from workbench.matching.result import DiffOp, Elision, Verdict

_CONTRACT_TAGS = {"equal": "equal", "replace": "replace", "delete": "insert", "insert": "delete"}


def opcodes(quote: str, passage: str) -> list[tuple[str, int, int, int, int]]:
    """difflib's steps from quote to passage, named as in CONTRACT.md: `insert` is words only
    in the quote, `delete` words only in the source (difflib says it the other way round)."""
    return [
        (_CONTRACT_TAGS[tag], i1, i2, j1, j2)
        for tag, i1, i2, j1, j2 in SequenceMatcher(
            None, quote, passage, autojunk=False
        ).get_opcodes()
    ]


@dataclass
class Comparison:
    diff: tuple[DiffOp, ...]
    elided: tuple[Elision, ...]
    changes: list[DiffOp]
    case_changes: list[tuple[str, str]]
    punctuation_changes: list[tuple[str, str]]
    reordered: bool

    @property
    def verdict(self) -> Verdict:
        if self.changes:
            return Verdict.ALTERED
        if self.elided or self.case_changes or self.punctuation_changes:
            return Verdict.NEAR_EXACT
        return Verdict.EXACT

    def reason(self, score: float) -> str:
        if self.changes:
            if self.reordered:
                return f"The same words in a different order (score {score:.1f})."
            described = [_describe(op) for op in self.changes[:3]]
            more = len(self.changes) - len(described)
            tail = f"; and {more} more change{'s' * (more > 1)}" if more > 0 else ""
            return f"A passage matches (score {score:.1f}) but words differ: " + (
                "; ".join(described) + tail + "."
            )
        notes = []
        if self.elided:
            words = sum(len(gap.text.split()) for gap in self.elided)
            notes.append(
                f"an ellipsis leaves out {words} word{'s' * (words != 1)} of the source"
                if len(self.elided) == 1
                else f"{len(self.elided)} ellipses leave out {words} words of the source"
            )
        if self.case_changes:
            quote_word, source_word = map(_shown, self.case_changes[0])
            notes.append(f"capitalisation differs ({quote_word!r} for {source_word!r})")
        if self.punctuation_changes:
            quoted, sourced = map(_shown, self.punctuation_changes[0])
            notes.append(f"punctuation differs ({quoted!r} for {sourced!r})")
        if notes:
            return "The same words, but " + "; ".join(notes) + "."
        return "The same words as the source (quote marks, dashes, spacing and the ends aside)."


def _describe(op: DiffOp) -> str:
    quoted, sourced = _shown(op.quote), _shown(op.source)
    if op.op == "replace":
        return f"the quote has {quoted!r} where the source has {sourced!r}"
    if op.op == "insert":
        return f"the quote adds {quoted!r}"
    return f"the quote leaves out {sourced!r}"


def _shown(words: str) -> str:
    """Words as a reader sees them, for a reason: no invisible characters or line-end
    hyphenation, one space between words (the diff itself keeps the original text)."""
    return " ".join(surface_keep_hyphen(words).split())


def compare(
    index: SourceIndex, tokens: QuoteTokens, codes: str, spans: tuple[tuple[int, int], ...]
) -> Comparison:
    """The word diff of the quote against the source word ranges `spans` (one per piece)."""
    text, starts, ends = index.text, index.starts, index.ends
    quote = tokens.text
    diff: list[DiffOp] = []
    changes: list[DiffOp] = []
    elided: list[Elision] = []
    # Aligned units (quote word range, source word range), in order; None where separators
    # cannot be compared (after a change, across an elision).
    units: list[tuple[int, int, int, int] | None] = []

    def quote_range(i1: int, i2: int, lo: int) -> tuple[int, int]:
        """Offsets of quote words [i1, i2) in the quote; with none, the place they would be:
        after the piece's previous word, or before its first."""
        if i2 > i1:
            return tokens.starts[i1], tokens.ends[i2 - 1]
        at = tokens.ends[i1 - 1] if i1 > lo else tokens.starts[i1]
        return at, at

    def source_range(j1: int, j2: int, lo: int) -> tuple[int, int]:
        if j2 > j1:
            return starts[j1], ends[j2 - 1]
        at = ends[j1 - 1] if j1 > lo or j1 >= index.word_count else starts[j1]
        return at, at

    for number, ((q_lo, q_hi), (s_lo, s_hi)) in enumerate(zip(tokens.pieces, spans, strict=False)):
        if number:
            previous_end = spans[number - 1][1]
            if s_lo > previous_end:
                gap_start, gap_end = ends[previous_end - 1], starts[s_lo]
                elided.append(Elision(gap_start, gap_end, text[gap_start:gap_end]))
                units.append(None)
        steps: list[list[Any]] = []
        for tag, i1, i2, j1, j2 in opcodes(codes[q_lo:q_hi], index.codes[s_lo:s_hi]):
            i1, i2, j1, j2 = i1 + q_lo, i2 + q_lo, j1 + s_lo, j2 + s_lo
            if tag == "equal":
                units.extend((i1 + k, i1 + k + 1, j1 + k, j1 + k + 1) for k in range(i2 - i1))
            elif tag == "replace" and _same_letters(tokens, i1, i2, index, j1, j2):
                # "e-mail" / "email", "well-known" split over a line: same letters, other marks.
                units.append((i1, i2, j1, j2))
                tag = "equal"
            else:
                units.append(None)
            if steps and tag == "equal" and steps[-1][0] == "equal":
                steps[-1][2], steps[-1][4] = i2, j2
            else:
                steps.append([tag, i1, i2, j1, j2])
        for tag, i1, i2, j1, j2 in steps:
            q_start, q_end = quote_range(i1, i2, q_lo)
            s_start, s_end = source_range(j1, j2, s_lo)
            op = DiffOp(
                tag, quote[q_start:q_end], text[s_start:s_end], q_start, q_end, s_start, s_end
            )
            diff.append(op)
            if tag != "equal":
                changes.append(op)

    case_changes: list[tuple[str, str]] = []
    punctuation_changes: list[tuple[str, str]] = []
    if not changes:
        _check_surfaces(index, tokens, units, case_changes, punctuation_changes)
    reordered = bool(changes) and Counter(codes) == Counter(
        "".join(index.codes[s:e] for s, e in spans)
    )
    return Comparison(
        tuple(diff), tuple(elided), changes, case_changes, punctuation_changes, reordered
    )


def _same_letters(
    tokens: QuoteTokens, i1: int, i2: int, index: SourceIndex, j1: int, j2: int
) -> bool:
    quote_letters = "".join(tokens.words[i1:i2]).replace("'", "")
    source_letters = "".join(
        normalize_word(index.text[index.starts[j] : index.ends[j]]) for j in range(j1, j2)
    ).replace("'", "")
    return quote_letters == source_letters


def _check_surfaces(
    index: SourceIndex,
    tokens: QuoteTokens,
    units: list[tuple[int, int, int, int] | None],
    case_changes: list[tuple[str, str]],
    punctuation_changes: list[tuple[str, str]],
) -> None:
    """Same words: does capitalisation or punctuation inside the quote differ from the source?
    The first letter of the quote (and of a piece after an ellipsis) may differ in case, and
    nothing before the first word or after the last is compared."""
    text, starts, ends = index.text, index.starts, index.ends
    quote = tokens.text
    piece_starts = {lo for lo, _ in tokens.pieces}
    previous: tuple[int, int, int, int] | None = None
    for unit in units:
        if unit is None:
            previous = None
            continue
        i1, i2, j1, j2 = unit
        quoted = quote[tokens.starts[i1] : tokens.ends[i2 - 1]]
        sourced = text[starts[j1] : ends[j2 - 1]]
        if i2 - i1 == 1 and j2 - j1 == 1:
            if surface_keep_hyphen(quoted) == surface_keep_hyphen(sourced):
                quoted = sourced = ""
            quoted, sourced = surface(quoted), surface(sourced)
            if i1 in piece_starts:
                quoted, sourced = (
                    quoted[:1].casefold() + quoted[1:],
                    sourced[:1].casefold() + sourced[1:],
                )
            if quoted != sourced:
                case_changes.append(
                    (quote[tokens.starts[i1] : tokens.ends[i1]], text[starts[j1] : ends[j1]])
                )
        else:
            quoted = "".join(surface_keep_hyphen(quoted).split()).casefold()
            sourced = "".join(surface_keep_hyphen(sourced).split()).casefold()
            if quoted != sourced:
                punctuation_changes.append(
                    (
                        quote[tokens.starts[i1] : tokens.ends[i2 - 1]],
                        text[starts[j1] : ends[j2 - 1]],
                    )
                )
        if previous is not None:
            quote_gap = quote[tokens.ends[previous[1] - 1] : tokens.starts[i1]]
            source_gap = index.spoken_text(ends[previous[3] - 1], starts[j1])
            if normalize_separator(quote_gap) != normalize_separator(source_gap):
                # Named with the words on either side: "'well known' for 'well-known'".
                punctuation_changes.append(
                    (
                        quote[tokens.starts[previous[0]] : tokens.ends[i2 - 1]],
                        index.spoken_text(starts[previous[2]], ends[j2 - 1]),
                    )
                )
        previous = unit
