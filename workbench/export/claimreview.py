"""Reviewed quotes as schema.org ClaimReview (JSON-LD), for fact-check aggregators.

One ClaimReview per reviewed quote (a quote still unverified or in review has no verdict to
publish). The mapping from status to ``reviewRating`` is documented in docs/claimreview.md.
The output is a JSON array; ``<``, ``>`` and ``&`` are written as ``\\u003c`` … so the text can be
pasted into a ``<script type="application/ld+json">`` element without closing it.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlsplit

from workbench.domain import Status
from workbench.export.model import ArticleReport, ExportSet, LinkView, QuoteView

SCHEMA = "https://schema.org"

# status → (alternateName, ratingValue on a 1–5 scale or None). Only finished reviews appear.
RATINGS: dict[Status, tuple[str, int | None, str]] = {
    Status.VERIFIED: ("Verified", 5, "The quote matches the primary source."),
    Status.MISQUOTED: ("Misquoted", 2, "The words differ from what the speaker said."),
    Status.MISATTRIBUTED: ("Misattributed", 1, "The words are not the named speaker's."),
    Status.UNVERIFIABLE: (
        "Unverifiable",
        None,
        "No primary source was available to check the quote against.",
    ),
}
BEST_RATING, WORST_RATING = 5, 1


def web_url(value: str | None) -> str | None:
    """An http(s) address, or None: a file path or any other scheme is never published."""
    if not value:
        return None
    try:
        parts = urlsplit(value.strip())
    except ValueError:
        return None
    if parts.scheme.lower() in ("http", "https") and parts.netloc:
        return value.strip()
    return None


def _speaker(view: QuoteView) -> dict[str, Any] | None:
    speaker = view.quote.speaker
    if speaker is None:
        return None
    if speaker.anonymous or view.speaker_type == "anonymous":
        # Never a made-up name: the article's own description of who spoke.
        return {"@type": "Person", "description": speaker.name}
    kind = "Organization" if view.speaker_type in ("organization", "publication") else "Person"
    author: dict[str, Any] = {"@type": kind, "name": speaker.name}
    if speaker.role:
        author["jobTitle" if kind == "Person" else "description"] = speaker.role
    return author


def _appearance(report: ArticleReport) -> dict[str, Any]:
    article = report.article
    work: dict[str, Any] = {"@type": "NewsArticle"}
    if article.title:
        work["headline"] = article.title
    url = web_url(article.origin)
    if url:
        work["url"] = url
    if article.published:
        work["datePublished"] = article.published
    if article.author:
        work["author"] = {"@type": "Person", "name": article.author}
    if article.outlet:
        work["publisher"] = {"@type": "Organization", "name": article.outlet}
    return work


def _citation(link: LinkView) -> dict[str, Any]:
    """The primary source a reviewed quote was checked against, its page when it has pages."""
    document = link.document
    work: dict[str, Any] = {"@type": "CreativeWork"}
    if document is not None and document.title:
        work["name"] = document.title
    url = web_url(link.source_url)
    if url:
        work["url"] = url
    if link.page_label:
        work["description"] = f"The passage quoted is on {link.page_label}."
    return work


def _author(view: QuoteView, organization: str | None) -> dict[str, Any]:
    if organization:
        return {"@type": "Organization", "name": organization}
    return {"@type": "Person", "name": view.quote.changed_by or "unknown reviewer"}


def claim_review(
    report: ArticleReport, view: QuoteView, *, organization: str | None
) -> dict[str, Any] | None:
    rating = RATINGS.get(view.quote.status)
    if rating is None:
        return None
    name, value, meaning = rating
    review_rating: dict[str, Any] = {"@type": "Rating", "alternateName": name, "name": name}
    if value is not None:
        review_rating.update(ratingValue=value, bestRating=BEST_RATING, worstRating=WORST_RATING)
    review_rating["ratingExplanation"] = view.quote.note or meaning
    claim: dict[str, Any] = {"@type": "Claim", "text": view.quote.text}
    author = _speaker(view)
    if author is not None:
        claim["author"] = author
    claim["appearance"] = _appearance(report)
    if report.article.published:
        claim["datePublished"] = report.article.published
    review: dict[str, Any] = {
        "@context": SCHEMA,
        "@type": "ClaimReview",
        "claimReviewed": view.quote.text,
        "itemReviewed": claim,
        "reviewRating": review_rating,
        "author": _author(view, organization),
    }
    if view.quote.changed_by and organization:
        review["creator"] = {"@type": "Person", "name": view.quote.changed_by}
    citations = [_citation(link) for link in view.links if link.document is not None]
    if citations:
        review["citation"] = citations
    if view.quote.changed_at:
        review["datePublished"] = view.quote.changed_at[:10]
    review["identifier"] = f"workbench:article/{report.article.id}/quote/{view.quote.id}"
    return review


def claim_reviews(export: ExportSet) -> list[dict[str, Any]]:
    reviews = []
    for report in export.articles:
        for view in report.quotes:
            review = claim_review(report, view, organization=export.organization)
            if review is not None:
                reviews.append(review)
    return reviews


def render_claimreview(export: ExportSet) -> str:
    text = json.dumps(claim_reviews(export), ensure_ascii=False, indent=2)
    # Safe inside an HTML <script> element: no tag or entity can be formed.
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return text + "\n"
