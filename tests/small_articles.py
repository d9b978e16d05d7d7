"""Small articles with known quotes, for the tests of the review record (no engine needed)."""

from __future__ import annotations

from workbench.domain import Analysis, Article, Cue, DetectedQuote, QuoteKind, SpeakerRef


def make_article(
    quotes: list[tuple[str, str | None]], *, title: str = "Council votes"
) -> tuple[Article, Analysis]:
    """An article of one paragraph per quote (“…,” said Speaker.) and the analysis of it."""
    parts: list[str] = [f"{title}\n\n"]
    detected: list[DetectedQuote] = []
    offset = len(parts[0])
    for number, (words, speaker) in enumerate(quotes, start=1):
        start = offset + 1
        end = start + len(words)
        paragraph = f"“{words}”"
        speaker_ref = cue = None
        if speaker:
            cue_start = offset + len(paragraph) + 1
            cue = Cue(text="said", start=cue_start, end=cue_start + 4)
            name_start = cue_start + 5
            speaker_ref = SpeakerRef(name=speaker, start=name_start, end=name_start + len(speaker))
            paragraph += f" said {speaker}."
        paragraph += "\n\n"
        parts.append(paragraph)
        offset += len(paragraph)
        detected.append(
            DetectedQuote(
                id=number,
                start=start,
                end=end,
                text=words,
                kind=QuoteKind.DIRECT if speaker else QuoteKind.SCARE,
                speaker=speaker_ref,
                cue=cue,
                confidence=0.9,
            )
        )
    text = "".join(parts)
    for quote in detected:
        assert text[quote.start : quote.end] == quote.text
    article = Article(text=text, title=title, origin="test://council")
    return article, Analysis(text_length=len(text), quotes=tuple(detected))


THREE_QUOTES = [
    ("We will not raise the harbour levy this year", "Mara Quill"),
    ("The figures simply do not add up", "Tobias Renn"),
    ("Nobody asked the fishermen", "Mara Quill"),
]
