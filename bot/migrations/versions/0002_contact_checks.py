"""Contact checks: the audit of who checked a contact's number, when and how (``bot.checks``).

Like the baseline, it creates only the tables that are missing: versions before this
revision created them on first use (``CheckStore.create``).

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

TZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    have = set(sa.inspect(op.get_bind()).get_table_names())
    if "contact_checks" not in have:
        op.create_table(
            "contact_checks",
            sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
            sa.Column("contact_id", sa.String(64), nullable=False),
            sa.Column("checked_on", sa.Date, nullable=False),
            sa.Column("at", TZ, nullable=False),
            sa.Column("user_id", sa.BigInteger),
            sa.Column("user_name", sa.String(200), nullable=False),
            sa.Column("via", sa.String(16), nullable=False),
            sa.Column("note", sa.Text, nullable=False),
        )
        op.create_index("ix_contact_checks_contact_id", "contact_checks", ["contact_id"])
    if "contact_check_subscribers" not in have:
        op.create_table(
            "contact_check_subscribers",
            sa.Column("chat_id", sa.BigInteger, primary_key=True, autoincrement=False),
            sa.Column("created_at", TZ, nullable=False),
        )
    if "contact_check_reminders" not in have:
        op.create_table(
            "contact_check_reminders",
            sa.Column("chat_id", sa.BigInteger, primary_key=True, autoincrement=False),
            sa.Column("month", sa.String(7), primary_key=True),
            sa.Column("sent_at", TZ, nullable=False),
        )


def downgrade() -> None:
    for table in ("contact_check_reminders", "contact_check_subscribers", "contact_checks"):
        op.drop_table(table)
