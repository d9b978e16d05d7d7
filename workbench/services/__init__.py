"""The use cases the command line and the window share, one module per use case.

``from workbench import services; services.mark_status(db, ...)`` reaches every one of them;
the modules say where each lives: ``articles`` (import, library), ``review`` (status, note,
corrections: where a status change is written), ``people``, ``evidence`` (primary sources and
links), ``audit`` (the one way a change is recorded with its event, checked against the version
its writer saw, and verification) and ``changes`` (the feed of what was changed elsewhere).

Each function takes an open ``Database`` first and keyword arguments after, runs in one
transaction, writes its audit event in that same transaction, and returns plain records.
Unknown ids and bad values raise ``UserError``; faults of the database ``EnvironmentFault``.
"""

from workbench.services.articles import (
    ImportResult,
    find_article,
    get_article,
    import_article,
    list_articles,
    list_library,
)
from workbench.services.audit import (
    audit_anchor,
    audit_record,
    describe_anchor,
    list_events,
    load_anchor,
    verify_audit,
    verify_audit_file,
)
from workbench.services.changes import Change, ChangeFeed
from workbench.services.database import open_review_database
from workbench.services.evidence import (
    REJECTION_WITHDRAWN,
    LinkOutcome,
    SourceAttachResult,
    accept_exact_proposals,
    accept_passage,
    add_source,
    attach_source_document,
    get_source_bytes,
    get_source_document,
    link_passage,
    link_quote,
    list_source_documents,
    locate_stored_quote,
    propose_links,
    recheck_source,
    reject_passage,
    rejected_passages,
    review_inputs,
    source_index,
    source_pages,
    unlink_passage,
    withdraw_rejection,
)
from workbench.services.people import (
    link_source_to_person,
    list_people,
    list_sources,
    speaker_named,
)
from workbench.services.review import (
    UNCHANGED,
    MarkResult,
    add_quote,
    correct_quote,
    edit_note,
    get_quote,
    list_quotes,
    mark_status,
    parse_kind,
    parse_status,
    reject_quote,
    restore_quote,
)
from workbench.storage.db import Database
from workbench.storage.records import (
    ArticleRecord,
    ArticleSummary,
    LinkRecord,
    PersonRecord,
    QuoteRecord,
    ReviewEventRecord,
    SourceDocumentRecord,
    SourceRecord,
)

__all__ = [
    "REJECTION_WITHDRAWN",
    "UNCHANGED",
    "ArticleRecord",
    "ArticleSummary",
    "Change",
    "ChangeFeed",
    "Database",
    "ImportResult",
    "LinkOutcome",
    "LinkRecord",
    "MarkResult",
    "PersonRecord",
    "QuoteRecord",
    "ReviewEventRecord",
    "SourceAttachResult",
    "SourceDocumentRecord",
    "SourceRecord",
    "accept_exact_proposals",
    "accept_passage",
    "add_quote",
    "add_source",
    "attach_source_document",
    "audit_anchor",
    "audit_record",
    "correct_quote",
    "describe_anchor",
    "edit_note",
    "find_article",
    "get_article",
    "get_quote",
    "get_source_bytes",
    "get_source_document",
    "import_article",
    "link_passage",
    "link_quote",
    "link_source_to_person",
    "list_articles",
    "list_events",
    "list_library",
    "list_people",
    "list_quotes",
    "list_source_documents",
    "list_sources",
    "load_anchor",
    "locate_stored_quote",
    "mark_status",
    "open_review_database",
    "parse_kind",
    "parse_status",
    "propose_links",
    "recheck_source",
    "reject_passage",
    "reject_quote",
    "rejected_passages",
    "restore_quote",
    "review_inputs",
    "source_index",
    "source_pages",
    "speaker_named",
    "unlink_passage",
    "verify_audit",
    "verify_audit_file",
    "withdraw_rejection",
]
