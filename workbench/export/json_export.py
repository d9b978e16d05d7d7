"""The whole review log as JSON: article, quotes, sources, primary sources, links, audit chain.

Each article carries its audit record under ``"audit"`` (``services.audit_record``: the chain of
events with their hashes, the quotes' state and the article text), which is what
``workbench audit verify --file EXPORT.json`` checks, without the database. The other sections
are the same snapshot laid out for reading; a quote's ``history`` lists the ``seq`` of its
events in ``audit.events``. Primary sources are listed with their SHA-256, not their full text;
each link carries its passage.
"""

from __future__ import annotations

import json
from typing import Any

from workbench import __version__
from workbench.export.model import ArticleReport, ExportSet, QuoteView, Segment
from workbench.vocabulary import STATUS_ORDER

EXPORT_FORMAT = "workbench-export/1"


def _segments(segments: tuple[Segment, ...]) -> list[dict[str, str]]:
    return [{"kind": s.kind, "text": s.text} for s in segments]


def quote_entry(view: QuoteView) -> dict[str, Any]:
    entry = view.quote.to_dict()
    if entry["speaker"] is not None:
        entry["speaker"]["type"] = view.speaker_type
    entry["links"] = [
        {
            **link.link.to_dict(),
            "source_title": link.document.title if link.document else None,
            "source_origin": link.document.origin if link.document else None,
            "source_url": link.source_url,
            "source_sha256": link.document.sha256 if link.document else None,
            "passage": link.passage,
            "differences": _segments(link.segments),
        }
        for link in view.links
    ]
    entry["history"] = [event.seq for event in view.history]
    return entry


def article_entry(report: ArticleReport) -> dict[str, Any]:
    article = report.article
    return {
        "article": {
            "id": article.id,
            "title": article.title,
            "author": article.author,
            "published": article.published,
            "outlet": article.outlet,
            "origin": article.origin,
            "final_url": article.final_url,
            "media_type": article.media_type,
            "text_length": len(article.text),
            "content_sha256": article.content_sha256,
            "imported_at": article.imported_at,
            "imported_by": article.imported_by,
            "chain_head": article.chain_head,
            "event_count": article.event_count,
        },
        "summary": {
            "quotes": report.quote_total,
            "reviewed": report.reviewed_total,
            "rejected": len(report.rejected),
            "statuses": {str(s): report.status_counts.get(s, 0) for s in STATUS_ORDER},
        },
        "quotes": [quote_entry(view) for view in report.quotes],
        "rejected_quotes": [q.to_dict() for q in report.rejected],
        "sources": [
            {
                "id": s.id,
                "name": s.name,
                "type": s.type,
                "anonymous": s.anonymous,
                "mentions": [list(m) for m in s.mentions],
                "claim_count": s.claim_count,
                "person_id": s.person_id,
            }
            for s in report.sources
        ],
        "primary_sources": [d.to_dict() for d in report.documents],
        "audit": report.audit,
    }


def export_document(export: ExportSet) -> dict[str, Any]:
    head: dict[str, Any] = {
        "format": EXPORT_FORMAT,
        "generator": f"workbench {__version__}",
        "exported_at": export.exported_at,
        # The chain heads when exported: `workbench audit verify --anchor THIS.json` proves
        # the database still extends them.
        "anchor": export.anchor,
    }
    if export.whole_library:
        return {
            **head,
            "filters": export.filters.to_dict(),
            "articles": [article_entry(report) for report in export.articles],
        }
    return {**head, **article_entry(export.articles[0])}


def render_json(export: ExportSet) -> str:
    return json.dumps(export_document(export), ensure_ascii=False, indent=2) + "\n"
