"""Gold annotations: the corpus shape of tests/corpus/README.md and the shared sample's shape.

Two gold shapes load: the corpus format (with mention offsets), and the shared sample's
(``indirect_attributions``, ``speaker_mention`` without offsets), where speakers can only be
judged by name.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

QUOTE_KINDS = frozenset({"direct", "partial", "scare"})
SOURCE_TYPES = frozenset({"person", "organization", "publication", "anonymous"})


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
