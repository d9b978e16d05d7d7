"""An index on the article's content hash, so the duplicate check at import is one indexed query.

Revision ID: 0004_article_content_index
Revises: 0003_evidence_snapshots
Create Date: 2027-01-11

``article.content_sha256`` has held the SHA-256 of the stored text since the first revision
(written at import, never changed), so every existing row already has the value the check looks
up; only the index is new.
"""

from __future__ import annotations

from alembic import op

revision = "0004_article_content_index"
down_revision = "0003_evidence_snapshots"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_article_content_sha256", "article", ["content_sha256"])


def downgrade() -> None:
    op.drop_index("ix_article_content_sha256", table_name="article")
