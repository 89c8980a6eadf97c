"""The knowledge model: every fact keeps the source it came from and the date it was true."""

from __future__ import annotations

from sqlalchemy import Boolean, ForeignKey, Integer, MetaData, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

# Every constraint gets a name, so a migration can drop or alter it (SQLite's batch mode needs
# one). The names are PostgreSQL's own defaults: a PostgreSQL database made before the
# convention existed already carries them.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "%(table_name)s_%(column_0_N_name)s_key",
    "ck": "%(table_name)s_%(constraint_name)s_check",
    "fk": "%(table_name)s_%(column_0_N_name)s_fkey",
    "pk": "%(table_name)s_pkey",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class State(Base):
    __tablename__ = "states"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80), unique=True)
    lgd_code: Mapped[int | None] = mapped_column(Integer)
    name_hi: Mapped[str | None] = mapped_column(String(80))

    districts: Mapped[list[District]] = relationship(back_populates="state")


class District(Base):
    __tablename__ = "districts"
    __table_args__ = (UniqueConstraint("state_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    state_id: Mapped[int] = mapped_column(ForeignKey("states.id"))
    name: Mapped[str] = mapped_column(String(80))
    lgd_code: Mapped[int | None] = mapped_column(Integer, unique=True)
    census2011_code: Mapped[int | None] = mapped_column(Integer)
    name_hi: Mapped[str | None] = mapped_column(String(120))
    name_hi_source: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str] = mapped_column(Text)

    state: Mapped[State] = relationship(back_populates="districts")
    aliases: Mapped[list[DistrictAlias]] = relationship(
        back_populates="district", cascade="all, delete-orphan"
    )
    products: Mapped[list[Product]] = relationship(
        back_populates="district", cascade="all, delete-orphan"
    )


class DistrictAlias(Base):
    """Another name a district goes by: a spelling seen in a source, or a former name."""

    __tablename__ = "district_aliases"
    __table_args__ = (UniqueConstraint("district_id", "alias"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    district_id: Mapped[int] = mapped_column(ForeignKey("districts.id"))
    alias: Mapped[str] = mapped_column(String(120))
    # "source" (spelling used in an official list), "unverified" (former/alternate name
    # from general knowledge) or "hindi" (Devanagari, third-party compilation).
    kind: Mapped[str] = mapped_column(String(20))

    district: Mapped[District] = relationship(back_populates="aliases")


class Product(Base):
    __tablename__ = "products"
    __table_args__ = (UniqueConstraint("district_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    district_id: Mapped[int] = mapped_column(ForeignKey("districts.id"))
    name: Mapped[str] = mapped_column(String(200))
    category: Mapped[str] = mapped_column(String(20))
    sector: Mapped[str] = mapped_column(String(40))
    gi: Mapped[bool] = mapped_column(Boolean)
    ministry: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text)
    source: Mapped[str] = mapped_column(Text)
    as_of: Mapped[str] = mapped_column(String(20))

    district: Mapped[District] = relationship(back_populates="products")


class Committee(Base):
    """A State Export Promotion Committee (district_id empty) or a district's DEPC."""

    __tablename__ = "committees"
    __table_args__ = (UniqueConstraint("kind", "state_id", "district_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(4))  # "SEPC" or "DEPC"
    state_id: Mapped[int] = mapped_column(ForeignKey("states.id"))
    district_id: Mapped[int | None] = mapped_column(ForeignKey("districts.id"))

    roles: Mapped[list[CommitteeRole]] = relationship(
        back_populates="committee", cascade="all, delete-orphan", order_by="CommitteeRole.id"
    )


class CommitteeRole(Base):
    __tablename__ = "committee_roles"

    id: Mapped[int] = mapped_column(primary_key=True)
    committee_id: Mapped[int] = mapped_column(ForeignKey("committees.id"))
    role: Mapped[str] = mapped_column(String(40))  # chair, co-chair, convener, co-convener, ...
    holder: Mapped[str] = mapped_column(Text)
    # "rule": what the Handbook of Procedures prescribes; "reported": what a source reported
    # for this very committee.
    basis: Mapped[str] = mapped_column(String(10))
    source: Mapped[str] = mapped_column(Text)
    as_of: Mapped[str] = mapped_column(String(20))

    committee: Mapped[Committee] = relationship(back_populates="roles")


class PlanEvidence(Base):
    """What a source said about export action plans: one district's, a State's (district
    empty) or the whole country's (both empty)."""

    __tablename__ = "plan_evidence"

    id: Mapped[int] = mapped_column(primary_key=True)
    district_id: Mapped[int | None] = mapped_column(ForeignKey("districts.id"))
    state_id: Mapped[int | None] = mapped_column(ForeignKey("states.id"))
    # one step of knowledge.status (identified ... published, or none): by its rules for a
    # source's words, as chosen when a person reports it
    status: Mapped[str] = mapped_column(String(20))
    status_text: Mapped[str] = mapped_column(Text)  # the source's own words
    # the source's date as written ("c. 2020-11-20/21 (reported 2020-11-22)", "undated (...)")
    as_of: Mapped[str] = mapped_column(Text)
    prepared_by: Mapped[str] = mapped_column(Text)
    scope: Mapped[str] = mapped_column(Text)
    note: Mapped[str] = mapped_column(Text)
    source: Mapped[str] = mapped_column(Text)


class Stat(Base):
    __tablename__ = "stats"

    id: Mapped[int] = mapped_column(primary_key=True)
    as_of: Mapped[str] = mapped_column(String(40))
    metric: Mapped[str] = mapped_column(Text)
    value: Mapped[str] = mapped_column(String(80))
    unit: Mapped[str] = mapped_column(String(40))
    source_url: Mapped[str] = mapped_column(Text)
    source_title: Mapped[str] = mapped_column(Text)
    note: Mapped[str] = mapped_column(Text)


class RegionalAuthority(Base):
    __tablename__ = "regional_authorities"

    id: Mapped[int] = mapped_column(primary_key=True)
    city: Mapped[str] = mapped_column(String(80), unique=True)
    state: Mapped[str] = mapped_column(String(80))
    state_verified: Mapped[bool] = mapped_column(Boolean)
    status_note: Mapped[str] = mapped_column(Text)
    address: Mapped[str] = mapped_column(Text)
    phone: Mapped[str] = mapped_column(String(80))
    email: Mapped[str] = mapped_column(String(120))
    source: Mapped[str] = mapped_column(Text)
    # An office closed and merged into another: the other's city, since when, and who said so.
    merged_into: Mapped[str] = mapped_column(String(80), default="")
    merged_as_of: Mapped[str] = mapped_column(Text, default="")
    merged_source: Mapped[str] = mapped_column(Text, default="")

    jurisdictions: Mapped[list[Jurisdiction]] = relationship(
        back_populates="authority", cascade="all, delete-orphan"
    )


class Jurisdiction(Base):
    """What a source said an office covers. No office: the source names none (a national
    notice, or a DGFT officer at a meeting whose office is not stated)."""

    __tablename__ = "ra_jurisdictions"

    id: Mapped[int] = mapped_column(primary_key=True)
    authority_id: Mapped[int | None] = mapped_column(ForeignKey("regional_authorities.id"))
    office_text: Mapped[str] = mapped_column(Text, default="")  # the source's office words
    state: Mapped[str] = mapped_column(String(80))
    scope: Mapped[str] = mapped_column(Text)
    evidence_type: Mapped[str] = mapped_column(Text)
    source: Mapped[str] = mapped_column(Text)
    as_of: Mapped[str] = mapped_column(Text, default="")
    note: Mapped[str] = mapped_column(Text, default="")

    authority: Mapped[RegionalAuthority | None] = relationship(back_populates="jurisdictions")


class IndustriesOffice(Base):
    """A District Industries Centre or a State's industries/export office, as a source lists
    it: the office, never the person holding the post."""

    __tablename__ = "industries_offices"

    id: Mapped[int] = mapped_column(primary_key=True)
    state_id: Mapped[int] = mapped_column(ForeignKey("states.id"))
    district_id: Mapped[int | None] = mapped_column(ForeignKey("districts.id"))
    office: Mapped[str] = mapped_column(Text)
    address: Mapped[str] = mapped_column(Text)
    phone: Mapped[str] = mapped_column(Text)
    email: Mapped[str] = mapped_column(Text)
    as_of: Mapped[str] = mapped_column(Text)
    source: Mapped[str] = mapped_column(Text)
    doubt: Mapped[str] = mapped_column(Text)


class ExportCouncil(Base):
    __tablename__ = "export_councils"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    short_name: Mapped[str] = mapped_column(String(40))
    sector: Mapped[str] = mapped_column(Text)
    relevance: Mapped[str] = mapped_column(Text)  # product words it covers (unverified)
    website: Mapped[str] = mapped_column(String(200))
    website_verified: Mapped[bool] = mapped_column(Boolean)
    source: Mapped[str] = mapped_column(Text)


class Faq(Base):
    __tablename__ = "faqs"

    id: Mapped[int] = mapped_column(primary_key=True)
    topic: Mapped[str] = mapped_column(String(40), unique=True)
    question: Mapped[str] = mapped_column(Text)
    answer: Mapped[str] = mapped_column(Text)
    source: Mapped[str] = mapped_column(Text)
    as_of: Mapped[str] = mapped_column(String(40))


class FaqText(Base):
    """An FAQ's question and answer in another language, written by us (faq.csv *_hi columns).

    A table of its own, not columns on faqs, so a database seeded before it existed still
    opens (the table is created empty and answers fall back to English)."""

    __tablename__ = "faq_texts"

    id: Mapped[int] = mapped_column(primary_key=True)
    topic: Mapped[str] = mapped_column(String(40))
    lang: Mapped[str] = mapped_column(String(8))
    question: Mapped[str] = mapped_column(Text)
    answer: Mapped[str] = mapped_column(Text)


class Meta(Base):
    """Key/value facts about the loaded knowledge (what was imported, when, from which file)."""

    __tablename__ = "meta"

    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class ImportIssue(Base):
    """A conflict or guess the importer made, kept for `odop-bot kb check`."""

    __tablename__ = "import_issues"

    id: Mapped[int] = mapped_column(primary_key=True)
    line: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(40))
    message: Mapped[str] = mapped_column(Text)
