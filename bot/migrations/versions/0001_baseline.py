"""Baseline: the schema every version before migrations made with ``create_all``.

On a new database it creates every table. On a database an older version made (no
``alembic_version`` table) it creates only the tables that are missing and adds the lease
columns an even older ``deliveries`` lacked, so that database is adopted as it is.

Revision ID: 0001
Revises:
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

TZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    have = set(sa.inspect(op.get_bind()).get_table_names())
    if "subscriptions" not in have:
        op.create_table(
            "subscriptions",
            sa.Column("chat_id", sa.BigInteger, primary_key=True, autoincrement=False),
            sa.Column("target", sa.String(64), primary_key=True),
            sa.Column("topic", sa.String(16), primary_key=True),
            sa.Column("created_at", TZ, nullable=False),
        )
    if "action_status" not in have:
        op.create_table(
            "action_status",
            sa.Column("action_id", sa.String(64), primary_key=True),
            sa.Column("status", sa.String(16), nullable=False),
            sa.Column("updated_at", TZ, nullable=False),
            sa.Column("updated_by", sa.BigInteger),
        )
    if "action_audit" not in have:
        op.create_table(
            "action_audit",
            sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
            sa.Column("action_id", sa.String(64), nullable=False),
            sa.Column("status", sa.String(16), nullable=False),
            sa.Column("user_id", sa.BigInteger),
            sa.Column("user_name", sa.String(200), nullable=False),
            sa.Column("note", sa.Text, nullable=False),
            sa.Column("at", TZ, nullable=False),
        )
        op.create_index("ix_action_audit_action_id", "action_audit", ["action_id"])
    if "deliveries" not in have:
        op.create_table(
            "deliveries",
            sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
            sa.Column("reminder_key", sa.String(200), nullable=False),
            sa.Column("occurrence", sa.String(40), nullable=False),
            sa.Column("chat_id", sa.BigInteger, nullable=False),
            sa.Column("text", sa.Text, nullable=False),
            sa.Column("fire_at", TZ, nullable=False),
            sa.Column("status", sa.String(16), nullable=False),
            sa.Column("claimed_at", TZ, nullable=False),
            sa.Column("sent_at", TZ),
            sa.Column("attempts", sa.Integer, nullable=False),
            sa.Column("delayed", sa.Boolean, nullable=False),
            sa.Column("uncertain", sa.Boolean, nullable=False),
            sa.Column("error", sa.Text, nullable=False),
            sa.Column("owner", sa.String(100)),
            sa.Column("lease_until", TZ),
            sa.UniqueConstraint("reminder_key", "occurrence", "chat_id", name="uq_delivery_once"),
        )
        op.create_index("ix_deliveries_status", "deliveries", ["status"])
    else:  # made before row leases existed
        columns = {c["name"] for c in sa.inspect(op.get_bind()).get_columns("deliveries")}
        with op.batch_alter_table("deliveries") as batch:
            if "owner" not in columns:
                batch.add_column(sa.Column("owner", sa.String(100)))
            if "lease_until" not in columns:
                batch.add_column(sa.Column("lease_until", TZ))
    if "meta" not in have:
        op.create_table(
            "meta",
            sa.Column("key", sa.String(64), primary_key=True),
            sa.Column("value", sa.Text, nullable=False),
        )
    if "unanswered_questions" not in have:
        op.create_table(
            "unanswered_questions",
            sa.Column("question", sa.String(300), primary_key=True),
            sa.Column("count", sa.Integer, nullable=False),
            sa.Column("first_seen", TZ, nullable=False),
            sa.Column("last_seen", TZ, nullable=False),
        )


def downgrade() -> None:
    for table in (
        "unanswered_questions",
        "meta",
        "deliveries",
        "action_audit",
        "action_status",
        "subscriptions",
    ):
        op.drop_table(table)
