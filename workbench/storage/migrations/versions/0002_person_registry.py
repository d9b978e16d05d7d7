"""A registry of people and organisations shared across articles; sources may point into it.

Revision ID: 0002_person_registry
Revises: 0001_review_record
Create Date: 2026-11-26

Adding a nullable column keeps every existing row as it was; on SQLite a plain ADD COLUMN
(rather than a batch copy of the table) means quotes pointing at sources are never disturbed.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_person_registry"
down_revision = "0001_review_record"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "person",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(), nullable=False, unique=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("created_at", sa.String(), nullable=False),
    )
    if op.get_bind().dialect.name == "sqlite":
        op.execute("ALTER TABLE source ADD COLUMN person_id INTEGER REFERENCES person (id)")
    else:
        op.add_column("source", sa.Column("person_id", sa.Integer(), nullable=True))
        op.create_foreign_key("fk_source_person_id", "source", "person", ["person_id"], ["id"])


def downgrade() -> None:
    with op.batch_alter_table("source") as batch:
        batch.drop_column("person_id")
    op.drop_table("person")
