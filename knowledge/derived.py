"""Knowledge tables derived wholly from the shipped data, refilled when a migration empties them,
and the districts' names, refreshed when the shipped names change.

A migration that changes the shape of such a table cannot say what the new columns of its old
rows hold, so it empties the table; after the upgrade these functions fill it again from
knowledge/data/ with today's code (which knows today's shape). Rows other people wrote (an
officer's status update, an imported product list, user data) are never in these groups, and a
group that has rows is left alone.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sqlalchemy import create_engine, delete, exists, select
from sqlalchemy.orm import Session, selectinload

from knowledge import seed, store
from knowledge.models import (
    Base,
    District,
    DistrictAlias,
    FaqText,
    ImportIssue,
    IndustriesOffice,
    Meta,
    PlanEvidence,
    RegionalAuthority,
    State,
)
from knowledge.reconcile import DistrictIndex

# (table whose emptiness means "refill", the seed issue kinds the group notes)
GROUPS: dict[str, tuple[type[object], tuple[str, ...]]] = {
    "plan_evidence": (PlanEvidence, ("plan_guess",)),
    "regional_authorities": (RegionalAuthority, ("ra_unplaced", "ra_created")),
    "industries_offices": (IndustriesOffice, ("office_guess",)),
    "faq_texts": (FaqText, ()),
}


def empty_groups(session: Session) -> list[str]:
    """The derived groups with no rows (a few cheap reads)."""
    return [name for name, (model, _) in GROUPS.items()
            if not session.scalar(select(exists().select_from(model)))]


def refill(session: Session, data_dir: Path = seed.DATA_DIR) -> list[str]:
    """Fill every empty derived group of a seeded database; return the tables filled."""
    if not store.has_districts(session):
        return []  # an empty knowledge base is seeded whole, not refilled
    empty = empty_groups(session)
    if not empty:
        return []
    seed_log = seed.SeedLog()
    index = DistrictIndex(store.district_rows(session))
    state_ids = {name: id_ for id_, name in session.execute(select(State.id, State.name))}
    fillers: dict[str, Callable[[], None]] = {
        "plan_evidence": lambda: seed.seed_plans(session, data_dir, index, state_ids, seed_log),
        "regional_authorities": lambda: seed.seed_authorities(session, data_dir, seed_log),
        "industries_offices": lambda: seed.seed_offices(session, data_dir, index, state_ids,
                                                        seed_log),
        "faq_texts": lambda: seed.seed_faq_texts(session, data_dir),
    }
    for name in empty:
        kinds = [store.SEED_ISSUE_PREFIX + kind for kind in GROUPS[name][1]]
        if kinds:
            session.execute(delete(ImportIssue).where(ImportIssue.kind.in_(kinds)))
        fillers[name]()
    session.add_all(ImportIssue(line=line, kind=kind, message=message)
                    for line, kind, message in seed_log.issues)
    session.flush()
    return empty


# The seed issues `seed_names` notes, replaced with those of the names a refresh reads.
NAME_ISSUE_KINDS = ("alias", "hindi_unmatched", "hindi_second_name")

Shipped = dict[tuple[str, str], tuple[list[tuple[str, str]], str | None, str | None]]


def names_current(session: Session, data_dir: Path = seed.DATA_DIR) -> bool:
    """Whether the database's district names are those of the shipped data (one read)."""
    stored = session.get(Meta, seed.NAMES_KEY)
    return stored is not None and stored.value == seed.names_digest(data_dir)


def refresh_names(session: Session, data_dir: Path = seed.DATA_DIR) -> int:
    """Bring a seeded database's district names to the shipped data's; return the districts
    changed.

    A database seeded by an earlier version keeps the names of its day: a former name or a
    Hindi spelling added since, or a Hindi name corrected since, would reach it only by
    seeding it again. When the shipped names' digest differs from the one stored, they are
    read into a scratch database with the seed's own code and each district's names made
    those: its aliases (added, removed, or of another kind) and its Hindi name, and each
    State's Hindi name. Only names come from the shipped data (an import adds products, never
    names); a district the shipped data no longer has is left as it is. Run under the
    first-use lock, by `seed.ensure_seeded`.
    """
    if not store.has_districts(session) or names_current(session, data_dir):
        return 0
    shipped, state_names_hi, seed_log = _shipped_names(data_dir)
    changed = 0
    districts = session.scalars(select(District).options(
        selectinload(District.aliases), selectinload(District.state)))
    for district in districts:
        wanted = shipped.get((district.state.name, district.name))
        if wanted is None:
            continue
        aliases, name_hi, name_hi_source = wanted
        kind_of = dict(aliases)
        have = {a.alias for a in district.aliases}
        before = ({(a.alias, a.kind) for a in district.aliases}, district.name_hi,
                  district.name_hi_source)
        for a in list(district.aliases):
            if a.alias not in kind_of:
                district.aliases.remove(a)
            else:
                a.kind = kind_of[a.alias]
        district.aliases.extend(DistrictAlias(alias=alias, kind=kind) for alias, kind in aliases
                                if alias not in have)
        district.name_hi, district.name_hi_source = name_hi, name_hi_source
        changed += before != (set(aliases), name_hi, name_hi_source)
    for state in session.scalars(select(State)):
        if state.name in state_names_hi:
            state.name_hi = state_names_hi[state.name]
    kinds = [store.SEED_ISSUE_PREFIX + kind for kind in NAME_ISSUE_KINDS]
    session.execute(delete(ImportIssue).where(ImportIssue.kind.in_(kinds)))
    session.add_all(ImportIssue(line=line, kind=kind, message=message)
                    for line, kind, message in seed_log.issues)
    store.set_meta(session, {seed.NAMES_KEY: seed.names_digest(data_dir)})
    return changed


def _shipped_names(data_dir: Path) -> tuple[Shipped, dict[str, str | None], seed.SeedLog]:
    """Each shipped district's aliases (alias, kind), Hindi name and its source, by (State,
    district), and each State's Hindi name: as `seed.seed_names` makes them, in a scratch
    in-memory database."""
    scratch = create_engine("sqlite://")
    try:
        Base.metadata.create_all(scratch, tables=[
            State.__table__, District.__table__, DistrictAlias.__table__])  # type: ignore[list-item]
        seed_log = seed.SeedLog()
        with Session(scratch) as session:
            states, districts, _index = seed.seed_names(session, data_dir, seed_log)
            session.flush()
            shipped = {key: ([(a.alias, a.kind) for a in d.aliases], d.name_hi,
                             d.name_hi_source) for key, d in districts.items()}
            return shipped, {name: st.name_hi for name, st in states.items()}, seed_log
    finally:
        scratch.dispose()
