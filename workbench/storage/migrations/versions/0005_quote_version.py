"""A version on every quote, so a change made from an out-of-date view of it can be refused.

Revision ID: 0005_quote_version
Revises: 0004_article_content_index
Create Date: 2027-02-01

Each change to a quote (status, note, speaker, span, kind, rejection, links) adds one to its
``version`` in the change's own transaction; a writer says which version it saw, and a change
whose version is no longer the quote's is refused (``services.audit``). Existing quotes start
at 1, as a newly detected quote does: what counts is that the number moves, not its value.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_quote_version"
down_revision = "0004_article_content_index"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("quote", sa.Column("version", sa.Integer(), nullable=False, server_default="1"))


def downgrade() -> None:
    with op.batch_alter_table("quote") as batch:
        batch.drop_column("version")
