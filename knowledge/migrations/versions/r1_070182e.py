"""The schema of release 070182e, the first release whose databases users have.

Revision ID: r1_070182e
Revises:
Create Date: 2026-11-29

Frozen here as it was (not imported from the models, which move on). A database that release
made has no alembic_version; knowledge.schema recognises it by its tables and runs this
revision on it, which creates only the tables that are missing: that release's CLI made the
knowledge tables, and only its bot made the bot_* ones.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "r1_070182e"
down_revision = None
branch_labels = None
depends_on = None


def tables() -> sa.MetaData:
    metadata = sa.MetaData()  # every constraint is named below
    sa.Table(
        "bot_feedback",
        metadata,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("chat_id", sa.BigInteger(), nullable=False),
        sa.Column("message_id", sa.Integer(), nullable=False),
        sa.Column("vote", sa.SmallInteger(), nullable=False),
        sa.Column("subject", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name="bot_feedback_pkey"),
        sa.UniqueConstraint(
            "user_id", "chat_id", "message_id", name="bot_feedback_user_id_chat_id_message_id_key"
        ),
    )
    sa.Table(
        "bot_queries",
        metadata,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("lang", sa.String(length=8), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("intent", sa.String(length=30), nullable=False),
        sa.Column("answered", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="bot_queries_pkey"),
        sa.Index("ix_bot_queries_answered_at", "answered", "at"),
    )
    sa.Table(
        "bot_user_preferences",
        metadata,
        sa.Column("user_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("lang", sa.String(length=8), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("user_id", name="bot_user_preferences_pkey"),
    )
    sa.Table(
        "export_councils",
        metadata,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("short_name", sa.String(length=40), nullable=False),
        sa.Column("sector", sa.Text(), nullable=False),
        sa.Column("relevance", sa.Text(), nullable=False),
        sa.Column("website", sa.String(length=200), nullable=False),
        sa.Column("website_verified", sa.Boolean(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="export_councils_pkey"),
        sa.UniqueConstraint("name", name="export_councils_name_key"),
    )
    sa.Table(
        "faqs",
        metadata,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("topic", sa.String(length=40), nullable=False),
        sa.Column("question", sa.Text(), nullable=False),
        sa.Column("answer", sa.Text(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("as_of", sa.String(length=40), nullable=False),
        sa.PrimaryKeyConstraint("id", name="faqs_pkey"),
        sa.UniqueConstraint("topic", name="faqs_topic_key"),
    )
    sa.Table(
        "import_issues",
        metadata,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("line", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="import_issues_pkey"),
    )
    sa.Table(
        "meta",
        metadata,
        sa.Column("key", sa.String(length=60), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name="meta_pkey"),
    )
    sa.Table(
        "regional_authorities",
        metadata,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("city", sa.String(length=80), nullable=False),
        sa.Column("state", sa.String(length=80), nullable=False),
        sa.Column("state_verified", sa.Boolean(), nullable=False),
        sa.Column("status_note", sa.Text(), nullable=False),
        sa.Column("address", sa.Text(), nullable=False),
        sa.Column("phone", sa.String(length=80), nullable=False),
        sa.Column("email", sa.String(length=120), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="regional_authorities_pkey"),
        sa.UniqueConstraint("city", name="regional_authorities_city_key"),
    )
    sa.Table(
        "states",
        metadata,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("lgd_code", sa.Integer(), nullable=True),
        sa.Column("name_hi", sa.String(length=80), nullable=True),
        sa.PrimaryKeyConstraint("id", name="states_pkey"),
        sa.UniqueConstraint("name", name="states_name_key"),
    )
    sa.Table(
        "stats",
        metadata,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("as_of", sa.String(length=40), nullable=False),
        sa.Column("metric", sa.Text(), nullable=False),
        sa.Column("value", sa.String(length=80), nullable=False),
        sa.Column("unit", sa.String(length=40), nullable=False),
        sa.Column("source_url", sa.Text(), nullable=False),
        sa.Column("source_title", sa.Text(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="stats_pkey"),
    )
    sa.Table(
        "districts",
        metadata,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("state_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("lgd_code", sa.Integer(), nullable=True),
        sa.Column("census2011_code", sa.Integer(), nullable=True),
        sa.Column("name_hi", sa.String(length=120), nullable=True),
        sa.Column("name_hi_source", sa.Text(), nullable=True),
        sa.Column("source", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["state_id"], ["states.id"], name="districts_state_id_fkey"),
        sa.PrimaryKeyConstraint("id", name="districts_pkey"),
        sa.UniqueConstraint("lgd_code", name="districts_lgd_code_key"),
        sa.UniqueConstraint("state_id", "name", name="districts_state_id_name_key"),
    )
    sa.Table(
        "ra_jurisdictions",
        metadata,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("authority_id", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(length=80), nullable=False),
        sa.Column("scope", sa.Text(), nullable=False),
        sa.Column("evidence_type", sa.Text(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["authority_id"],
            ["regional_authorities.id"],
            name="ra_jurisdictions_authority_id_fkey",
        ),
        sa.PrimaryKeyConstraint("id", name="ra_jurisdictions_pkey"),
    )
    sa.Table(
        "committees",
        metadata,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=4), nullable=False),
        sa.Column("state_id", sa.Integer(), nullable=False),
        sa.Column("district_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["district_id"], ["districts.id"], name="committees_district_id_fkey"
        ),
        sa.ForeignKeyConstraint(["state_id"], ["states.id"], name="committees_state_id_fkey"),
        sa.PrimaryKeyConstraint("id", name="committees_pkey"),
        sa.UniqueConstraint(
            "kind", "state_id", "district_id", name="committees_kind_state_id_district_id_key"
        ),
    )
    sa.Table(
        "district_aliases",
        metadata,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("district_id", sa.Integer(), nullable=False),
        sa.Column("alias", sa.String(length=120), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.ForeignKeyConstraint(
            ["district_id"], ["districts.id"], name="district_aliases_district_id_fkey"
        ),
        sa.PrimaryKeyConstraint("id", name="district_aliases_pkey"),
        sa.UniqueConstraint("district_id", "alias", name="district_aliases_district_id_alias_key"),
    )
    sa.Table(
        "plan_evidence",
        metadata,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("district_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("status_text", sa.Text(), nullable=False),
        sa.Column("as_of", sa.String(length=40), nullable=False),
        sa.Column("prepared_by", sa.Text(), nullable=False),
        sa.Column("scope", sa.Text(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["district_id"], ["districts.id"], name="plan_evidence_district_id_fkey"
        ),
        sa.PrimaryKeyConstraint("id", name="plan_evidence_pkey"),
    )
    sa.Table(
        "products",
        metadata,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("district_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("category", sa.String(length=20), nullable=False),
        sa.Column("sector", sa.String(length=40), nullable=False),
        sa.Column("gi", sa.Boolean(), nullable=False),
        sa.Column("ministry", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("as_of", sa.String(length=20), nullable=False),
        sa.ForeignKeyConstraint(
            ["district_id"], ["districts.id"], name="products_district_id_fkey"
        ),
        sa.PrimaryKeyConstraint("id", name="products_pkey"),
        sa.UniqueConstraint("district_id", "name", name="products_district_id_name_key"),
    )
    sa.Table(
        "committee_roles",
        metadata,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("committee_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=40), nullable=False),
        sa.Column("holder", sa.Text(), nullable=False),
        sa.Column("basis", sa.String(length=10), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("as_of", sa.String(length=20), nullable=False),
        sa.ForeignKeyConstraint(
            ["committee_id"], ["committees.id"], name="committee_roles_committee_id_fkey"
        ),
        sa.PrimaryKeyConstraint("id", name="committee_roles_pkey"),
    )
    return metadata


def upgrade() -> None:
    tables().create_all(op.get_bind(), checkfirst=True)


def downgrade() -> None:
    tables().drop_all(op.get_bind())
