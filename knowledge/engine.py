"""The query engine: free text in, an Answer out. Pure: it reads only the catalog snapshot."""

from __future__ import annotations

import bisect
import copy
import gc
import itertools
import re
from collections.abc import Iterable, Iterator
from collections.abc import Set as AbstractSet
from contextlib import contextmanager
from dataclasses import replace

from knowledge import facts, lexicon
from knowledge.answer import Answer, DistrictRef, Intent, Option, Page, ProductFact, StateRef
from knowledge.catalog import Catalog, DistrictRec
from knowledge.index import Index, Target
from knowledge.normalise import fold, fold_many, sound
from knowledge.parse import Mention, Parsed, parse

_HINT_CUES: dict[str, str] = {
    "plan_status": "plan",
    "committee": "committee",
    "contact": "contact",
    "dgft_office": "dgft_office",
    "stats": "stats",
    "about": "about",
    "help": "help",
}


# Suggestions ("did you mean") are looked for for at most this many words not understood.
_SUGGESTED_WORDS = 8

_LABEL = re.compile(r"(.+) \((.+)\)")


class Engine:
    """Answers questions from one catalog snapshot; build a new Engine to reload.

    `previous`: the engine this one replaces. Where the catalog names the same States,
    districts, products, councils and words as its catalog (a reload after a plan's status,
    a committee or a contact changed: the usual write), its matching index is reused, not
    rebuilt: the names are what the index is made of, and at 100x today's knowledge building
    it is most of a reload.
    """

    index: Index
    _folded_names: list[tuple[str, int]]
    _names_hi: dict[tuple[str, str], str]

    def __init__(self, catalog: Catalog, previous: Engine | None = None) -> None:
        self.catalog = catalog
        with _collector_paused():
            if previous is not None and same_names(previous.catalog, catalog):
                self.index = copy.copy(previous.index)
                self.index.catalog = catalog
                self._folded_names = previous._folded_names
                self._names_hi = previous._names_hi
            else:
                self.index = Index(catalog)
                self._folded_names, self._names_hi = _name_tables(catalog)
            self.facts = facts.Facts(catalog, self.index)

    # --- entry points -------------------------------------------------------------------
    def ask(self, text: str, hint: Intent | None = None, page: Page | None = None) -> Answer:
        """Answer free text; `hint` says what kind of answer a command asked for.

        With `page`, a long list (a product's districts, a State's overview) comes as that page
        of it, with the whole list's totals (`Answer.paged`): a chat shows one page at a time,
        and the work is the page's, not the list's. Without, the whole list.
        """
        query = text.strip()
        if hint in ("help", "about") and not query:
            return self.facts.help(query) if hint == "help" else self.facts.about(query, [])
        parsed = parse(query, self.index)
        if hint in _HINT_CUES:
            parsed.cues.add(_HINT_CUES[hint])
        answer = self._with_hindi_names(self._answer(parsed, hint, page))
        if parsed.asks_lgd and answer.intent == "district_products" and answer.districts:
            answer = replace(answer, lgd_asked=True)
        return replace(answer, truncated=True) if parsed.truncated else answer

    def district(self, district_id: int, intent: Intent = "district_products") -> Answer:
        d = self.catalog.district_by_id.get(district_id)
        if d is None:
            return Answer(query=str(district_id), intent="unknown")
        return self._district_answer(d.name, d, intent, topic=[])

    def state(
        self, state_id: int, intent: Intent = "state_overview", page: Page | None = None
    ) -> Answer:
        s = self.catalog.state_by_id.get(state_id)
        if s is None:
            return Answer(query=str(state_id), intent="unknown")
        return self._state_answer(s.name, s.id, intent, sector=None, gi=False, page=page)

    def product(self, name: str, state_id: int | None = None, page: Page | None = None) -> Answer:
        parsed = parse(name, self.index)
        ids = parsed.product_ids or {
            i for i, p in enumerate(self.catalog.products) if fold(p.name) == fold(name)
        }
        return self.facts.product_districts(name, ids, state_id, [name], page)

    def _with_hindi_names(self, answer: Answer) -> Answer:
        """Add the Hindi names of districts the answer names outside `districts`, so a Hindi
        reply can write each place as it writes the others ("शेखपुरा (Sheikhpura)")."""
        listed = {d.name for d in answer.districts}
        found: dict[str, str] = {}
        for p in answer.products:
            if p.district not in listed and p.district not in found:
                d = self.catalog.district_by_id.get(p.district_id)
                if d is not None and d.name_hi:
                    found[d.name] = d.name_hi
        for label in answer.suggestions:
            m = _LABEL.fullmatch(label)
            name_hi = self._names_hi.get((m[2], m[1])) if m else None
            if m and name_hi:
                found[m[1]] = name_hi
        return replace(answer, names_hi=tuple(found.items())) if found else answer

    def by_lgd(self, code: int) -> DistrictRef | None:
        d = self.catalog.district_by_lgd.get(code)
        return None if d is None else d.ref

    def suggest(self, text: str, limit: int = 50) -> list[Answer]:
        """Return cards for inline mode: the districts and products `text` points at."""
        parsed = parse(text, self.index)
        cards: list[Answer] = []
        seen: set[int] = set()
        for mention in parsed.mentions:
            for kind, ident in sorted(mention.targets):
                if kind == "d" and ident not in seen:
                    seen.add(ident)
                    cards.append(self.district(ident))
                elif kind == "s":
                    for d in self.catalog.districts_by_state.get(ident, []):
                        if d.id not in seen:
                            seen.add(d.id)
                            cards.append(self.district(d.id))
        for product in self._products(parsed.product_ids):
            if product.district_id not in seen:
                seen.add(product.district_id)
                cards.append(self.district(product.district_id))
        prefix = fold(parsed.text)
        if not cards and len(prefix) >= 2:
            # Sorted folded names: the districts starting with `prefix` are one slice of them.
            names = self._folded_names
            start = bisect.bisect_left(names, (prefix,))
            for name, ident in itertools.islice(names, start, None):
                if not name.startswith(prefix) or len(cards) >= limit:
                    break
                cards.append(self.district(ident))
        return cards[:limit]

    # --- deciding -----------------------------------------------------------------------
    def _answer(self, parsed: Parsed, hint: Intent | None, page: Page | None) -> Answer:
        query = parsed.text
        if parsed.lgd_code is not None:
            d = self.catalog.district_by_lgd.get(parsed.lgd_code)
            if d is not None:
                return self._district_answer(query, d, hint or "district_products", [])
        states = self._states(parsed.mentions)
        # read once: each read of Parsed.product_ids makes the set anew (thousands of ids)
        product_ids = parsed.product_ids
        districts, options, asked = self._districts(parsed.mentions, states, product_ids)
        cues = parsed.cues
        # "how to export makhana" is ours; "export price of makhana" is still a price.
        # ("salary of GM DIC": an official's pay is no contact question)
        ours = (cues & {"committee", "plan", "contact"} and parsed.side != "jobs") or (
            parsed.side == "howto" and any(w in lexicon.EXPORT_WORDS for w in parsed.words))
        if "off_topic" in cues and not ours:
            # "onion price today": not a district card, but what we know about the word.
            if product_ids:
                return self.facts.outside(query, parsed.side or "other", product_ids,
                                          districts, " ".join(parsed.topic), page)
            # "loan for an ODOP unit", "salary of GM DIC": outside, with nothing to list
            if any(w in lexicon.ODOP_TERMS for w in parsed.words):
                return self.facts.outside(query, parsed.side or "other", set(), [], "")
            # "weather in Patna": a place alone does not make an off-topic question ours.
            return self.facts.unknown(query, [])
        if not (districts or options or states or product_ids) and _odop_of_unplaced(parsed):
            # "lahore ka odop kya hai": the ODOP of a place we do not know, not what ODOP is
            return self.facts.unknown(query, self._suggestions(parsed),
                                      " ".join(parsed.unplaced[:3]), True)
        if parsed.defines and not (districts or options or states or product_ids) and (
            "stats" not in cues and "status" not in parsed.words and hint is None
        ):
            return self.facts.define(query, parsed.defines)
        if parsed.asks_lgd and not (districts or options or states or product_ids or cues
                                    or hint or any(w.isdigit() for w in parsed.words)):
            # "lgd code" with no district: what the code is, and how to look one up (a
            # number that is no code, "lgd 99999", stays unknown)
            return self.facts.define(query, "lgd")
        intent = self._intent(parsed, hint, bool(districts or options), bool(states),
                              bool(product_ids))
        if options:
            return Answer(
                query=query,
                intent=intent,
                clarify=tuple(options),
                states=tuple(self.catalog.state_by_id[s].ref for s in states),
                topic=" ".join(parsed.topic),
                asked=asked,
                divided=self.index.former.get(asked, ("", ""))[0],
                sources=(self.index.former[asked][1],) if asked in self.index.former else (),
            )
        if intent == "unknown":
            return self.facts.unknown(query, self._suggestions(parsed),
                                      " ".join(parsed.unplaced[:3]), _place_shaped(parsed))
        if intent in _TOPIC_INTENTS and not (districts or states or product_ids
                                             or parsed.councils or parsed.defines):
            # "depc gotham", "dgft office for wakanda": a place we do not know, not the
            # committee explained
            place = _topic_place(parsed)
            if place:
                return self.facts.unknown(query, self._suggestions(parsed), place, True)
        if intent == "dgft_office" and not (districts or states):
            return self.facts.dgft_office_unplaced(query, self._suggestions(parsed))
        if districts and intent in ("district_products", "plan_status", "committee", "contact",
                                    "dgft_office"):
            return self._district_answer(query, districts[0], intent, parsed.topic)
        if intent == "product_districts":
            return self._product_list(query, parsed, product_ids, states, page)
        if states:
            return self._state_answer(query, states[0], intent, parsed.sector, parsed.gi, page)
        return self._general_answer(query, intent, parsed, product_ids)

    def _product_list(
        self, query: str, parsed: Parsed, product_ids: set[int], states: list[int],
        page: Page | None,
    ) -> Answer:
        """Where the products asked about are listed. Products are narrowed as sets of their
        positions in the catalog (a common word names thousands); the list is ordered only
        as far as the page shown (knowledge/listing.py)."""
        ranking = self.facts.ranking
        state_id = states[0] if states else None
        ids: AbstractSet[int] = product_ids
        # "marine products of Kerala": the State's sector when no name matches there
        if parsed.sector and state_id is not None and not ranking.in_state(
                ids, self.catalog.state_by_id[state_id].name):
            ids = self.index.sector_products.get(parsed.sector, set())
        if parsed.gi:
            ids = ids & ranking.gi if ids else ranking.gi
        # "muga silk manipur": product words that meet only in another State's name ("Eri,
        # Muga & Assam Silk") widen as a phrase's words do
        wider = parsed.wider or (parsed.product_sets if len(parsed.product_sets) > 1 else [])
        if state_id is not None and wider:
            ids = self._in_state_or_wider(ids, state_id, wider)
        answer = self.facts.product_districts(query, ids, state_id, parsed.topic, page)
        written = " ".join(parsed.written.get(t, t) for t in parsed.topic)
        return replace(answer, written=written) if written != answer.topic else answer

    def _intent(
        self, parsed: Parsed, hint: Intent | None, has_district: bool, has_state: bool,
        has_product_ids: bool,
    ) -> Intent:
        cues = parsed.cues
        has_product = has_product_ids or parsed.sector is not None
        if hint in ("district_products", "state_overview", "product_districts"):
            if hint == "district_products" and not has_district and has_state:
                return "state_overview"
            if hint == "state_overview" and has_district and not has_state:
                return "district_products"
            return hint
        if "stats" in cues and "dgft_office" in cues and "plan" not in cues and not (
                has_district or has_state):
            return "dgft_office"  # "how many DGFT offices": the offices, not the ODOP figures
        if "stats" in cues and not (has_district or has_state or has_product):
            return "stats"  # "how many DEPCs are notified" asks for a national figure
        if "dgft_office" in cues:
            return "dgft_office"  # "which DGFT office covers X": the office, not a committee
        if "committee" in cues:
            return "committee"
        if "plan" in cues:
            return "plan_status"
        if "contact" in cues:
            return "contact"
        if "stats" in cues and not (has_district or has_product):
            return "state_overview" if has_state else "stats"
        if has_district:
            return "district_products"
        asks_products = any(w in lexicon.PRODUCT_LIST_WORDS for w in parsed.words)
        if has_product or (parsed.gi and (has_state or asks_products)):
            return "product_districts"
        if has_state:
            return "state_overview"
        if not (parsed.gi or "about" in cues) and _place_shaped(parsed):
            return "unknown"  # "odop of london": a place we do not know, not the About page
        if parsed.gi or "about" in cues or "odop" in parsed.words:
            return "about"
        if "help" in cues:
            return "help"
        if "stats" in cues:
            return "stats"
        return "unknown"

    def _states(self, mentions: Iterable[Mention]) -> list[int]:
        out: list[int] = []
        for m in mentions:
            ids = [i for kind, i in m.targets if kind == "s"]
            districts = [i for kind, i in m.targets if kind == "d"]
            # "Delhi" names both a State and districts; as a place on its own it is the State.
            if ids and (len(ids) == 1) and ids[0] not in out:
                out.append(ids[0])
            elif ids and not districts:
                out.extend(i for i in ids if i not in out)
        return out

    def _districts(
        self, mentions: Iterable[Mention], states: list[int], product_ids: set[int]
    ) -> tuple[list[DistrictRec], list[Option], str]:
        """Return the districts meant, or the options to ask about when a name is shared
        (with the words that named them)."""
        chosen: list[DistrictRec] = []
        mentions = every = list(mentions)
        # Read only when a mention may name a district (a list question has thousands of ids).
        making = self.facts.ranking.districts_of(product_ids) if any(
            not any(kind == "s" for kind, _ in m.targets) for m in mentions) else set()
        if any(m.exact and any(k == "d" for k, _ in m.targets) for m in mentions):
            # A whole name outranks a fragment or a near miss elsewhere in the question.
            mentions = [m for m in mentions if m.exact]
        for m in mentions:
            if any(kind == "s" for kind, _ in m.targets):
                continue
            if m.how == "fuzzy" and m.score < 90 and making and not (
                {i for _k, i in m.targets} & making
            ):
                # "khurja pottery": a name one letter off (Khurda) that does not list the
                # product is more likely a town we don't know than a typo for that district.
                continue
            targets = set(m.targets)
            for t in list(targets):
                # Raigarh / Raigad: a name that sounds like another State's district is
                # ambiguous, unless it was typed as another of the district's names.
                for other in self.index.confusable.get(t, frozenset()):
                    if sound(self.catalog.district_by_id[other[1]].name) == sound(m.words):
                        targets.add(other)
            candidates = [self.catalog.district_by_id[i] for kind, i in sorted(targets)]
            if states:
                in_state = [d for d in candidates if d.state_id in states]
                candidates = in_state or candidates
            if len(candidates) > 1 and making:
                # "Hamirpur shoes": only one of the Hamirpurs lists shoes.
                candidates = [d for d in candidates if d.id in making] or candidates
            if len(candidates) > 1:
                # "tehri garwal", "subansiri lower": another word of the question names one of
                # them (alone, or among others)
                named = {i for other in every if other is not m
                         for kind, i in other.targets if kind == "d"}
                both = [d for d in candidates if d.id in named]
                candidates = both if len(both) == 1 else candidates
            if len(candidates) > 1:
                options = [_option(d) for d in sorted(candidates, key=_sort_key)]
                return [], options, m.words
            chosen.extend(d for d in candidates if d not in chosen)
        return chosen, [], ""

    def _in_state_or_wider(
        self, ids: AbstractSet[int], state_id: int, wider: list[set[int]]
    ) -> AbstractSet[int]:
        """"silk sarees of TN": when no product of the State has the whole phrase, the
        State's products named by all its words, else by any of them."""
        ranking = self.facts.ranking
        state = self.catalog.state_by_id[state_id].name
        if ranking.in_state(ids, state):
            return ids
        for found in (set.intersection(*wider), set.union(*wider)):
            in_state = ranking.in_state(found, state)
            if in_state:
                return in_state
        return ids

    def _products(self, ids: Iterable[int]) -> list[ProductFact]:
        return [self.catalog.products[i] for i in sorted(ids)]

    def _suggestions(self, parsed: Parsed) -> list[str]:
        out: list[str] = []
        # The first few words not understood: a question is a line or two, and a stranger's
        # forty junk words must not cost forty searches of every name.
        for word in parsed.unplaced[:_SUGGESTED_WORDS]:
            if len(out) >= 5:
                break  # as many as are offered: the words after add none
            if word in parsed.unlisted:
                continue  # a thing we know no district lists is no misspelt place
            for key in self.index.suggest_places(word):
                for kind, ident in sorted(self.index.places[key]):
                    if kind == "d":
                        d = self.catalog.district_by_id[ident]
                        label = f"{d.name} ({d.state})"
                    else:
                        label = self.catalog.state_by_id[ident].name
                    if label not in out:
                        out.append(label)
        return out[:5]

    # --- building -----------------------------------------------------------------------
    def _district_answer(
        self, query: str, d: DistrictRec, intent: Intent, topic: list[str]
    ) -> Answer:
        if intent == "plan_status":
            return self.facts.plan_status(query, d)
        if intent == "committee":
            return self.facts.district_committee(query, d)
        if intent == "contact":
            return self.facts.district_contacts(query, d, topic)
        if intent == "dgft_office":
            return self.facts.dgft_office(query, d)
        return self.facts.district_products(query, d, topic)

    def _state_answer(
        self, query: str, state_id: int, intent: Intent, sector: str | None, gi: bool,
        page: Page | None = None,
    ) -> Answer:
        if intent == "committee":
            return self.facts.state_committee(query, state_id)
        if intent == "contact":
            return self.facts.state_contacts(query, state_id)
        if intent == "plan_status":
            return self.facts.state_plans(query, state_id)
        if intent == "dgft_office":
            return self.facts.dgft_state_office(query, state_id)
        return self.facts.state_overview(query, state_id, sector, gi, page)

    def _general_answer(
        self, query: str, intent: Intent, parsed: Parsed, product_ids: set[int]
    ) -> Answer:
        if intent == "dgft_office":
            return self.facts.dgft_office_unplaced(query, [])
        if intent == "committee":
            return self.facts.committees_explained(query)
        if intent == "plan_status":
            return self.facts.national_plans(query)
        if intent == "contact":
            return self.facts.general_contacts(query, product_ids, parsed)
        if intent == "stats":
            return self.facts.stats(query, parsed.words)
        if intent == "help":
            return self.facts.help(query)
        return self.facts.about(query, parsed.words)


def same_names(old: Catalog, new: Catalog) -> bool:
    """Whether two catalogs hold the same names: all that the matching index is made of."""
    return all(getattr(old, part) == getattr(new, part) for part in _NAMED_PARTS)


# The parts of a catalog the matching index (and the engine's name tables) read.
_NAMED_PARTS = ("states", "districts", "products", "councils", "synonyms", "state_forms",
                "splits")


def _name_tables(
    catalog: Catalog,
) -> tuple[list[tuple[str, int]], dict[tuple[str, str], str]]:
    """For inline mode's "names starting with what was typed", the folded district names in
    order; and a suggestion's "Name (State)" -> the Hindi name, without reading the State's
    districts per question."""
    folded = sorted(zip(fold_many([d.name for d in catalog.districts]),
                        [d.id for d in catalog.districts], strict=True))
    names_hi: dict[tuple[str, str], str] = {}
    for state_id, ds in catalog.districts_by_state.items():
        state_name = catalog.state_by_id[state_id].name
        if catalog.state_by_name.get(state_name) is not catalog.state_by_id[state_id]:
            continue  # two States of one name: the label names the last
        for d in ds:
            if d.name_hi:
                names_hi[(state_name, d.name)] = d.name_hi
    return folded, names_hi


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while the index is built.

    The build makes hundreds of thousands of small sets and strings and no cycles; each
    collection it triggers walks the whole growing heap, a third of the build time at 100x
    today's knowledge. Reference counting still frees everything as usual.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        # Everything the build made survives it: set aside from the collector's scans, so
        # that re-enabling it does not walk it all once (half a second at 100x today's
        # knowledge) nor later, between questions. Reference counting still frees it.
        gc.freeze()
        if was_enabled:
            gc.enable()


_PLACE_BEFORE = frozenset(["of", "in", "from", "at", "se"])
_PLACE_AFTER = frozenset(["ka", "ki", "ke", "me", "mein", "का", "की", "के", "में", "odop",
                          "products", "product"])


_TOPIC_INTENTS = frozenset(["committee", "plan_status", "contact", "dgft_office"])
# Where a place stands in a question about a committee, a plan or an office: after an English
# preposition ("deap of X", "dgft office for X"). Not beside the topic's word alone ("deap
# approval", "depc formation" ask about the topic) nor before a Hinglish postposition ("deap
# approval ka status"): there a word we cannot place is far more often a word than a place.
_TOPIC_PLACE_BEFORE = frozenset(["of", "in", "from", "at", "for"])
# Word endings of nouns and verb forms, not of place names ("status of implementation",
# "deap in preparation", "depc for review": ...tion, ...ment, ...ed).
_NOT_PLACE_ENDINGS = ("tion", "tions", "sion", "sions", "ment", "ments", "ance", "ence",
                      "ness", "ity", "ities", "ship", "ing", "ings", "ed")


def _topic_place(parsed: Parsed) -> str:
    """The word we could not place that stands where the place of a committee, plan or office
    question would, after a preposition ("dgft office for wakanda"); not a word saying what
    about the topic is asked ("deap in hindi", "status of approval"). "" if none."""
    words = parsed.words
    for word in parsed.unplaced:
        if (word not in words or not word.isascii() or len(word) < 4
                or word in lexicon.TOPIC_ASPECT_WORDS or word.endswith(_NOT_PLACE_ENDINGS)):
            continue
        i = words.index(word)
        if i and words[i - 1] in _TOPIC_PLACE_BEFORE:
            return word
    return ""


def _place_shaped(parsed: Parsed) -> bool:
    """Whether a word we could not place stands where a place would ("products of dubai",
    "kathmandu ka odop")."""
    words = parsed.words
    for word in parsed.unplaced:
        if word not in words:
            continue
        i = words.index(word)
        before = words[i - 1] if i else ""
        after = words[i + 1] if i + 1 < len(words) else ""
        if before in _PLACE_BEFORE or after in _PLACE_AFTER:
            return True
    return False


_GENITIVES = frozenset(["ka", "ki", "ke", "का", "की", "के"])
_ODOP_WORDS = frozenset(["odop", "ओडीओपी"])


def _odop_of_unplaced(parsed: Parsed) -> bool:
    """Whether a word we could not place is the place whose ODOP is asked ("tokyo ka odop",
    "lahore odop kya hai"): before "ka/की/के odop", or first and right before "odop" (not
    "number of districts covered under odop")."""
    words = parsed.words
    for i, word in enumerate(words[:-1]):
        if word not in parsed.unplaced:
            continue
        nxt = words[i + 1]
        if (nxt in _ODOP_WORDS and i == 0) or (
                nxt in _GENITIVES and words[i + 2 : i + 3] and words[i + 2] in _ODOP_WORDS):
            return True
    return False


def _option(d: DistrictRec) -> Option:
    return Option(label=f"{d.name} ({d.state})", district=d.ref)


def _sort_key(d: DistrictRec) -> tuple[str, str]:
    return (d.state, d.name)


__all__ = ["Engine", "StateRef", "Target"]
