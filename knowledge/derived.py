"""Knowledge tables derived wholly from the shipped data, refilled when a migration empties them.

A migration that changes the shape of such a table cannot say what the new columns of its old
rows hold, so it empties the table; after the upgrade these functions fill it again from
knowledge/data/ with today's code (which knows today's shape). Rows other people wrote (an
officer's status update, an imported product list, user data) are never in these groups, and a
group that has rows is left alone.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sqlalchemy import delete, exists, select
from sqlalchemy.orm import Session

from knowledge import seed, store
from knowledge.models import (
    FaqText,
    ImportIssue,
    IndustriesOffice,
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
