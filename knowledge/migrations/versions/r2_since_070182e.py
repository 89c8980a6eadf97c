"""Everything since release 070182e: delivery, officers' drafts and audit, DIC offices, Hindi
FAQs, office mergers, State- and country-wide plan evidence, jurisdictions without an office;
for replicas: admins' broadcast drafts, the knowledge version row, named leases.

Revision ID: r2_since_070182e
Revises: r1_070182e
Create Date: 2026-11-29

Written for databases with rows in them. User data (questions, languages, feedback) is
untouched. Three knowledge tables changed shape and are derived wholly from the shipped data
(knowledge/data/): plan_evidence, regional_authorities and ra_jurisdictions. Their old rows
cannot say what the new columns hold, so they are emptied here, and knowledge.derived fills
them again from the shipped files when the upgrade is done (with the code of that time, which
knows the shape of that time). New tables are created empty; industries_offices and faq_texts
are then filled the same way.

Each step looks first: a database made by an unreleased version between 070182e and this
revision (no alembic_version either) already has some of it.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "r2_since_070182e"
down_revision = "r1_070182e"
branch_labels = None
depends_on = None

NEW_TABLES = (
    "broadcasts",
    "delivery_pace",
    "faq_texts",
    "status_drafts",
    "subscribers",
    "deliveries",
    "subscriptions",
    "product_concepts",
    "audit_log",
    "industries_offices",
    "broadcast_drafts",
    "knowledge_version",
    "leases",
)


def tables() -> sa.MetaData:
    metadata = sa.MetaData()  # every constraint is named below
    # What the new tables refer to (only their keys matter here).
    sa.Table("states", metadata, sa.Column("id", sa.Integer(), primary_key=True))
    sa.Table("districts", metadata, sa.Column("id", sa.Integer(), primary_key=True))
    sa.Table(
        "broadcasts",
        metadata,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("audience", sa.String(length=220), nullable=False),
        sa.Column("text_en", sa.Text(), nullable=False),
        sa.Column("text_hi", sa.Text(), nullable=True),
        sa.Column("urgent", sa.Boolean(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("created_by", sa.String(length=80), nullable=False),
        sa.Column("created_at", sa.Double(), nullable=False),
        sa.Column("send_at", sa.Double(), nullable=False),
        sa.Column("total", sa.Integer(), nullable=False),
        sa.Column("rate", sa.Double(), nullable=False),
        sa.Column("progress_chat_id", sa.BigInteger(), nullable=True),
        sa.Column("progress_message_id", sa.Integer(), nullable=True),
        sa.Column("finished_at", sa.Double(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="broadcasts_pkey"),
    )
    sa.Table(
        "delivery_pace",
        metadata,
        sa.Column("name", sa.String(length=20), nullable=False),
        sa.Column("tat", sa.Double(), nullable=False),
        sa.Column("interval", sa.Double(), nullable=False),
        sa.PrimaryKeyConstraint("name", name="delivery_pace_pkey"),
    )
    sa.Table(
        "faq_texts",
        metadata,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("topic", sa.String(length=40), nullable=False),
        sa.Column("lang", sa.String(length=8), nullable=False),
        sa.Column("question", sa.Text(), nullable=False),
        sa.Column("answer", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="faq_texts_pkey"),
    )
    sa.Table(
        "status_drafts",
        metadata,
        sa.Column("user_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("stage", sa.String(length=10), nullable=False),
        sa.Column("district_id", sa.Integer(), nullable=True),
        sa.Column("step", sa.String(length=20), nullable=True),
        sa.Column("as_of", sa.String(length=10), nullable=True),
        sa.Column("source", sa.Text(), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("user_id", name="status_drafts_pkey"),
    )
    sa.Table(
        "subscribers",
        metadata,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("chat_id", sa.BigInteger(), nullable=False),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("inactive_reason", sa.String(length=20), nullable=True),
        sa.Column("lang", sa.String(length=8), nullable=False),
        sa.Column("quiet", sa.String(length=11), nullable=True),
        sa.Column("digest", sa.Boolean(), nullable=False),
        sa.Column("next_send_at", sa.Double(), nullable=False),
        sa.Column("created_at", sa.Double(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="subscribers_pkey"),
        sa.UniqueConstraint("chat_id", name="subscribers_chat_id_key"),
    )
    sa.Table(
        "deliveries",
        metadata,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("broadcast_id", sa.Integer(), nullable=False),
        sa.Column("subscriber_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("not_before", sa.Double(), nullable=False),
        sa.Column("lease_until", sa.Double(), nullable=True),
        sa.Column("leased_by", sa.String(length=40), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("chat_id", sa.BigInteger(), nullable=True),
        sa.Column("message_id", sa.Integer(), nullable=True),
        sa.Column("sent_at", sa.Double(), nullable=True),
        sa.Column("error", sa.String(length=200), nullable=True),
        sa.ForeignKeyConstraint(
            ["broadcast_id"],
            ["broadcasts.id"],
            name="deliveries_broadcast_id_fkey",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["subscriber_id"],
            ["subscribers.id"],
            name="deliveries_subscriber_id_fkey",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="deliveries_pkey"),
        sa.UniqueConstraint(
            "broadcast_id", "subscriber_id", name="deliveries_broadcast_id_subscriber_id_key"
        ),
        sa.Index("ix_deliveries_due", "status", "not_before"),
        sa.Index("ix_deliveries_subscriber", "subscriber_id", "status"),
    )
    sa.Table(
        "subscriptions",
        metadata,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("subscriber_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("label", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.Double(), nullable=False),
        sa.ForeignKeyConstraint(
            ["subscriber_id"],
            ["subscribers.id"],
            name="subscriptions_subscriber_id_fkey",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="subscriptions_pkey"),
        sa.UniqueConstraint(
            "subscriber_id", "kind", "key", name="subscriptions_subscriber_id_kind_key_key"
        ),
        sa.Index("ix_subscriptions_target", "kind", "key"),
    )
    sa.Table(
        "product_concepts",
        metadata,
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("term", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("key", "term", name="product_concepts_pkey"),
        sa.Index("ix_product_concepts_term", "term"),
    )
    sa.Table(
        "audit_log",
        metadata,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("channel", sa.String(length=12), nullable=False),
        sa.Column("actor_id", sa.BigInteger(), nullable=True),
        sa.Column("actor", sa.String(length=200), nullable=False),
        sa.Column("district_id", sa.Integer(), nullable=True),
        sa.Column("subject", sa.String(length=200), nullable=False),
        sa.Column("what", sa.String(length=60), nullable=False),
        sa.Column("old_value", sa.Text(), nullable=False),
        sa.Column("new_value", sa.Text(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["district_id"], ["districts.id"], name="audit_log_district_id_fkey"
        ),
        sa.PrimaryKeyConstraint("id", name="audit_log_pkey"),
        sa.Index("ix_audit_log_district_at", "district_id", "at"),
    )
    sa.Table(
        "industries_offices",
        metadata,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("state_id", sa.Integer(), nullable=False),
        sa.Column("district_id", sa.Integer(), nullable=True),
        sa.Column("office", sa.Text(), nullable=False),
        sa.Column("address", sa.Text(), nullable=False),
        sa.Column("phone", sa.Text(), nullable=False),
        sa.Column("email", sa.Text(), nullable=False),
        sa.Column("as_of", sa.Text(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("doubt", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["district_id"], ["districts.id"], name="industries_offices_district_id_fkey"
        ),
        sa.ForeignKeyConstraint(
            ["state_id"], ["states.id"], name="industries_offices_state_id_fkey"
        ),
        sa.PrimaryKeyConstraint("id", name="industries_offices_pkey"),
    )
    sa.Table(
        "broadcast_drafts",
        metadata,
        sa.Column("user_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("stage", sa.String(length=10), nullable=False),
        sa.Column("target_kind", sa.String(length=10), nullable=True),
        sa.Column("target_key", sa.String(length=200), nullable=True),
        sa.Column("label", sa.String(length=220), nullable=True),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("text_en", sa.Text(), nullable=True),
        sa.Column("text_hi", sa.Text(), nullable=True),
        sa.Column("updated_at", sa.Double(), nullable=False),
        sa.PrimaryKeyConstraint("user_id", name="broadcast_drafts_pkey"),
    )
    sa.Table(
        "knowledge_version",
        metadata,
        sa.Column("name", sa.String(length=20), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("name", name="knowledge_version_pkey"),
    )
    sa.Table(
        "leases",
        metadata,
        sa.Column("name", sa.String(length=40), nullable=False),
        sa.Column("holder", sa.String(length=80), nullable=False),
        sa.Column("until", sa.Double(), nullable=False),
        sa.PrimaryKeyConstraint("name", name="leases_pkey"),
    )
    return metadata


def _columns(table: str) -> set[str]:
    return {c["name"] for c in sa.inspect(op.get_bind()).get_columns(table)}


# knowledge.models.NAMING_CONVENTION as of this revision.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "%(table_name)s_%(column_0_N_name)s_key",
    "ck": "%(table_name)s_%(constraint_name)s_check",
    "fk": "%(table_name)s_%(column_0_N_name)s_fkey",
    "pk": "%(table_name)s_pkey",
}


def _name_constraints() -> None:
    """An SQLite file of 070182e has unnamed unique and foreign key constraints (PostgreSQL
    named them itself, as the convention does): copy each such table to name them."""
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        return
    inspector = sa.inspect(bind)
    for table in inspector.get_table_names():
        constraints = [
            *inspector.get_unique_constraints(table),
            *inspector.get_foreign_keys(table),
        ]
        if any(not c.get("name") for c in constraints):
            with op.batch_alter_table(
                table, recreate="always", naming_convention=NAMING_CONVENTION
            ):
                pass


def upgrade() -> None:
    bind = op.get_bind()
    _name_constraints()
    metadata = tables()
    metadata.create_all(bind, tables=[metadata.tables[n] for n in NEW_TABLES], checkfirst=True)
    emptied = []

    if "state_id" not in _columns("plan_evidence"):
        emptied.append("plan_evidence")
        with op.batch_alter_table("plan_evidence") as batch:
            batch.add_column(sa.Column("state_id", sa.Integer(), nullable=True))
            batch.alter_column("district_id", existing_type=sa.Integer(), nullable=True)
            batch.alter_column(
                "status",
                existing_type=sa.String(length=10),
                type_=sa.String(length=20),
                existing_nullable=False,
            )
            batch.alter_column(
                "as_of",
                existing_type=sa.String(length=40),
                type_=sa.Text(),
                existing_nullable=False,
            )
            batch.create_foreign_key("plan_evidence_state_id_fkey", "states", ["state_id"], ["id"])

    # New NOT NULL text columns: '' for the rows there are, then no server default (the
    # models give the default), as in a database created at this revision.
    added: dict[str, list[tuple[str, sa.types.TypeEngine[str]]]] = {
        "ra_jurisdictions": [
            ("office_text", sa.Text()),
            ("as_of", sa.Text()),
            ("note", sa.Text()),
        ],
        "regional_authorities": [
            ("merged_into", sa.String(length=80)),
            ("merged_as_of", sa.Text()),
            ("merged_source", sa.Text()),
        ],
    }
    for table, columns in added.items():
        missing = [(name, type_) for name, type_ in columns if name not in _columns(table)]
        if not missing:
            continue
        emptied.append(table)
        with op.batch_alter_table(table) as batch:
            for name, type_ in missing:
                batch.add_column(sa.Column(name, type_, nullable=False, server_default=""))
        with op.batch_alter_table(table) as batch:
            for name, type_ in missing:
                batch.alter_column(
                    name, existing_type=type_, existing_nullable=False, server_default=None
                )
    if "ra_jurisdictions" in emptied:
        with op.batch_alter_table("ra_jurisdictions") as batch:
            batch.alter_column("authority_id", existing_type=sa.Integer(), nullable=True)

    # Children before parents; knowledge.derived refills them after the upgrade.
    if "regional_authorities" in emptied or "ra_jurisdictions" in emptied:
        op.execute("DELETE FROM ra_jurisdictions")
        op.execute("DELETE FROM regional_authorities")
    if "plan_evidence" in emptied:
        op.execute("DELETE FROM plan_evidence")


def downgrade() -> None:
    # The knowledge rows of the new shape cannot be put back into the old one: emptied, and
    # a start of the old release's code would not refill them (it seeds only an empty base).
    op.execute("DELETE FROM ra_jurisdictions")
    op.execute("DELETE FROM regional_authorities")
    op.execute("DELETE FROM plan_evidence")
    with op.batch_alter_table("regional_authorities") as batch:
        for name in ("merged_source", "merged_as_of", "merged_into"):
            batch.drop_column(name)
    with op.batch_alter_table("ra_jurisdictions") as batch:
        batch.alter_column("authority_id", existing_type=sa.Integer(), nullable=False)
        for name in ("note", "as_of", "office_text"):
            batch.drop_column(name)
    with op.batch_alter_table("plan_evidence") as batch:
        batch.drop_constraint("plan_evidence_state_id_fkey", type_="foreignkey")
        batch.alter_column(
            "as_of", existing_type=sa.Text(), type_=sa.String(length=40), existing_nullable=False
        )
        batch.alter_column(
            "status",
            existing_type=sa.String(length=20),
            type_=sa.String(length=10),
            existing_nullable=False,
        )
        batch.alter_column("district_id", existing_type=sa.Integer(), nullable=False)
        batch.drop_column("state_id")
    metadata = tables()
    metadata.drop_all(op.get_bind(), tables=[metadata.tables[n] for n in NEW_TABLES])
