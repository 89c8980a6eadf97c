"""An immutable in-memory snapshot of the knowledge base, read once from the store.

The whole knowledge base is a few thousand rows, so the engine answers from this snapshot and
never touches the database per question; a reload builds a new snapshot and swaps it whole.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from knowledge.answer import DistrictRef, ProductFact, StateRef


@dataclass(frozen=True)
class DistrictRec:
    id: int
    name: str
    state_id: int
    state: str
    lgd_code: int | None
    name_hi: str | None
    # (alias, kind) where kind is "source", "unverified" or "hindi"
    aliases: tuple[tuple[str, str], ...]
    source: str

    @property
    def ref(self) -> DistrictRef:
        return DistrictRef(self.name, self.state, self.lgd_code, self.id, self.name_hi)


@dataclass(frozen=True)
class StateRec:
    id: int
    name: str
    lgd_code: int | None
    name_hi: str | None

    @property
    def ref(self) -> StateRef:
        return StateRef(self.name, self.id, self.name_hi)


@dataclass(frozen=True)
class RoleRec:
    role: str
    holder: str
    basis: str  # "rule" or "reported"
    source: str
    as_of: str


@dataclass(frozen=True)
class PlanRec:
    district_id: int
    status: str  # unknown / draft / notified
    status_text: str
    as_of: str
    prepared_by: str
    scope: str
    note: str
    source: str


@dataclass(frozen=True)
class StatRec:
    as_of: str
    metric: str
    value: str
    unit: str
    source_url: str
    source_title: str
    note: str


@dataclass(frozen=True)
class AuthorityRec:
    id: int
    city: str
    state: str
    state_verified: bool
    status_note: str
    address: str
    phone: str
    email: str
    source: str
    # (state, scope, evidence_type, source)
    jurisdictions: tuple[tuple[str, str, str, str], ...]

    @property
    def closed(self) -> bool:
        return "closed" in self.status_note.lower()


@dataclass(frozen=True)
class CouncilRec:
    name: str
    short_name: str
    sector: str
    relevance: str
    website: str
    website_verified: bool
    source: str


@dataclass(frozen=True)
class FaqRec:
    topic: str
    question: str
    answer: str
    source: str
    as_of: str


@dataclass
class Catalog:
    states: list[StateRec] = field(default_factory=list)
    districts: list[DistrictRec] = field(default_factory=list)
    products: list[ProductFact] = field(default_factory=list)
    # ("SEPC", state_id, None) or ("DEPC", state_id, district_id) -> roles
    committees: dict[tuple[str, int, int | None], tuple[RoleRec, ...]] = field(
        default_factory=dict
    )
    plans: list[PlanRec] = field(default_factory=list)
    stats: list[StatRec] = field(default_factory=list)
    authorities: list[AuthorityRec] = field(default_factory=list)
    councils: list[CouncilRec] = field(default_factory=list)
    faqs: list[FaqRec] = field(default_factory=list)
    meta: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.reindex()

    def reindex(self) -> None:
        """Build the lookup tables derived from the lists."""
        self.state_by_id = {s.id: s for s in self.states}
        self.state_by_name = {s.name: s for s in self.states}
        self.district_by_id = {d.id: d for d in self.districts}
        self.district_by_lgd = {d.lgd_code: d for d in self.districts if d.lgd_code is not None}
        by_state: dict[int, list[DistrictRec]] = defaultdict(list)
        for d in self.districts:
            by_state[d.state_id].append(d)
        self.districts_by_state = {k: sorted(v, key=lambda d: d.name) for k, v in by_state.items()}
        products_by_district: dict[int, list[ProductFact]] = defaultdict(list)
        for p in self.products:
            products_by_district[p.district_id].append(p)
        self.products_by_district = dict(products_by_district)
        plans: dict[int, list[PlanRec]] = defaultdict(list)
        for plan in self.plans:
            plans[plan.district_id].append(plan)
        self.plans_by_district = dict(plans)
        self.faq_by_topic = {f.topic: f for f in self.faqs}
