"""Long articles of our own for the window's scale tests: text and its analysis, made by rule.

A fictional ferry-timetable inquiry in Lowmarsh: every paragraph quotes one of a few made-up
people, padded with reporting, so the article can be as long as a test needs without running
the extractor (stored with ``services.import_article``) or with it (written to a file).
"""

from __future__ import annotations

from workbench.domain import (
    Analysis,
    Article,
    Cue,
    DetectedQuote,
    DetectedSource,
    QuoteKind,
    SourceType,
    SpeakerRef,
)

SPEAKERS = ("Orla Penhallow", "Teodor Maskell", "Wren Abernathy", "Ysolde Carrick")
PADDING = (
    "The timetable committee met again on the quay, where the winter crossings were argued "
    "over for an hour before anyone mentioned the cost of the second boat. "
)


def long_text(quotes: int, padding: int = 2) -> str:
    """Plain paragraphs, one quotation each, for a file the extractor reads."""
    return "\n\n".join(paragraph(i, padding) for i in range(quotes)) + "\n"


def paragraph(i: int, padding: int = 2) -> str:
    said = f"Crossing {i + 1} has to run before dawn or the school boat misses the tide"
    return f"“{said},” said {SPEAKERS[i % len(SPEAKERS)]}. " + PADDING * padding


def long_article(quotes: int, padding: int = 2, title: str = "Lowmarsh ferry timetable"):
    """(Article, Analysis): the text of ``long_text`` with its quotes and speakers located."""
    parts: list[str] = []
    detected: list[DetectedQuote] = []
    mentions: dict[str, list[tuple[int, int]]] = {name: [] for name in SPEAKERS}
    offset = 0
    for i in range(quotes):
        text = paragraph(i, padding)
        words_end = text.index("”") - 1  # the comma closes the words, inside the marks
        name = SPEAKERS[i % len(SPEAKERS)]
        name_start = offset + text.index(name)
        cue_start = offset + text.index("said")
        speaker = SpeakerRef(name, name_start, name_start + len(name))
        detected.append(
            DetectedQuote(
                id=i + 1,
                start=offset + 1,
                end=offset + words_end,
                text=text[1:words_end],
                kind=QuoteKind.DIRECT,
                speaker=speaker,
                cue=Cue("said", cue_start, cue_start + 4),
                confidence=0.9,
            )
        )
        mentions[name].append((speaker.start, speaker.end))
        parts.append(text)
        offset += len(text) + 2
    body = "\n\n".join(parts) + "\n"
    sources = tuple(
        DetectedSource(
            name=name,
            type=SourceType.PERSON,
            anonymous=False,
            mentions=tuple(spans),
            quote_ids=tuple(q.id for q in detected if q.speaker and q.speaker.name == name),
        )
        for name, spans in mentions.items()
    )
    article = Article(text=body, title=title, origin=f"test://{title}/{quotes}")
    return article, Analysis(text_length=len(body), quotes=tuple(detected), sources=sources)
