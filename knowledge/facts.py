"""Assemble Answers from the catalog: what is known, with its source and date, and who to ask."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence, Set
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import chain, compress
from operator import attrgetter, methodcaller, not_
from typing import TYPE_CHECKING

from knowledge import dgft, figures, offices, plans
from knowledge.answer import (
    OUTSIDE_PLACES,
    Answer,
    Contact,
    DistrictRef,
    Fact,
    Intent,
    Page,
    Paged,
    ProductFact,
    StateRef,
)
from knowledge.catalog import (
    AuthorityRec,
    Catalog,
    CouncilRec,
    DistrictRec,
    FaqRec,
    JurisdictionRec,
    StatRec,
)
from knowledge.index import Index
from knowledge.listing import Ranking
from knowledge.normalise import fold, stem

if TYPE_CHECKING:
    from knowledge.parse import Parsed

DGFT_HELPDESK = Contact(
    role="DGFT helpdesk",
    name="Directorate General of Foreign Trade — helpdesk on the DGFT website",
    address="https://www.dgft.gov.in",
    source="dgft.gov.in",
)
PLAN_METRICS = (
    "draft District Export Action Plans prepared by DGFT RAs",
    "District Export Action Plans formally notified by DEPCs",
    "draft District Action Plans prepared by DGFT RAs",
    "District Action Plans notified by DEPCs",
    "draft District Export Action Plans prepared by DGFT regional authorities",
)


class Facts:
    """Builds each kind of Answer from one catalog."""

    def __init__(self, catalog: Catalog, index: Index) -> None:
        self.catalog = catalog
        # The matching index's words of the products: a council question about a common word
        # reads thousands of products' names.
        self._index = index
        self._name_stems = index.name_stems
        self.product_source = catalog.meta.get(
            "products_source", "ODOP product list V31 (DPIIT / Invest India ODOP portal)"
        )
        self.product_as_of = catalog.meta.get("products_as_of", "2025-07-07")
        self._council_words = {c.name: _council_words(c) for c in catalog.councils}
        self._council_vocabulary = frozenset().union(*self._council_words.values())
        # Folded once per catalog, so a contact question reads only its own State's offices.
        self._scoped_offices, self._offices_by_city = _office_tables(catalog)
        self._coverage = dgft.Coverage(catalog)
        # Long lists answered a page at a time: products in answer order, and each State's
        # overview (its districts' lines) laid out once.
        self.ranking = Ranking(catalog.products)
        self._overviews = {state_id: _overview(catalog, ds)
                           for state_id, ds in catalog.districts_by_state.items()}

    # --- products -----------------------------------------------------------------------
    def district_products(self, query: str, d: DistrictRec, topic: Sequence[str]) -> Answer:
        products = self.catalog.products_by_district.get(d.id, [])
        wanted = _topic_words(topic, self.catalog.synonyms)
        ordered = sorted(products, key=lambda p: (not _mentions(p, wanted), p.name))
        return Answer(
            query=query,
            intent="district_products",
            districts=(d.ref,),
            states=(self._state_ref(d.state_id),),
            products=tuple(ordered),
            facts=(self._plan_fact(d),),
            sources=(self._product_source(),),
            topic=" ".join(topic),
            conflicts=plans.conflicts_of(self.catalog.plans_by_district.get(d.id, [])),
        )

    def product_districts(
        self, query: str, ids: Set[int], state_id: int | None, topic: Sequence[str],
        page: Page | None = None,
    ) -> Answer:
        """Where the products `ids` (positions in the catalog's list) are listed; with `page`,
        only that page of them, and the whole list's totals."""
        ranking = self.ranking
        elsewhere = 0
        state = ""
        scope: str | None = None
        if state_id is not None:
            state = self.catalog.state_by_id[state_id].name
            in_state = ranking.in_state(ids, state)
            elsewhere = len(ids) - len(in_state)
            if in_state:
                ids, scope = in_state, state
        facts_: tuple[Fact, ...] = ()
        if state_id is not None and elsewhere and scope is None:
            facts_ = (Fact("districts of this product in the State asked", "0", "", "", state),)
        listed = self.catalog.products
        paged: Paged | None = None
        if page is None or len(ids) <= page.size:
            products = [listed[i] for i in ranking.ordered(ids)]
            state_names: Iterable[str] = (p.state for p in products)
        else:
            whole = ranking.summary(ids, scope)
            pages = -(-whole.items // page.size)
            number = max(0, min(page.number, pages - 1))
            start = number * page.size
            products = [listed[i] for i in ranking.window(ids, start, start + page.size, scope)]
            state_names = whole.states
            paged = Paged(number, pages, whole.items, whole.districts, whole.gi, whole.names)
        # dicts keep first-seen order and make "seen before?" cheap for long lists
        districts: dict[int, DistrictRef] = {}
        for p in products:
            if p.district_id not in districts:
                districts[p.district_id] = self.catalog.district_by_id[p.district_id].ref
        states = {name: self.catalog.state_by_name[name].ref for name in state_names}
        return Answer(
            query=query,
            intent="product_districts",
            asked=state,
            districts=tuple(districts.values()),
            states=tuple(states.values()),
            products=tuple(products),
            facts=facts_,
            sources=(self._product_source(),) if products else (),
            topic=" ".join(topic),
            paged=paged,
        )

    def state_overview(
        self, query: str, state_id: int, sector: str | None, gi: bool, page: Page | None = None
    ) -> Answer:
        """A State's products, one line per district; with `page`, only that page's lines."""
        overview = self._overviews.get(state_id, _EMPTY_OVERVIEW)
        if page is not None and not (sector or gi) and overview.lines > page.size:
            return self._state_overview_page(query, state_id, overview, page)
        districts = self.catalog.districts_by_state.get(state_id, [])
        products = [p for d in districts for p in self.catalog.products_by_district.get(d.id, [])]
        if sector:
            products = [p for p in products if p.sector == sector]
        if gi:
            products = [p for p in products if p.gi]
        with_products = [d.ref for d in districts if d.id in self.catalog.products_by_district]
        answer = Answer(
            query=query,
            intent="state_overview",
            districts=tuple(with_products),
            states=(self._state_ref(state_id),),
            products=tuple(products),
            facts=self._overview_facts(len(products), len(with_products),
                                       sum(p.gi for p in products)),
            sources=(self._product_source(),),
        )
        return answer if page is None else _overview_page(answer, page)

    def _state_overview_page(
        self, query: str, state_id: int, overview: _Overview, page: Page
    ) -> Answer:
        """One page of a State's overview, from its lines laid out when the engine was built."""
        pages = -(-overview.lines // page.size)
        number = max(0, min(page.number, pages - 1))
        shown = overview.page(number * page.size, (number + 1) * page.size)
        by_district = self.catalog.products_by_district
        return Answer(
            query=query,
            intent="state_overview",
            districts=tuple(d.ref for line in shown for d in line),
            states=(self._state_ref(state_id),),
            products=tuple(p for line in shown for d in line for p in by_district[d.id]),
            facts=self._overview_facts(overview.products, len(overview.with_products),
                                       overview.gi),
            sources=(self._product_source(),),
            paged=Paged(number, pages, overview.lines, len(overview.with_products),
                        overview.gi == overview.products, _names(chain.from_iterable(
                            map(by_district.__getitem__, map(_ID, overview.with_products))))),
        )

    def _overview_facts(self, products: int, districts: int, gi: int) -> tuple[Fact, ...]:
        return (
            Fact("ODOP products", str(products), self.product_as_of, self._product_source()),
            Fact("districts with ODOP products", str(districts), self.product_as_of,
                 self._product_source()),
            Fact("GI-tagged ODOP products", str(gi), self.product_as_of, self._product_source()),
        )

    # --- plans --------------------------------------------------------------------------
    def plan_status(self, query: str, d: DistrictRec) -> Answer:
        evidence = self._plan_facts(d)
        national = self._latest_plan_stats()
        return Answer(
            query=query,
            intent="plan_status",
            districts=(d.ref,),
            states=(self._state_ref(d.state_id),),
            contacts=self._who_knows(d),
            facts=(*evidence, *national),
            sources=_unique(f.source for f in (*evidence, *national) if f.source),
            conflicts=plans.conflicts_of(self.catalog.plans_by_district.get(d.id, [])),
        )

    def state_plans(self, query: str, state_id: int) -> Answer:
        districts = self.catalog.districts_by_state.get(state_id, [])
        # What a source said about the whole State first, then each district's evidence.
        state = self.catalog.state_by_id[state_id].name
        whole = plans.facts_of(self.catalog.plans_by_state.get(state_id, []), state)
        evidence = [*whole, *(f for d in districts if d.id in self.catalog.plans_by_district
                              for f in plans.facts_of(self.catalog.plans_by_district[d.id],
                                                      d.name))]
        national = self._latest_plan_stats()
        refs = tuple(d.ref for d in districts if d.id in self.catalog.plans_by_district)
        conflicts = tuple(c for d in districts for c in plans.conflicts_of(
            self.catalog.plans_by_district.get(d.id, [])))
        return Answer(
            query=query,
            intent="plan_status",
            districts=refs,
            states=(self._state_ref(state_id),),
            contacts=(*self._state_authorities(state_id),
                      *offices.state_offices(self.catalog, state_id), DGFT_HELPDESK),
            facts=(*evidence, *national),
            sources=_unique(f.source for f in (*evidence, *national) if f.source),
            conflicts=conflicts,
        )

    def national_plans(self, query: str) -> Answer:
        rows = [s for s in self.catalog.stats if s.metric in PLAN_METRICS]
        stats = tuple(_stat_fact(s) for s in sorted(rows, key=lambda s: s.as_of))
        # national statements about plans (not counts) come after the figures
        facts_ = (*stats, *plans.facts_of(self.catalog.national_plans))
        return Answer(query=query, intent="plan_status", facts=facts_,
                      contacts=(DGFT_HELPDESK,), sources=_unique(f.source for f in facts_))

    def _plan_facts(self, d: DistrictRec) -> list[Fact]:
        rows = self.catalog.plans_by_district.get(d.id, [])
        if not rows:
            return [Fact("export plan status", "unknown", "", "no district record in our sources")]
        return plans.facts_of(rows)

    def _plan_fact(self, d: DistrictRec) -> Fact:
        return self._plan_facts(d)[0]

    def _latest_plan_stats(self) -> list[Fact]:
        rows = [s for s in self.catalog.stats if s.metric in PLAN_METRICS]
        if not rows:
            return []
        latest = max(s.as_of for s in rows)
        return [_stat_fact(s, national=True) for s in rows if s.as_of == latest]

    # --- committees ---------------------------------------------------------------------
    def district_committee(self, query: str, d: DistrictRec) -> Answer:
        roles = self.catalog.committees.get(("DEPC", d.state_id, d.id), ())
        sepc = self.catalog.committees.get(("SEPC", d.state_id, None), ())
        contacts = [_role_contact("DEPC", r) for r in roles]
        contacts += [_role_contact("SEPC", r) for r in sepc]
        # the committee's recorded meetings and decisions, at the step each source states
        rows = self.catalog.plans_by_district.get(d.id, [])
        records = plans.facts_of(plans.committee_rows(rows))
        return Answer(
            query=query,
            intent="committee",
            districts=(d.ref,),
            states=(self._state_ref(d.state_id),),
            contacts=tuple(contacts),
            facts=tuple(records),
            sources=_unique((*(r.source for r in (*roles, *sepc)), *(f.source for f in records))),
        )

    def state_committee(self, query: str, state_id: int) -> Answer:
        roles = self.catalog.committees.get(("SEPC", state_id, None), ())
        return Answer(
            query=query,
            intent="committee",
            states=(self._state_ref(state_id),),
            contacts=tuple(_role_contact("SEPC", r) for r in roles),
            sources=_unique(r.source for r in roles),
        )

    def committees_explained(self, query: str) -> Answer:
        faqs = [f for f in self.catalog.faqs if f.topic in ("depc", "sepc", "deap")]
        return Answer(query=query, intent="committee",
                      facts=tuple(_faq_fact(f) for f in faqs),
                      sources=_unique(f.source for f in faqs))

    # --- DGFT offices -------------------------------------------------------------------
    def dgft_office(self, query: str, d: DistrictRec) -> Answer:
        return dgft.district_answer(self.catalog, query, d, self._coverage)

    def dgft_state_office(self, query: str, state_id: int) -> Answer:
        return dgft.state_answer(self.catalog, query, state_id, self._coverage)

    def dgft_office_unplaced(self, query: str, suggestions: list[str]) -> Answer:
        """No place named, or one we don't know: say so and point to dgft.gov.in. With no place
        at all ("DGFT zonal offices", "how many RAs"), the offices we know: the zonal ones and
        every open office of our list (closed and merged ones and extension counters left
        out)."""
        if suggestions:
            return Answer(query=query, intent="dgft_office", contacts=(dgft.HELPDESK,),
                          suggestions=tuple(suggestions))
        listed = [a for a in self.catalog.authorities if not a.closed and not dgft.counter(a)]
        zonal = [a for a in listed if "zonal office" in a.status_note.casefold()]
        facts_ = (
            Fact(dgft.ZONAL, ", ".join(a.city for a in zonal), "", _zonal_source(zonal)),
            Fact(dgft.LISTED, ", ".join(a.city for a in listed), "", _first_source(listed)),
        ) if listed else ()
        return Answer(query=query, intent="dgft_office", contacts=(dgft.HELPDESK,),
                      facts=facts_, sources=_unique(f.source for f in facts_ if f.source))

    # --- contacts -----------------------------------------------------------------------
    def district_contacts(self, query: str, d: DistrictRec, topic: Sequence[str]) -> Answer:
        products = self.catalog.products_by_district.get(d.id, [])
        wanted = _topic_words(topic, self.catalog.synonyms)
        councils = self._councils(wanted, _words_of(products, wanted, self._name_stems))
        contacts = (*self._who_knows(d), *councils)
        return Answer(
            query=query,
            intent="contact",
            districts=(d.ref,),
            states=(self._state_ref(d.state_id),),
            products=tuple(products),
            contacts=contacts,
            sources=_unique(c.source for c in contacts if c.source),
            topic=" ".join(topic),
        )

    def state_contacts(self, query: str, state_id: int) -> Answer:
        contacts = (*self._state_authorities(state_id),
                    *offices.state_offices(self.catalog, state_id), DGFT_HELPDESK)
        return Answer(query=query, intent="contact", states=(self._state_ref(state_id),),
                      contacts=contacts, sources=_unique(c.source for c in contacts if c.source))

    def general_contacts(self, query: str, product_ids: set[int], parsed: Parsed) -> Answer:
        """The councils (and DGFT helpdesk) for the products `product_ids` (positions in the
        catalog) and the words asked."""
        wanted = _topic_words(parsed.topic, self.catalog.synonyms)
        wanted |= {stem(w) for w in parsed.words}
        councils: tuple[Contact, ...] = ()
        if product_ids or parsed.topic:
            councils = self._councils(wanted, self._index.words_of(
                product_ids, wanted, self._council_vocabulary))
        named = tuple(_council_contact(c) for c in self.catalog.councils
                      if c.name in parsed.councils)
        councils = (*named, *(c for c in councils if c not in named))
        if not councils and parsed.words and any(w in _COUNCIL_KINDS for w in parsed.words):
            councils = tuple(_council_contact(c) for c in self.catalog.councils)
        contacts = (*councils, DGFT_HELPDESK)
        return Answer(query=query, intent="contact", contacts=contacts,
                      sources=_unique(c.source for c in contacts if c.source),
                      topic=" ".join(parsed.topic))

    def _who_knows(self, d: DistrictRec) -> tuple[Contact, ...]:
        """The people who would know about a district: its DEPC convener and DGFT office."""
        roles = self.catalog.committees.get(("DEPC", d.state_id, d.id), ())
        out = [_role_contact("DEPC", r) for r in roles if r.role == "convener"]
        out += offices.district_offices(self.catalog, d.id, d.state_id)
        out += self._district_authorities(d)
        out.append(DGFT_HELPDESK)
        return tuple(out)

    def _district_authorities(self, d: DistrictRec) -> list[Contact]:
        names = {fold(d.name), *(fold(a) for a, _k in d.aliases)}
        scoped = self._scoped_offices.get(d.state, {})
        in_city = {n for name in names for n in self._offices_by_city.get(name, ())}
        direct: list[Contact] = []
        for n in sorted(scoped.keys() | in_city):
            if len(direct) == dgft.MAX_LISTED:
                break  # the first few; the DGFT helpdesk, listed after them, knows the rest
            ra = self.catalog.authorities[n]
            evidence = next(
                (j for scope, j in scoped.get(n, ()) if any(_names_in(x, scope) for x in names)),
                None,
            )
            if evidence is not None:
                direct.append(_authority_contact(ra, evidence[2], evidence[3], evidence[1]))
            elif n in in_city and not ra.closed:
                direct.append(_authority_contact(ra, "DGFT office located in this district"))
            elif n in in_city and ra.merged_into in self.catalog.authority_by_city:
                # the district's own office closed: the office that took over its work
                successor = self.catalog.authority_by_city[ra.merged_into]
                when = f" ({ra.merged_as_of})" if ra.merged_as_of else ""
                direct.append(_authority_contact(
                    successor, f"took over the closed {ra.city} office{when}", ra.merged_source))
        if direct:
            # one line per office: a merged office and its successor's own row name one office
            return [c for n, c in enumerate(direct) if c.name not in {x.name for x in direct[:n]}]
        return self._state_authorities(d.state_id)

    def _state_authorities(self, state_id: int) -> list[Contact]:
        state = self.catalog.state_by_id[state_id].name
        # the first few (the DGFT helpdesk, listed after them, knows every office)
        offices = self._coverage.in_state.get(state, [])[: dgft.MAX_LISTED]
        note = ("DGFT office in this State; which office covers a given district is not "
                "in our sources")
        return [_authority_contact(ra, note) for ra in offices]

    def _councils(self, wanted: set[str], named: set[str]) -> tuple[Contact, ...]:
        """The councils whose words were asked for, or are words (`named`) of the products
        asked about, best first."""
        words = wanted | named
        scored = [(len(self._council_words[c.name] & wanted), len(self._council_words[c.name]
                   & words), -n, c) for n, c in enumerate(self.catalog.councils)]
        hits = [c for asked, shared, _n, c in sorted(scored, reverse=True, key=lambda t: t[:3])
                if asked or shared]
        return tuple(_council_contact(c) for c in hits[:4])

    # --- scheme-level -------------------------------------------------------------------
    def stats(self, query: str, question_words: Sequence[str] = ()) -> Answer:
        """The figures over time; a counting question gets the figure it asks for first."""
        asked = figures.families(question_words)
        if asked:
            focused = self._figure(query, asked, figures.year_asked(question_words))
            if focused is not None:
                return focused
        rows = sorted(self.catalog.stats, key=lambda s: s.as_of)
        facts_ = tuple(_stat_fact(s) for s in rows)
        loaded = (
            Fact("ODOP products in the loaded official list", str(len(self.catalog.products)),
                 self.product_as_of, self._product_source()),
            Fact("districts with ODOP products in the loaded official list",
                 str(len(self.catalog.products_by_district)), self.product_as_of,
                 self._product_source()),
        )
        return Answer(query=query, intent="stats", facts=(*facts_, *loaded),
                      sources=_unique(f.source for f in (*facts_, *loaded)))

    def _figure(self, query: str, asked: list[str], year: str | None = None) -> Answer | None:
        """Lead with the latest value of each family asked for (the latest of the year asked
        for, or before it: "notified in 2022"), then up to 3 earlier ones."""
        lead: list[Fact] = []
        history: list[Fact] = []
        for family in asked:
            metrics = figures.FAMILIES.get(family, ())
            rows = sorted((s for s in self.catalog.stats if s.metric in metrics),
                          key=lambda s: s.as_of, reverse=True)
            then = [r for r in rows if year and r.as_of[:4].isdigit() and r.as_of[:4] <= year]
            if then and year and year < self.product_as_of[:4]:
                lead.append(_stat_fact(then[0]))
            elif family in ("products", "gi", "districts"):
                # the loaded official list is the latest and firmest count of these
                lead.append(self._loaded_figure(family))
            elif rows:
                dated = [r for r in rows if r.as_of[:4].isdigit()] or rows
                lead.append(_stat_fact(dated[0]))
            history += [f for f in map(_stat_fact, rows) if f not in lead]
        # dated figures newest first, then the undated and reported ones
        history.sort(key=lambda f: (f.as_of[:4].isdigit(), f.as_of), reverse=True)
        if not lead:
            return None
        facts_ = (*lead, *history[:3])
        return Answer(query=query, intent="stats", facts=facts_, focus=len(lead),
                      sources=_unique(f.source for f in facts_))

    def _loaded_figure(self, family: str) -> Fact:
        if family == "gi":
            count = sum(p.gi for p in self.catalog.products)
            metric = "GI-tagged products in the official ODOP list"
        elif family == "districts":
            count = len(self.catalog.products_by_district)
            metric = "districts with ODOP products in the official list"
        else:
            count = len(self.catalog.products)
            metric = "ODOP products in the official list"
        return Fact(metric, str(count), self.product_as_of, self._product_source())

    def about(self, query: str, words: Sequence[str]) -> Answer:
        faqs = self.catalog.faqs
        asked = {stem(w) for w in words}
        if "gi" in asked:
            chosen = [f for f in faqs if f.topic == "gi"]
        else:
            chosen = [f for f in faqs if f.topic in ("odop", "deh", "origin")]
        facts_ = tuple(_faq_fact(f) for f in chosen)
        return Answer(query=query, intent="about", facts=facts_,
                      sources=_unique(f.source for f in facts_))

    def outside(
        self, query: str, side: str, ids: Set[int], districts: list[DistrictRec], topic: str,
        page: Page | None = None,
    ) -> Answer:
        """A question about a product that asks something we do not know (its price, how to
        grow it): say so, and give the one thing we know, where it is an ODOP product (`ids`,
        positions in the catalog's list; those of the districts named, if any). With `page`,
        only the products of the first places the reply names, and the count of all."""
        named = {d.id for d in districts}
        listed = self.catalog.products
        if page is None:
            products = [listed[i] for i in sorted(ids)]
            local = [p for p in products if p.district_id in named]
            return Answer(query=query, intent="outside", side=side, topic=topic,
                          products=tuple(local or products),
                          sources=(self._product_source(),))
        ids = self.ranking.in_districts(ids, named) or ids
        whole = self.ranking.summary(ids, states=False)
        first = self.ranking.first_places(ids, OUTSIDE_PLACES)
        return Answer(query=query, intent="outside", side=side, topic=topic,
                      products=tuple(listed[i] for i in first),
                      sources=(self._product_source(),),
                      paged=Paged(0, 1, whole.items, whole.districts, whole.gi, whole.names))

    def define(self, query: str, term: str) -> Answer:
        """What a term means ("what is a DEPC"): its definition and source, not figures."""
        faq = self.catalog.faq_by_topic.get(term)
        if faq is None:
            return self.about(query, [term])
        facts_ = (_faq_fact(faq),)
        intent: Intent = "committee" if term in ("depc", "sepc") else "about"
        return Answer(query=query, intent=intent, facts=facts_, defines=term,
                      sources=_unique(f.source for f in facts_))

    def help(self, query: str) -> Answer:
        return Answer(query=query, intent="help")

    def unknown(
        self, query: str, suggestions: list[str], asked: str = "", place: bool = False
    ) -> Answer:
        """Nothing we know; `asked` is the words we could not place, `place` says they stand
        where a place would."""
        return Answer(query=query, intent="unknown", suggestions=tuple(suggestions),
                      asked=asked, side="place" if place and asked else "")

    # --- helpers ------------------------------------------------------------------------
    def _state_ref(self, state_id: int) -> StateRef:
        return self.catalog.state_by_id[state_id].ref

    def _product_source(self) -> str:
        return f"{self.product_source}, as of {self.product_as_of}"


@dataclass(frozen=True)
class _Overview:
    with_products: Sequence[DistrictRec]
    # The reply's lines where two districts of the State share a name (and so a line): each
    # name's districts, in the order of the State's districts. None: a line per district.
    shared: Sequence[tuple[DistrictRec, ...]] | None
    products: int
    gi: int

    @property
    def lines(self) -> int:
        return len(self.with_products) if self.shared is None else len(self.shared)

    def page(self, start: int, stop: int) -> Sequence[tuple[DistrictRec, ...]]:
        if self.shared is None:
            return [(d,) for d in self.with_products[start:stop]]
        return self.shared[start:stop]


_EMPTY_OVERVIEW = _Overview((), None, 0, 0)
_ID = attrgetter("id")
_SECTOR = attrgetter("sector")
_NAME = attrgetter("name")
_GI = attrgetter("gi")


def _overview(catalog: Catalog, districts: Sequence[DistrictRec]) -> _Overview:
    """A State's overview as its reply lists it, counted in C: a line per district name."""
    by_district = catalog.products_by_district
    with_products = [d for d in districts if d.id in by_district]
    products = list(chain.from_iterable(map(by_district.__getitem__, map(_ID, with_products))))
    names = list(map(_NAME, with_products))
    lines = None
    if len(set(names)) < len(names):
        grouped: dict[str, list[DistrictRec]] = {}
        for d in with_products:
            grouped.setdefault(d.name, []).append(d)
        lines = [tuple(ds) for ds in grouped.values()]
    return _Overview(with_products, lines, len(products), sum(map(_GI, products)))


def _names(products: Iterable[ProductFact]) -> int:
    """How many distinct names `products` have, counted up to 2."""
    names = map(_NAME, products)
    first = next(names, None)
    if first is None:
        return 0
    return 1 if all(map(first.__eq__, names)) else 2


def _overview_page(answer: Answer, page: Page) -> Answer:
    """Page `page` of an overview composed whole: its lines are its districts' names, as the
    reply groups its products (a narrowed overview, "GI products of Bihar" asked as a State)."""
    lines: dict[str, list[ProductFact]] = {}
    for p in answer.products:
        lines.setdefault(p.district, []).append(p)
    if len(lines) <= page.size:
        return answer
    pages = -(-len(lines) // page.size)
    number = max(0, min(page.number, pages - 1))
    shown = list(lines)[number * page.size : (number + 1) * page.size]
    names = set(shown)
    return replace(
        answer,
        districts=tuple(d for d in answer.districts if d.name in names),
        products=tuple(p for name in shown for p in lines[name]),
        paged=Paged(number, pages, len(lines), len(answer.districts), answer.all_gi,
                    _names(answer.products)),
    )


def _stat_fact(s: StatRec, national: bool = False) -> Fact:
    source = s.source_title + (f" — {s.source_url}" if s.source_url else "")
    metric = f"India: {s.metric}" if national else s.metric
    return Fact(metric, s.value, s.as_of, source, s.note)


def _faq_fact(f: FaqRec) -> Fact:
    return Fact(f.question, f.answer, f.as_of, f.source, metric_hi=f.question_hi,
                value_hi=f.answer_hi)


def _role_contact(kind: str, r: object) -> Contact:
    role = getattr(r, "role", "")
    # "attended a meeting of the DEPC": attendance is never a role of the committee
    title = f"{role} of the {kind}" if role.startswith("attended") else f"{kind} {role}"
    basis = getattr(r, "basis", "")
    note = "as the Handbook of Procedures prescribes" if basis == "rule" else "as reported"
    as_of = getattr(r, "as_of", "")
    return Contact(role=title, name=getattr(r, "holder", ""),
                   note=f"{note} ({as_of})" if as_of else note, source=getattr(r, "source", ""),
                   quoted_name=basis != "rule")


def _authority_contact(
    ra: AuthorityRec, note: str, source: str = "", jurisdiction: str = ""
) -> Contact:
    quoted = "; ".join(x for x in (jurisdiction, ra.status_note) if x)
    return Contact(
        role="DGFT Regional Authority",
        name=f"DGFT Regional Authority, {ra.city}",
        email=ra.email,
        phone=ra.phone,
        address=ra.address,
        note=note,
        source=source or ra.source,
        quoted=quoted,
    )


def _zonal_source(zonal: Sequence[AuthorityRec]) -> str:
    """Where the offices are said to be zonal (the citizen charter, added to their rows)."""
    for a in zonal:
        for part in a.source.split(" ; "):
            if "citizencharter" in part or "citizen charter" in part:
                return part.split("zonal status:")[-1].strip()
    return _first_source(zonal)


def _first_source(listed: Sequence[AuthorityRec]) -> str:
    """The list's own source (its first part, before a row's later additions)."""
    return listed[0].source.split(" | ")[0].split(" ; ")[0] if listed else ""


# Words asking for a council of any kind ("which EPC", "export body"): all of them, if no
# product narrows the list.
_COUNCIL_KINDS = frozenset(["epc", "council", "councils", "board", "body", "bodies", "agency"])


def _council_contact(c: CouncilRec) -> Contact:
    website = c.website if c.website else ""
    note = c.sector + ("" if c.website_verified or not website else "; website unverified")
    return Contact(role="Export Promotion Council", name=f"{c.name} ({c.short_name})",
                   note=note, source=c.source, website=website, quoted_name=True)


def _council_words(c: CouncilRec) -> set[str]:
    ignore = {"and", "product", "products", "district", "districts", "ministry", "of", "e",
              "g", "etc", "goods", "other", "commodity", "board", "statutory", "authority",
              "not", "an", "epc", "textile", "textiles", "processed", "export", "exports",
              "council", "promotion", "india", "indian", "unit", "units",
              # kinds of body, not what a council covers ("apex body": FIEO is no answer to
              # "spices export body")
              "body", "bodies", "agency", "agencies"}
    text = fold(f"{c.sector} {c.relevance}")
    return {stem(w) for w in text.split() if w not in ignore and len(w) > 2}


def _topic_words(topic: Iterable[str], synonyms: dict[str, tuple[str, ...]]) -> set[str]:
    out: set[str] = set()
    for word in topic:
        for target in synonyms.get(word, (word,)):
            out |= {stem(w) for w in target.split()}
    return out


def _words_of(
    products: Iterable[ProductFact], wanted: set[str], stems_of: Mapping[str, frozenset[str]]
) -> set[str]:
    """The stems of the names and sectors of the products that mention a wanted word (all
    of them when nothing is wanted), as `_mentions` and `_stems` read them one by one;
    `stems_of`: the stems of a name (or sector), as `_stems` makes them.

    A question about a common word reads thousands of products: each name is read once, and
    every step runs in C, with no Python code and no new tuple per product (a burst of
    tuples wakes the cyclic collector, which walks the whole catalog). The words of "name
    sector" are the name's and the sector's, as `fold` works word by word.
    """
    products = list(products)
    names = list(set(map(_NAME, products)))
    stems = list(map(stems_of.__getitem__, names))
    words = set().union(*stems)
    if wanted:
        # the words of the names that start with a wanted word; a name mentions a wanted word
        # when it has one of those
        hit = set(filter(methodcaller("startswith", tuple(wanted)), words))
        keep = list(map(not_, map(hit.isdisjoint, stems)))
        if not all(keep):
            said = set(compress(names, keep))
            words = set().union(*compress(stems, keep))
            products = list(compress(products, map(said.__contains__, map(_NAME, products))))
    return words.union(*map(stems_of.__getitem__, set(map(_SECTOR, products))))


def _mentions(p: ProductFact, wanted: set[str]) -> bool:
    if not wanted:
        return False
    words = _stems(p.name)
    return bool(words & wanted) or any(w.startswith(x) for w in words for x in wanted)


@lru_cache(maxsize=1 << 16)
def _stems(text: str) -> frozenset[str]:
    """The stems of the words of a product's name (or name and sector): a question about a
    common word reads thousands of them, and names repeat."""
    return frozenset(stem(w) for w in fold(text).split())


def _office_tables(
    catalog: Catalog,
) -> tuple[dict[str, dict[int, list[tuple[str, JurisdictionRec]]]], dict[str, list[int]]]:
    """Per State, the offices (by position) with their folded scopes there; offices by city."""
    scoped: dict[str, dict[int, list[tuple[str, JurisdictionRec]]]] = defaultdict(dict)
    by_city: dict[str, list[int]] = defaultdict(list)
    for n, ra in enumerate(catalog.authorities):
        by_city[fold(ra.city.split("(")[0])].append(n)
        for j in ra.jurisdictions:
            # "Punjab except Amritsar, ...": only the part before "except" says what is covered
            scoped[j[0]].setdefault(n, []).append((dgft.included_scope(j[1]), j))
    return dict(scoped), dict(by_city)


def _names_in(name: str, text: str) -> bool:
    return f" {name} " in f" {text} "


def _unique(items: Iterable[str]) -> tuple[str, ...]:
    out: list[str] = []
    for item in items:
        if item and item not in out:
            out.append(item)
    return tuple(out)
