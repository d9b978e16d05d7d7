"""Exports of the review: CSV, JSON (with the audit chain), HTML and PDF reports, ClaimReview.

    data = export_article(db, article_id, "pdf")          # bytes, ready for a file
    html = render_html_report(db, article_id)             # str, for a preview pane
    write_export("report.pdf", data, overwrite=False)     # atomic; TargetExists if present

No Qt here: the command line and the window both call these.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from workbench.domain import Status
from workbench.errors import UserError
from workbench.export.files import TargetExists, check_target, write_atomically
from workbench.export.model import (
    ArticleReport,
    ExportFilters,
    ExportSet,
    library_article_ids,
    parse_date,
    read_export,
)
from workbench.storage.db import Database

__all__ = [
    "BINARY_FORMATS",
    "FORMATS",
    "ArticleReport",
    "ExportFilters",
    "ExportSet",
    "TargetExists",
    "check_target",
    "export_article",
    "export_library",
    "file_suffix",
    "parse_date",
    "read_export",
    "render",
    "render_html_report",
    "write_export",
]

FORMATS = ("csv", "json", "html", "pdf", "claimreview")
BINARY_FORMATS = frozenset({"pdf"})
SUFFIXES = {
    "csv": ".csv",
    "json": ".json",
    "html": ".html",
    "pdf": ".pdf",
    "claimreview": ".jsonld",
}
MEDIA_TYPES = {
    "csv": "text/csv",
    "json": "application/json",
    "html": "text/html",
    "pdf": "application/pdf",
    "claimreview": "application/ld+json",
}


def check_format(fmt: str) -> str:
    name = fmt.strip().lower().replace("-", "")
    if name not in FORMATS:
        raise UserError(f"{fmt!r} is not an export format; use one of: {', '.join(FORMATS)}.")
    return name


def file_suffix(fmt: str) -> str:
    """The usual file name ending for a format (a save dialog's default)."""
    return SUFFIXES[check_format(fmt)]


def _renderer(fmt: str) -> Callable[[ExportSet], str | bytes]:
    fmt = check_format(fmt)
    if fmt == "csv":
        from workbench.export.csv_export import render_csv

        return render_csv
    if fmt == "json":
        from workbench.export.json_export import render_json

        return render_json
    if fmt == "html":
        from workbench.export.html_report import render_html

        return render_html
    if fmt == "pdf":
        from workbench.export.pdf_report import render_pdf

        return render_pdf
    from workbench.export.claimreview import render_claimreview

    return render_claimreview


def render(export: ExportSet, fmt: str) -> bytes:
    """The export in one format, as the bytes of its file (text formats in UTF-8)."""
    output = _renderer(fmt)(export)
    if isinstance(output, bytes):
        return output
    if check_format(fmt) == "csv":
        # A byte-order mark: Excel otherwise reads UTF-8 CSV as the local code page.
        return "\ufeff".encode() + output.encode("utf-8")
    return output.encode("utf-8")


def export_article(
    db: Database, article_id: int, fmt: str, *, organization: str | None = None
) -> bytes:
    """One article's review in ``fmt`` (csv, json, html, pdf, claimreview). Unknown id: UserError."""
    check_format(fmt)
    return render(read_export(db, [article_id], organization=organization), fmt)


def export_library(
    db: Database,
    fmt: str,
    *,
    statuses: Iterable[Status | str] = (),
    since: str | None = None,
    until: str | None = None,
    organization: str | None = None,
) -> bytes:
    """Every article (imported between ``since`` and ``until``, inclusive), in one file.

    ``statuses`` keeps only the quotes with one of those statuses, and only the articles that
    have one; the JSON still carries each article's whole audit record.
    """
    check_format(fmt)
    return render(
        library_export(db, statuses=statuses, since=since, until=until, organization=organization),
        fmt,
    )


def library_export(
    db: Database,
    *,
    statuses: Iterable[Status | str] = (),
    since: str | None = None,
    until: str | None = None,
    organization: str | None = None,
) -> ExportSet:
    from workbench.services import parse_status

    filters = ExportFilters(
        statuses=frozenset(s if isinstance(s, Status) else parse_status(s) for s in statuses),
        since=parse_date(since, "--since") if since else None,
        until=parse_date(until, "--until") if until else None,
    )
    if filters.since and filters.until and filters.since > filters.until:
        raise UserError(
            f"--since {filters.since} is after --until {filters.until}; nothing could match."
        )
    ids = library_article_ids(db, filters)
    return read_export(db, ids, whole_library=True, filters=filters, organization=organization)


def render_html_report(db: Database, article_id: int) -> str:
    """The HTML report of one article, for a preview (the same page the export writes)."""
    from workbench.export.html_report import render_html

    return render_html(read_export(db, [article_id]))


def write_export(path: str | Path, data: bytes, *, overwrite: bool = False) -> Path:
    """Write atomically; an existing file raises ``TargetExists`` unless ``overwrite``."""
    return write_atomically(path, data, overwrite=overwrite)
