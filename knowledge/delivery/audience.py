"""Naming an audience: "all", "state:Bihar", "district:Moradabad", "product:makhana".

Used by `odop-bot broadcast --audience` and by the admin's /broadcast in the chat. Names are
matched after folding (case, accents, punctuation); a district name shared by two States is
ambiguous and must say which: "district:Aurangabad, Bihar". A product is a product word read
as the engine reads it (knowledge.concepts): "product:pyaz" is onion, and reaches everyone
who follows a product word naming any of the same official products.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from knowledge import concepts, store
from knowledge.concepts import Concept
from knowledge.delivery.models import ALL, DISTRICT, PRODUCT, STATE
from knowledge.delivery.outbox import Target
from knowledge.index import Index
from knowledge.models import District, DistrictAlias, State
from knowledge.normalise import fold
from knowledge.vocabulary import name_terms

KINDS = (ALL, STATE, DISTRICT, PRODUCT)


class BadAudience(ValueError):
    """An audience that names nothing, or more than one thing.

    `reason` ("syntax", "no_name", "no_state", "no_district", "ambiguous", "no_product") and
    `values` let the chat say it in the admin's language; str() is the English line."""

    def __init__(self, message: str, reason: str = "syntax", **values: str) -> None:
        super().__init__(message)
        self.reason = reason
        self.values = values


@dataclass(frozen=True)
class Audience:
    targets: tuple[Target, ...]
    label: str  # "all", "state:Bihar", "district:Agra (Uttar Pradesh)", "product:Makhana"


def parse(session: Session, spec: str, index: Index | None = None) -> Audience:
    """Resolve `spec` to what it targets; raise BadAudience with a one-line reason.

    `index` reads product words (the engine's; built from the session if not given)."""
    kind, _, name = spec.strip().partition(":")
    kind = kind.strip().lower()
    name = name.strip()
    if kind == ALL and not name:
        return Audience((Target(ALL),), "all")
    if kind not in KINDS or kind == ALL:
        raise BadAudience(
            f"audience must be all, state:NAME, district:NAME or product:NAME, not {spec!r}",
            "syntax", spec=spec,
        )
    if not fold(name):
        raise BadAudience(f"audience {kind}: needs a name", "no_name", kind=kind)
    if kind == STATE:
        return _state(session, name)
    if kind == DISTRICT:
        return _district(session, name)
    return _product(index or Index(store.load_catalog(session)), name)


def _state(session: Session, name: str) -> Audience:
    wanted = fold(name)
    for state_id, state_name, name_hi in session.execute(
        select(State.id, State.name, State.name_hi)
    ).all():
        if wanted in (fold(state_name), fold(name_hi or "")):
            return Audience((Target(STATE, str(state_id)),), f"state:{state_name}")
    raise BadAudience(f"no State or UT named {name!r}", "no_state", name=name)


def _district(session: Session, name: str) -> Audience:
    district_name, _, state_name = name.partition(",")
    wanted, in_state = fold(district_name), fold(state_name)
    rows = session.execute(
        select(District.id, District.name, State.name, District.name_hi)
        .join(State, State.id == District.state_id)
    ).all()
    aliases: dict[int, set[str]] = {}
    for district_id, alias in session.execute(
        select(DistrictAlias.district_id, DistrictAlias.alias)
    ).all():
        aliases.setdefault(district_id, set()).add(fold(alias))
    found = [
        (did, dname, sname) for did, dname, sname, hi in rows
        if (wanted in (fold(dname), fold(hi or "")) or wanted in aliases.get(did, ()))
        and (not in_state or in_state == fold(sname))
    ]
    if not found:
        raise BadAudience(f"no district named {name!r}", "no_district", name=name)
    if len(found) > 1:
        options = "; ".join(f"district:{d}, {s}" for _, d, s in found[:5])
        raise BadAudience(f"{name!r} names {len(found)} districts; say which: {options}",
                          "ambiguous", name=name, count=str(len(found)), options=options)
    did, dname, sname = found[0]
    return Audience(
        (Target(DISTRICT, str(did)), Target(STATE, str(_state_id(session, did)))),
        f"district:{dname} ({sname})",
    )


def _state_id(session: Session, district_id: int) -> int:
    return int(session.scalar(select(District.state_id).where(District.id == district_id)) or 0)


def _product(index: Index, name: str) -> Audience:
    found = concepts.concept(name, index)
    if found is None:
        near = concepts.suggestions(name, index)
        names = " or ".join(f"product:{n}" for n in near)
        hint = "; did you mean " + names if near else ""
        raise BadAudience(f"no product named {name!r}{hint}", "no_product", name=name,
                          near=" / ".join(f"product:{n}" for n in near))
    return Audience((about(found, index),), f"product:{found.label}")


def following(found: Concept) -> Target:
    """What a subscription to a product concept stores (its terms go to product_concepts)."""
    return Target(PRODUCT, found.key, found.terms)


def about(found: Concept, index: Index) -> Target:
    """A message about a product concept: it reaches the followers of every concept that
    names one of the official products this one names (and of this one)."""
    terms = set(found.terms)
    for name in {index.catalog.products[i].name for i in concepts.products(found, index)}:
        terms |= name_terms(name)
    return Target(PRODUCT, found.key, tuple(sorted(terms)))


def followable_product(found: Concept) -> Audience:
    """What a 🔔 Follow button on a product answer names."""
    return Audience((following(found),), found.label)


def followable(session: Session, kind: str, ident: int) -> Audience | None:
    """What a 🔔 Follow button names: a district or State (by id), or everything; products
    are concepts (`followable_product`)."""
    if kind == ALL:
        return Audience((Target(ALL),), "everything")
    if kind == DISTRICT:
        row = session.execute(
            select(District.name, State.name).join(State, State.id == District.state_id)
            .where(District.id == ident)
        ).first()
        return None if row is None else Audience(
            (Target(DISTRICT, str(ident)),), f"{row[0]} ({row[1]})"
        )
    if kind == STATE:
        name = session.scalar(select(State.name).where(State.id == ident))
        return None if name is None else Audience((Target(STATE, str(ident)),), name)
    return None
