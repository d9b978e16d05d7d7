"""Score an `analyze` result against a gold annotation, exactly as CONTRACT.md defines it.

A predicted quote matches a gold quote when the Jaccard overlap of their character spans is at
least 0.8 (one-to-one, best overlap first). Quotes of kind ``scare`` are not quotes, on either
side; they get their own detection count. Counts, not ratios, are kept per article so that
corpus totals are micro-averaged by adding the counts up.

Two gold shapes load: the corpus format of ``tests/corpus/README.md`` (with mention offsets), and
the shared sample's (``indirect_attributions``, ``speaker_mention`` without offsets), where
speakers can only be judged by name.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, ClassVar

MATCH_THRESHOLD = 0.8
QUOTE_KINDS = frozenset({"direct", "partial", "scare"})
SOURCE_TYPES = frozenset({"person", "organization", "publication", "anonymous"})

# --------------------------------------------------------------------------------------------
# Gold annotations


@dataclass(frozen=True)
class GoldQuote:
    position: int  # 1-based position in the gold's quote list (what `part_of` refers to)
    start: int
    end: int
    text: str
    kind: str
    speaker: str | None = None
    speaker_anonymous: bool | None = None
    mention: str | None = None
    mention_start: int | None = None
    mention_end: int | None = None
    cue: str | None = None
    part_of: int | None = None

    @property
    def has_mention_span(self) -> bool:
        return self.mention_start is not None and self.mention_end is not None


@dataclass(frozen=True)
class GoldClaim:
    start: int | None
    end: int | None
    text: str | None
    source: str
    source_anonymous: bool | None = None
    cue: str | None = None
    # Other sources the same statement is credited to (the shared sample's `also_anonymous`).
    other_sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class GoldSource:
    name: str
    type: str
    anonymous: bool


@dataclass(frozen=True)
class GoldArticle:
    name: str  # the gold file's name without .gold.json
    gold_path: Path
    text_path: Path
    style: str | None
    quotes: tuple[GoldQuote, ...]
    claims: tuple[GoldClaim, ...]
    sources: tuple[GoldSource, ...]

    def read_text(self) -> str:
        return read_article_text(self.text_path)


def read_article_text(path: str | Path) -> str:
    """The article text as the workbench stores it: UTF-8, newlines as in the file, no BOM."""
    with open(path, encoding="utf-8", newline="") as handle:
        text = handle.read()
    return text.removeprefix("\ufeff")


def _optional_int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def parse_gold(data: Mapping[str, Any], gold_path: str | Path) -> GoldArticle:
    """Build a GoldArticle from a parsed gold file of either shape."""
    gold_path = Path(gold_path)
    name = gold_path.name.removesuffix(".gold.json").removesuffix(".json")
    text_file = data.get("file") or f"{name}.txt"
    quotes = []
    for position, raw in enumerate(data.get("quotes", []), start=1):
        quotes.append(
            GoldQuote(
                position=position,
                start=raw["start"],
                end=raw["end"],
                text=raw.get("text", ""),
                kind=raw.get("kind", "direct"),
                speaker=raw.get("speaker"),
                speaker_anonymous=raw.get("speaker_anonymous"),
                mention=raw.get("speaker_mention"),
                mention_start=_optional_int(raw.get("mention_start")),
                mention_end=_optional_int(raw.get("mention_end")),
                cue=raw.get("cue"),
                part_of=_optional_int(raw.get("part_of")),
            )
        )
    claims = []
    if "claims" in data:
        for raw in data["claims"]:
            claims.append(
                GoldClaim(
                    start=_optional_int(raw.get("start")),
                    end=_optional_int(raw.get("end")),
                    text=raw.get("text"),
                    source=raw.get("source") or "",
                    source_anonymous=raw.get("source_anonymous"),
                    cue=raw.get("cue"),
                )
            )
    else:  # the shared sample's shape
        for raw in data.get("indirect_attributions", []):
            also = raw.get("also_anonymous")
            claims.append(
                GoldClaim(
                    start=_optional_int(raw.get("claim_start", raw.get("start"))),
                    end=_optional_int(raw.get("claim_end", raw.get("end"))),
                    text=raw.get("text"),
                    source=raw.get("source") or "",
                    source_anonymous=raw.get("anonymous", raw.get("source_anonymous")),
                    cue=raw.get("cue"),
                    other_sources=(also,) if isinstance(also, str) else tuple(also or ()),
                )
            )
    sources = tuple(
        GoldSource(
            name=raw["name"],
            type=raw.get("type", "person"),
            anonymous=bool(raw.get("anonymous", raw.get("type") == "anonymous")),
        )
        for raw in data.get("sources", [])
    )
    return GoldArticle(
        name=name,
        gold_path=gold_path,
        text_path=gold_path.parent / text_file,
        style=data.get("style") or data.get("note"),
        quotes=tuple(quotes),
        claims=tuple(claims),
        sources=sources,
    )


def load_gold(path: str | Path) -> GoldArticle:
    """Load a ``*.gold.json`` file (corpus or shared-sample shape)."""
    path = Path(path)
    with open(path, encoding="utf-8") as handle:
        return parse_gold(json.load(handle), path)


# --------------------------------------------------------------------------------------------
# Names: surnames of people, head nouns of anonymous descriptions


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'"})
_TITLES = _wordset(
    "mr mrs ms miss mx dr prof professor sen senator rep representative gen general col "
    "colonel lt capt captain maj major sgt gov governor pres president rev fr sir dame lord "
    "lady judge justice mayor minister chancellor ambassador secretary adm admiral cmdr"
)
_SUFFIXES = _wordset("jr sr ii iii iv phd md esq")
_STOPWORDS = _wordset(
    "a an the some several many few this that these those who whom whose which what to of on "
    "in for with and or by at from about as into over under than then is was were are be been "
    "has have had his her their its our my your it they he she we i one"
)
# Words after which a description stops naming the speaker and starts describing them.
_DESCRIPTION_BREAKS = _wordset(
    "who whom whose which that with for of from at in on to by inside within outside across "
    "among around near under about after before during including representing based working "
    "familiar close briefed speaking knowledgeable involved granted given authorized authorised"
)
_WORD = re.compile(r"[^\W_](?:[\w'’.-]*[^\W_])?")


def _words(name: str) -> list[str]:
    """Lower-case words of a name, possessives and trailing dots dropped."""
    words = []
    for word in _WORD.findall(name.translate(_APOSTROPHES).casefold()):
        word = word.removesuffix("'s").rstrip(".'")
        if word:
            words.append(word)
    return words


def _first_clause(name: str) -> str:
    return re.split(r"[,;:(\[—–]", name, maxsplit=1)[0]


def surname(name: str) -> str | None:
    """The last word of a person's (or organisation's) name, ignoring titles and suffixes."""
    words = [w for w in _words(_first_clause(name)) if w.replace(".", "") not in _TITLES]
    while words and words[-1].replace(".", "") in _SUFFIXES:
        words.pop()
    return words[-1] if words else None


_QUANTIFIERS = _wordset(
    "one two three four five six seven eight nine ten dozen some many several most all none "
    "each either neither few both any another"
)


def head_noun(description: str) -> str | None:
    """The noun a description is about: "an unnamed former NATO official" -> "official",
    "one of the aides who asked not to be named" -> "aides"."""
    words = _words(_first_clause(description))
    if len(words) > 2 and (words[0] in _QUANTIFIERS or words[0].isdigit()) and words[1] == "of":
        words = words[2:]
    kept: list[str] = []
    for word in words:
        if word in _DESCRIPTION_BREAKS and kept:
            break
        kept.append(word)
    content = [w for w in kept if w not in _STOPWORDS]
    return (content or kept or [None])[-1]


def _singular(word: str | None) -> str | None:
    if word is None:
        return None
    if word in {"people", "persons"}:
        return "person"
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def content_words(name: str) -> frozenset[str]:
    return frozenset(w for w in _words(name) if w not in _STOPWORDS)


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    union = a | b
    return len(a & b) / len(union) if union else 0.0


_SURNAME_PARTICLES = _wordset("al el ad ar as ash at az ben bin ibn abu bint")


def _surname_forms(name_surname: str) -> set[str]:
    """ "al-assad" also answers to "assad"."""
    forms = {name_surname}
    prefix, dash, rest = name_surname.partition("-")
    if dash and rest and prefix in _SURNAME_PARTICLES:
        forms.add(rest)
    return forms


def speaker_name_matches(
    gold_name: str, gold_anonymous: bool | None, predicted: str, *, gold_type: str = "person"
) -> bool:
    """Does a predicted speaker name refer to the gold speaker? Surname for people, head noun
    for anonymous descriptions ("the official" and "an unnamed former NATO official"), either
    for organisations and publications ("the department", "the Department of Water")."""
    if not predicted or not gold_name:
        return False
    # "the aide" may speak for "one of the aides": number is not what the rule is about.
    gold_head = _singular(head_noun(gold_name))
    same_head = gold_head is not None and gold_head == _singular(head_noun(predicted))
    if gold_anonymous:
        return same_head
    if gold_type in {"organization", "publication"}:
        # Organisations have no surname; their short forms drop words, not add them
        # ("Tsubame" for Tsubame Rail Systems, "the ministry" for the transport ministry).
        gold_words, predicted_words = content_words(gold_name), content_words(predicted)
        if same_head or (predicted_words and predicted_words <= gold_words):
            return True
    gold_surname = surname(gold_name)
    if gold_surname is None:
        return False
    predicted_words = set(_words(_first_clause(predicted)))
    return bool(_surname_forms(gold_surname) & predicted_words)


def speaker_is_right(
    gold: GoldQuote, speaker: Mapping[str, Any] | None, *, gold_type: str = "person"
) -> bool:
    """CONTRACT.md: right when the predicted mention overlaps the annotated one, or the
    predicted name shares the annotated person's surname (head noun for anonymous speakers)."""
    if not speaker or gold.speaker is None:
        return False
    start, end = speaker.get("start"), speaker.get("end")
    if (
        gold.mention_start is not None
        and gold.mention_end is not None
        and isinstance(start, int)
        and isinstance(end, int)
        and _overlaps(start, end, gold.mention_start, gold.mention_end)
    ):
        return True
    return speaker_name_matches(
        gold.speaker, gold.speaker_anonymous, speaker.get("name") or "", gold_type=gold_type
    )


def _named_source_score(gold: GoldSource, predicted_name: str) -> float:
    """0 when the predicted source is not the gold one, else a preference score."""
    gold_words, predicted_words = content_words(gold.name), content_words(predicted_name)
    if gold_words and gold_words == predicted_words:
        return 1.0
    if gold.type == "person":
        return (
            0.5 + 0.5 * _jaccard(gold_words, predicted_words)
            if speaker_name_matches(gold.name, False, predicted_name, gold_type=gold.type)
            else 0.0
        )
    overlap = _jaccard(gold_words, predicted_words)
    return overlap if overlap >= 0.5 else 0.0


def _anonymous_source_score(gold_name: str, predicted_name: str) -> float:
    overlap = _jaccard(content_words(gold_name), content_words(predicted_name))
    same_head = head_noun(gold_name) is not None and head_noun(gold_name) == head_noun(
        predicted_name
    )
    if same_head:
        return 0.5 + 0.5 * overlap
    return overlap if overlap >= 0.5 else 0.0


# --------------------------------------------------------------------------------------------
# Scores


def _ratio(numerator: int, denominator: int) -> float | None:
    return numerator / denominator if denominator else None


@dataclass(frozen=True)
class Counts:
    """Raw counts for one article or, added up, a corpus (so every ratio is micro-averaged)."""

    articles: int = 0
    gold_quotes: int = 0  # not counting scare quotes
    predicted_quotes: int = 0  # not counting scare quotes
    matched_quotes: int = 0  # overlap >= 0.8, one-to-one
    exact_quotes: int = 0  # identical spans, one-to-one
    speaker_total: int = 0  # matched gold quotes that have a gold speaker
    speaker_correct: int = 0
    speaker_flag_total: int = 0  # ... whose gold says whether the speaker is anonymous
    speaker_flag_correct: int = 0
    kind_total: int = 0
    kind_correct: int = 0
    link_total: int = 0  # matched gold quotes that continue an earlier one (part_of)
    link_correct: int = 0
    link_spurious: int = 0  # matched quotes linked by the prediction but not in the gold
    gold_scare: int = 0
    scare_found: int = 0
    predicted_scare: int = 0
    anonymous_sources_gold: int = 0
    anonymous_sources_found: int = 0
    named_sources_gold: int = 0
    named_sources_predicted: int = 0
    named_sources_matched: int = 0
    source_type_total: int = 0  # matched sources (named and anonymous)
    source_type_correct: int = 0
    claims_gold: int = 0
    claims_found: int = 0
    claim_source_total: int = 0
    claim_source_correct: int = 0

    def __add__(self, other: Counts) -> Counts:
        if not isinstance(other, Counts):
            return NotImplemented
        return Counts(
            **{f.name: getattr(self, f.name) + getattr(other, f.name) for f in fields(self)}
        )

    @property
    def quote_precision(self) -> float | None:
        return _ratio(self.matched_quotes, self.predicted_quotes)

    @property
    def quote_recall(self) -> float | None:
        return _ratio(self.matched_quotes, self.gold_quotes)

    @property
    def quote_f1(self) -> float | None:
        return _ratio(2 * self.matched_quotes, self.gold_quotes + self.predicted_quotes)

    @property
    def exact_precision(self) -> float | None:
        return _ratio(self.exact_quotes, self.predicted_quotes)

    @property
    def exact_recall(self) -> float | None:
        return _ratio(self.exact_quotes, self.gold_quotes)

    @property
    def exact_f1(self) -> float | None:
        return _ratio(2 * self.exact_quotes, self.gold_quotes + self.predicted_quotes)

    @property
    def speaker_accuracy(self) -> float | None:
        return _ratio(self.speaker_correct, self.speaker_total)

    @property
    def speaker_flag_accuracy(self) -> float | None:
        return _ratio(self.speaker_flag_correct, self.speaker_flag_total)

    @property
    def kind_accuracy(self) -> float | None:
        return _ratio(self.kind_correct, self.kind_total)

    @property
    def link_accuracy(self) -> float | None:
        return _ratio(self.link_correct, self.link_total)

    @property
    def scare_recall(self) -> float | None:
        return _ratio(self.scare_found, self.gold_scare)

    @property
    def anonymous_source_recall(self) -> float | None:
        return _ratio(self.anonymous_sources_found, self.anonymous_sources_gold)

    @property
    def named_source_recall(self) -> float | None:
        return _ratio(self.named_sources_matched, self.named_sources_gold)

    @property
    def named_source_precision(self) -> float | None:
        return _ratio(self.named_sources_matched, self.named_sources_predicted)

    @property
    def source_type_accuracy(self) -> float | None:
        return _ratio(self.source_type_correct, self.source_type_total)

    @property
    def claim_recall(self) -> float | None:
        return _ratio(self.claims_found, self.claims_gold)

    @property
    def claim_source_accuracy(self) -> float | None:
        return _ratio(self.claim_source_correct, self.claim_source_total)

    METRICS: ClassVar[tuple[str, ...]] = (
        "quote_precision",
        "quote_recall",
        "quote_f1",
        "exact_precision",
        "exact_recall",
        "exact_f1",
        "speaker_accuracy",
        "speaker_flag_accuracy",
        "kind_accuracy",
        "link_accuracy",
        "scare_recall",
        "anonymous_source_recall",
        "named_source_recall",
        "named_source_precision",
        "source_type_accuracy",
        "claim_recall",
        "claim_source_accuracy",
    )

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {f.name: getattr(self, f.name) for f in fields(self)}
        for metric in self.METRICS:
            value = getattr(self, metric)
            data[metric] = None if value is None else round(value, 4)
        return data


@dataclass(frozen=True)
class Mistake:
    """One thing the prediction got wrong, for tuning: where, what the gold says, what came out."""

    kind: str  # missed_quote, spurious_quote, wrong_speaker, wrong_kind, wrong_link, ...
    start: int | None
    end: int | None
    text: str
    gold: str | None = None
    predicted: str | None = None
    note: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "gold": self.gold,
            "predicted": self.predicted,
            "note": self.note,
        }


@dataclass(frozen=True)
class ArticleScore:
    name: str
    counts: Counts
    mistakes: tuple[Mistake, ...] = field(default=())


def span_jaccard(a_start: int, a_end: int, b_start: int, b_end: int) -> float:
    """Intersection over union of two character spans."""
    intersection = max(0, min(a_end, b_end) - max(a_start, b_start))
    union = (a_end - a_start) + (b_end - b_start) - intersection
    if union <= 0:
        return 1.0 if (a_start, a_end) == (b_start, b_end) else 0.0
    return intersection / union


def match_spans(
    gold: Sequence[tuple[int, int]],
    predicted: Sequence[tuple[int, int]],
    threshold: float = MATCH_THRESHOLD,
) -> dict[int, int]:
    """One-to-one matching, best overlap first: {gold index: predicted index}.

    ``threshold`` 1.0 asks for identical spans.
    """
    candidates = []
    for g, (g_start, g_end) in enumerate(gold):
        for p, (p_start, p_end) in enumerate(predicted):
            overlap = span_jaccard(g_start, g_end, p_start, p_end)
            if overlap >= threshold:
                candidates.append((-overlap, g, p))
    candidates.sort()
    pairs: dict[int, int] = {}
    used: set[int] = set()
    for _, g, p in candidates:
        if g not in pairs and p not in used:
            pairs[g] = p
            used.add(p)
    return pairs


def _match_by_score(gold_count: int, predicted_count: int, score: Any) -> dict[int, int]:
    """One-to-one matching of items by a score function (0 = no match), best first."""
    candidates = []
    for g in range(gold_count):
        for p in range(predicted_count):
            value = score(g, p)
            if value > 0:
                candidates.append((-value, g, p))
    candidates.sort()
    pairs: dict[int, int] = {}
    used: set[int] = set()
    for _, g, p in candidates:
        if g not in pairs and p not in used:
            pairs[g] = p
            used.add(p)
    return pairs


def _as_dict(analysis: Any) -> Mapping[str, Any]:
    return analysis.to_dict() if hasattr(analysis, "to_dict") else analysis


def _speaker_text(speaker: Mapping[str, Any] | None, text: str | None) -> str:
    if not speaker:
        return "—"
    name = speaker.get("name") or "?"
    start, end = speaker.get("start"), speaker.get("end")
    if text is not None and isinstance(start, int) and isinstance(end, int):
        mention = text[start:end]
        if mention and mention != name:
            return f"{name} (mention “{mention}” at {start})"
        return f"{name} (at {start})"
    return name


def _gold_speaker_text(quote: GoldQuote) -> str:
    if quote.speaker is None:
        return "—"
    if quote.mention and quote.mention != quote.speaker:
        where = f" at {quote.mention_start}" if quote.mention_start is not None else ""
        return f"{quote.speaker} (mention “{quote.mention}”{where})"
    return quote.speaker


def _overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return max(a_start, b_start) < min(a_end, b_end)


def score_article(gold: GoldArticle, analysis: Any, text: str | None = None) -> ArticleScore:
    """Score one article's analysis (an ``Analysis`` or its ``to_dict()``) against its gold."""
    data = _as_dict(analysis)
    predicted_all = list(data.get("quotes", []))
    mistakes: list[Mistake] = []

    def excerpt(start: int, end: int, fallback: str = "") -> str:
        return text[start:end] if text is not None else fallback

    gold_quotes = [q for q in gold.quotes if q.kind != "scare"]
    gold_scare = [q for q in gold.quotes if q.kind == "scare"]
    predicted = [q for q in predicted_all if q.get("kind") != "scare"]
    predicted_scare = [q for q in predicted_all if q.get("kind") == "scare"]

    gold_spans = [(q.start, q.end) for q in gold_quotes]
    predicted_spans = [(q["start"], q["end"]) for q in predicted]
    pairs = match_spans(gold_spans, predicted_spans)
    exact_pairs = match_spans(gold_spans, predicted_spans, threshold=1.0)

    def nearest(start: int, end: int, quotes: Sequence[Mapping[str, Any]]) -> str | None:
        best = max(
            quotes,
            key=lambda q: span_jaccard(start, end, q["start"], q["end"]),
            default=None,
        )
        if best is None:
            return None
        overlap = span_jaccard(start, end, best["start"], best["end"])
        if overlap <= 0:
            return None
        return f"{best.get('kind')} [{best['start']}:{best['end']}] overlap {overlap:.2f}"

    for g, quote in enumerate(gold_quotes):
        if g not in pairs:
            near = nearest(quote.start, quote.end, predicted_all)
            mistakes.append(
                Mistake(
                    "missed_quote",
                    quote.start,
                    quote.end,
                    quote.text,
                    gold=f"{quote.kind}, {_gold_speaker_text(quote)}",
                    predicted=near,
                )
            )
    matched_predictions = set(pairs.values())
    gold_scare_spans = [(q.start, q.end) for q in gold_scare]
    for p, quote in enumerate(predicted):
        if p in matched_predictions:
            continue
        is_gold_scare = any(
            span_jaccard(s, e, quote["start"], quote["end"]) >= MATCH_THRESHOLD
            for s, e in gold_scare_spans
        )
        mistakes.append(
            Mistake(
                "spurious_quote",
                quote["start"],
                quote["end"],
                quote.get("text") or excerpt(quote["start"], quote["end"]),
                gold="scare" if is_gold_scare else None,
                predicted=f"{quote.get('kind')}, {_speaker_text(quote.get('speaker'), text)}",
                note="the gold has it as a scare quote" if is_gold_scare else None,
            )
        )

    # Speakers, kinds and links on matched quotes.
    speaker_total = speaker_correct = flag_total = flag_correct = 0
    kind_total = kind_correct = link_total = link_correct = link_spurious = 0
    gold_by_position = {q.position: q for q in gold.quotes}
    source_types = {s.name: s.type for s in gold.sources}
    predicted_index_by_id = {q.get("id"): i for i, q in enumerate(predicted)}
    gold_index_of_prediction = {p: g for g, p in pairs.items()}

    def chain_root(quote: GoldQuote) -> int:
        seen = set()
        while quote.part_of is not None and quote.part_of in gold_by_position:
            if quote.position in seen:
                break
            seen.add(quote.position)
            quote = gold_by_position[quote.part_of]
        return quote.position

    for g, p in sorted(pairs.items()):
        gold_quote, guess = gold_quotes[g], predicted[p]
        speaker = guess.get("speaker") or None
        if gold_quote.speaker is not None:
            speaker_total += 1
            right = speaker_is_right(
                gold_quote, speaker, gold_type=source_types.get(gold_quote.speaker, "person")
            )
            if right:
                speaker_correct += 1
            else:
                mistakes.append(
                    Mistake(
                        "wrong_speaker",
                        gold_quote.start,
                        gold_quote.end,
                        gold_quote.text,
                        gold=_gold_speaker_text(gold_quote),
                        predicted=_speaker_text(speaker, text),
                    )
                )
            if gold_quote.speaker_anonymous is not None:
                flag_total += 1
                if speaker and bool(speaker.get("anonymous")) == gold_quote.speaker_anonymous:
                    flag_correct += 1
                elif right:
                    mistakes.append(
                        Mistake(
                            "wrong_anonymous_flag",
                            gold_quote.start,
                            gold_quote.end,
                            gold_quote.text,
                            gold=f"anonymous={gold_quote.speaker_anonymous}",
                            predicted=f"anonymous={bool(speaker and speaker.get('anonymous'))}",
                        )
                    )
        kind_total += 1
        if guess.get("kind") == gold_quote.kind:
            kind_correct += 1
        else:
            mistakes.append(
                Mistake(
                    "wrong_kind",
                    gold_quote.start,
                    gold_quote.end,
                    gold_quote.text,
                    gold=gold_quote.kind,
                    predicted=str(guess.get("kind")),
                )
            )
        predicted_link = guess.get("part_of")
        if gold_quote.part_of is not None:
            link_total += 1
            target = predicted_index_by_id.get(predicted_link)
            linked_gold = gold_index_of_prediction.get(target) if target is not None else None
            ok = (
                linked_gold is not None
                and gold_quotes[linked_gold].position < gold_quote.position
                and chain_root(gold_quotes[linked_gold]) == chain_root(gold_quote)
            )
            if ok:
                link_correct += 1
            else:
                first = gold_by_position.get(gold_quote.part_of)
                mistakes.append(
                    Mistake(
                        "wrong_link",
                        gold_quote.start,
                        gold_quote.end,
                        gold_quote.text,
                        gold=f"continues “{first.text[:40]}” [{first.start}:{first.end}]"
                        if first
                        else f"part_of {gold_quote.part_of}",
                        predicted=f"part_of {predicted_link}",
                    )
                )
        elif predicted_link is not None:
            link_spurious += 1
            mistakes.append(
                Mistake(
                    "spurious_link",
                    gold_quote.start,
                    gold_quote.end,
                    gold_quote.text,
                    gold="not a continuation",
                    predicted=f"part_of {predicted_link}",
                )
            )

    # Scare quotes: their own detection count.
    scare_pairs = match_spans(gold_scare_spans, [(q["start"], q["end"]) for q in predicted_scare])
    for g, quote in enumerate(gold_scare):
        if g not in scare_pairs:
            mistakes.append(
                Mistake(
                    "missed_scare",
                    quote.start,
                    quote.end,
                    quote.text,
                    gold="scare",
                    predicted=nearest(quote.start, quote.end, predicted_all),
                )
            )

    # Sources.
    predicted_sources = list(data.get("sources", []))
    gold_anonymous = [s for s in gold.sources if s.anonymous]
    gold_named = [s for s in gold.sources if not s.anonymous]
    predicted_anonymous = [s for s in predicted_sources if s.get("anonymous")]
    predicted_named = [s for s in predicted_sources if not s.get("anonymous")]
    anonymous_pairs = _match_by_score(
        len(gold_anonymous),
        len(predicted_anonymous),
        lambda g, p: _anonymous_source_score(
            gold_anonymous[g].name, predicted_anonymous[p].get("name") or ""
        ),
    )
    named_pairs = _match_by_score(
        len(gold_named),
        len(predicted_named),
        lambda g, p: _named_source_score(gold_named[g], predicted_named[p].get("name") or ""),
    )
    type_total = type_correct = 0
    for gold_list, predicted_list, source_pairs in (
        (gold_anonymous, predicted_anonymous, anonymous_pairs),
        (gold_named, predicted_named, named_pairs),
    ):
        for g, p in source_pairs.items():
            type_total += 1
            if predicted_list[p].get("type") == gold_list[g].type:
                type_correct += 1
            else:
                mistakes.append(
                    Mistake(
                        "wrong_source_type",
                        None,
                        None,
                        gold_list[g].name,
                        gold=gold_list[g].type,
                        predicted=str(predicted_list[p].get("type")),
                    )
                )
    for g, source in enumerate(gold_anonymous):
        if g not in anonymous_pairs:
            mistakes.append(
                Mistake("missed_anonymous_source", None, None, source.name, gold=source.type)
            )
    for g, source in enumerate(gold_named):
        if g not in named_pairs:
            mistakes.append(
                Mistake("missed_named_source", None, None, source.name, gold=source.type)
            )
    matched_named = set(named_pairs.values())
    for p, source in enumerate(predicted_named):
        if p not in matched_named:
            mistakes.append(
                Mistake(
                    "spurious_named_source",
                    None,
                    None,
                    source.get("name") or "",
                    predicted=str(source.get("type")),
                )
            )

    # Claims (indirect attributions).
    predicted_claims = list(data.get("claims", []))

    def claim_source_right(claim: GoldClaim, guess: Mapping[str, Any]) -> bool:
        name = (guess.get("source") or {}).get("name") or ""
        candidates = [(claim.source, claim.source_anonymous)]
        candidates += [(other, True) for other in claim.other_sources]
        return any(
            speaker_name_matches(n, anon, name, gold_type=source_types.get(n, "person"))
            for n, anon in candidates
            if n
        )

    def claim_score(g: int, p: int) -> float:
        claim, guess = gold.claims[g], predicted_claims[p]
        g_start, g_end = claim.start, claim.end
        p_start, p_end = guess.get("start"), guess.get("end")
        if g_start is not None and g_end is not None:
            if not (isinstance(p_start, int) and isinstance(p_end, int)):
                return 0.0
            overlap = span_jaccard(g_start, g_end, p_start, p_end)
            return overlap if overlap > 0 else 0.0
        if g_start is not None:
            if not (isinstance(p_start, int) and isinstance(p_end, int)):
                return 0.0
            if p_start - 5 <= g_start < max(p_end, p_start + 6):
                return 1.0 if claim_source_right(claim, guess) else 0.5
            return 0.0
        # No span in the gold: only the source can tell which claim it is.
        return 1.0 if claim_source_right(claim, guess) else 0.0

    claim_pairs = _match_by_score(len(gold.claims), len(predicted_claims), claim_score)
    claim_source_total = claim_source_correct = 0
    for g, claim in enumerate(gold.claims):
        where = (claim.start, claim.end)
        label = claim.text or (
            excerpt(claim.start, claim.start + 60)
            if claim.start is not None and text is not None
            else f"(a claim credited to {claim.source})"
        )
        if g not in claim_pairs:
            mistakes.append(
                Mistake("missed_claim", *where, label, gold=claim.source, predicted=None)
            )
            continue
        guess = predicted_claims[claim_pairs[g]]
        claim_source_total += 1
        if claim_source_right(claim, guess):
            claim_source_correct += 1
        else:
            mistakes.append(
                Mistake(
                    "wrong_claim_source",
                    *where,
                    label,
                    gold=claim.source,
                    predicted=(guess.get("source") or {}).get("name"),
                )
            )

    counts = Counts(
        articles=1,
        gold_quotes=len(gold_quotes),
        predicted_quotes=len(predicted),
        matched_quotes=len(pairs),
        exact_quotes=len(exact_pairs),
        speaker_total=speaker_total,
        speaker_correct=speaker_correct,
        speaker_flag_total=flag_total,
        speaker_flag_correct=flag_correct,
        kind_total=kind_total,
        kind_correct=kind_correct,
        link_total=link_total,
        link_correct=link_correct,
        link_spurious=link_spurious,
        gold_scare=len(gold_scare),
        scare_found=len(scare_pairs),
        predicted_scare=len(predicted_scare),
        anonymous_sources_gold=len(gold_anonymous),
        anonymous_sources_found=len(anonymous_pairs),
        named_sources_gold=len(gold_named),
        named_sources_predicted=len(predicted_named),
        named_sources_matched=len(named_pairs),
        source_type_total=type_total,
        source_type_correct=type_correct,
        claims_gold=len(gold.claims),
        claims_found=len(claim_pairs),
        claim_source_total=claim_source_total,
        claim_source_correct=claim_source_correct,
    )
    mistakes.sort(key=lambda m: (m.start is None, m.start or 0, m.kind))
    return ArticleScore(name=gold.name, counts=counts, mistakes=tuple(mistakes))


def total(scores: Iterable[ArticleScore | Counts]) -> Counts:
    """Micro-averaged totals: the counts of every article added up."""
    result = Counts()
    for score in scores:
        result = result + (score.counts if isinstance(score, ArticleScore) else score)
    return result
