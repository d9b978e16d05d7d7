"""The review as a spreadsheet: one row per quote, every cell safe to open in Excel or Calc.

A cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is a formula to a
spreadsheet (OWASP "CSV injection"); such cells get a leading apostrophe, which spreadsheets
show as text and do not evaluate. Every field is quoted.
"""

from __future__ import annotations

import csv
import io

from workbench.export.model import ExportSet, LinkView, QuoteView

COLUMNS = (
    "article_id",
    "article",
    "quote_id",
    "quote_number",
    "quote",
    "article_page",
    "speaker",
    "anonymous",
    "kind",
    "status",
    "reviewer",
    "changed_at",
    "note",
    "source_title",
    "source_url",
    "source_sha256",
    "source_page",
    "passage",
    "score",
    "verdict",
)

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
LINK_SEPARATOR = "\n"  # a quote linked to two passages: one line per link within the cell


def neutralise(value: object) -> str:
    """The cell as text that no spreadsheet evaluates."""
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def _links(view: QuoteView, pick) -> str:
    return LINK_SEPARATOR.join(str(pick(link)) for link in view.links)


def quote_row(title: str, article_id: int, view: QuoteView) -> dict[str, str]:
    quote = view.quote
    speaker = quote.speaker

    def title_of(link: LinkView) -> str:
        return (link.document.title or "") if link.document else ""

    def origin_of(link: LinkView) -> str:
        return link.source_url

    def sha_of(link: LinkView) -> str:
        return link.document.sha256 if link.document else ""

    def score_of(link: LinkView) -> str:
        return "" if link.link.score is None else f"{link.link.score:.1f}"

    row = {
        "article_id": article_id,
        "article": title,
        "quote_id": quote.id,
        "quote_number": quote.number,
        "quote": quote.text,
        "article_page": f"p. {view.page}" if view.page is not None else "",
        "speaker": speaker.name if speaker else "",
        "anonymous": ("yes" if speaker.anonymous else "no") if speaker else "",
        "kind": quote.kind,
        "status": str(quote.status),
        "reviewer": quote.changed_by or "",
        "changed_at": quote.changed_at or "",
        "note": quote.note or "",
        "source_title": _links(view, title_of),
        "source_url": _links(view, origin_of),
        "source_sha256": _links(view, sha_of),
        "source_page": _links(view, lambda link: link.page_label or ""),
        "passage": _links(view, lambda link: link.passage),
        "score": _links(view, score_of),
        "verdict": _links(view, lambda link: link.link.verdict or ""),
    }
    return {key: neutralise(value) for key, value in row.items()}


def render_csv(export: ExportSet) -> str:
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(
        buffer, fieldnames=COLUMNS, quoting=csv.QUOTE_ALL, lineterminator="\r\n"
    )
    writer.writeheader()
    for report in export.articles:
        title = report.article.title or report.article.origin or f"Article {report.article.id}"
        for view in report.quotes:
            writer.writerow(quote_row(title, report.article.id, view))
    return buffer.getvalue()
