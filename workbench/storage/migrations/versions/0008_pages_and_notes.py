"""Page numbers and reading notes kept with articles and primary sources; each source's index kept.

Revision ID: 0008_pages_and_notes
Revises: 0006_audit_everything
Create Date: 2027-02-20

``article.page_starts`` and ``source_document.page_starts`` (JSON lists: where each page of a
PDF begins in the stored text) let a link, a locate and every export cite "p. 6";
``article.notes`` (a JSON list) keeps what the reviewer must know about how the text was read
("This draft has 3 tracked changes; the text shown accepts them."). All three are NULL for
rows stored before this revision: their pages and notes were not kept, and the audit chains
(which vouch for these fields from now on) recorded none, so NULL is what they say.

``source_index`` keeps each primary source's index (``matching.stored``), so a source is
indexed once, not at every start. It is derived from the snapshot and checked against its text
whenever it is loaded; existing sources get theirs the first time a quote is located in them.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008_pages_and_notes"
down_revision = "0006_audit_everything"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("article", sa.Column("page_starts", sa.Text(), nullable=True))
    op.add_column("article", sa.Column("notes", sa.Text(), nullable=True))
    op.add_column("source_document", sa.Column("page_starts", sa.Text(), nullable=True))
    op.create_table(
        "source_index",
        sa.Column(
            "document_id",
            sa.Integer(),
            sa.ForeignKey("source_document.id"),
            primary_key=True,
            autoincrement=False,
        ),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("built_at", sa.String(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("source_index")
    with op.batch_alter_table("source_document") as batch:
        batch.drop_column("page_starts")
    with op.batch_alter_table("article") as batch:
        batch.drop_column("notes")
        batch.drop_column("page_starts")
