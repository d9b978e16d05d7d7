"""Evidence snapshots: where a fetched source ended up and what the server said, and one captured
document shared by every article that attaches the same bytes.

Revision ID: 0003_evidence_snapshots
Revises: 0002_person_registry
Create Date: 2026-12-02

``source_document.article_id`` stays (the article that first captured the document); which
articles a document is attached to now lives in ``source_attachment``, filled here with one row
per existing document so nothing already attached is lost. New columns are nullable, so a plain
ADD COLUMN keeps every row (and every link pointing at it) where it was.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_evidence_snapshots"
down_revision = "0002_person_registry"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("source_document", sa.Column("final_url", sa.String(), nullable=True))
    op.add_column("source_document", sa.Column("http_status", sa.Integer(), nullable=True))
    op.create_index("ix_source_document_sha256", "source_document", ["sha256"])
    op.create_table(
        "source_attachment",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("article_id", sa.Integer(), sa.ForeignKey("article.id"), nullable=False),
        sa.Column("document_id", sa.Integer(), sa.ForeignKey("source_document.id"), nullable=False),
        sa.Column("attached_at", sa.String(), nullable=False),
        sa.Column("attached_by", sa.String(), nullable=False),
        sa.UniqueConstraint("article_id", "document_id", name="uq_source_attachment_article_doc"),
    )
    op.create_index("ix_source_attachment_article_id", "source_attachment", ["article_id"])
    op.create_index("ix_source_attachment_document_id", "source_attachment", ["document_id"])
    op.execute(
        "INSERT INTO source_attachment (article_id, document_id, attached_at, attached_by) "
        "SELECT article_id, id, captured_at, COALESCE(captured_by, '') FROM source_document"
    )


def downgrade() -> None:
    op.drop_table("source_attachment")
    op.drop_index("ix_source_document_sha256", table_name="source_document")
    with op.batch_alter_table("source_document") as batch:
        batch.drop_column("http_status")
        batch.drop_column("final_url")
