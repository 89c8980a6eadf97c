"""Named leases: one process at a time does a job that every worker could do (reporting a
broadcast's progress, its pending count and its final report, once rather than once per
worker).

A lease is a row: its holder keeps it by renewing it before `until`; once it has run out any
process may take it. Taking and renewing are one upsert whose condition the database checks,
so two processes can never both hold a lease. Store functions never commit.
"""

from __future__ import annotations

from sqlalchemy import Double, String, select, update
from sqlalchemy.orm import Mapped, Session, mapped_column

from knowledge.delivery.models import insert_for
from knowledge.models import Base

PROGRESS = "progress"  # the broadcast progress reporter (bot/progress.py)


class Lease(Base):
    __tablename__ = "leases"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    holder: Mapped[str] = mapped_column(String(80))
    until: Mapped[float] = mapped_column(Double)


def hold(session: Session, name: str, holder: str, now: float, seconds: float) -> bool:
    """Take the lease or renew it for `seconds`; True if `holder` holds it now."""
    table = Lease.__table__
    session.execute(
        insert_for(session, Lease)
        .values(name=name, holder=holder, until=now + seconds)
        .on_conflict_do_update(
            index_elements=["name"],
            set_={"holder": holder, "until": now + seconds},
            where=(table.c.holder == holder) | (table.c.until < now),
        )
    )
    return session.scalar(select(Lease.holder).where(Lease.name == name)) == holder


def release(session: Session, name: str, holder: str) -> None:
    """Give the lease up (on a clean stop), so another process takes it at once."""
    session.execute(
        update(Lease).where(Lease.name == name, Lease.holder == holder).values(until=0.0)
    )
