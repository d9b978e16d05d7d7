"""The audit covers everything a report shows: the library chain, the article's final URL, and a
seal on every existing article.

Revision ID: 0006_audit_everything
Revises: 0005_quote_version
Create Date: 2027-01-20

New tables: ``library_event`` (every article event, in the order written, with the article's
new chain head, so a deleted article or a rewound chain shows) and ``library_state`` (its head).
``article.final_url`` keeps where a fetched article ended up (NULL for older imports).

Chains written before this revision vouched for a quote's span, text, kind, speaker, status,
note and rejection, and nothing else: not titles, cues, confidence, who changed a quote, the
primary sources' text, or the article's sources. So the upgrade (1) enters every existing
article event into the new library chain, in the order they were written, and (2) appends an
``audit.sealed`` event to each article's chain that records its whole current state. The seal
is checked against the events before it on everything they covered, so this upgrade cannot
hide an earlier change to those; the rest is vouched for from the seal on, not before it.
A last library event, ``audit.upgraded``, says when this happened and to how many articles.

This revision reads the tables with plain SQL (not today's ORM models, which later revisions
may change) and builds the states with the same functions the workbench uses.
"""

from __future__ import annotations

import json

import sqlalchemy as sa
from alembic import op

from workbench.storage import audit, library_chain
from workbench.vocabulary import utc_now

revision = "0006_audit_everything"
down_revision = "0005_quote_version"
branch_labels = None
depends_on = None

UPGRADER = "workbench (schema upgrade)"
SEAL_NOTE = (
    "Sealed by the upgrade to schema 0006: from here on the chain vouches for every field a "
    "report shows; before here, only for the quotes' span, text, kind, speaker, status, note "
    "and rejection."
)

_library_event = sa.table(
    "library_event",
    sa.column("seq", sa.Integer), sa.column("article_id", sa.Integer),
    sa.column("article_seq", sa.Integer), sa.column("article_head", sa.String),
    sa.column("action", sa.String), sa.column("detail", sa.Text), sa.column("at", sa.String),
    sa.column("prev_hash", sa.String), sa.column("hash", sa.String),
)  # fmt: skip
_review_event = sa.table(
    "review_event",
    sa.column("article_id", sa.Integer), sa.column("seq", sa.Integer),
    sa.column("quote_id", sa.Integer), sa.column("action", sa.String),
    sa.column("from_state", sa.Text), sa.column("to_state", sa.Text), sa.column("note", sa.Text),
    sa.column("reviewer", sa.String), sa.column("at", sa.String),
    sa.column("prev_hash", sa.String), sa.column("hash", sa.String),
)  # fmt: skip

QUOTE_COLUMNS = (
    'id, number, start, "end", text, kind, part_of_id, speaker_name, speaker_start, speaker_end, '
    "speaker_anonymous, speaker_role, source_id, cue_text, cue_start, cue_end, confidence, "
    "origin, status, note, rejected, changed_by, changed_at, version"
)


def upgrade() -> None:
    op.add_column("article", sa.Column("final_url", sa.String(), nullable=True))
    op.create_table(
        "library_event",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=True),
        sa.Column("article_seq", sa.Integer(), nullable=True),
        sa.Column("article_head", sa.String(), nullable=True),
        sa.Column("action", sa.String(), nullable=False),
        sa.Column("detail", sa.Text(), nullable=True),
        sa.Column("at", sa.String(), nullable=False),
        sa.Column("prev_hash", sa.String(), nullable=False),
        sa.Column("hash", sa.String(), nullable=False),
    )
    op.create_index("ix_library_event_seq", "library_event", ["seq"], unique=True)
    op.create_index("ix_library_event_article_id", "library_event", ["article_id"])
    op.create_table(
        "library_state",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("chain_head", sa.String(), nullable=False),
        sa.Column("event_count", sa.Integer(), nullable=False),
    )
    Upgrade(op.get_bind()).run()


class Upgrade:
    def __init__(self, connection: sa.Connection) -> None:
        self.connection = connection
        self.head, self.count = audit.GENESIS, 0
        self.at = utc_now()

    def rows(self, sql: str, **params):
        return self.connection.execute(sa.text(sql), params).all()

    def library(self, *, article_id, article_seq, article_head, action, at, detail=None) -> None:
        seq = self.count + 1
        digest = library_chain.library_event_hash(
            seq=seq, article_id=article_id, article_seq=article_seq, article_head=article_head,
            action=action, detail=detail, at=at, prev_hash=self.head,
        )  # fmt: skip
        self.connection.execute(
            _library_event.insert(),
            {
                "seq": seq, "article_id": article_id, "article_seq": article_seq,
                "article_head": article_head, "action": action,
                "detail": None if detail is None else audit.canonical_json(detail),
                "at": at, "prev_hash": self.head, "hash": digest,
            },
        )  # fmt: skip
        self.head, self.count = digest, seq

    def run(self) -> None:
        events = self.rows("SELECT article_id, seq, action, hash, at FROM review_event ORDER BY id")
        for article_id, seq, action, digest, at in events:
            self.library(
                article_id=article_id, article_seq=seq, article_head=digest, action=action, at=at
            )
        articles = self.rows(
            "SELECT id, title, author, published, outlet, origin, final_url, media_type, "
            "content_sha256, chain_head, event_count FROM article ORDER BY id"
        )
        for article in articles:
            self.seal(article)
        if articles:  # a new, empty database has nothing to upgrade: its library starts empty
            self.library(
                article_id=None, article_seq=None, article_head=None, action="audit.upgraded",
                at=self.at,
                detail={
                    "schema": revision, "articles_sealed": len(articles),
                    "events_before": len(events),
                },
            )  # fmt: skip
        self.connection.execute(
            sa.text("INSERT INTO library_state (id, chain_head, event_count) VALUES (1, :h, :n)"),
            {"h": self.head, "n": self.count},
        )

    def seal(self, article) -> None:
        article_id = article.id
        quotes = self.rows(
            f"SELECT {QUOTE_COLUMNS} FROM quote WHERE article_id = :a ORDER BY id", a=article_id
        )
        links: dict[int, list] = {}
        for link in self.rows(
            'SELECT link.id, link.quote_id, link.document_id, link.start, link."end", '
            "link.score, link.verdict, link.accepted_by, link.accepted_at FROM link "
            "JOIN quote ON quote.id = link.quote_id WHERE quote.article_id = :a "
            "AND link.removed_at IS NULL ORDER BY link.id",
            a=article_id,
        ):
            links.setdefault(link.quote_id, []).append(audit.link_state_of(link))
        documents = self.rows(
            "SELECT d.id, d.origin, d.title, d.media_type, d.sha256, d.raw, d.text, d.final_url, "
            "d.http_status, d.captured_at, d.captured_by FROM source_document d "
            "JOIN source_attachment a ON a.document_id = d.id WHERE a.article_id = :a "
            "ORDER BY a.id",
            a=article_id,
        )
        sources = self.rows(
            "SELECT s.id, s.name, s.type, s.anonymous, s.mentions, s.claim_count, p.name AS person "
            "FROM source s LEFT JOIN person p ON p.id = s.person_id WHERE s.article_id = :a "
            "ORDER BY s.id",
            a=article_id,
        )
        state = audit.sealed_state(
            content_sha256=article.content_sha256,
            fields=audit.article_fields_of(article),
            quotes={
                q.id: {**audit.quote_state_of(q), "links": links.get(q.id, [])} for q in quotes
            },
            documents={d.id: audit.document_state_of(d) for d in documents},
            sources={s.id: audit.source_state_of(s, s.person) for s in sources},
        )
        state = json.loads(audit.canonical_json(state))  # hashed exactly as stored
        seq = article.event_count + 1
        digest = audit.event_hash(
            article_id=article_id, seq=seq, quote_id=None, action=audit.SEALED, from_state=None,
            to_state=state, note=SEAL_NOTE, reviewer=UPGRADER, at=self.at,
            prev_hash=article.chain_head,
        )  # fmt: skip
        self.connection.execute(
            _review_event.insert(),
            {
                "article_id": article_id, "seq": seq, "quote_id": None,
                "action": audit.SEALED, "from_state": None,
                "to_state": audit.canonical_json(state), "note": SEAL_NOTE,
                "reviewer": UPGRADER, "at": self.at, "prev_hash": article.chain_head,
                "hash": digest,
            },
        )  # fmt: skip
        self.connection.execute(
            sa.text("UPDATE article SET chain_head = :h, event_count = :n WHERE id = :a"),
            {"h": digest, "n": seq, "a": article_id},
        )
        self.library(
            article_id=article_id, article_seq=seq, article_head=digest, action=audit.SEALED,
            at=self.at,
        )  # fmt: skip


def downgrade() -> None:
    # The seal events stay in the articles' chains: older workbenches skip an article event
    # they do not know, and the chains stay intact.
    op.drop_table("library_state")
    op.drop_index("ix_library_event_article_id", table_name="library_event")
    op.drop_index("ix_library_event_seq", table_name="library_event")
    op.drop_table("library_event")
    with op.batch_alter_table("article") as batch:
        batch.drop_column("final_url")
