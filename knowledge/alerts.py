"""Alerts to followers when people change what they follow: a plan status, a district's products.

Each alert is queued with `knowledge.delivery.outbox.queue_alert` inside the transaction that
makes the change, so a change never commits without its alerts (nor alerts without the
change). The text is plain (the worker escapes it) in English and Hindi; each subscriber gets
their language. Nothing that changed nothing is announced.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from knowledge import status
from knowledge.answer import DistrictRef
from knowledge.delivery import outbox
from knowledge.importer import ProductChange
from knowledge.models import District, State
from knowledge.wording import district_label

ALERT_PRODUCTS_MAX = 15  # products named in one alert; the rest are counted


def now() -> float:
    return time.time()


def plan_status(
    session: Session, *, district_id: int, place: str, step: str, as_of: str, source: str,
    officer: bool, created_by: str, at: float | None = None,
) -> int:
    """Tell the followers of a district (and its State) of new plan evidence; return how many
    will hear of it. Evidence that states no plan step is not announced."""
    if step == status.NONE:
        return 0
    texts = {}
    for lang in ("en", "hi"):
        label = status.label(step, lang)
        if lang == "en":
            line = f"Export action plan of {place}: {label} ({as_of}). Source: {source}."
            texts[lang] = line + (" Reported by an officer." if officer else "")
        else:
            where = _place_hi(session, district_id, place)
            line = f"{where} की ज़िला निर्यात कार्य योजना: {label} ({as_of})। स्रोत: {source}।"
            texts[lang] = line + (" एक अधिकारी द्वारा सूचित।" if officer else "")
    _id, recipients = outbox.queue_alert(
        session, outbox.district_targets(session, district_id), text_en=texts["en"],
        text_hi=texts["hi"], now=now() if at is None else at, created_by=created_by,
        audience=f"district:{district_id} plan status",
    )
    return recipients


def products(
    session: Session, changes: Iterable[ProductChange], *, source: str, created_by: str,
    at: float | None = None,
) -> int:
    """One alert per district whose products were added or removed, to the followers of the
    district, its State and each product; return how many deliveries were queued."""
    by_district: dict[int, list[ProductChange]] = defaultdict(list)
    for change in changes:
        if change.kind in ("added", "removed") and change.district_id:
            by_district[change.district_id].append(change)
    queued = 0
    for district_id, found in sorted(by_district.items()):
        place = f"{found[0].district} ({found[0].state})"
        added = sorted(c.product for c in found if c.kind == "added")
        removed = sorted(c.product for c in found if c.kind == "removed")
        targets = [*outbox.district_targets(session, district_id),
                   *(outbox.product_target(c.product) for c in found)]
        _id, recipients = outbox.queue_alert(
            session, targets, text_en=_products_en(place, added, removed, source),
            text_hi=_products_hi(_place_hi(session, district_id, place), added, removed, source),
            now=now() if at is None else at, created_by=created_by,
            audience=f"district:{district_id} products",
        )
        queued += recipients
    return queued


def _place_hi(session: Session, district_id: int, place: str) -> str:
    """The district in Devanagari with its English name beside it, as answers show it."""
    row = session.execute(
        select(District.name, District.name_hi, State.name).join(State)
        .where(District.id == district_id)
    ).one_or_none()
    if row is None:
        return place
    return district_label(DistrictRef(row[0], row[2], None, district_id, row[1]), "hi")


def _names(names: list[str]) -> str:
    shown = names[:ALERT_PRODUCTS_MAX]
    more = len(names) - len(shown)
    return "; ".join(shown) + (f" (+{more})" if more else "")


def _products_en(place: str, added: list[str], removed: list[str], source: str) -> str:
    parts = [f"ODOP products of {place} changed."]
    if added:
        parts.append(f"Added: {_names(added)}.")
    if removed:
        parts.append(f"Removed: {_names(removed)}.")
    parts.append(f"Source: {source}.")
    return " ".join(parts)


def _products_hi(place: str, added: list[str], removed: list[str], source: str) -> str:
    parts = [f"{place} के ODOP उत्पाद बदले।"]
    if added:
        parts.append(f"जोड़े गए: {_names(added)}।")
    if removed:
        parts.append(f"हटाए गए: {_names(removed)}।")
    parts.append(f"स्रोत: {source}।")
    return " ".join(parts)
