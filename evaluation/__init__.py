"""The scorer that tests and benchmarks use: gold loaders, name matching, counts (not shipped).

It lives outside the `workbench` package so that the app bundle and the wheel never carry it,
and so that a change to the engine and a change to how the engine is judged are separate edits.
"""

from evaluation.counts import (
    MATCH_THRESHOLD,
    ArticleScore,
    Counts,
    Mistake,
    match_spans,
    span_jaccard,
    total,
)
from evaluation.gold import (
    QUOTE_KINDS,
    SOURCE_TYPES,
    GoldArticle,
    GoldClaim,
    GoldQuote,
    GoldSource,
    load_gold,
    parse_gold,
    read_article_text,
)
from evaluation.names import (
    content_words,
    head_noun,
    speaker_is_right,
    speaker_name_matches,
    surname,
)
from evaluation.scoring import score_article

__all__ = [
    "MATCH_THRESHOLD",
    "QUOTE_KINDS",
    "SOURCE_TYPES",
    "ArticleScore",
    "Counts",
    "GoldArticle",
    "GoldClaim",
    "GoldQuote",
    "GoldSource",
    "Mistake",
    "content_words",
    "head_noun",
    "load_gold",
    "match_spans",
    "parse_gold",
    "read_article_text",
    "score_article",
    "span_jaccard",
    "speaker_is_right",
    "speaker_name_matches",
    "surname",
    "total",
]
