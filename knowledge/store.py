"""Read and write the knowledge tables. Functions take a session and never commit: the caller
owns the transaction (`with sessions.begin() as session: ...`)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.orm import Session

from knowledge import vocabulary
from knowledge.answer import ProductFact
from knowledge.catalog import (
    AuthorityRec,
    Catalog,
    CouncilRec,
    DistrictRec,
    FaqRec,
    JurisdictionRec,
    OfficeRec,
    PlanRec,
    RoleRec,
    StateRec,
    StatRec,
)
from knowledge.models import (
    Committee,
    CommitteeRole,
    District,
    DistrictAlias,
    ExportCouncil,
    Faq,
    FaqText,
    ImportIssue,
    IndustriesOffice,
    Jurisdiction,
    Meta,
    PlanEvidence,
    Product,
    RegionalAuthority,
    Stat,
    State,
)

# Issues recorded while seeding the reference tables; a product import replaces only its own.
SEED_ISSUE_PREFIX = "seed:"

PRODUCT_FIELDS = ("name", "category", "sector", "gi", "ministry", "description")


@dataclass(frozen=True)
class DistrictRow:
    """What the importer needs to reconcile a row: a district with its names and codes."""

    id: int
    name: str
    state: str
    lgd_code: int | None
    aliases: tuple[tuple[str, str], ...]  # (alias, kind)


@dataclass(frozen=True)
class StoredProduct:
    id: int
    district_id: int
    name: str
    category: str
    sector: str
    gi: bool
    ministry: str
    description: str
    source: str
    as_of: str


# --- read side -------------------------------------------------------------------------------

# The tables the catalog is read from: their rows must all point at rows that exist.
_CATALOG_MODELS = (State, District, DistrictAlias, Product, Committee, CommitteeRole,
                   PlanEvidence, RegionalAuthority, Jurisdiction)


class BrokenReferences(Exception):
    """Rows name rows that do not exist (deleted with foreign keys off); one line says which."""


def dangling_references(session: Session) -> list[str]:
    """One phrase per foreign key of the catalog's tables whose rows name a missing row."""
    found = []
    for model in _CATALOG_MODELS:
        table = model.__table__
        for fk in sorted(table.foreign_keys, key=lambda k: k.parent.name):
            child, parent = fk.parent, fk.column
            missing = (select(func.count()).select_from(table)
                       .where(child.is_not(None), child.not_in(select(parent))))
            count = session.scalar(missing) or 0
            if count:
                found.append(f"{count} {model.__tablename__} rows name a missing "
                             f"{fk.target_fullname} ({child.name})")
    return found


def load_catalog(session: Session) -> Catalog:
    """Read every table into an immutable in-memory snapshot; BrokenReferences if inconsistent.

    A SQLite file edited with foreign keys off can hold products of a deleted district: the
    snapshot would fail half-way, so the references are checked first (milliseconds).
    """
    broken = dangling_references(session)
    if broken:
        raise BrokenReferences("the database is inconsistent: " + "; ".join(broken)
                               + " (deleted with foreign keys off?)")
    states = _states(session)
    districts = _districts(session)
    authorities, loose = _authorities(session)
    return Catalog(
        states=states,
        districts=districts,
        products=_products(session, {d.id: d for d in districts}),
        committees=_committees(session),
        plans=_plans(session),
        stats=_stats(session),
        authorities=authorities,
        councils=_councils(session),
        faqs=_faqs(session),
        meta=get_meta(session),
        loose_jurisdictions=loose,
        offices=_offices(session),
        synonyms=vocabulary.synonym_table(),
        state_forms={f.short: (f.state, f.kind) for f in vocabulary.load_state_forms()},
        splits=tuple((x.former, x.state, x.successors, x.year, x.source)
                     for x in vocabulary.load_splits()),
    )


def _states(session: Session) -> list[StateRec]:
    rows = session.scalars(select(State).order_by(State.name))
    return [StateRec(s.id, s.name, s.lgd_code, s.name_hi) for s in rows]


def _districts(session: Session) -> list[DistrictRec]:
    aliases: dict[int, list[tuple[str, str]]] = defaultdict(list)
    alias_rows = session.execute(
        select(DistrictAlias.district_id, DistrictAlias.alias, DistrictAlias.kind).order_by(
            DistrictAlias.id
        )
    )
    for district_id, alias, kind in alias_rows:
        aliases[district_id].append((alias, kind))
    # Plain rows, not ORM objects: the snapshot copies every field anyway.
    rows = session.execute(
        select(District.id, District.name, District.state_id, State.name, District.lgd_code,
               District.name_hi, District.source)
        .join(State)
        .order_by(State.name, District.name)
    )
    return [
        DistrictRec(
            id=i, name=name, state_id=state_id, state=state, lgd_code=lgd, name_hi=name_hi,
            aliases=tuple(aliases[i]), source=source,
        )
        for i, name, state_id, state, lgd, name_hi, source in rows
    ]


def _products(session: Session, districts: Mapping[int, DistrictRec]) -> list[ProductFact]:
    facts = []
    rows = session.execute(
        select(Product.id, Product.district_id, Product.name, Product.gi, Product.sector,
               Product.category, Product.description, Product.ministry, Product.source,
               Product.as_of).order_by(Product.id)
    )
    for i, district_id, name, gi, sector, category, description, ministry, source, as_of in rows:
        d = districts[district_id]
        facts.append(
            ProductFact(
                name=name, district=d.name, state=d.state, gi=gi, sector=sector,
                category=category, id=i, district_id=district_id, lgd_code=d.lgd_code,
                description=description, ministry=ministry, source=source, as_of=as_of,
            )
        )
    return facts


def _committees(session: Session) -> dict[tuple[str, int, int | None], tuple[RoleRec, ...]]:
    roles: dict[int, list[RoleRec]] = defaultdict(list)
    role_rows = session.execute(
        select(CommitteeRole.committee_id, CommitteeRole.role, CommitteeRole.holder,
               CommitteeRole.basis, CommitteeRole.source, CommitteeRole.as_of)
        .order_by(CommitteeRole.id)
    )
    for committee_id, *fields in role_rows:
        roles[committee_id].append(RoleRec(*fields))
    committees = session.execute(
        select(Committee.id, Committee.kind, Committee.state_id, Committee.district_id)
        .order_by(Committee.id)
    )
    return {(kind, state_id, district_id): tuple(roles[i])
            for i, kind, state_id, district_id in committees}


def _plans(session: Session) -> list[PlanRec]:
    rows = session.scalars(select(PlanEvidence).order_by(PlanEvidence.id))
    return [
        PlanRec(p.district_id, p.status, p.status_text, p.as_of, p.prepared_by, p.scope, p.note,
                p.source, p.state_id)
        for p in rows
    ]


def _stats(session: Session) -> list[StatRec]:
    rows = session.scalars(select(Stat).order_by(Stat.as_of, Stat.id))
    return [
        StatRec(s.as_of, s.metric, s.value, s.unit, s.source_url, s.source_title, s.note)
        for s in rows
    ]


def _authorities(session: Session) -> tuple[list[AuthorityRec], list[JurisdictionRec]]:
    """The DGFT offices with what each covers, and the jurisdiction evidence naming no office."""
    scopes: dict[int, list[JurisdictionRec]] = defaultdict(list)
    loose: list[JurisdictionRec] = []
    for j in session.scalars(select(Jurisdiction).order_by(Jurisdiction.id)):
        rec = JurisdictionRec(j.state, j.scope, j.evidence_type, j.source, j.as_of, j.note,
                              j.office_text)
        if j.authority_id is None:
            loose.append(rec)
        else:
            scopes[j.authority_id].append(rec)
    offices = [
        AuthorityRec(a.id, a.city, a.state, a.state_verified, a.status_note, a.address, a.phone,
                     a.email, a.source, tuple(scopes[a.id]), a.merged_into, a.merged_as_of,
                     a.merged_source)
        for a in session.scalars(select(RegionalAuthority).order_by(RegionalAuthority.city))
    ]
    return offices, loose


def _offices(session: Session) -> list[OfficeRec]:
    rows = session.scalars(select(IndustriesOffice).order_by(IndustriesOffice.id))
    return [OfficeRec(o.state_id, o.district_id, o.office, o.address, o.phone, o.email, o.as_of,
                      o.source, o.doubt) for o in rows]


def _councils(session: Session) -> list[CouncilRec]:
    rows = session.scalars(select(ExportCouncil).order_by(ExportCouncil.id))
    return [
        CouncilRec(c.name, c.short_name, c.sector, c.relevance, c.website, c.website_verified,
                   c.source)
        for c in rows
    ]


def _faqs(session: Session) -> list[FaqRec]:
    rows = session.scalars(select(Faq).order_by(Faq.id))
    hindi = {t.topic: t for t in session.scalars(select(FaqText).where(FaqText.lang == "hi"))}
    return [FaqRec(f.topic, f.question, f.answer, f.source, f.as_of,
                   hindi[f.topic].question if f.topic in hindi else "",
                   hindi[f.topic].answer if f.topic in hindi else "") for f in rows]


def get_meta(session: Session) -> dict[str, str]:
    return {m.key: m.value for m in session.scalars(select(Meta))}


def district_rows(session: Session) -> list[DistrictRow]:
    """Districts with their names and codes, for reconciling an import."""
    return [
        DistrictRow(d.id, d.name, d.state, d.lgd_code, d.aliases) for d in _districts(session)
    ]


def state_names(session: Session) -> list[str]:
    return list(session.scalars(select(State.name).order_by(State.name)))


def stored_products(session: Session) -> list[StoredProduct]:
    rows = session.scalars(select(Product).order_by(Product.id))
    return [
        StoredProduct(p.id, p.district_id, p.name, p.category, p.sector, p.gi, p.ministry,
                      p.description, p.source, p.as_of)
        for p in rows
    ]


def import_issues(session: Session) -> list[ImportIssue]:
    return list(session.scalars(select(ImportIssue).order_by(ImportIssue.id)))


def count(session: Session, model: type[Any], *where: Any) -> int:
    """Row count of one table, optionally filtered."""
    stmt = select(func.count()).select_from(model)
    for clause in where:
        stmt = stmt.where(clause)
    return int(session.scalar(stmt) or 0)


def has_districts(session: Session) -> bool:
    return session.scalar(select(District.id).limit(1)) is not None


# --- write side ------------------------------------------------------------------------------


def add_products(session: Session, rows: Sequence[Mapping[str, Any]]) -> None:
    """Insert many products at once (one executemany, not one flush per row)."""
    if rows:
        session.execute(insert(Product), list(rows))


def update_products(session: Session, rows: Sequence[Mapping[str, Any]]) -> None:
    """Update products by primary key; each mapping carries `id` and the new values."""
    if rows:
        session.execute(update(Product), list(rows))


def delete_products(session: Session, ids: Iterable[int]) -> None:
    id_list = list(ids)
    if id_list:
        session.execute(delete(Product).where(Product.id.in_(id_list)))


def replace_import_issues(
    session: Session, issues: Iterable[tuple[int, str, str]], *, seed: bool = False
) -> None:
    """Replace one family of recorded issues (seed or product import) with (line, kind, msg)."""
    is_seed = ImportIssue.kind.startswith(SEED_ISSUE_PREFIX)
    session.execute(delete(ImportIssue).where(is_seed if seed else ~is_seed))
    rows = [{"line": line, "kind": kind, "message": msg} for line, kind, msg in issues]
    if rows:
        session.execute(insert(ImportIssue), rows)


def set_meta(session: Session, values: Mapping[str, str]) -> None:
    for key, value in values.items():
        session.merge(Meta(key=key, value=value))
    session.flush()


def counts(session: Session) -> dict[str, int]:
    """How many rows each kind of knowledge has."""
    return {
        "states": count(session, State),
        "districts": count(session, District),
        "products": count(session, Product),
        "gi_products": count(session, Product, Product.gi.is_(True)),
        "aliases": count(session, DistrictAlias),
        "committees": count(session, Committee),
        "committee_roles": count(session, CommitteeRole),
        "plan_evidence": count(session, PlanEvidence),
        "stats": count(session, Stat),
        "authorities": count(session, RegionalAuthority),
        "councils": count(session, ExportCouncil),
        "industries_offices": count(session, IndustriesOffice),
        "faqs": count(session, Faq),
        "import_issues": count(session, ImportIssue),
    }
