"""Gold quotes from two public annotated news corpora (PolNeAR, German Wikinews) for the scorer.

Both corpora annotate attributions (who said what), not quotation marks. A gold quote here is
the text between a pair of double quotation marks that lies inside an annotated content span;
its speaker mention is that attribution's source. The quote is `direct` when the marks hold the
whole content, `partial` when the content also has the writer's own words. Quotation marks
outside every annotated content are scare quotes (or words the annotators left out): they are
not counted as quotes, like the engine's own `scare` kind. When several attributions hold the
same quote (an indirect report that contains a direct fragment), the smallest content wins.

The speaker mention stays as annotated ("he", "who"); the speaker's *name*, which the surname
rule compares, is the person that mention stands for when evaluation/coreference.py can say
(a relative pronoun's antecedent; a personal pronoun through PolNeAR's coreference chains), or
the person named in an appositive of a long annotated span.

The corpora themselves are never part of this repository: point the loaders at a checkout.
"""

from __future__ import annotations

import bisect
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from evaluation.coreference import ChainMention, corenlp_chains, resolve_speaker
from evaluation.gold import GoldArticle, GoldQuote

# Double quotation marks of every convention; '' and `` as two-character marks first.
_MARK = re.compile(r"``|''|[“”„\"«»‟]")
_OPENERS = frozenset({"“", "„", "«", "``", "‟"})
_CLOSERS = frozenset({"”", "»"})
_CLOSER_OF = {"„": "“”\"''", "«": '»"”', "“": "”\"''", "``": "''”\"", "‟": '”"'}
_EITHER = frozenset({'"', "''"})
_SLACK = 2  # a content span may start or end a mark or a space away from the quotation


@dataclass(frozen=True)
class Attribution:
    """One annotated attribution: where its content is, who its source is."""

    content: tuple[tuple[int, int], ...]
    source: tuple[int, int] | None
    source_text: str | None
    kind: str | None = None  # the corpus's own label (German: Direct, Indirect, …)
    nested: bool = False  # inside another attribution's content: a fragment of a report


@dataclass(frozen=True)
class RealArticle:
    name: str
    text: str
    gold: GoldArticle


def quotation_segments(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Quotations between start and end: double marks, and single marks outside them."""
    doubles = double_quotations(text, start, end)
    singles = []
    edges = [start, *[x for s in doubles for x in (s[0] - 1, s[1] + 1)], end]
    for gap_start, gap_end in zip(edges[::2], edges[1::2], strict=False):
        singles += single_quotations(text, max(start, gap_start), min(end, gap_end))
    return sorted(doubles + singles)


_SINGLE = re.compile(r"[‘’‚']")


def single_quotations(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """‘…’ (headlines, British style) within one paragraph; apostrophes are never marks."""
    segments = []
    opener: int | None = None
    for match in _SINGLE.finditer(text, start, end):
        position, mark = match.start(), match.group(0)
        before = text[position - 1] if position else " "
        after = text[position + 1] if position + 1 < len(text) else " "
        if before.isalnum() and after.isalnum():
            continue  # don’t, O’Neill
        if opener is not None and "\n" in text[opener:position]:
            opener = None
        if opener is None:
            if mark in "‘‚'" and not after.isspace() and (before.isspace() or before in "([—–-:"):
                opener = position
            continue
        if mark in "’'‘" and not before.isspace() and not after.isalnum():
            segment = _trimmed(text, opener + 1, position)
            if any(ch.isalnum() for ch in text[segment[0] : segment[1]]):
                segments.append(segment)
            opener = None
    return segments


def double_quotations(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans inside paired double quotation marks between start and end, marks excluded.

    Pairs in order. A paragraph that opens with a mark while a quotation is still open
    continues it (a quotation over several paragraphs is one); otherwise an open quotation
    ends with the last paragraph it reached.
    """
    segments: list[tuple[int, int]] = []
    opener: re.Match[str] | None = None
    alive = start  # where the open quotation was last seen (its latest paragraph)
    for match in _MARK.finditer(text, start, end):
        mark = match.group(0)
        if opener is not None and "\n" in text[alive : match.start()]:
            if _at_line_start(text, match.start()) and (mark in _OPENERS or mark in _EITHER):
                alive = match.end()
                continue
            segments.append(_trimmed(text, opener.end(), _line_end(text, alive, end)))
            opener = None
        if opener is not None:
            if _closes(text, match, opener.group(0)):
                segments.append(_trimmed(text, opener.end(), match.start()))
                opener = None
            continue
        if mark in _OPENERS or mark in _EITHER or _opens(text, match):
            opener, alive = match, match.end()
    if opener is not None:
        segments.append(_trimmed(text, opener.end(), _line_end(text, alive, end)))
    return [s for s in segments if any(ch.isalnum() for ch in text[s[0] : s[1]])]


def _closes(text: str, match: re.Match[str], opener: str) -> bool:
    mark = match.group(0)
    if mark in _CLOSER_OF.get(opener, "”\"''") and mark != "“":
        return True
    if mark == "“":  # German „…“ closes with it; English “…“ is a typo for “…”
        after = text[match.end() : match.end() + 1]
        return opener == "„" or not after.isalnum()
    return mark in _CLOSERS


def _at_line_start(text: str, position: int) -> bool:
    line_start = text.rfind("\n", 0, position) + 1
    return not text[line_start:position].strip()


def _line_end(text: str, position: int, limit: int) -> int:
    stop = text.find("\n", position, limit)
    return stop if stop != -1 else limit


def _opens(text: str, match: re.Match[str]) -> bool:
    before = text[match.start() - 1] if match.start() else " "
    return before.isspace() or before in "([—–-"


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def gold_from_attributions(
    name: str,
    text: str,
    attributions: list[Attribution],
    path: Path,
    chains: list[list[ChainMention]] | None = None,
) -> GoldArticle:
    """Turn attributions into gold quotes (see the module docstring for the rules).

    A speaker mention that is a pronoun ("he", "who") names its person as
    evaluation/coreference.py reads it (`chains`: the article's coreference chains, if the
    corpus ships them); any other mention is its own name, its person's name in an
    appositive when it has one ("Der frühere Senator, Henning Scherf (SPD)").
    """
    best: dict[tuple[int, int], tuple[int, Attribution]] = {}
    # Marks pair across the whole article: inside a content's window alone, the closing “ of
    # a German „…“ just before it would open a quotation that is not there.
    segments = quotation_segments(text, 0, len(text))
    starts = [segment[0] for segment in segments]
    for attribution in (_merged(text, a) for a in attributions):
        size = sum(e - s for s, e in attribution.content)
        low = max(0, min(s for s, _ in attribution.content) - _SLACK)
        high = min(len(text), max(e for _, e in attribution.content) + _SLACK)
        for segment in segments[bisect.bisect_left(starts, low) :]:
            if segment[0] > high:
                break
            if not _inside(segment, attribution.content):
                continue
            if segment not in best or size < best[segment][0]:
                best[segment] = (size, attribution)
    quotes = []
    for position, segment in enumerate(sorted(best), start=1):
        attribution = best[segment][1]
        start, end = attribution.source or (None, None)
        speaker = resolve_speaker(text, attribution.source_text, start, end, chains)
        quotes.append(
            GoldQuote(
                position=position,
                start=segment[0],
                end=segment[1],
                text=text[segment[0] : segment[1]],
                kind=_kind(text, segment, attribution, best),
                speaker=speaker or _person_in(attribution.source_text),
                mention=attribution.source_text,
                mention_start=attribution.source[0] if attribution.source else None,
                mention_end=attribution.source[1] if attribution.source else None,
            )
        )
    return GoldArticle(
        name=name,
        gold_path=path,
        text_path=path,
        style=None,
        quotes=tuple(quotes),
        claims=(),
        sources=(),
    )


_NAME_PARTICLES = frozenset("von van der de den du la le al el bin ibn zu".split())
_DETERMINERS = frozenset("the a an der die das den dem des ein eine einer".split())


def _reads_as_name(phrase: str) -> bool:
    """'Henning Scherf', 'Sen. Bernie Sanders': capitalised words only, no article first."""
    words = phrase.split()
    if not words or len(words) > 5 or words[0].casefold() in _DETERMINERS:
        return False
    return all(w[:1].isupper() or w.casefold() in _NAME_PARTICLES for w in words)


def _person_in(mention: str | None) -> str | None:
    """The person's name in an annotated speaker span: its first clause when that reads as a
    name, else an appositive that does ("Die Haushaltspolitikerin der Grünen, Anja Hajduk"
    is Anja Hajduk); otherwise the span as annotated."""
    if mention is None:
        return None
    clauses = [c.strip(" )") for c in re.split(r"[,;(]", mention)]
    if _reads_as_name(clauses[0]):
        return mention
    named = next((c for c in clauses[1:] if len(c.split()) >= 2 and _reads_as_name(c)), None)
    return named or mention


def _merged(text: str, attribution: Attribution) -> Attribution:
    """PolNeAR cuts a content at every sentence: pieces with only spaces between are one."""
    pieces: list[tuple[int, int]] = []
    for start, end in sorted(attribution.content):
        if pieces and not text[pieces[-1][1] : start].strip():
            pieces[-1] = (pieces[-1][0], max(end, pieces[-1][1]))
        else:
            pieces.append((start, end))
    return replace(attribution, content=tuple(pieces))


def _inside(segment: tuple[int, int], pieces: tuple[tuple[int, int], ...]) -> bool:
    return any(s - _SLACK <= segment[0] and segment[1] <= e + _SLACK for s, e in pieces)


def _kind(text: str, segment, attribution: Attribution, quoted) -> str:
    """`direct` when nothing but quotation (and punctuation) fills the attribution's content."""
    if attribution.nested:
        return "partial"
    own = [q for q, (_, a) in quoted.items() if a is attribution]
    for start, end in attribution.content:
        outside = text[start:end]
        for q_start, q_end in sorted(own, reverse=True):
            if start - _SLACK <= q_start and q_end <= end + _SLACK:
                local_start, local_end = max(0, q_start - start), max(0, q_end - start)
                outside = outside[:local_start] + outside[local_end:]
        if any(ch.isalnum() for ch in outside):
            return "partial"
    return "direct"


# PolNeAR ---------------------------------------------------------------------------------


def _brat_spans(field: str) -> tuple[tuple[int, int], ...]:
    spans = []
    for piece in field.split(";"):
        start, end = piece.split()
        spans.append((int(start), int(end)))
    return tuple(spans)


def parse_brat(annotation: str, text: str) -> list[Attribution]:
    """PolNeAR's standoff file: T lines (Source, Cue, Content) tied together by E lines."""
    spans: dict[str, tuple[str, tuple[tuple[int, int], ...]]] = {}
    events: list[dict[str, str]] = []
    for line in annotation.splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2 and " " in parts[1]:
            label, _, offsets = parts[1].partition(" ")
            try:
                spans[parts[0]] = (label, _brat_spans(offsets))
            except ValueError:
                continue
        elif line.startswith("E") and len(parts) >= 2:
            roles = {}
            for role in parts[1].split():
                key, _, target = role.partition(":")
                roles.setdefault(key.rstrip("0123456789"), target)
            events.append(roles)
    attributions = []
    for roles in events:
        content = spans.get(roles.get("Content", ""))
        if content is None:
            continue
        source = spans.get(roles.get("Source", ""))
        source_span = None
        source_text = None
        if source is not None:
            source_span = (source[1][0][0], source[1][-1][1])
            source_text = text[source_span[0] : source_span[1]]
        attributions.append(Attribution(content[1], source_span, source_text))
    return attributions


def polnear_articles(checkout: Path, split: str = "train") -> Iterator[RealArticle]:
    """Each article of a PolNeAR split once, with its first annotator's attributions."""
    folder = checkout / "data" / split
    annotations: dict[str, Path] = {}
    for path in sorted((folder / "attributions").glob("*.ann")):
        article = path.stem.rsplit("_", 1)[0]
        annotations.setdefault(article, path)
    for article, ann_path in annotations.items():
        text_path = folder / "text" / f"{article}.txt"
        if not text_path.is_file():
            continue
        with open(text_path, encoding="utf-8", newline="") as handle:
            text = handle.read()
        attributions = parse_brat(ann_path.read_text(encoding="utf-8"), text)
        corenlp = folder / "corenlp" / f"{article}.txt.xml"
        chains = (
            corenlp_chains(corenlp.read_text(encoding="utf-8"), text) if corenlp.is_file() else None
        )
        yield RealArticle(
            article, text, gold_from_attributions(article, text, attributions, ann_path, chains)
        )


# German Wikinews -------------------------------------------------------------------------


def _char_spans(role: dict | None) -> tuple[tuple[int, int], ...]:
    if not role:
        return ()
    return tuple((s["charBegin"], s["charEnd"]) for s in role.get("spans", []))


def parse_wikinews(document: dict) -> tuple[str, list[Attribution]]:
    text = document["originalText"]
    attributions = []
    for annotation in document.get("annotations", []):
        content = _char_spans(annotation.get("quote"))
        if not content:
            continue
        speaker = _char_spans(annotation.get("speaker"))
        source = (speaker[0][0], speaker[-1][1]) if speaker else None
        attributions.append(
            Attribution(
                content,
                source,
                text[source[0] : source[1]] if source else None,
                annotation.get("type"),
                bool(annotation.get("isNested")),
            )
        )
    return text, attributions


def wikinews_articles(checkout: Path, split: str = "train") -> Iterator[RealArticle]:
    for path in sorted((checkout / "data" / split).glob("*.json")):
        document = json.loads(path.read_text(encoding="utf-8"))
        text, attributions = parse_wikinews(document)
        name = path.name.removesuffix(".pretty.json").removesuffix(".json")
        yield RealArticle(name, text, gold_from_attributions(name, text, attributions, path))


def corpus_format(checkout: Path, split: str = "train") -> str | None:
    """'polnear', 'wikinews', or None when the folder is neither corpus's checkout."""
    folder = checkout / "data" / split
    if (folder / "attributions").is_dir() and (folder / "text").is_dir():
        return "polnear"
    if folder.is_dir() and any(folder.glob("*.json")):
        return "wikinews"
    return None


def real_articles(checkout: Path, split: str = "train") -> Iterator[RealArticle]:
    found = corpus_format(checkout, split)
    if found == "polnear":
        return polnear_articles(checkout, split)
    if found == "wikinews":
        return wikinews_articles(checkout, split)
    raise ValueError(
        f"{checkout} is not a checkout of PolNeAR or the German Wikinews corpus "
        f"(no data/{split}/attributions and text, nor data/{split}/*.json): "
        "see benchmarks/real_news.py for how to make one"
    )
