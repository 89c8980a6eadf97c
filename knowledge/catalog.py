"""An immutable in-memory snapshot of the knowledge base, read once from the store.

The whole knowledge base is a few thousand rows, so the engine answers from this snapshot and
never touches the database per question; a reload builds a new snapshot and swaps it whole.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from typing import NamedTuple

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

    @cached_property
    def ref(self) -> DistrictRef:
        # made once: a long answer names thousands of districts
        return DistrictRef(self.name, self.state, self.lgd_code, self.id, self.name_hi)


@dataclass(frozen=True)
class StateRec:
    id: int
    name: str
    lgd_code: int | None
    name_hi: str | None

    @cached_property
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
    district_id: int | None  # None: about a whole State (state_id) or the country (neither)
    status: str  # a knowledge.status step
    status_text: str  # the source's own words
    as_of: str
    prepared_by: str
    scope: str
    note: str
    source: str
    state_id: int | None = None


@dataclass(frozen=True)
class StatRec:
    as_of: str
    metric: str
    value: str
    unit: str
    source_url: str
    source_title: str
    note: str


class JurisdictionRec(NamedTuple):
    """What one source said an office covers (indexable like the old 4-tuple)."""

    state: str
    scope: str
    evidence_type: str
    source: str
    as_of: str = ""
    note: str = ""
    office_text: str = ""


@dataclass(frozen=True)
class OfficeRec:
    """A District Industries Centre or State industries/export office."""

    state_id: int
    district_id: int | None
    office: str
    address: str
    phone: str
    email: str
    as_of: str
    source: str
    doubt: str


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
    jurisdictions: tuple[JurisdictionRec, ...]
    merged_into: str = ""
    merged_as_of: str = ""
    merged_source: str = ""

    @property
    def closed(self) -> bool:
        return bool(self.merged_into) or "closed" in self.status_note.lower()


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
    question_hi: str = ""
    answer_hi: str = ""


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
    # jurisdiction evidence that names no office (a national notice, an unnamed DGFT officer)
    loose_jurisdictions: list[JurisdictionRec] = field(default_factory=list)
    offices: list[OfficeRec] = field(default_factory=list)
    # everyday word -> words or phrases of official product names (vocabulary.py)
    synonyms: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # short form -> (State, kind): "guj", "UP", "C.G." (vocabulary.StateForm)
    state_forms: dict[str, tuple[str, str]] = field(default_factory=dict)
    # (former name, State, successor names, year, source): districts divided since
    splits: tuple[tuple[str, str, tuple[str, ...], str, str], ...] = ()

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
        state_plans: dict[int, list[PlanRec]] = defaultdict(list)
        self.national_plans = []
        for plan in self.plans:
            if plan.district_id is not None:
                plans[plan.district_id].append(plan)
            elif plan.state_id is not None:
                state_plans[plan.state_id].append(plan)
            else:
                self.national_plans.append(plan)
        self.plans_by_district = dict(plans)
        self.plans_by_state = dict(state_plans)
        self.authority_by_city = {a.city: a for a in self.authorities}
        offices: dict[int, list[OfficeRec]] = defaultdict(list)
        state_offices: dict[int, list[OfficeRec]] = defaultdict(list)
        for office in self.offices:
            if office.district_id is not None:
                offices[office.district_id].append(office)
            else:
                state_offices[office.state_id].append(office)
        self.offices_by_district = dict(offices)
        self.offices_by_state = dict(state_offices)
        self.faq_by_topic = {f.topic: f for f in self.faqs}
