"""The plain values the engine returns; renderers turn them into chat HTML, CLI text or JSON."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from knowledge.status import Conflict

Intent = Literal[
    "district_products",
    "product_districts",
    "state_overview",
    "plan_status",
    "committee",
    "contact",
    "dgft_office",
    "stats",
    "about",
    "help",
    "outside",
    "unknown",
]
INTENTS: tuple[Intent, ...] = (
    "district_products",
    "product_districts",
    "state_overview",
    "plan_status",
    "committee",
    "contact",
    "dgft_office",
    "stats",
    "about",
    "help",
    "outside",
    "unknown",
)


@dataclass(frozen=True)
class DistrictRef:
    name: str
    state: str
    lgd_code: int | None
    id: int = field(default=0, compare=False)
    name_hi: str | None = field(default=None, compare=False)

    def public(self) -> dict[str, Any]:
        return _pick(self, "name", "state", "lgd_code")


@dataclass(frozen=True)
class StateRef:
    name: str
    id: int = field(default=0, compare=False)
    name_hi: str | None = field(default=None, compare=False)

    def public(self) -> dict[str, Any]:
        return {"name": self.name}


@dataclass(frozen=True)
class ProductFact:
    name: str
    district: str
    state: str
    gi: bool
    sector: str
    category: str
    id: int = 0
    district_id: int = 0
    lgd_code: int | None = None
    description: str = ""
    ministry: str = ""
    source: str = ""
    as_of: str = ""

    def public(self) -> dict[str, Any]:
        return _pick(self, "name", "district", "state", "gi", "sector", "category")


@dataclass(frozen=True)
class Contact:
    role: str
    name: str
    email: str = ""
    phone: str = ""
    address: str = ""
    note: str = ""
    source: str = ""
    website: str = ""
    # Words a source wrote (an office's jurisdiction as its page gives it, a status note): shown
    # in their own language, marked as quoted, after `note` (our own words).
    quoted: str = ""
    # The name is a source's text (a reported office-holder, a council's own name), not ours.
    quoted_name: bool = False

    def public(self) -> dict[str, Any]:
        return _pick(self, "role", "name", "email", "phone", "address")


@dataclass(frozen=True)
class Fact:
    metric: str
    value: str
    as_of: str
    source: str
    note: str = ""
    # Words a source wrote about the fact, shown in their own language and marked as quoted.
    quoted: str = ""
    # Hindi of metric and value where the data has it (the FAQ); else the glossary's.
    metric_hi: str = ""
    value_hi: str = ""
    # plan evidence: the source's own words, and how strong the evidence is
    # (knowledge.status.strength: "document", "official", "officer", "report", "statement")
    words: str = ""
    evidence: str = ""

    def public(self) -> dict[str, Any]:
        return _pick(self, "metric", "value", "as_of", "source")


@dataclass(frozen=True)
class Option:
    """One choice offered when a name fits several districts."""

    label: str
    district: DistrictRef

    def public(self) -> dict[str, Any]:
        return {"label": self.label, "district": self.district.public()}


# A side question's reply names this many of the product's places, then counts the rest.
OUTSIDE_PLACES = 3


@dataclass(frozen=True)
class Page:
    """One page of a long list, asked for by a chat: page `number` (from 0) of `size` items."""

    number: int = 0
    size: int = 15


@dataclass(frozen=True)
class Paged:
    """What an Answer that carries one page of a long list knows of the whole list.

    The page is `number` (from 0; a page past the end is the last) of `pages`; `items` counts
    what the reply lists one per line in the whole list (a product list's products, a State
    overview's districts); `districts` the districts it names, `gi` whether every product is
    GI-tagged, `names` its distinct product names up to 2 (one, or several).
    """

    number: int
    pages: int
    items: int
    districts: int
    gi: bool
    names: int


@dataclass(frozen=True)
class Answer:
    query: str
    intent: Intent
    clarify: tuple[Option, ...] = ()
    districts: tuple[DistrictRef, ...] = ()
    states: tuple[StateRef, ...] = ()
    products: tuple[ProductFact, ...] = ()
    contacts: tuple[Contact, ...] = ()
    facts: tuple[Fact, ...] = ()
    sources: tuple[str, ...] = ()
    # Names close to what was asked, offered when the question could not be placed.
    suggestions: tuple[str, ...] = ()
    # The product words the question asked about ("carpet"), if any.
    topic: str = ""
    # The same as the question wrote them, where a synonym was read ("haldi" for the topic
    # "turmeric"): the words a 🔔 Follow button follows (they name every product listed).
    written: str = ""
    # Plan evidence where a later source says less than an earlier one: shown, never merged.
    conflicts: tuple[Conflict, ...] = ()
    # An ask-back: the words of the question it is about, and for a divided district
    # ("24 parganas") the year it was divided. Intent "product_districts": the State the
    # question named (so a title never adds one); "unknown": the words not understood.
    asked: str = ""
    divided: str = ""
    # intent "outside": the kind of side question ("price", "howto", "tax", ...);
    # intent "unknown": "place" when the words not understood stand where a place would
    side: str = ""
    # intent "stats": how many of the facts lead the answer (the figures asked for)
    focus: int = 0
    # a definition ("what is a DEPC"): the term defined, a topic of faq.csv
    defines: str = ""
    # The question was longer than the engine reads; `query` is the part it read.
    truncated: bool = False
    # A district card asked for its LGD code ("lgd code of agra", "lgd 187"): it shows it.
    lgd_asked: bool = False
    # Hindi names of districts the answer names but does not list in `districts` (a product's
    # districts in a side answer, a suggestion): (English name, Hindi name).
    names_hi: tuple[tuple[str, str], ...] = field(default=(), compare=False)
    # Set when `products` (and `districts`) are one page of a long list (Engine.ask with a
    # Page): the whole list's totals. `states` and `facts` always describe the whole list.
    paged: Paged | None = None

    @property
    def district_count(self) -> int:
        """How many districts the whole list names."""
        return self.paged.districts if self.paged is not None else len(self.districts)

    @property
    def all_gi(self) -> bool:
        """Whether every product of the whole list is GI-tagged."""
        return self.paged.gi if self.paged is not None else all(p.gi for p in self.products)

    @property
    def one_product_name(self) -> bool:
        """Whether the whole list is of one product name (in several districts, say)."""
        if self.paged is not None:
            return self.paged.names == 1
        return len({p.name for p in self.products}) == 1

    def to_public(self, text: str) -> dict[str, Any]:
        """Return the JSON shape of `odop-bot ask --json` (every key always present)."""
        return {
            "query": self.query,
            "intent": self.intent,
            "clarify": [o.public() for o in self.clarify],
            "districts": [d.public() for d in self.districts],
            "states": [s.public() for s in self.states],
            "products": [p.public() for p in self.products],
            "contacts": [c.public() for c in self.contacts],
            "facts": [f.public() for f in self.facts],
            "sources": list(self.sources),
            "text": text,
        }


def _pick(value: object, *names: str) -> dict[str, Any]:
    """The public JSON fields of a value, in the order given."""
    return {name: getattr(value, name) for name in names}
