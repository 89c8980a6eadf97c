"""People keep a district's plan status current: an officer's update, or a file of evidence.

Each change is one new evidence row (the published evidence is never overwritten: an answer
shows the officer's word beside it, newest first), one audit entry and one alert to the
district's followers, all in the caller's transaction. Reporting what is already recorded
changes nothing and alerts nobody.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from knowledge import alerts, audit, status, version
from knowledge.answer import DistrictRef
from knowledge.audit import Actor
from knowledge.engine import Engine
from knowledge.importer import ProductChange
from knowledge.models import District, PlanEvidence, State
from knowledge.status import OFFICER_SCOPE, Step
from knowledge.wording import district_label

SOURCE_MAX = 500
EARLIEST = date(2018, 1, 1)  # ODOP began in Uttar Pradesh in 2018; nothing is dated before
_URL = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)


class InvalidUpdate(ValueError):
    """A value a person gave cannot be recorded; the message says why, in one line."""


@dataclass(frozen=True)
class Place:
    """A district as a change names it."""

    id: int
    name: str
    state: str
    state_id: int
    name_hi: str | None = None

    @property
    def label(self) -> str:
        return f"{self.name} ({self.state})"

    def label_in(self, lang: str) -> str:
        """The label in `lang`: "आगरा (Agra), उत्तर प्रदेश (Uttar Pradesh)" in Hindi."""
        return district_label(DistrictRef(self.name, self.state, None, self.id, self.name_hi),
                              lang)


@dataclass(frozen=True)
class Reported:
    """One piece of evidence about a district's plan, as a person gives it."""

    step: Step
    as_of: str
    source: str
    status_text: str = ""  # the source's own words; the step's label when empty
    prepared_by: str = ""
    scope: str = OFFICER_SCOPE
    note: str = ""


@dataclass(frozen=True)
class StatusChange:
    """A recorded change: the district's latest reported step before, and the new evidence."""

    place: Place
    old: Step | None  # None: nothing was recorded for the district
    old_as_of: str
    new: Reported
    alerted: int = 0  # followers the alert was queued for


# --- checking what a person typed ------------------------------------------------------------


def parse_step(text: str) -> Step:
    """The plan step named by `text` (a key, a label in English or Hindi, a common word)."""
    step = status.from_user(text)
    if step is None:
        raise InvalidUpdate(f"{text!r} is not a plan status; use one of "
                            + ", ".join(status.STEPS))
    return step


_DATE_FORMATS = (
    re.compile(r"^(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})$"),
    # Indian usage writes the day first: 21-07-2025, 21/07/2025, 21.07.2025
    re.compile(r"^(?P<d>\d{1,2})[-/.](?P<m>\d{1,2})[-/.](?P<y>\d{4})$"),
)


def parse_date(text: str, today: date) -> date:
    """A calendar date (YYYY-MM-DD or DD-MM-YYYY), not in the future and not before 2018."""
    value = text.strip()
    if value.casefold() in ("today", "आज"):
        return today
    for pattern in _DATE_FORMATS:
        found = pattern.match(value)
        if found is None:
            continue
        try:
            day = date(int(found["y"]), int(found["m"]), int(found["d"]))
        except ValueError:
            raise InvalidUpdate(f"{value!r} is not a calendar date") from None
        if day > today:
            raise InvalidUpdate(f"{day.isoformat()} is in the future")
        if day < EARLIEST:
            raise InvalidUpdate(f"{day.isoformat()} is before ODOP began "
                                f"({EARLIEST.year})")
        return day
    raise InvalidUpdate(f"{value!r} is not a date; write it as YYYY-MM-DD, e.g. "
                        f"{today.isoformat()}")


def check_source(text: str) -> str:
    """A link (http/https) or a document's reference, on one line."""
    value = " ".join(text.split())
    if not value:
        raise InvalidUpdate("the source is empty; give a link or the document's reference")
    if len(value) > SOURCE_MAX:
        raise InvalidUpdate(f"the source is longer than {SOURCE_MAX} characters")
    if _URL.match(value) and not value.casefold().startswith(("http://", "https://")):
        raise InvalidUpdate("a link must start with http:// or https://")
    return value


@dataclass(frozen=True)
class Found:
    """The district a person named, or the districts sharing that name, or neither."""

    district: DistrictRef | None = None
    options: tuple[DistrictRef, ...] = ()


def find_district(engine: Engine, text: str) -> Found:
    """Read a district as a person names it: its name (with the State if shared), an alias,
    a Hindi name or its LGD code. A State or a product alone names no district."""
    value = text.strip()
    if not value:
        return Found()
    if value.isdigit():
        return Found(engine.by_lgd(int(value)))
    # Asked as a district question, a State alone turns into a State overview and a
    # shared name into a question back; only a single named district answers as one.
    answer = engine.ask(value, "district_products")
    if answer.clarify:
        return Found(options=tuple(o.district for o in answer.clarify))
    if answer.intent == "district_products" and len(answer.districts) == 1:
        return Found(answer.districts[0])
    return Found()


# --- reading -----------------------------------------------------------------------------------


def place(session: Session, district_id: int) -> Place | None:
    row = session.execute(
        select(District.id, District.name, State.name, State.id, District.name_hi).join(State)
        .where(District.id == district_id)
    ).one_or_none()
    return None if row is None else Place(*row)


def state_ids(session: Session) -> dict[str, int]:
    return {name: ident for ident, name in session.execute(select(State.id, State.name))}


def latest(session: Session, district_id: int) -> tuple[Step | None, str]:
    """The step of the most recent dated evidence (undated rows only when none is dated)."""
    rows = session.execute(
        select(PlanEvidence.status_text, PlanEvidence.note, PlanEvidence.scope,
               PlanEvidence.as_of, PlanEvidence.id)
        .where(PlanEvidence.district_id == district_id)
    ).all()
    if not rows:
        return None, ""
    newest = max(rows, key=lambda r: (status.sort_date(r.as_of) or "", r.id))
    return status.classify(newest.status_text, newest.note, newest.scope).step, newest.as_of


def describe(step: Step | None, as_of: str, lang: str = "en") -> str:
    """"draft prepared (2024-05-02)"; "nothing recorded" when there is no evidence."""
    if step is None:
        return "nothing recorded" if lang == "en" else "कुछ दर्ज नहीं"
    return f"{status.label(step, lang)} ({as_of})" if as_of else status.label(step, lang)


# --- writing -----------------------------------------------------------------------------------


def record(
    session: Session, where: Place, reported: Reported, actor: Actor, at: float | None = None
) -> StatusChange | None:
    """Add the evidence, its audit entry and the alert to the district's followers (queued
    at `at`, default now); None if exactly this is already recorded."""
    text = reported.status_text or status.label(reported.step, "en")
    exists = session.scalar(
        select(PlanEvidence.id).where(
            PlanEvidence.district_id == where.id, PlanEvidence.status_text == text,
            PlanEvidence.as_of == reported.as_of, PlanEvidence.source == reported.source,
        ).limit(1)
    )
    if exists is not None:
        return None
    old, old_as_of = latest(session, where.id)
    version.bump(session)  # every replica reloads once this commits
    session.add(PlanEvidence(
        district_id=where.id, status=reported.step, status_text=text, as_of=reported.as_of,
        prepared_by=reported.prepared_by, scope=reported.scope, note=reported.note,
        source=reported.source,
    ))
    audit.record(
        session, actor, district_id=where.id, subject=where.label, what="plan status",
        old=describe(old, old_as_of), new=describe(reported.step, reported.as_of),
        source=reported.source,
    )
    alerted = alerts.plan_status(
        session, district_id=where.id, place=where.label, step=reported.step,
        as_of=reported.as_of, source=reported.source, officer=reported.scope == OFFICER_SCOPE,
        created_by=actor.describe(), at=at,
    )
    session.flush()  # the next change to this district sees this one as its "old"
    return StatusChange(where, old, old_as_of, reported, alerted)


def record_products(
    session: Session, diff: list[ProductChange], actor: Actor, source: str,
    at: float | None = None,
) -> int:
    """Audit the products a person's import added, removed or changed, and alert the followers
    of each district, State and product added or removed; return the deliveries queued."""
    for c in diff:
        subject = f"{c.district} ({c.state})"
        if c.kind == "changed":
            for f in c.fields:
                audit.record(session, actor, district_id=c.district_id or None, subject=subject,
                             what=f"product {c.product}: {f.field}", old=f.old, new=f.new,
                             source=source)
        else:
            added = c.kind == "added"
            audit.record(session, actor, district_id=c.district_id or None, subject=subject,
                         what="product", old="" if added else c.product,
                         new=c.product if added else "", source=source)
    return alerts.products(session, diff, source=source, created_by=actor.describe(), at=at)
