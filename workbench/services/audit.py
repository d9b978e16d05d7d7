"""The audit trail: an article's events, its portable audit record, and verifying the chains."""

from __future__ import annotations

from typing import Any

from workbench.errors import UserError
from workbench.storage import audit, repo
from workbench.storage.db import Database
from workbench.storage.records import (
    ReviewEventRecord,
)


def list_events(db: Database, *, article_id: int) -> list[ReviewEventRecord]:
    with db.read() as session:
        repo.get_article_row(session, article_id=article_id)
        return repo.list_events(session, article_id=article_id)


def audit_record(db: Database, *, article_id: int) -> dict[str, Any]:
    """One article's audit chain and current state as JSON-ready data, verifiable alone."""
    with db.read() as session:
        state = repo.article_state(session, article_id=article_id)
        events = repo.chain_events(session, article_id=article_id)
        text = repo.get_article_row(session, article_id=article_id).text
        return audit.record_of(state, events, text=text)


def verify_audit_file(path: str) -> audit.AuditReport:
    """Check the audit records in an exported JSON file, without any database."""
    import json
    from pathlib import Path

    try:
        document = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as error:
        raise UserError(f"Cannot read {path}: {error.strerror}.") from error
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise UserError(f"{path} is not a JSON file ({error}).") from error
    records = audit.records_in(document)
    if not records:
        raise UserError(
            f"{path} holds no audit record (an export made with --format json has one)."
        )
    report = audit.AuditReport()
    for record in records:
        report.articles += 1
        report.events += len(record.get("events") or [])
        problem = audit.verify_record(record)
        if problem is not None:
            report.problems.append(problem)
    report.problems += _readable_copy_problems(document)
    return report


# What an export shows a reader beside its audit record, and must agree with it.
_READABLE_FIELDS = ("status", "note", "text", "start", "end", "kind")


def _readable_copy_problems(document: Any) -> list[audit.Problem]:
    """An export's readable quotes are a copy of the audited state: an edit there shows."""
    exports = document.get("articles", [document]) if isinstance(document, dict) else document
    problems: list[audit.Problem] = []
    for export in exports if isinstance(exports, list) else []:
        record = export.get("audit") if isinstance(export, dict) else None
        if not isinstance(record, dict) or not isinstance(export.get("quotes"), list):
            continue
        audited = {q.get("id"): q for q in record.get("quotes") or [] if isinstance(q, dict)}
        article_id = (record.get("article") or {}).get("id", 0)
        for quote in export["quotes"]:
            original = audited.get(quote.get("id")) if isinstance(quote, dict) else None
            if original is None:
                continue
            changed = [f for f in _READABLE_FIELDS if f in original and quote.get(f) != original[f]]
            if changed:
                problems.append(
                    audit.Problem(
                        article_id=article_id,
                        quote_id=quote.get("id"),
                        message=f"quote {quote.get('id')} in the readable part of the export "
                        f"does not match its audit record ({', '.join(changed)}): the file was "
                        "edited after it was exported.",
                    )
                )
    return problems


def verify_audit(db: Database, *, article_id: int | None = None) -> audit.AuditReport:
    """Recompute every article's chain and replay it against the quotes' current state."""
    report = audit.AuditReport()
    with db.read() as session:
        ids = [article_id] if article_id is not None else repo.list_article_ids(session)
        for aid in ids:
            state = repo.article_state(session, article_id=aid)
            events = repo.chain_events(session, article_id=aid)
            report.articles += 1
            report.events += len(events)
            problem = audit.verify_article(state, events)
            if problem is not None:
                report.problems.append(problem)
    return report
