"""The whole review log as JSON: article, quotes, sources, primary sources, links, audit chain.

Each article carries its audit record under ``"audit"`` (``services.audit_record``: the chain of
events with their hashes, the quotes' state and the article text), which is what
``workbench audit verify --file EXPORT.json`` checks, without the database. The other sections
are the same snapshot laid out for reading; a quote's ``history`` lists the ``seq`` of its
events in ``audit.events``. Primary sources are listed with their SHA-256, not their full text;
each link carries its passage.
"""

from __future__ import annotations

import io
import json
from types import GeneratorType
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
            "page": link.page,  # the passage's page in a paged source (a PDF), else null
            "passage": link.passage,
            "differences": _segments(link.segments),
        }
        for link in view.links
    ]
    entry["page"] = view.page  # the quote's page in a paged article (a PDF), else null
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
            # As the audit record has them: null when the article has none.
            "page_starts": list(article.page_starts) or None,
            "notes": list(article.notes) or None,
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
        # Made one at a time as they are written: a 100,000-quote article's readable copy
        # never sits in memory beside its audit record.
        "quotes": (quote_entry(view) for view in report.quotes),
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


def render_json(export: ExportSet) -> bytes:
    """The document as UTF-8 bytes: indented down to one line per quote, event or source,
    each written by the C encoder, so a 100,000-quote article takes seconds, not minutes."""
    out = io.BytesIO()  # its getvalue() hands over the buffer: no second copy of the file
    _write(out, export_document(export), depth=0, expand_dicts=2)
    out.write(b"\n")
    return out.getvalue()


_END = object()
_compact = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": ")).encode


def _write(out: io.BytesIO, value: Any, *, depth: int, expand_dicts: int) -> None:
    """Dicts are laid out key by key above ``expand_dicts`` levels, lists item by item above
    four; anything deeper is one line. A library export's articles are laid out like one."""
    pad, inner = "  " * depth, "  " * (depth + 1)

    def put(text: str) -> None:
        out.write(text.encode("utf-8"))

    if isinstance(value, dict) and value and depth < expand_dicts:
        put("{\n")
        for position, (key, item) in enumerate(value.items()):
            put(f"{inner}{_compact(key)}: ")
            deeper = expand_dicts + 2 if depth == 0 and key == "articles" else expand_dicts
            _write(out, item, depth=depth + 1, expand_dicts=deeper)
            put(",\n" if position < len(value) - 1 else "\n")
        put(pad + "}")
    elif isinstance(value, list | GeneratorType) and depth < 4:
        items = iter(value)
        item = next(items, _END)
        if item is _END:
            put("[]")
            return
        put("[\n")
        while item is not _END:
            put(inner)
            _write(out, item, depth=depth + 1, expand_dicts=expand_dicts)
            item = next(items, _END)
            put(",\n" if item is not _END else "\n")
        put(pad + "]")
    else:
        put(_compact(value))
